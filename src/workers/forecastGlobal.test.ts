import { describe, expect, it } from 'vitest';
import { coreMessage, englishMessages, englishText, type MessageCode } from '../core/messages.ts';
import { coreMessageTables } from '../i18n/i18n.ts';
import { seededRandom } from '../core/random.ts';
import { GLOBAL_MIN_SERIES, globalCuts, globalDecision, globalTrainingKey, restoreGlobalModels, saveGlobalModels, type SavedGlobalModels } from '../core/forecast/globalSaved.ts';
import { globalForecast, trainGlobalModels } from '../core/forecast/models/global.ts';
import { createForecastHandlers } from './forecastHandlers.ts';
import type { ForecastRunParams, ForecastRunResult } from './forecastProtocol.ts';
import type { HandlerContext } from './handlers.ts';
import { MemoryGlobalModelStore } from './globalModelStore.ts';
import { CancelledError, type Progress } from './protocol.ts';

// Issue 16: the app's forecast worker trains the global model, lets it compete, and keeps it.
const SMALL = { epochs: 3, hidden: 8, heads: 2, context: 60, minHistory: 26, originStride: 4, stepsPerWindow: 4, horizon: 13, members: 1 };
const WEEKS = 160;
const week = 7 * 86_400_000;

/** `count` weekly series sharing a yearly swing, each at its own scale, with a little noise. */
function request(count: number, seed = 3): ForecastRunParams {
  const random = seededRandom(seed);
  const values = new Float64Array(count * WEEKS);
  for (let s = 0; s < count; s++) {
    const scale = 1 + 9 * random();
    for (let t = 0; t < WEEKS; t++) values[s * WEEKS + t] = scale * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 52 + (s % 2) * 0.3)) * (1 + 0.05 * (random() - 0.5));
  }
  const dates = Float64Array.from({ length: WEEKS }, (_, t) => Date.UTC(2016, 0, 4) + t * week);
  return { dates, frequency: 'week', names: Array.from({ length: count }, (_, s) => `s${s}`), values, horizon: 13, ensemble: { models: ['seasonal-naive', 'profile'] }, trainGlobal: true };
}

function context(progress: Progress[] = [], cancelAt?: number): HandlerContext {
  let checks = 0;
  return {
    cancelled: false,
    throwIfCancelled() {
      if (++checks === cancelAt) throw new CancelledError();
    },
    progress: (p) => progress.push(p),
  };
}

const codes = (result: ForecastRunResult) => result.notes.map((n) => n.code);

