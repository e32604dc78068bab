import { describe, expect, it } from 'vitest';
import { FILL_MIN_PROBABILITY, fillFromTaught, fillThreshold } from './fillColumn.ts';

describe('learning the file\'s own column', () => {
  it('keeps the file\'s labels and fills the items without one from the taught head', () => {
    const own = { codes: Int32Array.from([0, -1, 1, -1, 0, -1]), values: ['Tops', 'Dresses'] };
    // The head guesses for every item (in its own label order), including "Skirts", new to the file's codes here.
    const taught = { codes: Int32Array.from([1, 1, 0, 2, 1, -1]), values: ['Dresses', 'Tops', 'Skirts'] };
    const merged = fillFromTaught(own, taught);
    expect(merged.values).toEqual(['Tops', 'Dresses', 'Skirts']);
    expect(Array.from(merged.codes).map((c) => merged.values[c] ?? null)).toEqual(['Tops', 'Tops', 'Dresses', 'Skirts', 'Tops', null]);
    expect(Array.from(merged.filled)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(merged.kept).toBe(3);
    expect(merged.filledCount).toBe(2);
  });

  it('fills in only the guesses the head is sure of; the others stay empty and are counted', () => {
    const own = { codes: Int32Array.from([0, -1, 1, -1, -1, -1]), values: ['Tops', 'Dresses'] };
    const taught = { codes: Int32Array.from([1, 1, 0, 0, 1, -1]), values: ['Dresses', 'Tops'] };
    // Items 1 and 4 are guessed surely, item 3 not; item 0's own label stays whatever the head says.
    const probabilities = Float32Array.from([0.1, 0.9, 0.2, 0.6, 0.85, 0]);
    const merged = fillFromTaught(own, taught, { probabilities, minProbability: 0.85 });
    expect(Array.from(merged.codes).map((c) => merged.values[c] ?? null)).toEqual(['Tops', 'Tops', 'Dresses', null, 'Tops', null]);
    expect(Array.from(merged.filled)).toEqual([0, 1, 0, 0, 1, 0]);
    expect([merged.kept, merged.filledCount, merged.unsureCount]).toEqual([2, 2, 1]);
    // Without a threshold every guess is filled in, as before.
    expect(fillFromTaught(own, taught).filledCount).toBe(3);
    expect(() => fillFromTaught(own, taught, { probabilities: probabilities.slice(1), minProbability: 0.85 })).toThrow(/probabilities 5/);
  });

  it("takes the model's strictest sure threshold, or 0.85 without one", () => {
    expect(fillThreshold({ articleType: 0.85, gender: 0.9, usage: 0.8 })).toBe(0.9);
    expect(fillThreshold(undefined)).toBe(FILL_MIN_PROBABILITY);
    expect(fillThreshold({})).toBe(0.85);
  });

  it('says so when the two columns are not of the same items', () => {
    expect(() => fillFromTaught({ codes: new Int32Array(3), values: ['a'] }, { codes: new Int32Array(2), values: ['a'] })).toThrow(
      "The file's column has 3 items but the taught labels 2; they must describe the same items.",
    );
  });
});
