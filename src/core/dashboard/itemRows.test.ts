import { describe, expect, it } from 'vitest';
import { nextSort, searchRows, searchWords, sortRows } from './itemRows.ts';

const texts = ['Relaxed linen shirt | Casual', 'Slim navy chinos | Formal', '亚麻衬衫 | Casual', 'Linen-blend trousers | Casual', 'Wool coat | Formal'].map((t) => t.toLowerCase());

describe('searchRows', () => {
  it('keeps the rows holding every word, case-insensitively, over text and labels', () => {
    expect(Array.from(searchRows(undefined, 5, 'LINEN', (r) => texts[r]!)!)).toEqual([0, 3]);
    expect(Array.from(searchRows(undefined, 5, 'linen casual', (r) => texts[r]!)!)).toEqual([0, 3]);
    expect(Array.from(searchRows(undefined, 5, 'formal', (r) => texts[r]!)!)).toEqual([1, 4]);
    expect(Array.from(searchRows(undefined, 5, '亚麻', (r) => texts[r]!)!)).toEqual([2]);
    expect(Array.from(searchRows(undefined, 5, 'velvet', (r) => texts[r]!)!)).toEqual([]);
  });

  it('searches within rows already chosen (a selection, "unsure only") and keeps their order', () => {
    expect(Array.from(searchRows([4, 3, 0], 5, 'linen', (r) => texts[r]!)!)).toEqual([3, 0]);
  });

  it('leaves the rows as they are for a blank search', () => {
    const rows = Int32Array.from([2, 1]);
    expect(searchRows(rows, 5, '   ', (r) => texts[r]!)).toBe(rows);
    expect(searchRows(undefined, 5, '', (r) => texts[r]!)).toBeUndefined();
    expect(searchWords('  Linen  SHIRT ')).toEqual(['linen', 'shirt']);
  });
});

describe('sortRows', () => {
  it('sorts texts as people read them, either way, missing last', () => {
    const names = ['Size 10', 'size 9', null, 'Apron', '', 'banana'];
    expect(Array.from(sortRows(undefined, 6, (r) => names[r], 'asc'))).toEqual([3, 5, 1, 0, 2, 4]);
    expect(Array.from(sortRows(undefined, 6, (r) => names[r], 'desc'))).toEqual([0, 1, 5, 3, 2, 4]);
  });

  it('sorts numbers (and dates as numbers) by value, NaN as missing, ties in their order', () => {
    const units = [12, 7, Number.NaN, 7, 30.5];
    expect(Array.from(sortRows(undefined, 5, (r) => units[r], 'asc'))).toEqual([1, 3, 0, 4, 2]);
    expect(Array.from(sortRows(undefined, 5, (r) => units[r], 'desc'))).toEqual([4, 0, 1, 3, 2]);
  });

  it('sorts only the rows given', () => {
    const units = [12, 7, 3, 7, 30];
    expect(Array.from(sortRows([4, 2, 0], 5, (r) => units[r], 'asc'))).toEqual([2, 0, 4]);
  });
});

describe('nextSort', () => {
  it('goes ascending, then descending; another column starts ascending', () => {
    expect(nextSort(undefined, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'units')).toEqual({ column: 'units', direction: 'asc' });
  });
});
