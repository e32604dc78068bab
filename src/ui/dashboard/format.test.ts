import { describe, expect, it } from 'vitest';
import { forecastShareText, niceTicks, numberTickLabels, shareTickLabels, stepDecimals } from './format.ts';

describe('forecastShareText', () => {
  it.each([
    ['a real interval', 0.25, 0.2, 0.3, '25.0% (20.0%–30.0%)'],
    ['no interval', 0.25, undefined, undefined, '25.0% (no interval)'],
    ['a zero-width interval is shown as none', 0.25, 0.25, 0.25, '25.0% (no interval)'],
    ['a non-finite bound', 0.25, 0.2, Infinity, '25.0% (no interval)'],
    ['no forecast value', NaN, undefined, undefined, '—'],
  ] as const)('%s', (_, point, lo, hi, text) => {
    expect(forecastShareText(point, lo, hi, 'no interval')).toBe(text);
  });
});

describe('value axis ticks (issue 17: no more "0.00, 200, 400, 600, 650")', () => {
  it('are evenly spaced round steps covering the values', () => {
    expect(niceTicks(0, 650)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(0, 0.55)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-15, 40)).toEqual([-20, 0, 20, 40]);
    expect(niceTicks(0, 0.1)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    expect(niceTicks(0, 12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it('never pass the upper bound of a share axis', () => {
    expect(niceTicks(0, 1, 5, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.977, 5, 1).at(-1)).toBe(1);
  });

  it('are written with the same decimals throughout', () => {
    expect(numberTickLabels(niceTicks(0, 650))).toEqual(['0', '200', '400', '600', '800']);
    expect(numberTickLabels(niceTicks(0, 12))).toEqual(['0.0', '2.5', '5.0', '7.5', '10.0', '12.5']);
    expect(numberTickLabels([0, 2000, 4000], 'en')).toEqual(['0', '2,000', '4,000']);
    expect(shareTickLabels(niceTicks(0, 0.55))).toEqual(['0%', '20%', '40%', '60%']);
    expect(shareTickLabels(niceTicks(0, 0.1))).toEqual(['0%', '2%', '4%', '6%', '8%', '10%']);
    expect(shareTickLabels([0, 0.025, 0.05])).toEqual(['0.0%', '2.5%', '5.0%']);
  });

  it('need decimals only where the step has them', () => {
    expect([200, 1, 0.5, 0.25, 2.5, 0.02].map(stepDecimals)).toEqual([0, 0, 1, 2, 1, 2]);
  });
});
