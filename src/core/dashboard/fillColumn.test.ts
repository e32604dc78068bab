import { describe, expect, it } from 'vitest';
import { fillFromTaught } from './fillColumn.ts';

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

  it('says so when the two columns are not of the same items', () => {
    expect(() => fillFromTaught({ codes: new Int32Array(3), values: ['a'] }, { codes: new Int32Array(2), values: ['a'] })).toThrow(
      "The file's column has 3 items but the taught labels 2; they must describe the same items.",
    );
  });
});
