import { describe, expect, it } from 'vitest';
import { uniqueTexts } from './uniqueTexts.ts';

describe('uniqueTexts', () => {
  it('keeps each trimmed non-empty text once, with its first item and count', () => {
    const u = uniqueTexts(['Red dress', ' Red dress ', '', null, 'Blue shirt', undefined, 'Red dress']);
    expect(u.unique).toEqual(['Red dress', 'Blue shirt']);
    expect(Array.from(u.itemToUnique)).toEqual([0, 0, -1, -1, 1, -1, 0]);
    expect(Array.from(u.first)).toEqual([0, 4]);
    expect(Array.from(u.counts)).toEqual([3, 1]);
  });
});
