import { describe, expect, it } from 'vitest';
import { buildCube, buildMask, labelTotals, shareSeries } from './cube.ts';

// Six items over two periods; labels: 0 = casual, 1 = formal, 2 = minimal.
const periodIndex = Int32Array.from([0, 0, 0, 1, 1, -1]);
const single = { kind: 'single' as const, codes: Int32Array.from([0, 0, 1, 1, -1, 0]) };

describe('facet cube', () => {
  it('counts shares of items per period, skipping undated and unlabelled items', () => {
    const cube = buildCube({ periodIndex, periodCount: 2, labels: single, labelCount: 3 });
    expect(Array.from(cube.support)).toEqual([2, 1, 0, 0, 1, 0]);
    expect(Array.from(cube.periodSupport)).toEqual([3, 1]);
    expect(cube.itemsCounted).toBe(4);
    expect(Array.from(shareSeries(cube, 0, 1))).toEqual([2 / 3, 0]);
    expect(Array.from(shareSeries(cube, 1, 1))).toEqual([1 / 3, 1]);
  });

  it('weights by units and flags periods below the minimum support', () => {
    const weights = Float64Array.from([10, 0, 30, 5, 5, 1]);
    const cube = buildCube({ periodIndex, periodCount: 2, labels: single, labelCount: 3, weights });
    expect(Array.from(shareSeries(cube, 0, 2))).toEqual([0.25, Number.NaN]);
  });

  it('counts every label of a multi-label item', () => {
    // item0: casual|minimal, item1: minimal, item2: (none), item3: formal|minimal
    const labels = { kind: 'multi' as const, offsets: Int32Array.from([0, 2, 3, 3, 5]), codes: Int32Array.from([0, 2, 2, 1, 2]) };
    const cube = buildCube({ periodIndex: Int32Array.from([0, 0, 0, 1]), periodCount: 2, labels, labelCount: 3 });
    expect(Array.from(cube.periodSupport)).toEqual([2, 1]);
    expect(Array.from(shareSeries(cube, 2, 1))).toEqual([1, 1]);
    expect(Array.from(labelTotals(cube))).toEqual([1, 1, 3]);
  });

  it('filters by coded columns and period range', () => {
    const region = Int32Array.from([0, 1, 0, 1, 0, -1]);
    const mask = buildMask(6, [{ codes: region, allowed: new Set([0]) }], periodIndex, [0, 0])!;
    expect(Array.from(mask)).toEqual([1, 0, 1, 0, 0, 0]);
    const cube = buildCube({ periodIndex, periodCount: 2, labels: single, labelCount: 3, mask });
    expect(Array.from(cube.support)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(buildMask(6, [])).toBeUndefined();
  });

  it('combines several filters (missing codes never pass) and a period range alone', () => {
    const region = Int32Array.from([0, 1, 2, 1, -1, 2]);
    const gender = Int32Array.from([1, 1, 0, -1, 1, 1]);
    expect(Array.from(buildMask(6, [{ codes: region, allowed: new Set([1, 2]) }])!)).toEqual([0, 1, 1, 1, 0, 1]);
    expect(Array.from(buildMask(6, [{ codes: region, allowed: new Set([1, 2]) }, { codes: gender, allowed: new Set([1]) }])!)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(Array.from(buildMask(6, [{ codes: region, allowed: new Set([7]) }])!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(buildMask(6, [], periodIndex, [1, 1])!)).toEqual(Array.from(periodIndex, (p) => (p === 1 ? 1 : 0)));
  });
});
