import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bottomUp, reconcileMinTDiagonal, sumAggregates, type Hierarchy } from './reconcile.ts';
import { normalCdf, normalQuantile, pinballLoss } from './stats.ts';

describe('reconciliation', () => {
  const twoLeaves: Hierarchy = { bottom: 2, aggregates: [{ members: [0, 1] }] };

  it('OLS (equal weights) on total 10, groups 3 and 5 gives 11/3 and 17/3 (known answer)', () => {
    const r = reconcileMinTDiagonal(twoLeaves, [3, 5], [10], [1, 1, 1]);
    expect(r.bottom[0]).toBeCloseTo(11 / 3, 12);
    expect(r.bottom[1]).toBeCloseTo(17 / 3, 12);
    expect(r.aggregates[0]).toBeCloseTo(28 / 3, 12);
  });

  it('WLS moves each group in proportion to its error variance (closed form for one total)', () => {
    // b_i = ŷ_i − w_i (Σŷ − ŷ_T) / (w_T + Σw): gap 8 − 10 = −2, weights 1, 3, total 4 → 2 · 1/8, 2 · 3/8.
    const r = reconcileMinTDiagonal(twoLeaves, [3, 5], [10], [1, 3, 4]);
    expect(r.bottom[0]).toBeCloseTo(3 + 0.25, 12);
    expect(r.bottom[1]).toBeCloseTo(5 + 0.75, 12);
    expect(r.aggregates[0]).toBeCloseTo(9, 12);
  });

  it('a two-level hierarchy: total, two sub-totals, four groups (known answer)', () => {
    // Base forecasts already coherent except the total (says 12, groups sum to 10): with equal
    // weights the +2 is spread over the groups by OLS: P = (S'S)⁻¹S' gives +2/7 ... checked by the normal equations.
    const h: Hierarchy = { bottom: 4, aggregates: [{ members: [0, 1, 2, 3] }, { members: [0, 1] }, { members: [2, 3] }] };
    const r = reconcileMinTDiagonal(h, [1, 2, 3, 4], [12, 3, 7], [1, 1, 1, 1, 1, 1, 1]);
    // By symmetry every group moves by the same d; minimising 4d² + 2(2d)² + (4d − 2)² gives d = 8/28 = 2/7.
    for (let i = 0; i < 4; i++) expect(r.bottom[i]).toBeCloseTo(i + 1 + 2 / 7, 12);
    expect(r.aggregates[0]).toBeCloseTo(10 + 8 / 7, 12);
  });

  it('an aggregate without a usable forecast does not pull (bottom-up for it)', () => {
    const r = reconcileMinTDiagonal(twoLeaves, [3, 5], [NaN], [1, 1, 1]);
    expect(Array.from(r.bottom)).toEqual([3, 5]);
    expect(r.aggregates[0]).toBe(8);
  });

  it('is always coherent: every aggregate equals the sum of its groups', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 2, maxLength: 8 }), fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (leaves, total, wTotal) => {
        const h: Hierarchy = { bottom: leaves.length, aggregates: [{ members: leaves.map((_, i) => i) }, { members: [0, 1] }] };
        const variance = [...leaves.map((_, i) => 1 + i), wTotal, 2];
        const r = reconcileMinTDiagonal(h, leaves, [total, leaves[0]! + leaves[1]! + 1], variance);
        const sums = sumAggregates(h, r.bottom);
        expect(Math.abs(sums[0]! - r.aggregates[0]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(sums[0]!)));
        expect(r.aggregates[1]).toBe(r.bottom[0]! + r.bottom[1]!);
      }),
    );
  });

  it('bottom-up keeps the groups and adds them up', () => {
    const r = bottomUp(twoLeaves, [3, 5]);
    expect(Array.from(r.bottom)).toEqual([3, 5]);
    expect(r.aggregates[0]).toBe(8);
  });
});

describe('stats', () => {
  it('normal quantiles match the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
  });

  it('pinball loss charges under-forecasts by tau and over-forecasts by 1 − tau', () => {
    expect(pinballLoss(10, 8, 0.8)).toBeCloseTo(1.6, 12);
    expect(pinballLoss(8, 10, 0.8)).toBeCloseTo(0.4, 12);
  });
});
