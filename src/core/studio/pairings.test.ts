import { describe, expect, it } from 'vitest';
import { basketLift, changeCorrelation, coTrending, detectBasketColumn } from './pairings.ts';

describe('detectBasketColumn', () => {
  it('finds order, outfit, basket and transaction ids, not other columns', () => {
    expect(detectBasketColumn(['id', 'name', 'order_id'])).toBe('order_id');
    expect(detectBasketColumn(['Outfit', 'colour'])).toBe('Outfit');
    expect(detectBasketColumn(['transaction id'])).toBe('transaction id');
    expect(detectBasketColumn(['id', 'ordered_at', 'basketball_size', 'orders_total'])).toBeUndefined();
  });
});

describe('basketLift', () => {
  // Categories: 0 Dress, 1 Heels, 2 Socks, 3 Belt. Baskets: a {Dress, Heels}, b {Dress, Heels}, c {Socks, Belt}, d {Dress, Socks}, e {Belt}.
  const values = ['Dress', 'Heels', 'Socks', 'Belt'];
  const baskets = ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'e', null];
  const codes = [0, 1, 0, 1, 2, 3, 0, 2, 3, 1];
  it('ranks by lift over baskets, not raw counts', () => {
    // Dress in 3 of 5 baskets; Heels in 2 (both with Dress): lift = 2·5 / (3·2) = 5/3. Socks: 1 with Dress, under minTogether.
    expect(basketLift(baskets, codes, values, 0)).toEqual([{ label: 'Heels', strength: 5 / 3, together: 2 }]);
    expect(basketLift(baskets, codes, values, 0, 1)).toEqual([{ label: 'Heels', strength: 5 / 3, together: 2 }]);
    // Socks (2 baskets): with Belt once, lift 1·5/(2·2) = 1.25; with Dress once, 1·5/(2·3) < 1 (left out).
    expect(basketLift(baskets, codes, values, 2, 1)).toEqual([{ label: 'Belt', strength: 1.25, together: 1 }]);
  });
  it('gives nothing for a category in no basket', () => {
    expect(basketLift([null, null], [0, 1], values, 0)).toEqual([]);
  });
});

describe('co-trending', () => {
  it('correlates changes, not levels', () => {
    // b moves with a's changes; c rises steadily but its changes do not follow a's.
    const a = [1, 3, 2, 4, 3, 5, 4];
    const b = [10, 12, 11, 13, 12, 14, 13];
    const c = [1, 2, 3, 4, 5, 6, 7];
    expect(changeCorrelation(a, b).r).toBeCloseTo(1, 12);
    expect(changeCorrelation(a, c).r).toBeNaN(); // c's changes never vary
    const d = [5, 3, 4, 2, 3, 1, 2];
    expect(changeCorrelation(a, d).r).toBeCloseTo(-1, 12);
    expect(coTrending({ label: 'A', share: a }, [{ label: 'A', share: a }, { label: 'B', share: b }, { label: 'C', share: c }, { label: 'D', share: d }])).toEqual([{ label: 'B', strength: expect.closeTo(1, 10), together: 6 }]);
  });
  it('needs enough changes both series have', () => {
    expect(changeCorrelation([1, 2, NaN, 4], [1, 2, 3, 4]).changes).toBe(1);
    expect(changeCorrelation([1, 2, NaN, 4], [1, 2, 3, 4]).r).toBeNaN();
  });
});
