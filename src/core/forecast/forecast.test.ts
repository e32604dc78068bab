import { describe, expect, it } from 'vitest';
import { readSeriesBytes } from '../series/read.ts';

const readWideCsv = (text: string) => readSeriesBytes(new TextEncoder().encode(text));
import { forecastSeries, forecastSeriesSet, alignLead, signalWindow } from './forecast.ts';
import { seasonalStrength } from './decompose.ts';
import { runEnsemble, combineWeights, widthByStep, DEFAULT_ENSEMBLE } from './ensemble.ts';
import { intervalCoverage, mape, mase, maseScale, smape } from './metrics.ts';
import { attentionForecast } from './models/attention.ts';
import { fitEts, fitEtsAuto, etsName } from './models/ets.ts';
import { profileForecast } from './models/profile.ts';
import { seasonalNaiveForecast } from './models/seasonalNaive.ts';
import { thetaForecast } from './models/theta.ts';
import { leadForecast } from './models/lead.ts';
import { nelderMead } from './optimize.ts';
import { prepareSeries } from './prepare.ts';
import { trendSignal, velocityFromChange } from './signals.ts';
import { englishText } from '../messages.ts';
import { syntheticSeries } from './testSeries.ts';

const seasonalTruth = (length: number) => syntheticSeries(length, { level: 20, amplitude: 5, period: 52 });
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('metrics', () => {
  it('computes MASE with the seasonal-difference scale of the training part', () => {
    const train = [1, 2, 3, 4, 2, 4, 6, 8]; // lag-4 differences: 1,2,3,4 → scale 2.5
    expect(maseScale(train, 4)).toBeCloseTo(2.5);
    expect(mase([10, 10], [9, 12], train, 4)).toBeCloseTo(1.5 / 2.5);
    // too short for the seasonal lag: falls back to lag 1
    expect(maseScale([1, 3, 6], 52)).toBeCloseTo(2.5);
  });
  it('skips zero actuals in MAPE and counts 0/0 as perfect in sMAPE', () => {
    expect(mape([0, 10], [5, 12])).toBeCloseTo(20);
    expect(smape([0, 10], [0, 30])).toBeCloseTo((0 + 100) / 2);
  });
  it('measures interval coverage', () => {
    expect(intervalCoverage([1, 2, 3, 4], [0, 0, 0, 0], [2, 2, 2, 2])).toBe(0.5);
  });
});

