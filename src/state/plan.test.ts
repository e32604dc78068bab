import { describe, expect, it } from 'vitest';
import { Float64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { planInput, stockColumnOf } from './plan.ts';
import { prepare } from '../core/dashboard/prepared.ts';
import { DEFAULT_PLAN, type DashboardSpec, type LoadedDataset } from './store.ts';

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
// Eight rows over three months: two categories, two regions, units, and stock on the last month's rows.
const rows = [
  ['2024-01-05', 'Coat', 'EU', 5, NaN],
  ['2024-01-20', 'Dress', 'US', 2, NaN],
  ['2024-02-03', 'Coat', 'US', 4, NaN],
  ['2024-02-10', 'Dress', 'EU', 1, NaN],
  ['2024-03-01', 'Coat', 'EU', 3, 40],
  ['2024-03-09', 'Coat', 'US', 6, 2],
  ['2024-03-15', 'Dress', 'EU', 7, 9],
  ['2024-03-20', 'Dress', 'US', 1, NaN],
] as const;
const table = new Table({
  date: vectorFromArray(rows.map((r) => new Date(ms(r[0]))), new TimestampMillisecond()),
  category: vectorFromArray(rows.map((r) => r[1]), new Utf8()),
  region: vectorFromArray(rows.map((r) => r[2]), new Utf8()),
  units: vectorFromArray(rows.map((r) => r[3]), new Float64()),
  on_hand: vectorFromArray(rows.map((r) => r[4]), new Float64()),
});
const dataset: LoadedDataset = {
  fileName: 'shop.csv',
  fileSize: 0,
  table,
  columns: [
    { name: 'date', type: 'date', role: 'date' },
    { name: 'category', type: 'category', role: 'category' },
    { name: 'region', type: 'category', role: 'region' },
    { name: 'units', type: 'number', role: 'units' },
    { name: 'on_hand', type: 'number', role: 'ignore' },
  ],
  problems: [],
  notes: [],
};
const spec: DashboardSpec = { facet: 'category', grain: 'month', measure: 'units', filters: {}, horizon: 2, minSupport: 1, topN: 5 };

describe('the Plan view\'s input', () => {
  it('groups units by the facet per month, guesses the stock column from its name, plans half a year', () => {
    expect(stockColumnOf(dataset, DEFAULT_PLAN)).toBe('on_hand');
    const input = planInput(prepare(dataset), spec, DEFAULT_PLAN, 'Other')!;
    expect(input.columns).toEqual(['category']);
    expect(input.periodLabels).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(input.horizon).toBe(6);
    expect(input.grouped!.groups.map((g) => [g.key, Array.from(g.units), g.stock])).toEqual([
      [['Coat'], [5, 4, 9], 42],
      [['Dress'], [2, 1, 8], 9],
    ]);
  });

  it('takes a second column and the dashboard\'s filters; a different grouping is a different plan', () => {
    const settings = { ...DEFAULT_PLAN, second: 'region', stockColumn: '' };
    const input = planInput(prepare(dataset), { ...spec, filters: { region: ['EU'] } }, settings, 'Other')!;
    expect(input.stockColumn).toBeUndefined();
    expect(input.grouped!.groups.map((g) => [g.key, Array.from(g.units)])).toEqual([
      [['Coat', 'EU'], [5, 0, 3]],
      [['Dress', 'EU'], [0, 1, 7]],
    ]);
    expect(input.id).not.toBe(planInput(prepare(dataset), spec, settings, 'Other')!.id);
  });
});
