import { describe, expect, it } from 'vitest';
import { hanShare, mostlyChineseShare } from './script.ts';

describe('how much of a text is Chinese', () => {
  it('counts a Chinese character like a word', () => {
    expect(hanShare('白色T恤')).toBeCloseTo(0.75, 12);
    expect(hanShare('Relaxed linen shirt')).toBe(0);
    expect(hanShare('')).toBe(0);
  });
  it('gives the share of texts written mostly in Chinese', () => {
    expect(mostlyChineseShare(['白色T恤', 'Linen shirt 优', 'shirt 衬衫', 'navy shirt'])).toBe(0.5);
    expect(mostlyChineseShare([])).toBe(0);
  });
});