describe('the forecast worker and the global model', () => {
  const store = new MemoryGlobalModelStore();
  const handlers = createForecastHandlers({ store, globalOptions: SMALL });

  it('trains it across the series with progress, lets it compete in every backtest, and saves it', async () => {
    const progress: Progress[] = [];
    const { result } = await handlers['forecast.run'](request(GLOBAL_MIN_SERIES), context(progress));
    const passes = progress.filter((p) => p.stage === 'global');
    // Cut-offs 134, 147 and 160 (two 13-week backtests and the forecast origin) × 1 member × 3 epochs.
    expect(passes.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(passes.every((p) => p.total === 9 && p.message?.code === 'progress.training-global')).toBe(true);
    expect(codes(result)).toEqual(['global.trained']);
    expect(englishText(result.notes[0]!)).toMatch(/^The global model was trained across 8 series \(\d+ history windows\)/);
    for (const s of result.series) {
      const global = s.scores.find((x) => x.model === 'global');
      expect(global, s.name).toBeDefined();
      expect(Number.isFinite(global!.mase)).toBe(true);
      expect(s.scores.map((x) => x.model)).toEqual(['seasonal-naive', 'profile', 'global']);
    }
    expect(store.entries.size).toBe(1);
    expect(result.point.every(Number.isFinite)).toBe(true);
  });

  it('reuses the saved weights for the same series and settings: no training, the same forecasts', async () => {
    const first = (await createForecastHandlers({ globalOptions: SMALL })['forecast.run'](request(GLOBAL_MIN_SERIES), context())).result;
    const progress: Progress[] = [];
    const again = (await handlers['forecast.run'](request(GLOBAL_MIN_SERIES), context(progress))).result;
    expect(codes(again)).toEqual(['global.reused']);
    expect(progress.some((p) => p.stage === 'global')).toBe(false);
    expect(Array.from(again.point)).toEqual(Array.from(first.point));
    expect(Array.from(again.hi95)).toEqual(Array.from(first.hi95));
  });

  it('other values (another series set) get their own training', async () => {
    const other = (await handlers['forecast.run'](request(GLOBAL_MIN_SERIES, 4), context())).result;
    expect(codes(other)).toEqual(['global.trained']);
    expect(store.entries.size).toBe(2);
  });

  it('ignores damaged saved weights, says so, and trains again (with the same result)', async () => {
    const params = request(GLOBAL_MIN_SERIES);
    const key = [...store.entries.keys()][0]!;
    const saved = store.entries.get(key) as SavedGlobalModels;
    const intact = (await handlers['forecast.run'](request(GLOBAL_MIN_SERIES), context())).result;
    saved.models[1]!.members[0] = saved.models[1]!.members[0]!.subarray(0, 10); // cut short
    const progress: Progress[] = [];
    const retrained = (await handlers['forecast.run'](params, context(progress))).result;
    expect(codes(retrained)).toEqual(['global.saved-damaged', 'global.trained']);
    expect(progress.filter((p) => p.stage === 'global')).toHaveLength(9);
    expect(Array.from(retrained.point)).toEqual(Array.from(intact.point));
    // The save was replaced by a whole one.
    expect(codes((await handlers['forecast.run'](request(GLOBAL_MIN_SERIES), context())).result)).toEqual(['global.reused']);
  });

  it('stops training when cancelled, and saves nothing', async () => {
    const own = new MemoryGlobalModelStore();
    const cancelling = createForecastHandlers({ store: own, globalOptions: SMALL });
    await expect(cancelling['forecast.run'](request(GLOBAL_MIN_SERIES), context([], 3))).rejects.toBeInstanceOf(CancelledError);
    expect(own.entries.size).toBe(0);
  });

  it('too few series with two seasons: not trained, with the rule as a note', async () => {
    const progress: Progress[] = [];
    const { result } = await handlers['forecast.run'](request(GLOBAL_MIN_SERIES - 1), context(progress));
    expect(codes(result)).toEqual(['global.too-few-series']);
    expect(englishText(result.notes[0]!)).toBe('The global model (one model learned across all series) was not trained: it needs at least 8 series with two full seasons (104 periods) of history, but 7 series have that many.');
    expect(progress.some((p) => p.stage === 'global')).toBe(false);
    for (const s of result.series) expect(s.scores.map((x) => x.model)).toEqual(['seasonal-naive', 'profile']);
  });

  it('is left out when asked (trainGlobal: false) or when the models given leave it out', async () => {
    for (const params of [{ ...request(GLOBAL_MIN_SERIES), trainGlobal: false }, { ...request(GLOBAL_MIN_SERIES), trainGlobal: undefined }]) {
      const { result } = await handlers['forecast.run'](params, context());
      expect(result.notes).toEqual([]);
      expect(result.series[0]!.scores.map((x) => x.model)).toEqual(['seasonal-naive', 'profile']);
    }
  });
});

describe('the rule and the saved form', () => {
  it('counts series with two full seasons after their leading gaps; needs a season', () => {
    const long = new Float64Array(104).fill(1);
    const late = Float64Array.from({ length: 110 }, (_, t) => (t < 10 ? NaN : 1)); // 100 periods after its gap
    expect(globalDecision([...Array(8).fill(long)], 52)).toEqual({ train: true, eligible: 8 });
    expect(globalDecision([...Array(7).fill(long), late], 52)).toEqual({ train: false, note: coreMessage('global.too-few-series', { min: 8, needed: 104, n: 7 }) });
    expect(globalDecision([...Array(8).fill(long)], 1)).toEqual({ train: false, note: coreMessage('global.no-season') });
  });

  it('round-trips the weights through a structured clone, and refuses every kind of damage', () => {
    const { values, dates } = request(GLOBAL_MIN_SERIES);
    const series = Array.from({ length: GLOBAL_MIN_SERIES }, (_, s) => values.subarray(s * WEEKS, (s + 1) * WEEKS));
    const cuts = globalCuts(WEEKS, 13, 52);
    expect(cuts).toEqual([160, 147, 134]);
    const models = trainGlobalModels(series, 52, cuts, SMALL);
    const key = globalTrainingKey(values, dates, 52, cuts, SMALL);
    const saved = structuredClone(saveGlobalModels(models, key, 1));
    const restored = restoreGlobalModels(saved, key);
    if (!('models' in restored)) throw new Error('not restored');
    expect(restored.models.cuts).toEqual([134, 147, 160]);
    const y = series[2]!;
    expect(Array.from(globalForecast(restored.models.models[2]!, y, 13).quantiles[4]!)).toEqual(Array.from(globalForecast(models.models[2]!, y, 13).quantiles[4]!));
    // The key follows every value and setting.
    const changed = values.slice();
    changed[5] = changed[5]! + 1e-9;
    expect(globalTrainingKey(changed, dates, 52, cuts, SMALL)).not.toBe(key);
    expect(globalTrainingKey(values, dates, 52, cuts, { ...SMALL, epochs: 4 })).not.toBe(key);
    expect(globalTrainingKey(values.slice(), Float64Array.from(dates), 52, [...cuts], { ...SMALL })).toBe(key);
    // Another training's save is simply not this one's; damage is reported.
    expect(restoreGlobalModels(undefined, key)).toEqual({ absent: true });
    expect(restoreGlobalModels({ ...saved, key: 'global-v1-other' }, key)).toEqual({ absent: true });
    const damaged = (change: (s: SavedGlobalModels) => void) => {
      const copy = structuredClone(saved);
      change(copy);
      return restoreGlobalModels(copy, key);
    };
    expect(restoreGlobalModels('garbage', key)).toEqual({ damaged: true });
    expect(damaged((s) => (s.version = 0))).toEqual({ damaged: true });
    expect(damaged((s) => s.models.pop())).toEqual({ damaged: true });
    expect(damaged((s) => (s.cuts = [160, 147, 134]))).toEqual({ damaged: true });
    expect(damaged((s) => (s.models[0]!.members[0]![3] = NaN))).toEqual({ damaged: true });
    expect(damaged((s) => (s.models[0]!.members = [[1, 2, 3] as unknown as Float64Array]))).toEqual({ damaged: true });
    expect(damaged((s) => ((s.models[0]!.options as unknown as Record<string, unknown>).heads = 'four'))).toEqual({ damaged: true });
    expect(damaged((s) => (s.models[0]!.notes = ['not a code' as never]))).toEqual({ damaged: true });
  });

  it('every note the global model gives has an English and a Chinese text', () => {
    const global = (Object.keys(englishMessages) as MessageCode[]).filter((c) => c.startsWith('global.') || c === 'progress.training-global');
    expect(global.length).toBeGreaterThanOrEqual(20);
    for (const code of global) {
      expect(englishMessages[code].length, code).toBeGreaterThan(10);
      expect(coreMessageTables.zh[code], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
