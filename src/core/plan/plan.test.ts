import { describe, expect, it } from 'vitest';
import { syntheticSeries } from '../forecast/testSeries.ts';
import { planFlags, planSeason, PlanInputError, sameSeasonLastYear, seasonQuantile, type PlanGroupInput } from './plan.ts';

const weeks = 4 * 52;
function group(key: string[], seed: number, options: { level?: number; slope?: number; stock?: number } = {}): PlanGroupInput {
  const units = syntheticSeries(weeks, { level: options.level ?? 100, slope: options.slope ?? 0, amplitude: 20, noise: 8, seed }).map((v) => Math.max(0, Math.round(v)));
  return { key, units, ...(options.stock !== undefined ? { stock: options.stock } : {}) };
}

describe('planSeason', () => {
  const groups = [group(['Tops', 'Blue'], 1), group(['Tops', 'Red'], 2, { level: 60 }), group(['Shoes', 'Black'], 3, { level: 40, stock: 5000 }), group(['Shoes', 'White'], 4, { level: 30, stock: 0 })];
  const plan = planSeason(groups, { horizon: 26, period: 52, serviceLevel: 0.8 });

  it('has a total, a sub-total per first column, and every group, in order', () => {
    expect(plan.rows.map((r) => [r.level, ...r.key])).toEqual([
      ['total', '', ''],
      ['subtotal', 'Tops', ''],
      ['group', 'Tops', 'Blue'],
      ['group', 'Tops', 'Red'],
      ['subtotal', 'Shoes', ''],
      ['group', 'Shoes', 'Black'],
      ['group', 'Shoes', 'White'],
    ]);
    expect(plan.reconciliation).toMatch(/MinT/);
  });

  it('is coherent: groups add up exactly to the sub-totals and the total (forecast and plan)', () => {
    const [total, tops, blue, red, shoes, black, white] = plan.rows;
    expect(tops!.forecastUnits).toBeCloseTo(blue!.forecastUnits + red!.forecastUnits, 9);
    expect(shoes!.forecastUnits).toBeCloseTo(black!.forecastUnits + white!.forecastUnits, 9);
    expect(total!.forecastUnits).toBeCloseTo(blue!.forecastUnits + red!.forecastUnits + black!.forecastUnits + white!.forecastUnits, 9);
    expect(total!.planUnits).toBeCloseTo(blue!.planUnits + red!.planUnits + black!.planUnits + white!.planUnits, 9);
  });

  it('gives ordered ranges and a plan quantity of the service quantile minus stock', () => {
    for (const row of plan.rows) {
      expect(row.lo95).toBeLessThanOrEqual(row.lo80);
      expect(row.lo80).toBeLessThanOrEqual(row.hi80);
      expect(row.hi80).toBeLessThanOrEqual(row.hi95);
      expect(row.serviceQuantile).toBeGreaterThan(row.lo80);
      expect(row.serviceQuantile).toBeLessThan(row.hi80);
      if (row.level === 'group') expect(row.planUnits).toBeCloseTo(Math.max(0, row.serviceQuantile - (row.stock ?? 0)), 9);
    }
    // About 100 units a week over 26 weeks.
    const blue = plan.rows[2]!;
    expect(blue.forecastUnits).toBeGreaterThan(2000);
    expect(blue.forecastUnits).toBeLessThan(3300);
    expect(blue.lastSeasonUnits).toBe(sameSeasonLastYear(groups[0]!.units, 26, 52));
  });

  it('a higher service level asks for more units', () => {
    const higher = planSeason(groups.slice(0, 2), { horizon: 26, period: 52, serviceLevel: 0.95 });
    const lower = planSeason(groups.slice(0, 2), { horizon: 26, period: 52, serviceLevel: 0.8 });
    expect(higher.rows[1]!.planUnits).toBeGreaterThan(lower.rows[1]!.planUnits);
  });

  it('flags stock far above demand as a slow mover and no stock as a likely sell-out', () => {
    const black = plan.rows[5]!;
    const white = plan.rows[6]!;
    expect(black.flags).toContain('slow mover');
    expect(black.planUnits).toBe(0);
    expect(white.flags).toContain('likely sell-out');
  });

  it('flags a falling series as a slow mover', () => {
    const falling = planSeason([group(['Scarves'], 9, { level: 400, slope: -1.5 })], { horizon: 26, period: 52, serviceLevel: 0.8 });
    expect(falling.rows[0]!.falling).toBe(true);
    expect(falling.rows[0]!.flags).toEqual(['slow mover']);
  });

  it('a constant group (no band) does not stop the other groups\' errors being scaled', () => {
    const withConstant = planSeason([...groups.slice(0, 2), { key: ['Hats', 'Grey'], units: new Float64Array(weeks).fill(10) }], { horizon: 26, period: 52, serviceLevel: 0.8 });
    const blue = withConstant.rows.find((r) => r.key[1] === 'Blue')!;
    expect(blue.spread?.kind === 'log' || blue.spread?.kind === 'empirical' ? blue.spread.scale : undefined).toBeGreaterThan(0);
    const hats = withConstant.rows.find((r) => r.key[0] === 'Hats')!;
    // Never wrong in the past, so MinT hardly moves it.
    expect(hats.forecastUnits).toBeCloseTo(260, 2);
  });

  it('plans from less than a year of history, with a note', () => {
    const short = planSeason([{ key: ['Tops'], units: syntheticSeries(30, { level: 50, noise: 5, seed: 3 }) }], { horizon: 26, period: 52, serviceLevel: 0.8 });
    const row = short.rows[0]!;
    expect(row.forecastUnits).toBeGreaterThan(0);
    expect(Number.isNaN(row.lastSeasonUnits)).toBe(true);
    expect(row.notes.join(' ')).toMatch(/Less than a year of history/);
  });

  it('refuses negative units with the group and period', () => {
    const bad = group(['Tops'], 1);
    (bad.units as Float64Array)[3] = -2;
    expect(() => planSeason([bad], { horizon: 26, period: 52, serviceLevel: 0.8 })).toThrow(PlanInputError);
    expect(() => planSeason([bad], { horizon: 26, period: 52, serviceLevel: 0.8 })).toThrow(/negative.*"Tops".*period 4/);
  });
});

describe('planFlags and seasonQuantile', () => {
  it('stock above the 95 % upper bound is a slow mover; below the 80 % lower bound a likely sell-out', () => {
    expect(planFlags({ stock: 200, hi95: 150, lo80: 90, falling: false, lastSeasonUnits: 100 })).toEqual(['slow mover']);
    expect(planFlags({ stock: 50, hi95: 150, lo80: 90, falling: false, lastSeasonUnits: 100 })).toEqual(['likely sell-out']);
    expect(planFlags({ stock: 100, hi95: 150, lo80: 90, falling: false, lastSeasonUnits: 100 })).toEqual([]);
    expect(planFlags({ hi95: 150, lo80: 120, falling: false, lastSeasonUnits: 100 })).toEqual(['likely sell-out']);
    expect(planFlags({ hi95: 150, lo80: 60, falling: true, lastSeasonUnits: 100 })).toEqual(['slow mover']);
  });

  it('the log-normal quantile is the forecast times exp(center + z·sd)', () => {
    const spread = { kind: 'log' as const, center: 0, sd: 0.1, offset: 0 };
    expect(seasonQuantile(100, spread, 0.5)).toBeCloseTo(100, 9);
    expect(seasonQuantile(100, spread, 0.975)).toBeCloseTo(100 * Math.exp(0.1 * 1.959964), 3);
    expect(seasonQuantile(100, undefined, 0.9)).toBe(100);
  });
});
