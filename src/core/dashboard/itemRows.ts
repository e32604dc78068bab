/**
 * The items table's search and sort (issue 17, item 7), on row numbers: which rows a search keeps
 * and in which order a column puts them. Pure: the page gives each row's text and values.
 */

/** Which way a column sorts. */
export type SortDirection = 'asc' | 'desc';

/** A cell as sorting sees it: a number (numbers and dates), a text, or missing. */
export type SortValue = number | string | null | undefined;

/**
 * The words of a search, lowercased ("  Linen  SHIRT " → ["linen", "shirt"]); empty for a blank one.
 */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The rows (of `rows`, or 0 … count−1 when undefined) whose text holds every word of `query`,
 * case-insensitively, in their order. `textOf(row)` gives a row's searchable text already
 * lowercased (item text and labels joined). A blank query keeps `rows` as they are.
 */
export function searchRows(rows: ArrayLike<number> | undefined, count: number, query: string, textOf: (row: number) => string): ArrayLike<number> | undefined {
  const words = searchWords(query);
  if (words.length === 0) return rows;
  const out: number[] = [];
  const n = rows ? rows.length : count;
  for (let k = 0; k < n; k++) {
    const row = rows ? rows[k]! : k;
    const text = textOf(row);
    if (words.every((word) => text.includes(word))) out.push(row);
  }
  return Int32Array.from(out);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The rows (of `rows`, or all `count`) ordered by a column: numbers by value, texts as people
 * read them ("Size 9" before "Size 10", case ignored), missing cells last whichever the direction;
 * rows with equal values keep their order.
 */
export function sortRows(rows: ArrayLike<number> | undefined, count: number, valueOf: (row: number) => SortValue, direction: SortDirection): Int32Array {
  const n = rows ? rows.length : count;
  const order = new Int32Array(n);
  const values: SortValue[] = new Array(n);
  for (let k = 0; k < n; k++) {
    order[k] = k;
    const value = valueOf(rows ? rows[k]! : k);
    values[k] = typeof value === 'number' && !Number.isFinite(value) ? null : typeof value === 'string' && value.trim() === '' ? null : value;
  }
  const sign = direction === 'asc' ? 1 : -1;
  const sorted = Array.from(order).sort((a, b) => {
    const x = values[a];
    const y = values[b];
    const xMissing = x === null || x === undefined;
    const yMissing = y === null || y === undefined;
    if (xMissing || yMissing) return xMissing === yMissing ? a - b : xMissing ? 1 : -1;
    let c: number;
    if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (typeof x === 'number') c = -1;
    else if (typeof y === 'number') c = 1;
    else c = collator.compare(x, y);
    return c !== 0 ? sign * c : a - b;
  });
  return Int32Array.from(sorted, (k) => (rows ? rows[k]! : k));
}

/** The direction after a click on a column's header: ascending first, then the other way; another column starts ascending. */
export function nextSort(current: { column: string; direction: SortDirection } | undefined, column: string): { column: string; direction: SortDirection } {
  if (current?.column !== column) return { column, direction: 'asc' };
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
