import { describe, expect, it } from 'vitest';
import { combineColumns, partsWithSureLabels, risingCombinations } from './combinations.ts';
import type { CodedColumn } from './columns.ts';
import type { TrendSeries } from './trends.ts';

const coded = (values: string[], codes: number[]): CodedColumn => ({ labels: { kind: 'single', codes: Int32Array.from(codes) }, values });

describe('combineColumns', () => {
  it('codes each item by its combination, skips items missing a part, and is sure only when every part is', () => {
    const colour = coded(['Green', 'Black'], [0, 0, 1, -1, 0]);
    const type = coded(['Dresses', 'Shirts'], [0, 0, 1, 0, 1]);
    const combined = combineColumns([
      { tag: 'baseColour', coded: colour, sure: Uint8Array.from([1, 0, 1, 1, 1]) },
      { tag: 'articleType', coded: type },
    ]);
    expect(Array.from(combined.labels.codes)).toEqual([0, 0, 1, -1, 2]);
    expect(combined.values).toEqual(['Green · Dresses', 'Black · Shirts', 'Green · Shirts']);
    expect(combined.tags[2]).toEqual({ baseColour: 'Green', articleType: 'Shirts' });
    expect(Array.from(combined.sure!)).toEqual([1, 0, 1, 2, 1]);
    expect(() => combineColumns([])).toThrow(/at least one column/);
  });
});

describe('partsWithSureLabels', () => {
  it('leaves out a part none of whose labels is sure, keeps parts with a sure label or no flags', () => {
    const colour = { tag: 'baseColour', coded: coded(['Red', 'Blue'], [0, 1, 0]), sure: Uint8Array.from([1, 0, 0]) };
    const usage = { tag: 'usage', coded: coded(['Casual'], [0, 0, 0]), sure: Uint8Array.from([0, 0, 0]) };
    const type = { tag: 'articleType', coded: coded(['Dresses'], [0, 0, -1]) };
    const { kept, leftOut } = partsWithSureLabels([colour, usage, type]);
    expect(kept.map((p) => p.tag)).toEqual(['baseColour', 'articleType']);
    expect(leftOut).toEqual(['usage']);
    // Flags 2 (no label) are not sure either.
    expect(partsWithSureLabels([{ ...usage, sure: Uint8Array.from([2, 0, 2]) }]).leftOut).toEqual(['usage']);
    expect(partsWithSureLabels([{ ...usage, sure: Uint8Array.from([0, 1, 0]) }]).leftOut).toEqual([]);
  });
});

describe('risingCombinations', () => {
  const series = (label: string, share: number[]): TrendSeries => ({ label, share: Float64Array.from(share), support: new Uint32Array(share.length), totalSupport: 10 });
  it('keeps combinations forecast above their latest share (thin trailing periods skipped), largest rise first', () => {
    const all = [series('A', [0.1, 0.2, 0.2]), series('B', [0.3, 0.1, NaN]), series('C', [0.5, 0.4, 0.3]), series('D', [0.1, 0.1, 0.1])];
    const forecasts = new Map([
      ['A', { point: [0.25], lo80: [0.2], hi80: [0.3] }],
      ['B', { point: [0.2] }],
      ['C', { point: [0.25] }],
      ['D', { point: [0.12], lo80: [0.05], hi80: [0.2] }],
    ]);
    const rising = risingCombinations(all, forecasts, (label) => ({ label }));
    expect(rising.map((r) => r.label)).toEqual(['B', 'A', 'D']);
    expect(rising[0]!.latest).toBeCloseTo(0.1);
    expect(rising[0]!.rise).toBeCloseTo(0.1);
    expect(rising[0]!.lo80).toBeNaN();
    expect(rising[1]).toMatchObject({ forecast: 0.25, lo80: 0.2, hi80: 0.3 });
    expect(risingCombinations(all, forecasts, (label) => ({ label }), 1)).toHaveLength(1);
  });
});
