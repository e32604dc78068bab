import { colornames } from 'color-name-list';
import { describe, expect, it } from 'vitest';
import { fitsHueWord, hslOf, indexNamedColours, modelColourPerValue, normaliseName, resolveColourName } from './named.ts';

const index = indexNamedColours(colornames);

describe('colour names as designers write them', () => {
  it('reads the whole named-colour list into an index', () => {
    expect(colornames.length).toBeGreaterThan(30_000);
    expect(index.size).toBeGreaterThan(30_000);
    expect(index.get('butter yellow')).toBe('#fffd74');
    expect(normaliseName('  Butter-Yellow_ ')).toBe('butter yellow');
  });

  it('gives a swatch to two-word fashion names, from the list when its colour fits the hue word', () => {
    expect(resolveColourName('Butter yellow', index)).toEqual({ hex: '#fffd74', source: 'list' });
    expect(resolveColourName('Cherry red', index)).toEqual({ hex: '#f7022a', source: 'list' });
    // The list's "Sage Green" is #887766, a brown-grey: its shade "Sage" (#87ae73) is used instead.
    expect(index.get('sage green')).toBe('#887766');
    expect(resolveColourName('Sage green', index)).toEqual({ hex: '#87ae73', source: 'composed' });
    // "Chocolate brown" is not in the list; "chocolate" is a brown in the app's own table.
    expect(index.has('chocolate brown')).toBe(false);
    expect(resolveColourName('Chocolate brown', index)).toEqual({ hex: '#6f4a2f', source: 'composed' });
    expect(resolveColourName('Terracotta', index)).toEqual({ hex: '#cb6843', source: 'list' });
    expect(resolveColourName('Dusty rose', index)).toEqual({ hex: '#b56f76', source: 'list' });
  });

  it('knows trade names, the app\'s own table first', () => {
    expect(resolveColourName('ecru', index)).toEqual({ hex: '#f2eee3', source: 'app' });
    expect(resolveColourName('Taupe', index)).toEqual({ hex: '#8b7d6b', source: 'app' });
    expect(resolveColourName('MAUVE', index)).toEqual({ hex: '#b784a7', source: 'app' });
    expect(resolveColourName('teal', index)).toEqual({ hex: '#127a7a', source: 'app' });
    expect(resolveColourName('Camel', index)).toEqual({ hex: '#c19a6b', source: 'app' });
    expect(resolveColourName('Oatmeal', index)?.source).toBe('list');
    expect(resolveColourName('Multi', index)).toEqual({ hex: 'multi', source: 'app' });
  });

  it('lightens, darkens or greys a colour after a modifier, unless the list names it whole', () => {
    expect(resolveColourName('Light taupe', index)).toEqual({ hex: '#b19d8d', source: 'list' });
    const pale = resolveColourName('Pale terracotta', index)!;
    const dark = resolveColourName('Dark ecru', index)!;
    const light = resolveColourName('Light camel', index)!;
    const dusty = resolveColourName('Dusty sage', index)!;
    const deep = resolveColourName('Deep mauve', index)!;
    expect([pale, dark, light, dusty, deep].map((c) => c.source)).toEqual(['composed', 'composed', 'composed', 'composed', 'composed']);
    expect(hslOf(pale.hex).l).toBeGreaterThan(hslOf('#cb6843').l + 0.15);
    expect(hslOf(dark.hex).l).toBeLessThan(hslOf('#f2eee3').l - 0.15);
    expect(hslOf(light.hex).l).toBeGreaterThan(hslOf('#c19a6b').l + 0.1);
    expect(hslOf(dusty.hex).s).toBeLessThan(hslOf('#87ae73').s);
    expect(hslOf(deep.hex).l).toBeLessThan(hslOf('#b784a7').l);
    // A modifier, a shade and a hue word.
    expect(hslOf(resolveColourName('Deep sage green', index)!.hex).l).toBeLessThan(hslOf('#87ae73').l);
  });

  it('falls back to the hue word after an unknown shade', () => {
    expect(resolveColourName('Zorblax green', index)).toEqual({ hex: '#2e8b57', source: 'composed' });
  });

  it('gives nothing to names that are no colour', () => {
    for (const nonsense of ['', 'Xyzzy', 'qwertyuiop', 'N/A', 'Zorblax', 'Light zorblax', 'Size M', 'SKU-1042', 'a'.repeat(80)]) {
      expect(resolveColourName(nonsense, index), nonsense).toBeUndefined();
    }
  });

  it('tells whether a swatch is of a named hue', () => {
    expect(fitsHueWord('#87ae73', 'green')).toBe(true);
    expect(fitsHueWord('#887766', 'green')).toBe(false);
    expect(fitsHueWord('#fffd74', 'yellow')).toBe(true);
    expect(fitsHueWord('#f7022a', 'red')).toBe(true);
    expect(fitsHueWord('#f7022a', 'blue')).toBe(false);
    expect(fitsHueWord('#123456', 'sunset')).toBe(true);
  });
});

describe('the model colour behind a file colour', () => {
  it('is the model colour most often given to the items of each file colour', () => {
    // File colours: 0 "Moonlit harbour", 1 "Butter yellow", 2 never shares an item with a model colour.
    const own = { kind: 'single' as const, codes: Int32Array.from([0, 0, 0, 1, 1, -1, 2]) };
    // Model colours: 0 "Navy Blue", 1 "Blue", 2 "Yellow".
    const model = { kind: 'single' as const, codes: Int32Array.from([0, 1, 0, 2, 2, 0, -1]) };
    expect(Array.from(modelColourPerValue(own, 3, model, 3))).toEqual([0, 2, -1]);
  });

  it('counts every colour of a multi-colour item', () => {
    const own = { kind: 'multi' as const, offsets: Int32Array.from([0, 2, 3]), codes: Int32Array.from([0, 1, 1]) };
    const model = { kind: 'single' as const, codes: Int32Array.from([1, 0]) };
    expect(Array.from(modelColourPerValue(own, 2, model, 2))).toEqual([1, 0]);
  });
});
