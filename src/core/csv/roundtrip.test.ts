import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource, intake } from '../intake/intake.ts';
import { parseCsv, readHead } from './parseCsv.ts';
import { DELIMITERS } from './sniff.ts';

const enc = new TextEncoder();

/** Writes a CSV: cells are quoted when they must be (or always, with quoteAll). */
function writeCsv(rows: string[][], delimiter: string, newline: string, quoteAll: boolean): string {
  const quote = (cell: string) =>
    quoteAll || cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join(newline);
}

async function* chunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function parseRaw(bytes: Uint8Array, chunkSize: number, options: { delimiter?: string; header?: boolean }) {
  const iterator = chunks(bytes, chunkSize)[Symbol.asyncIterator]();
  const { head, done } = await readHead(iterator);
  return parseCsv(head, done, iterator, options, {}, bytes.length);
}

// Cells mixing the characters that matter to CSV: delimiters, quotes, line breaks, spaces, non-ASCII.
const cell = fc.stringMatching(/^[a-zA-Z0-9 ,;|\t"\r\néü真丝€-]{0,12}$/);
const table = fc.integer({ min: 2, max: 6 }).chain((columns) =>
  fc.tuple(
    fc.array(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: columns, maxLength: columns }),
    fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 30 }),
  ),
);

describe('CSV round trip (property-based)', () => {
  it('random table → CSV (any delimiter, quoting, line ending, chunking) → the same cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 97 }),
        async ([names, rows], delimiter, newline, quoteAll, finalNewline, chunkSize) => {
          const header = names.map((name, i) => `${name}${i}`);
          const text = writeCsv([header, ...rows], delimiter, newline, quoteAll) + (finalNewline ? newline : '');
          const raw = await parseRaw(enc.encode(text), chunkSize, { delimiter, header: true });
          expect(raw.names).toEqual(header);
          expect(raw.rows).toBe(rows.length);
          expect(raw.rejected).toBe(0);
          const parsed = rows.map((_, r) => raw.columns.map((column) => column.get(r)));
          expect(parsed).toEqual(rows);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps every cell when columns switch from dictionary-encoded to plain bytes mid-stream', async () => {
    // 100,000 rows: a unique column (switches to plain bytes after 65,536 distinct values), a
    // repeating one (stays encoded), one that repeats at first and then turns unique (switches
    // late), and a price-like one with 20,000 values that looks unique early on but stays encoded.
    const rows = Array.from({ length: 100_000 }, (_, i) => [`item ${i}, "v${i}"`, ['Ivory', 'Sand', 'Navy'][i % 3]!, i < 3000 ? `tag${i % 5}` : `late ${i}`, ((i * 7919) % 20_000 / 100 + 5).toFixed(2)]);
    const text = writeCsv([['name', 'colour', 'tag', 'price'], ...rows], ',', '\r\n', false);
    const raw = await parseRaw(enc.encode(text), 40_093, { delimiter: ',', header: true });
    expect(raw.rows).toBe(100_000);
    expect(raw.columns.map((column) => column.constructor.name)).toEqual(['ByteColumn', 'DictColumn', 'ByteColumn', 'DictColumn']);
    for (const r of [0, 2999, 3000, 4095, 4096, 65_535, 65_536, 65_537, 99_999]) expect(raw.columns.map((column) => column.get(r))).toEqual(rows[r]);
    expect(rows.every((row, r) => raw.columns.every((column, k) => column.get(r) === row[k]))).toBe(true);
  });

  it('sniffs the delimiter of any regular table whose cells do not contain the candidates', async () => {
    const plainCell = fc.stringMatching(/^[a-zA-Z0-9 é"\n-]{1,10}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }).chain((n) => fc.array(fc.array(plainCell, { minLength: n, maxLength: n }), { minLength: 2, maxLength: 20 })),
        fc.constantFrom(...DELIMITERS),
        async (rows, delimiter) => {
          const raw = await parseRaw(enc.encode(writeCsv(rows, delimiter, '\n', false)), 64, { header: false });
          expect(raw.delimiter).toBe(delimiter);
          expect(rows.map((_, r) => raw.columns.map((column) => column.get(r)))).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('numbers survive CSV → Arrow exactly (Int32 or Float64)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })), { minLength: 3, maxLength: 40 }),
        async (pairs) => {
          const text = 'description,units,price\n' + pairs.map(([units, price], i) => `Relaxed linen shirt number ${i},${units},${String(price)}`).join('\n');
          const result = await intake(bytesSource(enc.encode(text), 'n.csv', 13));
          expect(Array.from(result.table.getChild('units')!)).toEqual(pairs.map(([units]) => units));
          // String(-0) is '0', so a CSV cannot hold -0.
          expect(Array.from(result.table.getChild('price')!)).toEqual(pairs.map(([, price]) => (price === 0 ? 0 : price)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
