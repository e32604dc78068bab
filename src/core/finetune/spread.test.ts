import { describe, expect, it } from 'vitest';
import { buildSpreadIndex, spreadLabels, spreadReferences, spreadTopLabels } from './spread.ts';

/** Two kinds of item, ten wordings each: boots (class 0) and dresses (class 1). */
const BOOTS = Array.from({ length: 10 }, (_, i) => `leather ankle boot black size ${i + 36}`);
const DRESSES = Array.from({ length: 10 }, (_, i) => `silk slip dress emerald midi ${i + 1}`);
const texts = [...BOOTS, ...DRESSES];
const uniform = () => texts.map(() => Float32Array.from([0.5, 0.5]));
const argmax = (p: Float32Array) => (p[0]! > p[1]! ? 0 : p[1]! > p[0]! ? 1 : -1);

describe('spreadLabels', () => {
  it('with share 0 returns the head probabilities, and taught items get their label', () => {
    const probabilities = texts.map((_, i) => Float32Array.from([i / 20, 1 - i / 20]));
    const out = spreadLabels({ texts, probabilities, taught: new Map([[3, 1]]) }, { alpha: 0 });
    expect(out).toHaveLength(20);
    expect([...out[0]!]).toEqual([...probabilities[0]!]);
    expect([...out[3]!]).toEqual([0, 1]);
    expect([...out[19]!].map((x) => x.toFixed(3))).toEqual(['0.950', '0.050']);
  });

  it('spreads one taught label per kind to every look-alike the head was unsure about', () => {
    const taught = new Map([[2, 0], [15, 1]]);
    const out = spreadLabels({ texts, probabilities: uniform(), taught }, { alpha: 0.8, neighbours: 9 });
    expect(out.slice(0, 10).map(argmax)).toEqual(Array(10).fill(0));
    expect(out.slice(10).map(argmax)).toEqual(Array(10).fill(1));
    // Still a blend: an untaught boot keeps some doubt, a taught one none.
    expect(out[0]![0]).toBeGreaterThan(0.5);
    expect(out[0]![0]).toBeLessThan(1);
    expect(out[2]![0]).toBe(1);
  });

  it('mends a head that is wrong on one item whose look-alikes it gets right', () => {
    const probabilities = texts.map((_, i) => Float32Array.from(i < 10 ? [0.8, 0.2] : [0.2, 0.8]));
    probabilities[4] = Float32Array.from([0.4, 0.6]); // a boot the head calls a dress, unsure
    const out = spreadLabels({ texts, probabilities, taught: new Map() }, { alpha: 0.5, neighbours: 4 });
    expect(argmax(out[4]!)).toBe(0);
    expect(out.map(argmax)).toEqual(texts.map((_, i) => (i < 10 ? 0 : 1)));
  });

  it('measures similarity on embeddings when given, and returns only the items asked for', () => {
    // The texts say nothing; the embeddings put items 0–9 and 10–19 in two tight groups.
    const blank = texts.map(() => 'item');
    const embeddings = texts.map((_, i) => Float32Array.from(i < 10 ? [1, 0.01 * i, 0] : [0, 0.01 * i, 1]));
    const out = spreadLabels({ texts: blank, embeddings, probabilities: uniform(), taught: new Map([[0, 0], [19, 1]]) }, { alpha: 0.8, neighbours: 3 }, [5, 12]);
    expect(out.map(argmax)).toEqual([0, 1]);
  });

  it('only uses the given items as references, and is the same for the same seed', () => {
    const taught = new Map([[2, 0], [15, 1]]);
    const input = { texts, probabilities: uniform(), taught, referenceCandidates: [0, 1, 3, 4, 10, 11, 12] };
    const a = spreadLabels(input, { alpha: 0.8, neighbours: 3, references: 5, seed: 4 });
    const b = spreadLabels(input, { alpha: 0.8, neighbours: 3, references: 5, seed: 4 });
    expect(a.map((p) => [...p])).toEqual(b.map((p) => [...p]));
    expect(a.map(argmax)).toEqual(texts.map((_, i) => (i < 10 ? 0 : 1)));
  });

  it('gives the same result for an item whether spread alone or among thousands (features built in chunks), and its top label', () => {
    const many = Array.from({ length: 9000 }, (_, i) => `${['boot', 'dress', 'scarf'][i % 3]} style ${i % 97} tone ${i % 13}`);
    const probabilities = many.map((_, i) => Float32Array.from([0.2 + (i % 7) / 20, 0.3, 0.5 - (i % 7) / 20]));
    const input = { texts: many, probabilities, taught: new Map([[0, 0], [1, 1], [2, 2]]) };
    const options = { references: 300, neighbours: 5 };
    const all = spreadLabels(input, options);
    for (const i of [5, 8500, 8999]) expect([...spreadLabels(input, options, [i])[0]!]).toEqual([...all[i]!]);
    const top = spreadTopLabels(input, options, [4, 8500, 1]);
    expect(top.codes[2]).toBe(1); // taught
    for (const [k, i] of [4, 8500].entries()) {
      const p = all[i]!;
      expect(top.codes[k]).toBe(p.indexOf(Math.max(...p)));
      expect(top.probabilities[k]).toBeCloseTo(Math.max(...p), 6);
    }
  });

  it('gives the same result with a prebuilt index shared by spreadings with other taught items, and refuses one that lacks a taught item', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `${['boot', 'dress', 'scarf'][i % 3]} style ${i % 97} tone ${i % 13}`);
    const probabilities = many.map((_, i) => Float32Array.from([0.2 + (i % 7) / 20, 0.3, 0.5 - (i % 7) / 20]));
    const options = { references: 300, neighbours: 5, seed: 3 };
    // The index holds every item any of the spreadings teaches; each spreading teaches some of them.
    const allTaught = new Map([[0, 0], [1, 1], [2, 2], [3, 0], [4, 1]]);
    const references = spreadReferences(many.length, allTaught, options);
    const index = buildSpreadIndex({ texts: many }, references, options);
    const items = [5, 4, 1500, 2999, references[10]!];
    for (const taught of [new Map([[0, 0], [1, 1], [2, 2]]), new Map([[3, 0], [4, 1], [2, 2]])]) {
      const input = { texts: many, probabilities, taught };
      expect(spreadLabels(input, options, items, index).map((p) => [...p])).toEqual(spreadLabels(input, options, items, references).map((p) => [...p]));
    }
    const outside = many.findIndex((_, i) => !references.includes(i));
    expect(() => spreadLabels({ texts: many, probabilities, taught: new Map([[outside, 0]]) }, options, [5], index)).toThrow(/not among the spreading's references/);
    expect(() => spreadLabels({ texts: [...many], probabilities, taught: new Map([[0, 0]]) }, options, [5], index)).toThrow(/built for other items/);
    expect(() => spreadLabels({ texts: many, probabilities, taught: new Map([[0, 0]]) }, { ...options, neighbours: 7 }, [5], index)).toThrow(/other neighbour settings/);
  });

  it('stops when asked between chunks of items', () => {
    const many = Array.from({ length: 9000 }, (_, i) => `${['boot', 'dress'][i % 2]} ${i % 50}`);
    const probabilities = many.map(() => Float32Array.from([0.5, 0.5]));
    let calls = 0;
    const stop = () => {
      calls++;
      if (calls === 2) throw new Error('cancelled');
    };
    expect(() => spreadTopLabels({ texts: many, probabilities, taught: new Map([[0, 0]]) }, { references: 200 }, undefined, undefined, 1, stop)).toThrow('cancelled');
    expect(calls).toBe(2);
  });

  it('refuses a share outside 0–1 and probability rows that do not match the items', () => {
    expect(() => spreadLabels({ texts, probabilities: uniform(), taught: new Map() }, { alpha: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => spreadLabels({ texts, probabilities: uniform().slice(1), taught: new Map() })).toThrow(/one per item/);
  });
});
