import { describe, expect, it } from 'vitest';
import { englishText } from '../messages.ts';
import { detectLabelSeparator, normaliseLabel, splitLabels } from './labels.ts';

describe('splitLabels', () => {
  it.each([
    ['casual|minimal', '|', ['casual', 'minimal']],
    [' Casual | MINIMAL | casual ', '|', ['casual', 'minimal']],
    ['casual; minimal', ';', ['casual', 'minimal']],
    ['casual；minimal', ';', ['casual', 'minimal']],
    ['休闲、简约', '、', ['休闲', '简约']],
    ['casual, minimal', ',', ['casual', 'minimal']],
    ['cotton/elastane', '/', ['cotton', 'elastane']],
    ['Navy  Blue', null, ['navy blue']],
    ['casual||n/a|', '|', ['casual']],
    ['casual', '|', ['casual']],
  ] as const)('splits %j on %j', (raw, separator, expected) => {
    expect(splitLabels(raw, separator)).toEqual(expected);
  });

  it.each(['', '  ', 'N/A', '|', ' | - | ', null, undefined])('reads %j as missing', (raw) => {
    expect(splitLabels(raw, '|')).toBeNull();
  });

  it('normalises case and spaces', () => {
    expect(normaliseLabel('  Smart   Casual ')).toBe('smart casual');
  });
});

describe('detectLabelSeparator', () => {
  it.each([
    [['casual|minimal', 'boho', 'street|casual', ''], '|'],
    [['casual; minimal', 'boho', 'street; casual'], ';'],
    [['休闲、简约', '运动', '简约、通勤'], '、'],
    [['casual, minimal', 'minimal', 'casual, boho', 'boho', 'street'], ','],
    [['cotton/elastane', 'cotton', 'polyester/cotton', 'wool'], '/'],
  ] as const)('finds the separator of %j', (samples, separator) => {
    expect(detectLabelSeparator(samples).separator).toBe(separator);
  });

  it.each([
    [['Soft, breathable cotton shirt with a relaxed fit', 'Slim jeans in dark wash, with five pockets', 'Classic white tee']],
    [['Shirts', 'Jeans', 'Watches', 'T-Shirt/Top']],
    [['S/M', 'L/XL', 'M', 'S/M', 'XS/S']],
    [['Turtle Check Men Navy Blue Shirt', 'Peter England Men Party Blue Jeans']],
    [['1,234', '5,678', '9,999']],
    [['a, b', 'c, d', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm']],
    [[]],
  ])('keeps %j as single values', (samples) => {
    expect(detectLabelSeparator(samples).separator).toBeNull();
  });

  it('never chooses an excluded separator', () => {
    expect(detectLabelSeparator(['casual;minimal', 'boho;street'], [';']).separator).toBeNull();
  });

  it('explains the split', () => {
    expect(englishText(detectLabelSeparator(['casual|minimal', 'boho|street']).note!)).toBe(
      "Cells in this column hold several labels separated by '|'; we split them into lists.",
    );
  });
});
