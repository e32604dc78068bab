import { describe, expect, it } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { PreparedDataset } from './prepared.ts';
import { foundColumnName, foundFacets, facetOptions } from './facets.ts';
import type { DashboardSpec } from './spec.ts';

// Issue 17, item 8: materials (and colours, patterns) from the descriptions, as a facet.
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const rows: [string, string, string][] = [
  ['2024-01-05', 'Linen shirt', 'Relaxed linen-blend shirt, striped'],
  ['2024-01-06', 'Wool coat', 'Long coat in pure wool, navy'],
  ['2024-01-07', 'Linen trousers', ''],
  ['2024-02-05', '羊毛围巾', '条纹 羊毛'],
  ['2024-02-06', 'Jeans', 'Relaxed skinny jeans'],
  ['2024-02-07', 'Cashmere jumper', 'Soft cashmere and wool'],
];
const table = new Table({
  date: vectorFromArray(rows.map((r) => new Date(ms(r[0]))), new TimestampMillisecond()),
  name: vectorFromArray(rows.map((r) => r[1]), new Utf8()),
  description: vectorFromArray(rows.map((r) => r[2]), new Utf8()),
});
const columns = [
  { name: 'date', type: 'date', role: 'date' },
  { name: 'name', type: 'text', role: 'text' },
  { name: 'description', type: 'text', role: 'text' },
];
const dataset = { fileName: 'x.csv', fileSize: 0, table, columns, problems: [], notes: [] };

describe('materials found in item text', () => {
  it('offers materials, colours and patterns as facets when the file has no such column, after the others', () => {
    expect(foundFacets(columns).map((f) => [f.column, f.label])).toEqual([
      ['found_in_text:materials', 'Materials (found in item text)'],
      ['found_in_text:colours', 'Colours (found in item text)'],
      ['found_in_text:patterns', 'Patterns (found in item text)'],
    ]);
    // A materials column of the file's own comes first: no found materials then.
    expect(foundFacets([...columns, { name: 'Fabric', type: 'multi-label', role: 'materials' }]).map((f) => f.column)).toEqual(['found_in_text:colours', 'found_in_text:patterns']);
    // Without item text there is nothing to find.
    expect(foundFacets(columns.filter((c) => c.role !== 'text'))).toEqual([]);
    // They are not among the options the default facet is chosen from.
    expect(facetOptions(columns).some((f) => f.source === 'text')).toBe(false);
  });

  it('counts items per material and month from name and description', () => {
    const prepared = new PreparedDataset(dataset);
    const spec: DashboardSpec = { facet: foundColumnName('materials'), grain: 'month', measure: 'items', filters: {}, horizon: 1, minSupport: 1, topN: 8 };
    const trends = prepared.trends(spec)!;
    expect(trends.periods.labels).toEqual(['2024-01', '2024-02']);
    const share = (label: string) => Array.from(trends.series.find((s) => s.label === label)?.share ?? []);
    // Shares of the items that name a material: January 2 of 3 name linen, 1 wool; February's
    // jeans name none, and of the other 2 both name wool (the scarf and the jumper), 1 cashmere.
    expect(share('linen')).toEqual([2 / 3, 0]);
    expect(share('wool')).toEqual([1 / 3, 1]);
    expect(share('cashmere')).toEqual([0, 1 / 2]);
    expect(prepared.found().materials.itemsWithAny).toBe(5);
    expect(prepared.coded(foundColumnName('patterns')).values).toEqual(['striped']);
    expect(prepared.coded(foundColumnName('colours')).values).toEqual(['navy']);
  });
});

describe('materials found in the background', () => {
  it('reads a slice at a time, says how far it is, and gives what found() gives', async () => {
    const many = 12_000;
    const big = new Table({
      name: vectorFromArray(Array.from({ length: many }, (_, i) => (i % 4 === 0 ? 'Linen shirt' : i % 4 === 1 ? '羊毛大衣' : 'Relaxed jeans')), new Utf8()),
    });
    const prepared = new PreparedDataset({ fileName: 'big.csv', fileSize: 0, table: big, columns: [{ name: 'name', type: 'text', role: 'text' }], problems: [], notes: [] });
    expect(prepared.foundReady).toBe(false);
    const seen: number[] = [];
    const found = await prepared.foundInBackground((done, total) => {
      expect(total).toBe(many);
      seen.push(done);
    });
    // 2,000 items a slice: told after each of the first five, done after the sixth.
    expect(seen).toEqual([2000, 4000, 6000, 8000, 10000]);
    expect(prepared.foundReady).toBe(true);
    expect(found.materials.values).toEqual(['linen', 'wool']);
    expect(found.materials.itemsWithAny).toBe(6000);
    expect(prepared.found()).toBe(found);
    expect(await prepared.foundInBackground()).toBe(found);
  });
});
