/**
 * Issue 18, item 17: a file with 100,000 columns. Reading used to spread data-sized arrays into
 * calls ("Maximum call stack size exceeded" in the page) and zeroed tens of kilobytes per column
 * (2.2 GB, 34 s in the CLI). Now the columns are read in linear time up to MAX_COLUMNS, and a
 * wider file is refused before any row is read, with the counts, in words.
 */
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from '../extent.ts';
import { MAX_COLUMNS } from '../csv/parseCsv.ts';
import { bytesSource, intake } from './intake.ts';
import { IntakeError } from './errors.ts';

const enc = new TextEncoder();

/** A CSV with `columns` columns: an optional header, then `rows` rows of short words and numbers. */
function wideCsv(columns: number, rows: number, header = true): Uint8Array {
  const lines: string[] = [];
  if (header) lines.push(Array.from({ length: columns }, (_, i) => `col${i}`).join(','));
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_, i) => (r % 2 === 0 ? `word${i % 50}` : String(i % 1000))).join(','));
  return enc.encode(`${lines.join('\n')}\n`);
}

const refusal = (columns: string) =>
  `This file has ${columns} columns; Trendloom reads at most 5,000. A catalogue has one column per kind of detail (name, colour, price…), so a file this wide is probably a table turned on its side, or not a catalogue. Keep the columns you need (or turn the table so that each item is a row), save it and try again.`;

describe('very wide files (issue 18, item 17)', () => {
  it('the limit is 5,000 columns', () => {
    expect(MAX_COLUMNS).toBe(5_000);
  });

  it.each([
    { title: '100,000 columns with a header, read in 1 MB chunks', bytes: () => wideCsv(100_000, 2), chunk: 1 << 20, columns: '100,000' },
    { title: '100,000 columns with a header, read in 4 KB chunks', bytes: () => wideCsv(100_000, 2), chunk: 4096, columns: '100,000' },
    { title: '100,000 columns of numbers without a header', bytes: () => wideCsv(100_000, 3, false), chunk: 1 << 20, columns: '100,000' },
    { title: 'one column more than the limit', bytes: () => wideCsv(MAX_COLUMNS + 1, 2), chunk: 1 << 20, columns: '5,001' },
  ])('$title: refused with the counts, no stack overflow', async ({ bytes, chunk, columns }) => {
    const error = await intake(bytesSource(bytes(), 'wide.csv', chunk)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ code: 'too-many-columns', message: refusal(columns), detail: { code: 'file.too-many-columns' } });
  });

  it('an Arrow file wider than the limit is refused the same way', async () => {
    const arrays = Object.fromEntries(Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => [`c${i}`, Int32Array.of(i, i + 1)]));
    const bytes = tableToIPC(tableFromArrays(arrays), 'file');
    await expect(intake(bytesSource(bytes, 'wide.arrow'))).rejects.toMatchObject({ code: 'too-many-columns', message: refusal('5,001') });
  });

  it('exactly 5,000 columns are read: every column and cell', async () => {
    const result = await intake(bytesSource(wideCsv(MAX_COLUMNS, 2), 'wide.csv'));
    expect(result.stats.rows).toBe(2);
    expect(result.columns).toHaveLength(MAX_COLUMNS);
    expect(result.table.numCols).toBe(MAX_COLUMNS);
    expect(result.columns[4_999]!.name).toBe('col4999');
    expect(String(result.table.getChild('col4999')!.get(0))).toBe('word49');
    expect(Number(result.table.getChild('col4999')!.get(1))).toBe(999);
    expect(result.problems).toEqual([]);
  });
});

describe('extent helpers: no spread into a call', () => {
  // 500,000 arguments overflow the stack in V8 (Math.max(...values) throws RangeError).
  const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 1_000_003);

  it('maxOf / minOf over many numbers, empty and NaN', () => {
    expect(() => Math.max(...many)).toThrow(RangeError);
    expect(maxOf(many)).toBe(many.reduce((a, b) => (b > a ? b : a)));
    expect(maxOf(many)).toBeGreaterThan(999_000);
    expect(minOf(many)).toBe(0);
    expect(maxOf([])).toBe(-Infinity);
    expect(maxOf([], 0)).toBe(0);
    expect(minOf([], 7)).toBe(7);
    expect(maxOf([3, NaN, 5, -1])).toBe(5);
    expect(minOf([3, NaN, 5, -1])).toBe(-1);
    expect(maxOf([NaN], 0)).toBe(0);
    expect(maxOf(new Map([[4, 'a'], [9, 'b']]).keys())).toBe(9);
  });

  it('pushAll appends many items', () => {
    const target = [1, 2];
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    expect(pushAll(target, many)).toBe(target);
    expect(target).toHaveLength(500_002);
    expect(target[2]).toBe(many[0]);
    expect(target.at(-1)).toBe(many.at(-1));
  });
});
