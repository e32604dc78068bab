/**
 * Forecasts of series with values near the largest number a computer holds: every model fails
 * soft (left out with a note), the ensemble falls back on seasonal naive, and no forecast value or
 * interval bound is NaN, infinite or missing — in the core and through the forecast worker.
 */
import { describe, expect, it } from 'vitest';
import { forecastHandlers } from '../../workers/forecastHandlers.ts';
import type { HandlerContext } from '../../workers/handlers.ts';
import { DEFAULT_ENSEMBLE, MODEL_NAMES, runEnsemble, tryModel } from './ensemble.ts';
import { forecastSeries } from './forecast.ts';
import { fitEtsAuto } from './models/ets.ts';
import { coreMessage, englishText } from '../messages.ts';

const WEEKS = 156;
/** A plain weekly series around 10 with a yearly wave. */
const plain = (): number[] => Array.from({ length: WEEKS }, (_, t) => 10 + 3 * Math.sin((2 * Math.PI * t) / 52) + (t % 7) * 0.1);
const withValue = (at: number, value: number): number[] => {
  const y = plain();
  y[at] = value;
  return y;
};

const cases: { title: string; values: number[]; etsLeftOut: boolean }[] = [
  { title: 'one value 1e200 mid-history', values: withValue(100, 1e200), etsLeftOut: true },
  { title: 'one value 1e200 as the last value', values: withValue(WEEKS - 1, 1e200), etsLeftOut: true },
  { title: 'one value 1e308 mid-history', values: withValue(100, 1e308), etsLeftOut: true },
  { title: 'one value 1e308 as the last value', values: withValue(WEEKS - 1, 1e308), etsLeftOut: true },
  { title: 'one value −1e308', values: withValue(120, -1e308), etsLeftOut: true },
  { title: 'the largest number there is', values: withValue(140, Number.MAX_VALUE), etsLeftOut: true },
  { title: 'every value near 1e308', values: Array.from({ length: WEEKS }, (_, t) => 1e308 * (0.5 + 0.4 * Math.sin(t / 5))), etsLeftOut: false },
  { title: 'values swinging between ±1e308', values: Array.from({ length: WEEKS }, (_, t) => (t % 2 ? 1e308 : -1e308)), etsLeftOut: true },
  { title: 'a short series with 1e308 (no backtest)', values: [1, 2, 1e308, 3, 2], etsLeftOut: true },
  { title: 'an ordinary series', values: plain(), etsLeftOut: false },
];

const finite = (values: ArrayLike<number> | undefined) => values !== undefined && Array.from(values).every(Number.isFinite);

describe('forecasts of huge values', () => {
  it.each(cases)('$title: every value a finite number', ({ values, etsLeftOut }) => {
    const f = forecastSeries('wool', values, { horizon: 8, period: 52 });
    expect(f.point).toHaveLength(8);
    expect(finite(f.point)).toBe(true);
    for (const band of [f.lo80, f.hi80, f.lo95, f.hi95]) if (band) expect(finite(band)).toBe(true);
    if (f.lo80) for (let h = 0; h < 8; h++) expect(f.lo95![h]!).toBeLessThanOrEqual(f.hi95![h]!);
    expect(f.scores.length).toBeGreaterThan(0);
    expect(f.scores.every((s) => Number.isFinite(s.weight))).toBe(true);
    expect(f.scores.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 9);
    expect(f.notes.some((n) => /^ETS could not be fitted .* on "wool", so it was left out\.$/.test(englishText(n)))).toBe(etsLeftOut);
    expect(f.scores.some((s) => s.model === 'ets')).toBe(!etsLeftOut);
    // The signals are numbers or absent, never NaN.
    if (f.signal.velocity !== undefined) expect(Number.isFinite(f.signal.velocity)).toBe(true);
    if (f.signal.changeVsLastYear !== undefined) expect(Number.isFinite(f.signal.changeVsLastYear)).toBe(true);
    expect(englishText(f.signal.explanation)).not.toMatch(/NaN|Infinity|undefined/);
  });

  it.each(cases.filter((c) => c.values.length === WEEKS))('$title: each model gives finite values or a reason', ({ values }) => {
    const y = Float64Array.from(values);
    for (const model of MODEL_NAMES) {
      const outcome = tryModel(model, { y, horizon: 6, period: 52, lead: y });
      if ('forecast' in outcome) expect(finite(outcome.forecast)).toBe(true);
      else expect(englishText(outcome.failure)).toMatch(/\w/);
    }
  });

  it('ETS says it cannot fit instead of handing back nothing', () => {
    expect(fitEtsAuto(Float64Array.from(withValue(100, 1e200)), 52, 4)).toBeUndefined();
    expect(tryModel('ets', { y: Float64Array.from(withValue(100, 1e200)), horizon: 4, period: 52 })).toEqual({ failure: coreMessage('failure.not-fitted') });
    expect(englishText(coreMessage('failure.not-fitted'))).toBe('could not be fitted (the values are too large or too uneven)');
  });

  it('an ensemble of ETS alone falls back on seasonal naive', () => {
    const y = Float64Array.from(withValue(100, 1e200));
    const r = runEnsemble({ y, horizon: 4, period: 52 }, { ...DEFAULT_ENSEMBLE, models: ['ets'] });
    expect(r.skipped.map((s) => [s.model, englishText(s.reason)])).toEqual([['ets', 'could not be fitted (the values are too large or too uneven)']]);
    expect(r.scores.map((s) => [s.model, s.weight])).toEqual([['seasonal-naive', 1]]);
    // Seasonal naive repeats last year's weeks 1–4 of the cycle (the value at week 104 + h).
    expect(Array.from(r.point)).toEqual(Array.from(y.subarray(104, 108)));
  });

  it('intervals that would overflow are left out, with a note; the point forecast stays', () => {
    const y = Float64Array.from({ length: WEEKS }, (_, t) => Number.MAX_VALUE * (0.95 + 0.05 * Math.sin(t * 1.7)));
    const r = runEnsemble({ y, horizon: 4, period: 52 });
    expect(finite(r.point)).toBe(true);
    expect(r.lo80).toBeUndefined();
    expect(r.hi95).toBeUndefined();
    expect(r.notes.map(englishText)).toEqual(['the backtest errors are too large to compute with, so no intervals are given']);
    const f = forecastSeries('silk', y, { horizon: 4, period: 52 });
    expect(f.notes.map(englishText)).toContain('For "silk", the backtest errors are too large to compute with, so no intervals are given.');
    // Backtest scores are averaged without overflowing: finite, so the weights mean something.
    expect(f.scores.every((s) => Number.isFinite(s.mase))).toBe(true);
    expect(Number.isFinite(f.backtestMase)).toBe(true);
  });

  it('the forecast worker answers finite numbers (what the page charts and exports)', async () => {
    const values = Float64Array.from([...withValue(100, 1e200), ...plain()]);
    const dates = Float64Array.from({ length: WEEKS }, (_, t) => Date.UTC(2019, 0, 7) + t * 7 * 86_400_000);
    const context: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };
    const { result } = await forecastHandlers['forecast.run']({ names: ['spike', 'plain'], dates, values, frequency: 'week', horizon: 4 }, context);
    expect(finite(result.point)).toBe(true);
    expect(result.series[0]!.notes.map(englishText).join(' ')).toMatch(/ETS could not be fitted/);
    expect(result.series[1]!.notes.map(englishText).join(' ')).not.toMatch(/left out/);
  });
});
