import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { fitTemperature, temperProbabilities, type OutOfFoldItem } from './temperature.ts';

describe('temperProbabilities', () => {
  it('leaves probabilities unchanged at temperature 1, sharpens below 1, softens above, never changes the top class', () => {
    const p = Float32Array.from([0.6, 0.3, 0.1]);
    expect([...temperProbabilities(p, 1)]).toEqual([...p]);
    const sharp = temperProbabilities(p, 0.5);
    // p^2 normalised: 0.36, 0.09, 0.01 over 0.46.
    expect(sharp[0]).toBeCloseTo(0.36 / 0.46, 5);
    expect(sharp[2]).toBeCloseTo(0.01 / 0.46, 5);
    const soft = temperProbabilities(p, 2);
    expect(soft[0]).toBeLessThan(0.6);
    expect(soft[0]).toBeGreaterThan(soft[1]!);
    expect(soft.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('refuses a temperature that is not a positive number', () => {
    expect(() => temperProbabilities([0.5, 0.5], 0)).toThrow(/positive number/);
    expect(() => temperProbabilities([0.5, 0.5], Number.NaN)).toThrow(/positive number/);
  });
});

/** n items whose head says `stated` for its top class, which is right with probability `right`. */
function items(n: number, stated: number, right: number, seed = 1): OutOfFoldItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const probabilities = Float32Array.from([stated, (1 - stated) / 2, (1 - stated) / 2]);
    return { probabilities, truth: random() < right ? 0 : 1 + Math.floor(random() * 2) };
  });
}

describe('fitTemperature', () => {
  it('sharpens an under-confident head and softens an over-confident one', () => {
    const under = fitTemperature(items(200, 0.55, 0.85));
    expect(under).toBeLessThan(1);
    expect(temperProbabilities([0.55, 0.225, 0.225], under)[0]).toBeGreaterThan(0.7);
    const over = fitTemperature(items(200, 0.95, 0.6));
    expect(over).toBeGreaterThan(1);
    expect(temperProbabilities([0.95, 0.025, 0.025], over)[0]).toBeLessThan(0.9);
  });

  it('stays at 1 with fewer items than the minimum, and within its range however extreme the items', () => {
    expect(fitTemperature(items(39, 0.55, 1))).toBe(1);
    expect(fitTemperature(items(39, 0.55, 1), { minItems: 10 })).toBeLessThan(1);
    // Every item right at 0.34: the likelihood wants T → 0, the range stops it at 0.5.
    expect(fitTemperature(items(100, 0.34, 1))).toBeCloseTo(0.5, 6);
    expect(fitTemperature(items(100, 0.99, 0.2))).toBeCloseTo(2, 6);
    // Items whose label the fold head did not know do not count.
    expect(fitTemperature(items(100, 0.55, 0.9).map((x) => ({ ...x, truth: -1 })))).toBe(1);
  });
});
