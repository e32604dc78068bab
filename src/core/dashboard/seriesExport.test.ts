import { describe, expect, it } from 'vitest';
import { seriesForExport } from './seriesExport.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('seriesForExport', () => {
  // Months 2023-01…2023-04 with 4, 1, 4 and 4 items (February is thin), a lone item in 2022-10,
  // and one undated item. Codes: 0 = linen, 1 = wool.
  const items: [string | null, number][] = [
    ['2022-10-05', 1],
    ['2023-01-02', 0], ['2023-01-09', 0], ['2023-01-16', 1], ['2023-01-23', 1],
    ['2023-02-10', 0],
    ['2023-03-01', 0], ['2023-03-02', 0], ['2023-03-03', 0], ['2023-03-04', 1],
    ['2023-04-01', 1], ['2023-04-02', 1], ['2023-04-03', 1], ['2023-04-04', 0],
    [null, 0],
  ];
  const dates = Float64Array.from(items, ([d]) => (d ? day(d) : Number.NaN));
  const labels = { kind: 'single' as const, codes: Int32Array.from(items, ([, c]) => c) };

  it('counts shares per period from the first to the last period with items, thin periods kept', () => {
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], grain: 'month', minSupport: 3, topN: 8 });
    expect(result.periods).toEqual(['2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04']);
    expect(result.starts[3]).toBe(day('2023-01-01'));
    expect(result.items).toEqual([1, 0, 0, 4, 1, 4, 4]);
    expect(result.thin).toEqual([true, false, false, false, true, false, false]);
    expect(result.emptyPeriods).toBe(2);
    // linen: 7 items over all periods, wool 7 too (ties by name: linen first).
    expect(result.series.map((s) => s.label)).toEqual(['linen', 'wool']);
    expect(result.series[0]!.share).toEqual([0, Number.NaN, Number.NaN, 0.5, 1, 0.75, 0.25]);
    expect(result.series[1]!.share).toEqual([1, Number.NaN, Number.NaN, 0.5, 0, 0.25, 0.75]);
    expect(result.undated).toBe(1);
    expect(result.itemsCounted).toBe(14);
  });

  it('leaves thin periods empty with dropThin', () => {
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], grain: 'month', minSupport: 3, topN: 8, dropThin: true });
    expect(result.series[0]!.share).toEqual([Number.NaN, Number.NaN, Number.NaN, 0.5, Number.NaN, 0.75, 0.25]);
  });

  it('weights shares by units, and keeps only the top values', () => {
    const weights = Float64Array.from(items, ([, c]) => (c === 0 ? 1 : 3));
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], weights, grain: 'quarter', minSupport: 3, topN: 1 });
    expect(result.periods).toEqual(['2022 Q4', '2023 Q1', '2023 Q2']);
    expect(result.series).toHaveLength(1);
    // Q1: linen 6 items (6 units), wool 3 items (9 units) → 6 / 15.
    expect(result.series[0]!.share[1]).toBeCloseTo(0.4, 12);
  });

  it('gives no periods when no item is dated', () => {
    const result = seriesForExport({ dates: new Float64Array(items.length).fill(Number.NaN), labels, values: ['linen', 'wool'], grain: 'month', minSupport: 3, topN: 8 });
    expect(result.periods).toEqual([]);
    expect(result.undated).toBe(items.length);
  });
});
