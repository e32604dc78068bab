import { describe, expect, it } from 'vitest';
import { CsvScanner, copyField } from './scanner.ts';

/** Scans `text` cut into chunks of `size` bytes; returns records as strings with their lines. */
function scan(text: string | Uint8Array, size: number, delimiter = ','): { rows: string[][]; lines: number[]; scanner: CsvScanner } {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const rows: string[][] = [];
  const lines: number[] = [];
  const decoder = new TextDecoder();
  const scanner = new CsvScanner(delimiter.charCodeAt(0), (b, starts, ends, flags, count, line) => {
    const row: string[] = [];
    for (let k = 0; k < count; k++) {
      const out = new Uint8Array(ends[k]! - starts[k]!);
      row.push(decoder.decode(out.subarray(0, copyField(b, starts[k]!, ends[k]!, flags[k]!, out, 0))));
    }
    rows.push(row);
    lines.push(line);
  });
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
  scanner.end();
  return { rows, lines, scanner };
}

const CHUNK_SIZES = [1, 2, 3, 5, 8, 13, 64, 4096];

describe('CsvScanner', () => {
  it('splits plain records, LF and CRLF, with and without a final newline', () => {
    for (const size of CHUNK_SIZES) {
      expect(scan('a,b,c\n1,2,3\n', size).rows).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
      expect(scan('a,b,c\r\n1,2,3', size).rows).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
      expect(scan('a,b\r1,2\r', size).rows).toEqual([['a', 'b'], ['1', '2']]);
    }
  });

  it('reads quoted fields with delimiters, escaped quotes and line breaks inside', () => {
    const text = 'name,notes\r\n"Linen, washed","say ""hi"""\r\n"two\nlines","a\r\nb"\r\n"",x\n';
    for (const size of CHUNK_SIZES) {
      const { rows, lines } = scan(text, size);
      expect(rows).toEqual([['name', 'notes'], ['Linen, washed', 'say "hi"'], ['two\nlines', 'a\r\nb'], ['', 'x']]);
      // A record spanning lines reports its first line; the lines after it keep counting.
      expect(lines).toEqual([1, 2, 3, 6]);
    }
  });

  it('keeps empty fields, trailing delimiters and blank lines as records', () => {
    for (const size of CHUNK_SIZES) {
      expect(scan('a,,c\n\n,\nx,', size).rows).toEqual([['a', '', 'c'], [''], ['', ''], ['x', '']]);
    }
  });

  it('reads text after a closing quote as part of the cell (lenient, nothing lost)', () => {
    for (const size of CHUNK_SIZES) expect(scan('"ab"cd,e\n', size).rows).toEqual([['abcd', 'e']]);
  });

  it('keeps a quote in the middle of an unquoted field', () => {
    expect(scan('5" heel,x\n', 3).rows).toEqual([['5" heel', 'x']]);
  });

  it('reports an unclosed quote with the line where its record starts', () => {
    for (const size of CHUNK_SIZES) {
      const { rows, lines, scanner } = scan('a,b\n1,"open\n2,3\n4,5', size);
      expect(lines).toEqual([1, 2]);
      expect(rows[1]).toEqual(['1', 'open\n2,3\n4,5']);
      expect(scanner.unclosed).toEqual({ line: 2, field: 1, linesSwallowed: 3 });
    }
  });

  it('handles a CR at the very end of a chunk followed by LF in the next', () => {
    const { rows, lines } = scan('a\r\nb\r\nc', 2);
    expect(rows).toEqual([['a'], ['b'], ['c']]);
    expect(lines).toEqual([1, 2, 3]);
  });

  it('uses any single-byte delimiter and passes multi-byte UTF-8 through untouched', () => {
    for (const size of CHUNK_SIZES) {
      expect(scan('描述;颜色\n真丝衬衫;米白\n', size, ';').rows).toEqual([['描述', '颜色'], ['真丝衬衫', '米白']]);
      expect(scan('a\tb|c\n', size, '\t').rows).toEqual([['a', 'b|c']]);
    }
  });

  it('scans each byte once when a huge quoted field spans many chunks', () => {
    const big = `"${'x'.repeat(200_000)}",y\n`;
    const started = performance.now();
    const { rows } = scan(big, 64);
    expect(rows[0]![0]!.length).toBe(200_000);
    expect(rows[0]![1]).toBe('y');
    // Not a timing assertion on speed, only a guard against quadratic re-scanning (would take minutes).
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
