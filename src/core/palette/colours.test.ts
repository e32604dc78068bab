import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colourSwatch, isMulticolour, normaliseColourName, textColourOn } from './colours.ts';

describe('colour swatches', () => {
  it('knows every base colour of the demo catalogue except the missing-value marker', () => {
    const lines = readFileSync('public/demo/catalogue-sample.csv', 'utf8').trim().split('\n').slice(1);
    const colours = new Set(lines.map((line) => line.split(',')[5]!).filter((c) => c && c !== 'NA'));
    const unknown = [...colours].filter((c) => !colourSwatch(c));
    expect(unknown).toEqual([]);
    expect(colours.size).toBeGreaterThan(30);
  });

  it('matches English and Chinese names, case and spacing aside', () => {
    expect(colourSwatch('navy blue')?.hex).toBe('#1f2a4d');
    expect(colourSwatch('Navy-Blue')?.name).toBe('Navy Blue');
    expect(colourSwatch('藏青色')?.name).toBe('Navy Blue');
    expect(colourSwatch('藏青')?.name).toBe('Navy Blue');
    expect(colourSwatch('酒红色')?.name).toBe('Burgundy');
    expect(colourSwatch('GRAY')?.name).toBe('Grey');
    expect(colourSwatch('camel')?.nameZh).toBe('棕褐色');
  });

  it('returns nothing for words that are not colours', () => {
    expect(colourSwatch('Casual')).toBeUndefined();
    expect(colourSwatch('')).toBeUndefined();
    expect(normaliseColourName('色')).toBe('色');
  });

  it('marks multicolour and picks readable text', () => {
    expect(isMulticolour(colourSwatch('Multi')!)).toBe(true);
    expect(isMulticolour(colourSwatch('Red')!)).toBe(false);
    expect(textColourOn('#111111')).toBe('#ffffff');
    expect(textColourOn('#f8f8f6')).toBe('#000000');
  });
});
