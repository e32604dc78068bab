import { describe, expect, it } from 'vitest';
import { formatFactor, naiveComparison, worseThanNaive } from './naiveComparison.ts';

describe('naiveComparison', () => {
  it('reads a MASE as better or worse than naive, and how many times', () => {
    expect(naiveComparison(1.5)).toEqual({ verdict: 'worse', factor: 1.5 });
    expect(naiveComparison(0.5)).toEqual({ verdict: 'better', factor: 2 });
    expect(naiveComparison(0.25)).toEqual({ verdict: 'better', factor: 4 });
    expect(naiveComparison(8.3)).toEqual({ verdict: 'worse', factor: 8.3 });
    expect(naiveComparison(1.04)).toEqual({ verdict: 'same', factor: 1 });
    expect(naiveComparison(0.96)).toEqual({ verdict: 'same', factor: 1 });
    expect(naiveComparison(0).verdict).toBe('better');
    expect(naiveComparison(Number.NaN).verdict).toBe('unknown');
    expect(naiveComparison(undefined).verdict).toBe('unknown');
  });

  it('writes factors as people do', () => {
    expect(formatFactor(1.5)).toBe('1.5');
    expect(formatFactor(2)).toBe('2');
    expect(formatFactor(1 / 0.3)).toBe('3.3');
    expect(formatFactor(12.4)).toBe('12');
    expect(formatFactor(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('flags forecasts worse than naive only', () => {
    expect(worseThanNaive(6.2)).toBe(true);
    expect(worseThanNaive(1.02)).toBe(false);
    expect(worseThanNaive(0.7)).toBe(false);
    expect(worseThanNaive(Number.NaN)).toBe(false);
  });
});
