/**
 * Largest and smallest of many numbers, and appending many items, without spreading an array
 * into a call: `Math.max(...values)` and `push(...items)` pass every element as an argument and
 * throw "Maximum call stack size exceeded" once an array has some 100,000 elements (a file with
 * 100,000 columns, a long series). Pure.
 */

/** The largest of `values`, or `empty` when there are none (NaN elements are skipped). */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = -Infinity;
  let any = false;
  for (const value of values) {
    if (value > max) max = value;
    if (!Number.isNaN(value)) any = true;
  }
  return any ? max : empty;
}

/** The smallest of `values`, or `empty` when there are none (NaN elements are skipped). */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = Infinity;
  let any = false;
  for (const value of values) {
    if (value < min) min = value;
    if (!Number.isNaN(value)) any = true;
  }
  return any ? min : empty;
}

/** Appends every item of `items` to `target` (any number of them) and returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
