import { describe, expect, it } from 'vitest';
import { forecastShareText } from './format.ts';

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
