import { describe, expect, it } from 'vitest';
import { englishText } from '../../messages.ts';
import { seededRandom } from '../../random.ts';
import { mase } from '../metrics.ts';
import { DEFAULT_ENSEMBLE, MODEL_NAMES, runEnsemble, runModel } from '../ensemble.ts';
import { forecastSeriesSet, trainSetGlobals } from '../forecast.ts';
import type { SeriesSet } from '../../series/seriesSet.ts';
import { GLOBAL_QUANTILES, globalAttention, globalForecast, pickGlobal, timeDecayWeights, trainGlobal, trainGlobalModels, windowLossAndGradient, withAlpha, type GlobalModel } from './global.ts';

const finite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

/** Seasonal series of different sizes with mild noise (seeded). */
function seasonalSet(count: number, length: number, seed = 7): Float64Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const scale = 1 + 9 * random();
    const phase = i % 2 === 0 ? 0 : 0.2;
    return Float64Array.from({ length }, (_, t) => scale * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 52 + phase)) * (1 + 0.05 * (random() - 0.5)));
  });
}

const SMALL = { epochs: 3, hidden: 8, heads: 2, context: 60, minHistory: 26, originStride: 4, stepsPerWindow: 4, horizon: 13, members: 1 };

describe('time-decay attention weights', () => {
  const q = [1, -0.5];
  const keys = [0.7, -0.3, -1, 0.4, 0.2, 0.1]; // three keys of width 2
  const times = [10, 11, 12];

  it('α = 0 is plain scaled dot-product attention', () => {
    const out = new Float64Array(3);
    timeDecayWeights(q, keys, 3, 2, 20, times, 0, 52, out);
    const scores = [0, 1, 2].map((j) => (q[0]! * keys[2 * j]! + q[1]! * keys[2 * j + 1]!) / Math.sqrt(2));
    const e = scores.map(Math.exp);
    const total = e[0]! + e[1]! + e[2]!;
    e.forEach((v, j) => expect(out[j]!).toBeCloseTo(v / total, 12));
    // The query time does not matter when α = 0.
    const other = new Float64Array(3);
    timeDecayWeights(q, keys, 3, 2, 500, times, 0, 52, other);
    expect(Array.from(other)).toEqual(Array.from(out));
  });

  it('α adds −α·|Δ|/τ to each score, and a large α puts the weight on the most recent period', () => {
    const plain = new Float64Array(3);
    timeDecayWeights(q, keys, 3, 2, 20, times, 0, 52, plain);
    // Without decay the oldest key (j = 0) wins over the newest (j = 2).
    expect(plain[0]!).toBeGreaterThan(plain[2]!);
    const decayed = new Float64Array(3);
    timeDecayWeights(q, keys, 3, 2, 20, times, 2, 4, decayed);
    // Ratio of weights j = 0 vs j = 2 changes by exp(−α·(10 − 8)/τ) = exp(−1).
    expect(decayed[0]! / decayed[2]!).toBeCloseTo((plain[0]! / plain[2]!) * Math.exp(-1), 10);
    const recent = new Float64Array(3);
    timeDecayWeights(q, keys, 3, 2, 20, times, 1e4, 52, recent);
    expect(recent[2]!).toBeGreaterThan(0.999);
  });
});

