import { describe, expect, it } from 'vitest';
import { bytesSource, intake, type IntakeOptions, type IntakeResult } from '../intake/intake.ts';
import { parseCsvPart, type CsvSplitter } from './parseCsv.ts';
import { RecordColumns, type CsvPart } from './recordColumns.ts';
import type { DictColumn } from '../arrow/dictColumn.ts';
import { CancelledError } from '../../workers/protocol.ts';

const enc = new TextEncoder();

/** A splitter that parses the part in this thread (as the helper worker would), counting what it was asked. */
function localSplitter(bytes: Uint8Array, minBytes = 0, fail = false) {
  const calls = { starts: [] as number[], cancelled: 0 };
  const splitter: CsvSplitter = {
    minBytes,
    async peek(start, end) {
      return bytes.slice(start, end);
    },
    parse(start, settings, onProgress) {
      calls.starts.push(start);
      let cancelled = false;
      const result = fail
        ? Promise.reject(new Error('helper failed'))
        : parseCsvPart(bytesSource(bytes.slice(start), 'part', 3000).chunks(), settings, {
            onProgress,
            throwIfCancelled() {
              if (cancelled) throw new CancelledError();
            },
            yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
          });
      result.catch(() => undefined);
      return {
        result,
        cancel() {
          cancelled = true;
          calls.cancelled++;
        },
      };
    },
  };
  return { splitter, calls };
}

function read(bytes: Uint8Array, splitter?: CsvSplitter, options: IntakeOptions = {}): Promise<IntakeResult> {
  return intake(bytesSource(bytes, 'catalogue.csv', 5000), options, splitter ? { splitter } : {});
}

// Everything a reader sees: the counts, problems, notes, schema and every cell.
const summary = (result: IntakeResult) => ({
  stats: { ...result.stats, timings: null },
  problems: result.problems,
  notes: result.notes,
  columns: result.columns,
  cells: result.table.schema.fields.map((field) => Array.from(result.table.getChild(field.name)!, (value) => JSON.stringify(value))),
});

/** Reads `text` whole and split; expects the same result and returns the split one with the helper's calls. */
async function sameBothWays(text: string | Uint8Array, options: IntakeOptions = {}) {
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const whole = await read(bytes, undefined, options);
  const { splitter, calls } = localSplitter(bytes);
  const split = await read(bytes, splitter, options);
  expect(summary(split)).toEqual(summary(whole));
  expect(whole.stats.timings.parts).toBe(1);
  return { split, calls, whole };
}

const COLOURS = ['Ivory', 'Sand', 'Navy', 'Black'];

