import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecast.ts';
import { trendSignal } from './signals.ts';

// Quarterly shares of one label over four years (period 4), as the dashboard charts them.
const nearFull = [0.93, 0.95, 0.96, 0.97, 0.94, 0.96, 0.97, 0.98, 0.95, 0.97, 0.98, 0.99, 0.96, 0.98, 0.99, 0.995];
const nearZero = [0.06, 0.04, 0.03, 0.02, 0.05, 0.03, 0.02, 0.01, 0.04, 0.02, 0.01, 0.005, 0.03, 0.01, 0.004, 0.0];

function everyBound(f: ReturnType<typeof forecastSeries>): number[] {
  return [f.point, f.lo80, f.hi80, f.lo95, f.hi95].flatMap((a) => (a ? Array.from(a) : []));
}

describe('share forecasts', () => {
  it('keep a share near 100 % and its intervals at or below 100 %', () => {
    const plain = forecastSeries('Casual', nearFull, { horizon: 4, period: 4 });
    // Without the share bound the upper 95 % bound climbs past 100 % on this series.
    expect(Math.max(...Array.from(plain.hi95!))).toBeGreaterThan(1);
    const share = forecastSeries('Casual', nearFull, { horizon: 4, period: 4, share: true });
    const bounds = everyBound(share);
    expect(bounds.length).toBe(20);
    expect(Math.max(...bounds)).toBeLessThanOrEqual(1);
    expect(Math.min(...bounds)).toBeGreaterThanOrEqual(0);
    // Inside the bounds nothing moves: the point forecast is the unbounded one wherever that was below 1.
    Array.from(plain.point).forEach((p, h) => expect(share.point[h]).toBeCloseTo(Math.min(1, p), 12));
  });

  it('keep a share near 0 % and its intervals at or above 0 %', () => {
    const share = forecastSeries('Formal', nearZero, { horizon: 4, period: 4, share: true });
    const bounds = everyBound(share);
    expect(bounds.length).toBe(20);
    expect(Math.min(...bounds)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...bounds)).toBeLessThanOrEqual(1);
    // The latest share is 0 %: the lower 95 % bound of the next period sits on 0, never below.
    expect(share.lo95![0]).toBeGreaterThanOrEqual(0);
    expect(share.lo95![0]).toBeLessThan(share.point[0]!);
  });
});

describe('a signal that disagrees with the forecast', () => {
  const seasons = { period: 4, window: 1 };
  it('says so, and why, when a growing share is forecast to fall (Formal 5.4 % → 0.9 %)', () => {
    // A year ago 3.0 %, now 5.4 %: growing against the same season last year.
    const history = Float64Array.from([0.02, 0.025, 0.022, 0.03, 0.021, 0.024, 0.02, 0.054]);
    const s = trendSignal(history, Float64Array.from([0.009, 0.02, 0.021, 0.03]), seasons);
    expect(s.label).toBe('growing');
    expect(s.forecastDisagrees).toBe('falls');
    expect(s.forecastChange).toBeCloseTo(0.009 / 0.054 - 1, 10);
    expect(s.forecastNote).toBe(
      'But the forecast expects it to fall next period (-83% against the last 1 period): the label compares the recent periods with earlier ones, while the forecast also weighs the whole history and the time of year.',
    );
  });

  it('says so when a declining share is forecast to rise', () => {
    const history = Float64Array.from([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.2]);
    const s = trendSignal(history, Float64Array.from([0.28]), seasons);
    expect(s.label).toBe('declining');
    expect(s.forecastDisagrees).toBe('rises');
    expect(s.forecastNote).toMatch(/^But the forecast expects it to rise next period \(\+40% against the last 1 period\)/);
  });

  it('stays quiet when label and forecast agree, or the move ahead is under 5 %', () => {
    const history = Float64Array.from([0.02, 0.025, 0.022, 0.03, 0.021, 0.024, 0.02, 0.054]);
    expect(trendSignal(history, Float64Array.from([0.06]), seasons).forecastDisagrees).toBeUndefined();
    expect(trendSignal(history, Float64Array.from([0.052]), seasons).forecastDisagrees).toBeUndefined();
    // A label without a direction (steady) is not contradicted by a fall into the low season.
    const flat = trendSignal(Float64Array.from([0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3]), Float64Array.from([0.1]), seasons);
    expect(flat.label).toBe('steady');
    expect(flat.forecastDisagrees).toBeUndefined();
  });
});
