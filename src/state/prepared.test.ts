import { describe, expect, it } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { PreparedDataset } from './prepared.ts';
import type { DashboardSpec } from './store.ts';

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const dates = ['2019-01-10', '2019-02-10', '2019-03-10', '2019-04-10', '2019-05-10', '2019-06-10'].flatMap((d) => [d, d]);
const styles = dates.map((_, i) => (i % 2 ? 'minimal' : 'casual'));
const table = new Table({
  date: vectorFromArray(dates.map((d) => new Date(ms(d))), new TimestampMillisecond()),
  style: vectorFromArray(styles, new Utf8()),
});
const dataset = { fileName: 'x.csv', fileSize: 0, table, columns: [{ name: 'date', type: 'date', role: 'date' }, { name: 'style', type: 'category', role: 'styles' }], problems: [], notes: [] };
const spec: DashboardSpec = { facet: 'style', grain: 'month', measure: 'items', filters: {}, horizon: 2, minSupport: 1, topN: 5 };

describe('prepared dataset', () => {
  it('limits trends to the chosen date range, by period', () => {
    const prepared = new PreparedDataset(dataset);
    const all = prepared.trends(spec)!;
    expect(all.periods.labels).toEqual(['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06']);
    const ranged = prepared.trends({ ...spec, dateFrom: ms('2019-02-01'), dateTo: ms('2019-04-01') })!;
    expect(ranged.periods.labels).toEqual(['2019-02', '2019-03', '2019-04']);
    expect(ranged.itemsCounted).toBe(6);
    expect(ranged.periodOffset).toBe(1);
    expect(Array.from(ranged.series.find((s) => s.label === 'casual')!.share)).toEqual([0.5, 0.5, 0.5]);
  });
});
