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

  it('counts shares per period, leaves thin inner periods empty and drops thin ones at the ends', () => {
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], grain: 'month', minSupport: 3, topN: 8 });
    expect(result.periods).toEqual(['2023-01', '2023-02', '2023-03', '2023-04']);
    expect(result.starts).toEqual([day('2023-01-01'), day('2023-02-01'), day('2023-03-01'), day('2023-04-01')]);
    expect(result.items).toEqual([4, 1, 4, 4]);
    // linen: 7 items over all periods, wool 7 too (ties by name: linen first).
    expect(result.series.map((s) => s.label)).toEqual(['linen', 'wool']);
    expect(result.series[0]!.share).toEqual([0.5, Number.NaN, 0.75, 0.25]);
    expect(result.series[1]!.share).toEqual([0.5, Number.NaN, 0.25, 0.75]);
    expect(result.thinPeriods).toBe(1);
    // 2022-10 (one item) and the empty months up to 2022-12 are dropped at the start.
    expect(result.trimmed).toEqual({ leading: 3, trailing: 0 });
    expect(result.undated).toBe(1);
    expect(result.itemsCounted).toBe(14);
  });

  it('weights shares by units, and keeps only the top values', () => {
    const weights = Float64Array.from(items, ([, c]) => (c === 0 ? 1 : 3));
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], weights, grain: 'quarter', minSupport: 3, topN: 1 });
    expect(result.periods).toEqual(['2023 Q1', '2023 Q2']);
    expect(result.series).toHaveLength(1);
    // Q1: linen 6 items (6 units), wool 3 items (9 units) → 6 / 15.
    expect(result.series[0]!.share[0]).toBeCloseTo(0.4, 12);
  });

  it('gives no periods when no period has enough items', () => {
    const result = seriesForExport({ dates, labels, values: ['linen', 'wool'], grain: 'month', minSupport: 50, topN: 8 });
    expect(result.periods).toEqual([]);
    expect(result.series.every((s) => s.share.length === 0)).toBe(true);
  });
});
