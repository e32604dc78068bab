import { describe, expect, it } from 'vitest';
import { syntheticSeries } from '../forecast/testSeries.ts';
import { groupUnits } from './groups.ts';
import { planSeason, type PlanGroupInput } from './plan.ts';
import { planAtServiceLevel, planTable, planTableCsv, rowId } from './table.ts';

const months = 36;
function group(key: string[], seed: number, level: number, stock?: number): PlanGroupInput {
  const units = syntheticSeries(months, { level, slope: 0, amplitude: level / 5, noise: level / 10, seed }).map((v) => Math.max(0, Math.round(v)));
  return { key, units, ...(stock !== undefined ? { stock } : {}) };
}

describe('planAtServiceLevel', () => {
  const groups = [group(['Tops', 'Blue'], 1, 100, 20), group(['Tops', 'Red'], 2, 60, 0), group(['Shoes', 'Black'], 3, 40, 10), group(['Shoes', 'White'], 4, 30, 0)];
  const options = { horizon: 6, period: 12, calibrationOrigins: 2 };
  const at80 = planSeason(groups, { ...options, serviceLevel: 0.8 });
  const at95 = planSeason(groups, { ...options, serviceLevel: 0.95 });

  it('gives what planSeason gives at that level, without forecasting again', () => {
    const releveled = planAtServiceLevel(at80.rows, 0.95);
    releveled.forEach((row, i) => {
      expect(row.key).toEqual(at95.rows[i]!.key);
      expect(row.serviceQuantile).toBeCloseTo(at95.rows[i]!.serviceQuantile, 6);
      expect(row.planUnits).toBeCloseTo(at95.rows[i]!.planUnits, 6);
    });
    // A higher service level means at least as much to buy, and more for the total.
    expect(releveled[0]!.planUnits).toBeGreaterThan(at80.rows[0]!.planUnits);
  });

  it('makes a whole-unit table whose totals are the sums of the rows shown, edits included', () => {
    const blue = rowId(['Tops', 'Blue']);
    const table = planTable(at80.rows, new Map([[blue, 7]]));
    const [total, tops, blueRow, red, shoes, black, white] = table;
    expect(blueRow!.plan).toBe(7);
    expect(blueRow!.edited).toBe(true);
    expect(red!.edited).toBe(false);
    expect(red!.plan).toBe(Math.ceil(at80.rows[3]!.planUnits - 1e-6));
    expect(tops!.plan).toBe(7 + red!.plan);
    expect(tops!.edited).toBe(true);
    expect(shoes!.edited).toBe(false);
    expect(total!.plan).toBe(7 + red!.plan + black!.plan + white!.plan);
    expect(total!.forecast).toBe(blueRow!.forecast + red!.forecast + black!.forecast + white!.forecast);
    expect(total!.stock).toBe(30);
    for (const row of table) for (const v of [row.forecast, row.plan, row.lo80, row.hi95]) expect(Number.isInteger(v)).toBe(true);
    const csv = planTableCsv(table, ['category', 'colour']).trim().split('\n');
    expect(csv[0]).toBe('category,colour,level,last_season_units,forecast_units,change_pct,lo80,hi80,lo95,hi95,stock,plan_units,suggested_units,edited,flag');
    expect(csv[1]!.startsWith('(all),(all),total,')).toBe(true);
    expect(csv[3]!.split(',')[11]).toBe('7');
    expect(csv[3]!.split(',')[13]).toBe('yes');
  });
});

describe('groupUnits', () => {
  // Six items: two values × two regions over three periods; one undated, one filtered out.
  const periodIndex = Int32Array.from([0, 1, 2, 2, 0, -1, 1]);
  const category = { codes: Int32Array.from([0, 0, 0, 1, 1, 1, 1]), values: ['Coat', 'Dress'] };
  const region = { codes: Int32Array.from([0, 1, 0, 0, 1, 0, 1]), values: ['EU', 'US'] };
  const units = Float64Array.from([5, 3, 4, 2, 1, 9, 6]);
  const stock = Float64Array.from([10, 7, 8, NaN, 2, 1, 3]);

  it('adds up units per value and period, stock from each group\'s latest period', () => {
    const grouped = groupUnits({ periodIndex, periodCount: 3, columns: [category], units, stock, otherLabel: 'Other' })!;
    expect(grouped.groups.map((g) => [g.key, Array.from(g.units), g.stock])).toEqual([
      [['Coat'], [5, 3, 4], 8],
      [['Dress'], [1, 6, 2], 3],
    ]);
    expect(grouped.items).toBe(6);
  });

  it('groups by pairs, applies the filter mask and lumps the smallest groups', () => {
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0]);
    const grouped = groupUnits({ periodIndex, periodCount: 3, columns: [category, region], units, mask, maxGroups: 3, otherLabel: 'Other' })!;
    // Coat·EU 9, Coat·US 3, Dress·EU 2, Dress·US 1: the last two are lumped.
    expect(grouped.groups.map((g) => [g.key, Array.from(g.units)])).toEqual([
      [['Coat', 'EU'], [5, 0, 4]],
      [['Coat', 'US'], [0, 3, 0]],
      [['Other', 'Other'], [1, 0, 2]],
    ]);
    expect(grouped.lumped).toBe(2);
  });
});