describe('models', () => {
  it('seasonal naive repeats the last season', () => {
    const y = Float64Array.from({ length: 8 }, (_, t) => t);
    expect(Array.from(seasonalNaiveForecast(y, 6, 4))).toEqual([4, 5, 6, 7, 4, 5]);
    expect(Array.from(seasonalNaiveForecast(y, 2, 52))).toEqual([7, 7]); // no full season: naive
  });

  it('Nelder–Mead finds the minimum of a quadratic', () => {
    const best = nelderMead((x) => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2, [0, 0]);
    expect(best.x[0]).toBeCloseTo(3, 3);
    expect(best.x[1]).toBeCloseTo(-1, 3);
  });

  it('ETS learns a seasonal pattern and AICc prefers a seasonal form on seasonal data', () => {
    const y = syntheticSeries(208 + 52, { level: 20, amplitude: 5, noise: 0.3, seed: 3 });
    const train = y.slice(0, 208);
    const fit = fitEtsAuto(train, 52, 52)!;
    expect(fit.spec.season).not.toBe('N');
    const truth = seasonalTruth(260).slice(208);
    expect(mase(truth, fit.forecast, train, 52)).toBeLessThan(0.5);
    expect(etsName(fit.spec)).toMatch(/^ETS\([AM],(N|Ad),[AM]\)$/);
  });

  it('ETS with a damped trend follows a rising level, and refuses multiplicative forms on zeros', () => {
    const y = syntheticSeries(60, { level: 5, slope: 0.5, noise: 0.1, seed: 4 });
    const fit = fitEts(y, { error: 'A', trend: 'Ad', season: 'N' }, 1, 5)!;
    expect(fit.forecast[0]).toBeGreaterThan(y[59]! - 0.5);
    expect(fit.forecast[4]).toBeGreaterThan(fit.forecast[0]!);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
    const withZero = y.slice();
    withZero[3] = 0;
    expect(fitEts(withZero, { error: 'M', trend: 'N', season: 'N' }, 1, 5)).toBeUndefined();
  });

  it('Theta continues a linear trend at about half to full slope', () => {
    const y = syntheticSeries(100, { level: 10, slope: 1, noise: 0.2, seed: 5 });
    const f = thetaForecast(y, 10, 1);
    expect(f[9]! - f[0]!).toBeGreaterThan(4);
    expect(f[9]! - f[0]!).toBeLessThan(10);
  });

  it('the profile model shifts the average year to the current level', () => {
    const base = seasonalTruth(156);
    const shifted = base.map((v, t) => (t >= 130 ? v + 10 : v)); // a lasting jump 26 weeks ago
    const f = profileForecast(shifted, 20, 52, { levelWindow: 26, yearDecay: 0.5, smoothWidth: 0 });
    const truth = seasonalTruth(176).slice(156).map((v) => v + 10);
    expect(maxAbsDiff(f, truth)).toBeLessThan(0.5);
  });

  it('the attention model learns a repeating pattern and fits its weights', () => {
    const y = seasonalTruth(208);
    const { forecast, params } = attentionForecast(y, 52, 52);
    expect(maxAbsDiff(forecast, seasonalTruth(260).slice(208))).toBeLessThan(0.6);
    expect(params.shapeWeight + params.phaseWeight).toBeGreaterThan(0); // not a plain average
  });

  it('the lead model scales the forecast when the lead grew faster than the main series', () => {
    const main = syntheticSeries(156, { level: 10, amplitude: 2 });
    const lead = Float64Array.from(main, (v, t) => v * (t >= 104 ? 1.44 : 1));
    const withLead = leadForecast(main, lead, 52, 52);
    const without = profileForecast(main, 52, 52);
    expect(withLead[0]! / without[0]!).toBeCloseTo(1.2, 1);
  });
});

