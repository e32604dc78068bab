import { describe, expect, it, vi } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { PreparedDataset, precomputeTrends } from './prepared.ts';
import type { DashboardSpec } from './spec.ts';

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

describe('trend results kept per selection', () => {
  it('answers a selection seen before with the same result, whatever the horizon or empty filters', () => {
    const prepared = new PreparedDataset(dataset);
    const first = prepared.trends({ ...spec, filters: { style: ['casual'] } })!;
    expect(first.itemsCounted).toBe(6);
    expect(prepared.trends({ ...spec, horizon: 8, filters: { style: ['casual'], other: [] } })).toBe(first);
    expect(prepared.trends(spec)!.itemsCounted).toBe(12);
    // Counting afresh gives equal numbers, in a new object.
    const fresh = prepared.countTrends({ ...spec, filters: { style: ['casual'] } })!;
    expect(fresh).not.toBe(first);
    expect(fresh.series.map((s) => [s.label, Array.from(s.share)])).toEqual(first.series.map((s) => [s.label, Array.from(s.share)]));
  });

  it('counts the selections given to precomputeTrends ahead, and stops when told', () => {
    vi.useFakeTimers();
    try {
      const prepared = new PreparedDataset(dataset);
      const specs = ['casual', 'minimal'].map((v) => ({ ...spec, filters: { style: [v] } }));
      const stop = precomputeTrends(prepared, specs, 10);
      expect(specs.map((s) => prepared.hasTrends(s))).toEqual([false, false]);
      vi.runAllTimers();
      expect(specs.map((s) => prepared.hasTrends(s))).toEqual([true, true]);
      stop();
      const other = new PreparedDataset(dataset);
      precomputeTrends(other, specs, 10)();
      vi.runAllTimers();
      expect(specs.map((s) => other.hasTrends(s))).toEqual([false, false]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('thin periods (issue 17, item 1)', () => {
  // 16 items a month, 2022-01 … 2024-06, a third of them "minimal", plus one in the last month:
  // 17 items in 2024-06, still fewer than the 20 a share needs.
  const thinDates: number[] = [];
  for (let m = 0; m < 30; m++) for (let d = 1; d <= 16; d++) thinDates.push(Date.UTC(2022, m, d));
  thinDates.push(Date.UTC(2024, 5, 28));
  // 2023-10 has 22 items: the only month with enough (the app used to end the chart, and put "now", there).
  for (let k = 0; k < 6; k++) thinDates.push(Date.UTC(2023, 9, 20 + k));
  const thinTable = new Table({
    date: vectorFromArray(thinDates.map((d) => new Date(d)), new TimestampMillisecond()),
    style: vectorFromArray(thinDates.map((_, i) => (i % 3 === 0 ? 'minimal' : 'casual')), new Utf8()),
  });
  const thin = { ...dataset, table: thinTable };
  const thinSpec: DashboardSpec = { ...spec, minSupport: 20 };

  it('shows every month up to the last one with data, thin ones with their own shares', () => {
    const trends = new PreparedDataset(thin).trends(thinSpec)!;
    expect(trends.periods.labels.length).toBe(30);
    expect(trends.periods.labels[0]).toBe('2022-01');
    expect(trends.periods.labels.at(-1)).toBe('2024-06');
    expect(trends.periodSupport[29]).toBe(17);
    expect(trends.periodSupport[21]).toBe(22);
    expect(Number.isNaN(trends.series.find((s) => s.label === 'casual')!.share[21]!)).toBe(false);
    const minimal = trends.series.find((s) => s.label === 'minimal')!;
    expect(Number.isNaN(minimal.share[29]!)).toBe(true);
    // Items 464…480 of 2024-06: indices divisible by 3 are 465, 468, …, 480 → 6 of 17.
    expect(minimal.thinShare![29]).toBeCloseTo(6 / 17, 12);
  });

  it('advises quarters for weeks and months, nothing for quarters', () => {
    const prepared = new PreparedDataset(thin);
    expect(prepared.grainAdvice({ ...thinSpec, grain: 'week' })?.suggestion).toBe('quarter');
    expect(prepared.grainAdvice({ ...thinSpec, grain: 'month' })?.suggestion).toBe('quarter');
    expect(prepared.grainAdvice({ ...thinSpec, grain: 'quarter' })).toBeUndefined();
  });
});