describe('global forecaster', () => {
  const set = seasonalSet(12, 130);
  const model = trainGlobal(set, 52, SMALL);

  it('trains on every series and forecasts finite, ordered quantiles', () => {
    expect(model.windows).toBeGreaterThan(100);
    expect(model.seriesUsed).toBe(12);
    expect(Number.isFinite(model.finalLoss)).toBe(true);
    expect(model.notes.map(englishText)).toEqual([]);
    const f = globalForecast(model, set[0]!, 20);
    expect(f.point).toHaveLength(20);
    expect(f.quantiles).toHaveLength(GLOBAL_QUANTILES.length);
    for (let h = 0; h < 20; h++) {
      for (let k = 1; k < GLOBAL_QUANTILES.length; k++) expect(f.quantiles[k]![h]!).toBeGreaterThan(f.quantiles[k - 1]![h]!);
      expect(f.point[h]).toBe(f.quantiles[2]![h]);
    }
    expect(finite(f.point)).toBe(true);
  });

  it('the hand-written gradient matches finite differences', () => {
    const y = set[3]!;
    const steps = [1, 5, 13];
    const { gradient } = windowLossAndGradient(model, y, 100, steps);
    const random = seededRandom(3);
    let checked = 0;
    for (let trial = 0; trial < 40; trial++) {
      const i = Math.floor(random() * model.params.length);
      const bump = (delta: number): number => {
        const params = model.params.slice();
        params[i]! += delta;
        return windowLossAndGradient({ ...model, params }, y, 100, steps).loss;
      };
      const numeric = (bump(1e-6) - bump(-1e-6)) / 2e-6;
      // The pinball loss has kinks; skip the rare parameter whose bump crosses one.
      if (Math.abs(bump(1e-6) - 2 * bump(0) + bump(-1e-6)) > 1e-9) continue;
      expect(gradient[i]!).toBeCloseTo(numeric, 5);
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('α = 0 with a zero query attends uniformly; a large α attends to the last period', () => {
    // The first block of params is the query weights (heads × keyDim × 6 inputs).
    const params = model.params.slice().fill(0, 0, SMALL.heads * 4 * 6);
    const zeroQuery: GlobalModel = { ...model, params, members: [params] };
    const uniform = globalAttention(withAlpha(zeroQuery, 0), set[0]!, 1);
    expect(uniform).toHaveLength(2);
    for (const head of uniform) {
      expect(head).toHaveLength(60);
      for (const w of head) expect(w).toBeCloseTo(1 / 60, 12);
    }
    for (const head of globalAttention(withAlpha(model, 1e5), set[0]!, 3)) {
      expect(head[59]!).toBeGreaterThan(0.999);
      expect(head[0]!).toBeLessThan(1e-12);
    }
  });

  it('with several members, the forecast averages the members\' quantiles', () => {
    const two = trainGlobal(set, 52, { ...SMALL, members: 2 });
    expect(two.members).toHaveLength(2);
    expect(Array.from(two.members[0]!)).toEqual(Array.from(model.params)); // member 0 is the one-member model
    const mean = globalForecast(two, set[2]!, 6);
    const each = two.members.map((p) => globalForecast({ ...two, params: p, members: [p] }, set[2]!, 6));
    for (let k = 0; k < GLOBAL_QUANTILES.length; k++)
      for (let h = 0; h < 6; h++) expect(mean.quantiles[k]![h]!).toBeCloseTo((each[0]!.quantiles[k]![h]! + each[1]!.quantiles[k]![h]!) / 2, 12);
    expect(each[0]!.point[0]).not.toBe(each[1]!.point[0]);
  });

  it('caps the training windows with a seeded sample, and says so', () => {
    const capped = trainGlobal(set, 52, { ...SMALL, maxWindows: 50 });
    expect(model.windows).toBeGreaterThan(50);
    expect(capped.windows).toBe(50);
    expect(capped.notes.map(englishText)).toEqual([`The global model was trained on a random sample of 50 of the ${model.windows} history windows, to keep training short.`]);
    expect(Array.from(trainGlobal(set, 52, { ...SMALL, maxWindows: 50 }).params)).toEqual(Array.from(capped.params));
  });

  it('the same seed gives identical forecasts; another seed does not', () => {
    const again = trainGlobal(set, 52, SMALL);
    expect(Array.from(again.params)).toEqual(Array.from(model.params));
    expect(Array.from(globalForecast(again, set[5]!, 13).point)).toEqual(Array.from(globalForecast(model, set[5]!, 13).point));
    const other = trainGlobal(set, 52, { ...SMALL, seed: 99 });
    expect(Array.from(globalForecast(other, set[5]!, 13).point)).not.toEqual(Array.from(globalForecast(model, set[5]!, 13).point));
  });
});

describe('a shape only the set as a whole shows', () => {
  // 60 series, each 70 weeks long (less than two seasons), share one seasonal swing of ±50% but
  // each is buried in ±45% noise: one series cannot tell the swing from its noise, sixty can.
  const random = seededRandom(11);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const shape = (t: number) => 1 + 0.5 * Math.sin((2 * Math.PI * t) / 52);
  const length = 70 + 26;
  const full = Array.from({ length: 60 }, () => {
    const scale = Math.exp(gauss());
    return Float64Array.from({ length }, (_, t) => Math.max(0, scale * shape(t) * (1 + 0.45 * gauss())));
  });
  const train = full.map((y) => y.slice(0, 70));

  it('the global model beats every per-series model on MASE', () => {
    const model = trainGlobal(train, 52, { epochs: 15, minHistory: 26, originStride: 2, horizon: 26, members: 1 });
    const score = (forecast: (y: Float64Array) => Float64Array | undefined) => {
      let sum = 0;
      full.forEach((y, i) => {
        const f = forecast(train[i]!);
        expect(f && finite(f)).toBe(true);
        sum += mase(y.subarray(70), f!, train[i]!, 52);
      });
      return sum / full.length;
    };
    const global = score((y) => globalForecast(model, y, 26).point);
    const perSeries = MODEL_NAMES.filter((m) => m !== 'lead' && m !== 'global').map((name) => ({ name, mase: score((y) => runModel(name, { y, horizon: 26, period: 52 })) }));
    for (const other of perSeries) expect(global, `global ${global.toFixed(3)} vs ${other.name} ${other.mase.toFixed(3)}`).toBeLessThan(other.mase);
  });
});

describe('bad input: a note, never NaN', () => {
  it('one series: trained, with a note that nothing is learned across series', () => {
    const [only] = seasonalSet(1, 130);
    const model = trainGlobal([only!], 52, SMALL);
    expect(model.seriesUsed).toBe(1);
    expect(model.notes.map(englishText)).toEqual(['Only one series could be used: the global model has nothing to learn across series and is fitted to that series alone.']);
    const f = globalForecast(model, only!, 10);
    expect(finite(f.point)).toBe(true);
    expect(f.quantiles.every(finite)).toBe(true);
  });

  it('series too short to train on: untrained, forecasts repeat the recent level', () => {
    const short = [Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([2, 2, 4, 4])];
    const model = trainGlobal(short, 52, SMALL);
    expect(model.windows).toBe(0);
    expect(englishText(model.notes[0]!)).toMatch(/could not be trained; its forecasts repeat the recent level/);
    const f = globalForecast(model, short[0]!, 4);
    expect(Array.from(f.point)).toEqual([3.5, 3.5, 3.5, 3.5]);
    expect(f.notes.map(englishText)).toEqual(['The global model is untrained (no series was long enough): it repeats the recent level.']);
    const huge = globalForecast(model, [1e308, 1e308, 1e308], 2);
    expect(Array.from(huge.point)).toEqual([1e308, 1e308]);
  });

  it('constant, all-zero, empty and gappy series', () => {
    const set = [new Float64Array(100).fill(4), new Float64Array(100).fill(0), ...seasonalSet(3, 100)];
    const gappy = seasonalSet(1, 100, 5)[0]!;
    gappy[50] = NaN;
    const model = trainGlobal([...set, gappy], 52, SMALL);
    expect(model.seriesUsed).toBe(4); // the all-zero series has no window to scale; the gappy one is left out
    expect(model.notes.map(englishText)).toContain("1 series with missing or non-numeric values was left out of the global model's training (fill their gaps first).");
    const constant = globalForecast(model, set[0]!, 5);
    expect(Array.from(constant.point)).toEqual([4, 4, 4, 4, 4]);
    expect(constant.notes.map(englishText)).toEqual(['The series never changes: the global model repeats its value.']);
    const zero = globalForecast(model, Float64Array.from([...Array(60).fill(0), 3, ...Array(60).fill(0)]), 5);
    expect(Array.from(zero.point)).toEqual([0, 0, 0, 0, 0]);
    expect(zero.notes.map(englishText)).toEqual(['The series is zero over its last season: the global model forecasts zero.']);
    expect(globalForecast(model, [], 3).notes.map(englishText)).toEqual(['The series has no values: the global model forecasts zero.']);
    const gap = globalForecast(model, gappy, 3);
    expect(finite(gap.point)).toBe(true);
    expect(englishText(gap.notes[0]!)).toMatch(/missing or non-numeric values/);
    const huge = globalForecast(model, Float64Array.from({ length: 80 }, (_, t) => (t % 2 ? 1e308 : 5e307)), 3);
    expect(Array.from(huge.point)).toEqual([1e308, 1e308, 1e308]);
    expect(huge.notes.map(englishText)).toEqual(['The values are too large for the global model to compute with: it repeats the last value.']);
    const shortOne = globalForecast(model, Float64Array.from([1, 3, 2, 5, 4]), 3);
    expect(finite(shortOne.point)).toBe(true);
    expect(shortOne.notes.map(englishText)).toEqual(['The series has 5 periods; the global model learned from windows of at least 26, so this forecast is less sure.']);
  });
});

describe('the global model in the ensemble', () => {
  const set = seasonalSet(8, 160, 21);
  const models = ['seasonal-naive', 'profile', 'global'] as const;

  it('uses, at each origin, only a model trained on periods before it', () => {
    const trained = trainGlobalModels(set, 52, [160, 108, 134], SMALL);
    expect(trained.cuts).toEqual([108, 134, 160]);
    expect(pickGlobal(trained, 107)).toBeUndefined();
    expect(pickGlobal(trained, 150)).toBe(trained.models[1]);
    expect(pickGlobal(trained, 160)).toBe(trained.models[2]);
    const r = runEnsemble({ y: set[0]!.subarray(0, 160), horizon: 13, period: 52, global: { models: trained, offset: 0 } }, { ...DEFAULT_ENSEMBLE, models, folds: 2 });
    expect(r.folds).toBe(2);
    expect(r.skipped).toEqual([]);
    const global = r.scores.find((s) => s.model === 'global');
    expect(global && Number.isFinite(global.mase)).toBe(true);
    expect(Array.from(r.point).every(Number.isFinite)).toBe(true);
  });

  it('is left out, with the reason, when no model was trained before a backtest origin', () => {
    const onlyLatest = trainGlobalModels(set, 52, [160], SMALL);
    const r = runEnsemble({ y: set[1]!, horizon: 13, period: 52, global: { models: onlyLatest, offset: 0 } }, { ...DEFAULT_ENSEMBLE, models, folds: 2 });
    expect(r.skipped.map((s) => [s.model, englishText(s.reason)])).toEqual([['global', 'has no model trained on periods before this point in a backtest']]);
    expect(r.scores.map((s) => s.model)).toEqual(['seasonal-naive', 'profile']);
    // Without global models the global model does not compete at all.
    const none = runEnsemble({ y: set[1]!, horizon: 13, period: 52 }, { ...DEFAULT_ENSEMBLE, models, folds: 2 });
    expect(none.skipped).toEqual([]);
  });
});

describe('forecastSeriesSet with trainGlobal', () => {
  const values = seasonalSet(6, 160, 33);
  const week = 7 * 24 * 3600 * 1000;
  const set: SeriesSet = { dates: Array.from({ length: 160 }, (_, t) => Date.UTC(2015, 0, 5) + t * week), frequency: 'week', series: values.map((v, i) => ({ name: `s${i}`, values: v })), notes: [] };

  it('trains at the forecast origin and at each backtest origin', () => {
    const trained = trainSetGlobals(set, 13, 52, 2, SMALL);
    // Backtests of 13 steps at 147 and 134, forecast from 160.
    expect(trained.cuts).toEqual([134, 147, 160]);
  });

  it('lets the global model compete in every series\' ensemble; without it nothing changes', () => {
    const withGlobal = forecastSeriesSet(set, { horizon: 13, trainGlobal: SMALL });
    const without = forecastSeriesSet(set, { horizon: 13 });
    expect(withGlobal.notes).toBeUndefined();
    expect(without.notes).toBeUndefined();
    withGlobal.series.forEach((s, i) => {
      expect(s.scores.map((m) => m.model)).toContain('global');
      expect(without.series[i]!.scores.map((m) => m.model)).not.toContain('global');
      expect(Array.from(s.point).every(Number.isFinite)).toBe(true);
      expect(s.notes.map(englishText)).toEqual([]);
    });
  });
});