describe('ensemble', () => {
  it('weights sum to one and the 95% interval contains the 80% one', () => {
    const y = syntheticSeries(260, { level: 20, amplitude: 5, noise: 1, seed: 7 });
    const result = runEnsemble({ y, horizon: 52, period: 52 });
    expect(result.folds).toBe(2);
    expect(result.scores.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1);
    for (let h = 0; h < 52; h++) {
      expect(result.lo95![h]!).toBeLessThanOrEqual(result.lo80![h]!);
      expect(result.hi95![h]!).toBeGreaterThanOrEqual(result.hi80![h]!);
      expect(result.point[h]!).toBeLessThanOrEqual(result.hi80![h]!);
    }
  });

  it('widening intervals follow a line through the per-step backtest errors', () => {
    const width = widthByStep(Float64Array.from([1, 2, 3]), 4);
    expect(Array.from(width).map((w) => +w.toFixed(3))).toEqual([0.5, 1, 1.5, 1.5]);
    const r = runEnsemble({ y: syntheticSeries(200, { level: 10, slope: 0.05, noise: 1, seed: 12 }), horizon: 20, period: 1 }, { ...DEFAULT_ENSEMBLE, models: ['theta', 'profile'], intervalShape: 'linear' });
    expect(r.hi95![19]! - r.lo95![19]!).not.toBeCloseTo(r.hi95![0]! - r.lo95![0]!, 6);
  });

  it('sizes one-step intervals from backtests a quarter season long', () => {
    const y = syntheticSeries(260, { level: 20, amplitude: 5, noise: 1, seed: 13 });
    const r = runEnsemble({ y, horizon: 1, period: 52 }, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive', 'profile'] });
    expect(r.point.length).toBe(1);
    expect(r.folds).toBe(2);
    // noise σ = 1: a 95% half-width of roughly 2σ, not a width from just two errors
    expect(r.hi95![0]! - r.point[0]!).toBeGreaterThan(1);
    expect(r.hi95![0]! - r.point[0]!).toBeLessThan(5);
  });

  it('trimmed mean leaves out models far worse than the best', () => {
    expect(combineWeights([1, 1.5, 3], { combination: 'trimmed-mean', topK: 3, trimRatio: 2 })).toEqual([0.5, 0.5, 0]);
    expect(combineWeights([2, 1, 3], { combination: 'best', topK: 1, trimRatio: 2 })).toEqual([0, 1, 0]);
  });

  it('gives the global model its share when the rule keeps it, the others the rest in their proportions', () => {
    const trimmed = { combination: 'trimmed-mean' as const, topK: 3, trimRatio: 2, globalShare: 0.5 };
    // Global (index 2) kept with two others: 0.5, and 0.25 each for the others.
    expect(combineWeights([1, 1.5, 1.2], trimmed, 2)).toEqual([0.25, 0.25, 0.5]);
    // Trimmed out (3 > 2 × 1): no weight, the others as the rule has them.
    expect(combineWeights([1, 1.5, 3], trimmed, 2)).toEqual([0.5, 0.5, 0]);
    // Kept alone: all the weight.
    expect(combineWeights([5, 6, 1], trimmed, 2)).toEqual([0, 0, 1]);
    // Share 0, or no global model: the rule's weights unchanged.
    expect(combineWeights([1, 1.5, 1.2], { ...trimmed, globalShare: 0 }, 2)).toEqual(combineWeights([1, 1.5, 1.2], trimmed));
    // Inverse error: the others keep their 4 : 1 ratio within the remaining 0.7.
    const inverse = combineWeights([1, 2, 1.5], { combination: 'inverse-error', topK: 3, trimRatio: 2, globalShare: 0.3 }, 2);
    expect(inverse[2]).toBeCloseTo(0.3, 12);
    expect(inverse[0]! / inverse[1]!).toBeCloseTo(4, 12);
    expect(inverse[0]! + inverse[1]!).toBeCloseTo(0.7, 12);
  });

  it('intervals calibrated on backtests cover about the promised share of new noisy data', () => {
    let c80 = 0;
    let c95 = 0;
    const runs = 12;
    for (let seed = 0; seed < runs; seed++) {
      const y = syntheticSeries(260, { level: 30, amplitude: 6, noise: 2, seed: 100 + seed });
      const r = forecastSeries('s', y.slice(0, 208), { horizon: 52, period: 52, ensemble: { models: ['seasonal-naive', 'profile', 'theta'] } });
      c80 += intervalCoverage(y.slice(208), r.lo80!, r.hi80!) / runs;
      c95 += intervalCoverage(y.slice(208), r.lo95!, r.hi95!) / runs;
    }
    expect(c80).toBeGreaterThan(0.7);
    expect(c80).toBeLessThan(0.95);
    expect(c95).toBeGreaterThan(0.88);
  });
});

describe('bad input', () => {
  const fast = { models: ['seasonal-naive', 'profile', 'theta'] as const };
  it('constant series: flat forecast, no interval (not a zero-width one), a note', () => {
    const r = forecastSeries('beige', new Float64Array(120).fill(0.3), { horizon: 4, period: 52 });
    expect(Array.from(r.point)).toEqual([0.3, 0.3, 0.3, 0.3]);
    expect([r.lo80, r.hi80, r.lo95, r.hi95]).toEqual([undefined, undefined, undefined, undefined]);
    expect(r.notes.map(englishText).join(' ')).toMatch(/never changes/);
    expect(r.notes.map(englishText).join(' ')).toMatch(/"beige" never varies, so there is no spread .* no interval/);
  });

  // Too little (or too even) history used to give lo = hi: a band of zero width that claims certainty.
  it.each([
    ['one row', [5], 4, 1, /only 1 value\(s\).*no interval/],
    ['two rows', [5, 7], 2, 1, /only 2 value\(s\).*no interval/],
    ['one constant row of zero', [0], 3, 52, /zero everywhere/],
    ['a constant series', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 3, 1, /never varies.*no interval/],
    ['a repeating season the backtests predict exactly', Array.from({ length: 40 }, (_, i) => [1, 4, 9, 2][i % 4]!), 4, 4, /matched the history exactly.*no interval/],
  ] as const)('%s: no interval, and a note says why', (_, values, horizon, period, note) => {
    const r = forecastSeries('linen', Float64Array.from(values), { horizon, period, ensemble: { models: ['seasonal-naive'] } });
    expect(r.point.length).toBe(horizon);
    expect(r.point.every(Number.isFinite)).toBe(true);
    expect([r.lo80, r.hi80, r.lo95, r.hi95]).toEqual([undefined, undefined, undefined, undefined]);
    expect(r.notes.map(englishText).join(' ')).toMatch(note);
  });

  it('fewer than 2 backtest errors: no interval, with a note', () => {
    const y = syntheticSeries(30, { level: 10, noise: 1, seed: 4 });
    const r = runEnsemble({ y, horizon: 1, period: 1 }, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive'], folds: 1 });
    expect(r.folds).toBe(1);
    expect(r.lo80).toBeUndefined();
    expect(r.hi95).toBeUndefined();
    expect(r.notes.map(englishText)).toEqual(['the backtests gave only 1 past error(s), too few to size a range of likely values, so the forecast has no interval']);
    const two = runEnsemble({ y, horizon: 1, period: 1 }, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive'], folds: 2 });
    expect(two.hi80![0]! - two.lo80![0]!).toBeGreaterThan(0);
  });
  it('all-zero series: zero forecast and says there is no trend', () => {
    const r = forecastSeries('mauve', new Float64Array(120), { horizon: 3, period: 52 });
    expect(Array.from(r.point)).toEqual([0, 0, 0]);
    expect(r.notes.map(englishText).join(' ')).toMatch(/zero everywhere/);
    expect(englishText(r.signal.explanation)).toMatch(/No activity/);
  });
  it('negative values: warned about, multiplicative models skipped, forecast not clipped to zero', () => {
    const y = syntheticSeries(120, { level: -5, amplitude: 1, noise: 0.1, seed: 9 });
    const r = forecastSeries('delta', y, { horizon: 5, period: 52, ensemble: fast });
    expect(r.notes.map(englishText).join(' ')).toMatch(/negative values/);
    expect(Math.max(...r.point)).toBeLessThan(0);
  });
  it('NaN gaps are filled from neighbours and reported', () => {
    const p = prepareSeries([NaN, NaN, 1, NaN, 3, 4, NaN], 'x');
    expect(Array.from(p.values)).toEqual([1, 2, 3, 4, 4]);
    expect(p.droppedLeading).toBe(2);
    expect(p.notes.map(englishText).join(' ')).toMatch(/2 missing value\(s\)/);
    const r = forecastSeries('gappy', Float64Array.from(seasonalTruth(156), (v, t) => (t % 10 === 3 ? NaN : v)), { horizon: 52, period: 52, ensemble: fast });
    expect(r.point.every(Number.isFinite)).toBe(true);
  });
  it('fewer than two seasons: falls back to non-seasonal and says so', () => {
    const r = forecastSeries('denim', seasonalTruth(80), { horizon: 10, period: 52, ensemble: fast });
    expect(r.seasonal).toBe(false);
    expect(r.notes.map(englishText).join(' ')).toMatch(/two full seasons \(104\) are needed/);
    expect(r.point.every(Number.isFinite)).toBe(true);
  });
  it('a series with no numbers gives NaN forecasts and a message, not a crash', () => {
    const r = forecastSeries('ghost', [NaN, NaN], { horizon: 2, period: 52 });
    expect(r.point.every(Number.isNaN)).toBe(true);
    expect(englishText(r.notes[0]!)).toMatch(/no numbers/);
  });
  it('rejects a horizon that is not a positive whole number', () => {
    expect(() => forecastSeries('x', [1, 2, 3], { horizon: 0, period: 1 })).toThrow(/whole number of periods/);
  });
});

describe('signals', () => {
  const options = { period: 52, window: 13 };
  it('compares a quarter for weekly and monthly data, a week for daily data, one period otherwise', () => {
    expect([52, 12, 7, 4, 2, 1].map(signalWindow)).toEqual([13, 3, 7, 1, 1, 1]);
  });
  it('maps relative change to velocity', () => {
    expect([-0.5, -0.2, -0.1, 0, 0.1, 0.2, 0.5].map(velocityFromChange)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });
  it('labels growing, declining, emerging, seasonal and steady series', () => {
    const growing = syntheticSeries(156, { level: 10, slope: 0.05 });
    const g = trendSignal(growing, new Float64Array(4), options);
    expect(g.label).toBe('growing');
    expect(g.changeVsLastYear).toBeCloseTo((10 + 0.05 * 149) / (10 + 0.05 * 97) - 1, 6);
    expect(trendSignal(syntheticSeries(156, { level: 20, slope: -0.08 }), new Float64Array(4), options).label).toBe('declining');
    const emerging = Float64Array.from({ length: 156 }, (_, t) => (t < 120 ? 0 : (t - 119) * 0.1));
    expect(trendSignal(emerging, new Float64Array(4), options)).toMatchObject({ label: 'emerging', velocity: 3 });
    expect(trendSignal(seasonalTruth(156), new Float64Array(4), options).label).toBe('seasonal');
    expect(trendSignal(new Float64Array(156).fill(3), new Float64Array(4), options)).toMatchObject({ label: 'steady', velocity: 0 });
  });
  it('measures the strength of the yearly pattern', () => {
    expect(seasonalStrength(seasonalTruth(156), 52)).toBeGreaterThan(0.95);
    expect(seasonalStrength(syntheticSeries(156, { noise: 1, seed: 2 }), 52)).toBeLessThan(0.5);
  });
  it('finds the time to peak, or leaves it out when the forecast still rises', () => {
    expect(trendSignal(seasonalTruth(156), Float64Array.from([1, 3, 2]), options).periodsToPeak).toBe(2);
    expect(trendSignal(seasonalTruth(156), Float64Array.from([1, 2, 3]), options).periodsToPeak).toBeUndefined();
  });
  it('says "not enough history" for a short series', () => {
    const s = trendSignal(Float64Array.from([1, 2, 3]), new Float64Array(1), options);
    expect(s.notEnoughHistory).toBe(true);
    expect(s.label).toBeUndefined();
    expect(englishText(s.explanation)).toMatch(/Not enough history/);
  });
});

describe('series sets', () => {
  const csv = ['date,a,b', ...Array.from({ length: 120 }, (_, t) => `${new Date(Date.UTC(2020, 0, 6) + t * 7 * 86_400_000).toISOString().slice(0, 10)},${10 + Math.sin(t / 5)},${t % 7}`)].join('\n');
  it('forecasts every series on dates that continue the weekly grid, with progress', async () => {
    const set = await readWideCsv(csv);
    const seen: number[] = [];
    const out = forecastSeriesSet(set, { horizon: 3, ensemble: { models: ['seasonal-naive', 'theta'] } }, undefined, (done) => seen.push(done));
    expect(out.dates.map((d) => new Date(d).toISOString().slice(0, 10))).toEqual(['2022-04-25', '2022-05-02', '2022-05-09']);
    expect(out.series.map((s) => s.name)).toEqual(['a', 'b']);
    expect(seen).toEqual([1, 2]);
  });
  it('aligns a lead series by date and name', async () => {
    const main = await readWideCsv('date,a\n2020-01-06,1\n2020-01-13,2\n2020-01-20,3');
    const lead = await readWideCsv('date,a\n2020-01-13,20\n2020-01-20,30');
    expect(Array.from(alignLead(main, lead, 'a')!)).toEqual([NaN, 20, 30]);
    expect(alignLead(main, lead, 'zz')).toBeUndefined();
  });
  it('runs the default ensemble on a realistic series in reasonable accuracy', () => {
    const y = syntheticSeries(261, { level: 20, amplitude: 5, noise: 0.5, seed: 11 });
    const r = forecastSeries('s', y.slice(0, 209), { horizon: 52, period: 52 });
    expect(r.scores.map((s) => s.model)).toEqual(DEFAULT_ENSEMBLE.models.filter((m) => m !== 'lead'));
    const naive = seasonalNaiveForecast(y.slice(0, 209), 52, 52);
    // pure noise around the pattern: about 0.71 is the best possible MASE, seasonal naive scores about 1
    expect(mase(y.slice(209), r.point, y.slice(0, 209), 52)).toBeLessThan(0.9);
    expect(mase(y.slice(209), naive, y.slice(0, 209), 52)).toBeGreaterThan(0.95);
  });
});
