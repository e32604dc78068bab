import { describe, expect, it } from 'vitest';
import { contrastRatio, formatConfidence, forecastShareText, heatShade, niceTicks, numberTickLabels, readableInk, shareTickLabels, stepDecimals } from './format.ts';

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

describe('readable text on coloured cells (issue 17, item 10)', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrastRatio([0x11, 0x18, 0x27], [255, 255, 255])).toBeGreaterThan(17);
    // The series colours that failed as text on white (#e69f00, #56b4e9).
    expect(contrastRatio([0xe6, 0x9f, 0x00], [255, 255, 255])).toBeCloseTo(2.25, 1);
    expect(contrastRatio([0x56, 0xb4, 0xe9], [255, 255, 255])).toBeCloseTo(2.31, 1);
  });
  it('chooses dark or white text, whichever reads better', () => {
    expect(readableInk([255, 255, 255])).toBe('#111827');
    expect(readableInk([20, 20, 20])).toBe('#ffffff');
    // White text at 3.0:1 on the shade #c98552 of the old heatmap; dark text reads there.
    expect(contrastRatio([201, 133, 82], [255, 255, 255])).toBeLessThan(4.5);
    expect(readableInk([201, 133, 82])).toBe('#111827');
  });
  it('shade every heatmap cell so that its text reads at 4.5:1 or better', () => {
    for (let i = 0; i <= 20; i++) {
      const { background, ink } = heatShade(i / 20);
      const rgb = background.match(/\d+/g)!.map(Number) as [number, number, number];
      const text: [number, number, number] = ink === '#ffffff' ? [255, 255, 255] : [0x11, 0x18, 0x27];
      expect(contrastRatio(rgb, text), `share ${i / 20} of the largest`).toBeGreaterThanOrEqual(4.5);
    }
    expect(heatShade(0).background).not.toBe(heatShade(1).background);
  });
});

describe('formatConfidence', () => {
  it('rounds down, so a label under the sure threshold never reads as at it', () => {
    expect(formatConfidence(0.849, 'percent')).toBe('84%');
    expect(formatConfidence(0.849, 'fraction')).toBe('0.84');
    expect(formatConfidence(0.996, 'percent')).toBe('99%');
    expect(formatConfidence(0.996, 'fraction')).toBe('0.99');
    expect(formatConfidence(1, 'percent')).toBe('100%');
    expect(formatConfidence(0, 'fraction')).toBe('0.00');
    expect(formatConfidence(NaN, 'percent')).toBe('—');
  });

  it('keeps a value stored on a step on it (0.85 as a 32-bit float, 0.29 as a 64-bit one)', () => {
    expect(formatConfidence(Math.fround(0.85), 'percent')).toBe('85%');
    expect(formatConfidence(Math.fround(0.85), 'fraction')).toBe('0.85');
    expect(formatConfidence(0.29, 'percent')).toBe('29%'); // 0.29 × 100 = 28.999999999999996
    expect(formatConfidence(Math.fround(0.57), 'fraction')).toBe('0.57'); // 0.569999992847…
    expect(formatConfidence(Math.fround(0.57), 'percent')).toBe('57%');
  });
});
