import { describe, expect, it } from 'vitest';
import { computeTrends, itemsBehind, shareChange } from './trends.ts';

// 8 items, 2 periods; facet values: 0 Casual, 1 Formal, 2 Sports; region codes 0 EU, 1 US.
const periodIndex = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
const labels = { kind: 'single' as const, codes: Int32Array.from([0, 0, 1, 2, 0, 1, 1, 1]) };
const region = Int32Array.from([0, 0, 1, 1, 0, 0, 1, 1]);
const values = ['Casual', 'Formal', 'Sports'];

describe('trend series', () => {
  it('returns the most frequent values with their shares per period', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [], minSupport: 1, topN: 2 });
    expect(result.series.map((s) => s.label)).toEqual(['Formal', 'Casual']);
    expect(Array.from(result.series[0]!.share)).toEqual([0.25, 0.75]);
    expect(Array.from(result.series[1]!.share)).toEqual([0.5, 0.25]);
    expect(result.series[0]!.totalSupport).toBe(4);
    expect(result.itemsCounted).toBe(8);
  });

  it('recounts under a filter, with "not enough data" below minimum support', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [{ codes: region, allowed: new Set([0]) }], minSupport: 2, topN: 3 });
    expect(result.itemsFiltered).toBe(4);
    const casual = result.series.find((s) => s.label === 'Casual')!;
    expect(Array.from(casual.share)).toEqual([1, 0.5]);
    expect(shareChange(casual.share, 0, 1)).toBe(-0.5);
    const tooFew = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [{ codes: region, allowed: new Set([0]) }], minSupport: 3, topN: 1 });
    expect(Number.isNaN(tooFew.series[0]!.share[0]!)).toBe(true);
    expect(shareChange(tooFew.series[0]!.share, 0, 1)).toBeUndefined();
  });

  it('finds the items behind a point', () => {
    expect(Array.from(itemsBehind(periodIndex, labels, 1, 1))).toEqual([5, 6, 7]);
    expect(Array.from(itemsBehind(periodIndex, labels, 0, undefined))).toEqual([0, 1, 4]);
  });
});

describe('sure and unsure labels', () => {
  // Items 2 (Formal, period 0) and 5, 6 (Formal, period 1) and 4 (Casual, period 1) are unsure.
  const sure = Uint8Array.from([1, 1, 0, 1, 0, 0, 0, 1]);

  it('count sure labels only by default, with each series\' unsure share beside it', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [], minSupport: 1, topN: 3, sure });
    expect(result.sureOnly).toBe(true);
    expect(result.itemsCounted).toBe(4);
    expect(result.unsureItems).toBe(4);
    expect(result.labelledItems).toBe(8);
    // Sure items: period 0 → Casual, Casual, Sports; period 1 → Formal.
    const casual = result.series.find((s) => s.label === 'Casual')!;
    expect(Array.from(casual.share)).toEqual([2 / 3, 0]);
    expect(casual.unsureShare).toBeCloseTo(1 / 3);
    const formal = result.series.find((s) => s.label === 'Formal')!;
    expect(Array.from(formal.share)).toEqual([0, 1]);
    expect(formal.unsureShare).toBe(0.75);
    expect(result.series.find((s) => s.label === 'Sports')!.unsureShare).toBe(0);
  });

  it('count every label when unsure labels are included, with the same unsure shares', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [], minSupport: 1, topN: 3, sure, includeUnsure: true });
    expect(result.sureOnly).toBe(false);
    expect(result.itemsCounted).toBe(8);
    const formal = result.series.find((s) => s.label === 'Formal')!;
    expect(Array.from(formal.share)).toEqual([0.25, 0.75]);
    expect(formal.unsureShare).toBe(0.75);
  });

  it('honour filters in the unsure counts and refuse flags of the wrong length', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [{ codes: region, allowed: new Set([1]) }], minSupport: 1, topN: 3, sure });
    // Region US: items 2, 3, 6, 7 → unsure 2 and 6.
    expect(result.labelledItems).toBe(4);
    expect(result.unsureItems).toBe(2);
    expect(() => computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [], minSupport: 1, topN: 3, sure: new Uint8Array(3) })).toThrow(/3 items but the facet has 8/);
  });

  it('leave the unsure share undefined without flags', () => {
    const result = computeTrends({ periodIndex, periodCount: 2, labels, values, filters: [], minSupport: 1, topN: 1 });
    expect(result.sureOnly).toBe(false);
    expect(Number.isNaN(result.series[0]!.unsureShare)).toBe(true);
    expect(result.unsureItems).toBe(0);
  });
});