// ~50 bytes a row; quoted commas, escaped quotes and quoted line breaks throughout.
function catalogue(rows: number, row: (i: number) => string | null = () => null): string {
  const lines = ['id,description,colour,units,launch_date'];
  for (let i = 0; i < rows; i++) {
    const special = row(i);
    if (special !== null) {
      lines.push(special);
      continue;
    }
    const description = i % 5 === 0 ? `"Linen shirt, ""${i}"" edition"` : i % 7 === 0 ? `"Wool coat\nline two ${i}"` : `Relaxed tee no. ${i}`;
    lines.push(`${1000 + i},${description},${COLOURS[i % 4]},${i % 40},2019-0${(i % 9) + 1}-1${i % 10}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('reading a large CSV in two parts', () => {
  it('gives the same table, problems and counts as one read', async () => {
    const text = catalogue(6000, (i) => (i === 1000 ? 'short,row' : i === 2500 ? '' : i === 4800 ? '1,2,3,4,5,6,7' : null));
    const { split, calls } = await sameBothWays(text);
    expect(split.stats.timings.parts).toBe(2);
    expect(calls.starts).toHaveLength(1);
    expect(split.stats.rejectedRows).toBe(2);
  });

  it('keeps the true line number of a ragged row in the second part', async () => {
    const text = catalogue(6000, (i) => (i === 5000 ? 'ragged,row,here' : null));
    const { split } = await sameBothWays(text);
    expect(split.stats.timings.parts).toBe(2);
    // Line of record i: 2 + i + the quoted line breaks before it (one per i % 7 === 0 and i % 5 !== 0).
    let line = 2;
    for (let i = 0; i < 5000; i++) if (i % 7 === 0 && i % 5 !== 0) line++;
    expect(split.problems.map((p) => p.line)).toEqual([line + 5000]);
  });

  it('falls back to one read when the middle line end is inside a quoted field', async () => {
    const head = catalogue(1400);
    // One huge quoted field spanning the middle of the file, with line breaks inside.
    const quoted = `9999,"${Array.from({ length: 8000 }, (_, k) => `inside ${k}`).join('\n')}",Ivory,1,2019-01-01\n`;
    const text = head + quoted + catalogue(500).split('\n').slice(1).join('\n');
    const bytes = enc.encode(text);
    const middle = Math.floor(bytes.length / 2);
    expect(middle > enc.encode(head).length + 64 && middle < enc.encode(head + quoted).length - 64).toBe(true);
    const { calls, split } = await sameBothWays(bytes);
    expect(calls.starts).toHaveLength(1);
    // The part started inside the quotes, so the first part did not end there: its records are not used.
    expect(split.stats.timings.parts).toBe(1);
    expect(calls.cancelled).toBe(1);
  });

  it('reads an unclosed quote in the second part as one rejected row with its line', async () => {
    const text = `${catalogue(6000)}7777,"never closed,Ivory,1,2019-01-01\n8888,after,Sand,2,2019-01-02\n`;
    const { split } = await sameBothWays(text);
    expect(split.stats.timings.parts).toBe(2);
    expect(split.problems.at(-1)!.message).toMatch(/quote/);
  });

  it('keeps the offsets right after a byte-order mark', async () => {
    const body = enc.encode(catalogue(6000, (i) => (i === 4000 ? 'x' : null)));
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    const { split } = await sameBothWays(bytes);
    expect(split.stats.timings.parts).toBe(2);
  });

  it('merges dictionaries: values first seen in the second part, and a column plain in one part only', async () => {
    // `code` is unique in the first 70,000 rows (plain bytes there) and repeats in the rest (a dictionary).
    const rows: string[] = ['code,colour,units'];
    for (let i = 0; i < 140_000; i++) rows.push(`${i < 70_000 ? `c${i}` : `r${i % 3}`},${i < 70_000 ? COLOURS[i % 2] : COLOURS[i % 4]},${i % 7}`);
    const { split } = await sameBothWays(`${rows.join('\n')}\n`, { requireText: false });
    expect(split.stats.timings.parts).toBe(2);
  });

  it('does not split small files, nor files whose middle is in the first 64 KB', async () => {
    const small = enc.encode(catalogue(2000));
    const { splitter, calls } = localSplitter(small, 1 << 20);
    expect((await read(small, splitter)).stats.timings.parts).toBe(1);
    const tiny = enc.encode(catalogue(200));
    const local = localSplitter(tiny, 0);
    expect((await read(tiny, local.splitter)).stats.timings.parts).toBe(1);
    expect(calls.starts).toEqual([]);
    expect(local.calls.starts).toEqual([]);
  });

  it('reads on alone when the helper fails, or the row cap would cut the second part', async () => {
    const bytes = enc.encode(catalogue(6000));
    const whole = await read(bytes);
    const failing = localSplitter(bytes, 0, true);
    const read2 = await read(bytes, failing.splitter);
    expect(summary(read2)).toEqual(summary(whole));
    expect(read2.stats.timings.parts).toBe(1);
    await sameBothWays(bytes, { maxRows: 4000 });
  });

  it('stops the helper when the read is cancelled', async () => {
    const bytes = enc.encode(catalogue(20_000));
    const { splitter, calls } = localSplitter(bytes);
    let checks = 0;
    const reading = intake(bytesSource(bytes, 'c.csv', 5000), {}, {
      splitter,
      throwIfCancelled() {
        if (calls.starts.length > 0 && ++checks > 3) throw new CancelledError();
      },
    });
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
    expect(calls.cancelled).toBe(1);
  });
});

describe('RecordColumns.appendPart', () => {
  const field = (texts: string[]) => {
    const bytes = enc.encode(texts.join(''));
    const starts = new Int32Array(texts.length);
    const ends = new Int32Array(texts.length);
    let at = 0;
    texts.forEach((text, k) => {
      starts[k] = at;
      at += enc.encode(text).length;
      ends[k] = at;
    });
    return { bytes, starts, ends, flags: new Uint8Array(texts.length) };
  };
  const gather = (rows: string[][], firstLine = 2) => {
    const gathered = new RecordColumns(',', 1000, () => null);
    gathered.start(['a', 'b'], [4, 4], 16);
    rows.forEach((row, i) => {
      const { bytes, starts, ends, flags } = field(row);
      gathered.add(starts, ends, flags, row.length, firstLine + i);
      gathered.flush(bytes);
    });
    return gathered;
  };
  const cells = (gathered: RecordColumns) => gathered.columns.map((column) => Array.from({ length: column.count }, (_, i) => column.get(i)));

  it('remaps dictionary codes and shifts lines and problems', () => {
    const first = gather([['x', 'red'], ['y', 'blue']]);
    const part: CsvPart = gather([['z', 'blue'], ['x', 'green'], ['only one']], 1).toPart(30);
    first.appendPart(part, 4);
    expect(cells(first)).toEqual([['x', 'y', 'z', 'x'], ['red', 'blue', 'blue', 'green']]);
    expect(Array.from(first.lines.subarray(0, first.rows))).toEqual([2, 3, 4, 5]);
    expect(first.problems.map((p) => p.line)).toEqual([6]);
    expect([first.rows, first.rejected, first.records, first.problemCount]).toEqual([4, 1, 5, 1]);
  });

  it('joins plain and dictionary columns either way round', () => {
    // A plain part column onto a dictionary column.
    const first = gather([['x', 'red']]);
    const part = gather([['p', 'q']], 1).toPart(10);
    part.columns[0] = { kind: 'bytes', count: 1, bytes: enc.encode('p'), offsets: Int32Array.from([0, 1]) };
    first.appendPart(part, 3);
    expect(cells(first)).toEqual([['x', 'p'], ['red', 'q']]);
    // A dictionary part column onto a plain column.
    const again = gather([['x', 'red']]);
    again.columns[0] = (again.columns[0] as DictColumn).toByteColumn();
    again.appendPart(gather([['s', 'red']], 1).toPart(10), 3);
    expect(cells(again)).toEqual([['x', 's'], ['red', 'red']]);
  });
});
