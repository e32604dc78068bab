import { describe, expect, it } from 'vitest';
import { englishText } from '../messages.ts';
import { bytesSource, intake, type IntakeOptions, type IntakeResult } from '../intake/intake.ts';
import { parseCsvPart, type CsvSplitter } from './parseCsv.ts';
import { CancelledError } from '../../workers/protocol.ts';
import { seededRandom } from '../random.ts';

const enc = new TextEncoder();

// A splitter that parses the part in this thread, as the helper worker would; `starts` records where.
function localSplitter(bytes: Uint8Array, chunk: number) {
  const starts: number[] = [];
  const splitter: CsvSplitter = {
    minBytes: 0,
    async peek(start, end) {
      return bytes.slice(start, end);
    },
    parse(start, settings, onProgress) {
      starts.push(start);
      const result = parseCsvPart(bytesSource(bytes.slice(start), 'part', chunk).chunks(), settings, { onProgress });
      result.catch(() => undefined);
      return { result, cancel() {} };
    },
  };
  return { splitter, starts };
}

// Everything a reader sees: counts, problems, notes, schema (types included) and every cell.
const summary = (result: IntakeResult) => ({
  stats: { ...result.stats, timings: null },
  problems: result.problems,
  notes: result.notes,
  noteTexts: result.notes.map(englishText),
  columns: result.columns,
  dateColumn: result.dateColumn,
  schema: result.table.schema.fields.map((field) => `${field.name}: ${String(field.type)} ${field.nullable}`),
  cells: result.table.schema.fields.map((field) => Array.from(result.table.getChild(field.name)!, (value) => JSON.stringify(value))),
});

/** Reads `bytes` in one part and with the two-part path offered; returns both results and whether the parts were joined. */
async function bothWays(bytes: Uint8Array, options: IntakeOptions = {}, chunk = 4096, bytesApart = false) {
  const one = await intake(bytesSource(bytes, 'f.csv', chunk), options);
  const { splitter, starts } = localSplitter(bytes, chunk);
  const two = await intake(bytesSource(bytes, 'f.csv', chunk), options, { splitter });
  const seen = (result: IntakeResult) => {
    const all = summary(result);
    if (!bytesApart) return all;
    const read = (text: string) => text.replace(/\(([\d.]+ [KMG]?B|\d+ bytes) read of/, '(… read of');
    return { ...all, stats: { ...all.stats, bytes: null }, noteTexts: all.noteTexts.map(read), notes: all.notes.map((note) => ({ ...note, params: { ...note.params, read: null } })) };
  };
  expect(seen(two)).toEqual(seen(one));
  return { one, two, starts, joined: two.stats.timings.parts === 2 };
}

const WORDS = ['Linen', 'shirt', 'Wool', 'coat', 'é', 'naïve', '中文', '😀', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ''];

/**
 * A generated catalogue of `rows` rows whose columns change character in the second half
 * (`half`): value sets, numbers turning into text, day-first dates, ragged rows, blank lines.
 */
function generated(seed: number, rows: number): { bytes: Uint8Array; eol: string } {
  const r = seededRandom(seed);
  const pick = <T,>(items: T[]) => items[Math.floor(r() * items.length)]!;
  const eol = r() < 0.4 ? '\r\n' : '\n';
  const delimiter = pick([',', ',', ';', '\t']);
  const quote = (text: string) => (/["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [['sku', 'description', 'colour', 'units', 'price', 'launch', 'mixed', 'sparse'].join(delimiter)];
  const textAfter = r() < 0.5; // `mixed` is numeric in the first half, text after
  const dayFirstAfter = r() < 0.5; // launch dates are ambiguous in the first half, day-first (13+) after
  for (let i = 0; i < rows; i++) {
    const half = i >= rows / 2;
    const roll = r();
    if (roll < 0.003) {
      lines.push('');
      continue;
    }
    if (roll < 0.006) {
      lines.push(pick(['short,row', 'a,b,c,d,e,f,g,h,i,j', '1,2,3']).replaceAll(',', delimiter));
      continue;
    }
    const description = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(WORDS)).join(' ');
    const colour = half ? pick(['Navy', 'Black', 'Teal', 'Ochre', 'Rouge']) : pick(['Ivory', 'Sand', 'Navy']);
    const units = roll < 0.01 ? 'n/a' : String(Math.floor(r() * 500));
    const price = roll < 0.012 ? '12,5x' : (r() * 100).toFixed(2);
    const day = half && dayFirstAfter ? 13 + Math.floor(r() * 15) : 1 + Math.floor(r() * 12);
    const month = 1 + Math.floor(r() * 12);
    const launch = roll < 0.014 ? 'someday' : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2021`;
    const mixed = half && textAfter && r() < 0.5 ? pick(['alpha', 'beta']) : String(Math.floor(r() * 9));
    const sparse = r() < 0.97 ? '' : pick(['x', 'y']);
    lines.push([`S${i}`, quote(description), colour, units, quote(price), quote(launch), mixed, sparse].join(delimiter));
  }
  const bom = r() < 0.3 ? '\ufeff' : '';
  const last = r() < 0.3 ? '' : eol;
  return { bytes: enc.encode(bom + lines.join(eol) + last), eol };
}

describe('a two-part read equals a one-part read', () => {
  it('for generated files (delimiters, line ends, BOM, quoted line breaks, ragged rows, value sets changing by half)', async () => {
    let joined = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { bytes } = generated(seed, 2500 + seed * 97);
      const result = await bothWays(bytes, {}, seed % 3 === 0 ? 1 << 16 : 3001 + seed);
      if (result.joined) joined++;
    }
    // Most files join (a quoted line break right after the middle makes some read on alone).
    expect(joined).toBeGreaterThan(8);
  });
});

describe('two-part read edge cases', () => {
  // `rows` rows of ~40 bytes after a header, with `eol` line ends.
  const plain = (rows: number, eol = '\n', cell = (i: number) => `Relaxed tee no. ${i}`) =>
    ['id,name,colour,units', ...Array.from({ length: rows }, (_, i) => `${i},${cell(i)},${COLOURS[i % 3]},${i % 40}`)].join(eol) + eol;
  const COLOURS = ['Ivory', 'Sand', 'Navy'];

  it('splits CRLF files right after the LF, also when the middle falls between CR and LF', async () => {
    const text = plain(6000, '\r\n');
    const bytes = enc.encode(text);
    // Grow the first row until the middle byte is a CR, then an LF.
    for (const want of [0x0d, 0x0a]) {
      let padded = bytes;
      for (let pad = 0; pad < 60; pad++) {
        padded = enc.encode(text.replace('Relaxed tee no. 0', `Relaxed tee no. 0${'x'.repeat(pad)}`));
        if (padded[Math.floor(padded.length / 2)] === want) break;
      }
      expect(padded[Math.floor(padded.length / 2)]).toBe(want);
      const { joined, starts } = await bothWays(padded);
      expect(joined).toBe(true);
      expect(padded[starts[0]! - 1]).toBe(0x0a);
      expect(padded[starts[0]! - 2]).toBe(0x0d);
    }
  });

  it('splits through multi-byte characters around the middle (UTF-8 kept whole)', async () => {
    const bytes = enc.encode(plain(6000, '\n', (i) => `Châle ${'中😀é'.repeat(1 + (i % 3))} ${i}`));
    for (let chunk of [997, 4096, 1 << 16]) expect((await bothWays(bytes, {}, chunk)).joined).toBe(true);
  });

  it('reads in one part when the middle falls in the header', async () => {
    // A header longer than the first 64 KB, and rows shorter than it all together.
    const names = Array.from({ length: 4000 }, (_, k) => `attribute number ${k}`);
    const rows = Array.from({ length: 6 }, (_, i) => names.map((_, k) => (k + i) % 10).join(','));
    const { joined, starts } = await bothWays(enc.encode(`${names.join(',')}\n${rows.join('\n')}\n`), { requireText: false });
    expect(joined).toBe(false);
    expect(starts).toEqual([]);
  });

  it('under row caps around the rows of each part', async () => {
    const { bytes } = generated(7, 4000);
    for (const maxRows of [1, 1500, 1990, 2000, 2010, 3985, 3990, 3995, 4000, 5000]) {
      // (Bytes read past the cap depend on where the chunks end, which the split point moves: compared apart.)
      const { one, two } = await bothWays(bytes, { maxRows }, 4096, true);
      for (const result of [one, two]) expect(result.stats.rows + result.stats.rejectedRows).toBe(result.stats.records);
      expect(two.stats.rows).toBe(Math.min(maxRows, one.stats.rows));
    }
  });

  it('reads on alone when the middle falls in the last line, or no line end follows it', async () => {
    const last = `9999,${'long last cell '.repeat(12_000)},Ivory,1`;
    for (const tail of ['', '\n']) {
      const { joined } = await bothWays(enc.encode(plain(3000) + last + tail));
      expect(joined).toBe(false);
    }
  });

  it('reads on alone when a quoted line break right after the middle starts the second part inside a field', async () => {
    const head = plain(4000);
    const quoted = `4000,"first line\nsecond, line\n""third""",Ivory,1\n`;
    const text = head + quoted + plain(4500).split('\n').slice(1).join('\n');
    // Pad the first row so that the middle falls 10 bytes into the quoted field (before its first line break).
    const pad = enc.encode(text).length - 2 * enc.encode(head).length - 20;
    const bytes = enc.encode(text.replace('Relaxed tee no. 0', `Relaxed tee no. 0${'x'.repeat(pad)}`));
    const quoteAt = enc.encode(head).length + pad + 5;
    expect(bytes[quoteAt]).toBe(0x22);
    expect(Math.floor(bytes.length / 2) - quoteAt).toBeGreaterThan(0);
    expect(Math.floor(bytes.length / 2) - quoteAt).toBeLessThan(11);
    const { joined, starts } = await bothWays(bytes);
    expect(starts).toHaveLength(1);
    expect(joined).toBe(false);
  });

  it('reads on alone when the second part would take the rows to the cap exactly and more records follow', async () => {
    const text = `${plain(6000)}not,enough\n`;
    const bytes = enc.encode(text);
    // The cap equals the rows: the one-part read stops at the ragged record after them (a cap note, no problem).
    const { one } = await bothWays(bytes, { maxRows: 6000 });
    expect(one.stats.truncated).toBe(true);
    expect(one.problems).toEqual([]);
  });

  it('gives the same types when a column is dictionary-encoded in one read and plain in the other', async () => {
    // `qty`: 40,000 distinct numbers in the first half, then three values: plain bytes in a
    // one-part read (judged at 65,536 rows), still a dictionary when two halves are joined.
    const rows = ['sku,qty,size,launch'];
    for (let i = 0; i < 120_000; i++) {
      const first = i < 60_000;
      const qty = first ? (i < 40_000 ? String(i) : String(i % 7)) : i === 100_000 ? 'lots' : String(i % 3);
      const size = first ? (i < 40_000 ? `S${i}` : 'M') : ['S', 'M', 'L'][i % 3]!;
      const launch = first ? (i < 40_000 ? `2021-01-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:${String((i >> 6) % 60).padStart(2, '0')}` : '2021-02-01') : i === 90_000 ? '2021-13-45' : '2021-03-01';
      rows.push(`P${i},${qty},${size},${launch}`);
    }
    const { joined, two } = await bothWays(enc.encode(`${rows.join('\n')}\n`), {}, 1 << 16);
    expect(joined).toBe(true);
    expect(two.problems.map((p) => p.line)).toEqual(expect.arrayContaining([90_002, 100_002]));
  });
});

describe('cancelling a two-part read', () => {
  it('stops the helper when the read is cancelled while waiting for the second part', async () => {
    const rows = ['id,name', ...Array.from({ length: 8000 }, (_, i) => `${i},Relaxed tee no. ${i}`)];
    const bytes = enc.encode(`${rows.join('\n')}\n`);
    let cancelled = 0;
    let started = false;
    const splitter: CsvSplitter = {
      minBytes: 0,
      peek: async (start, end) => bytes.slice(start, end),
      parse() {
        started = true;
        // The helper never answers: the first part reaches the middle and waits.
        return { result: new Promise(() => undefined), cancel: () => cancelled++ };
      },
    };
    let checks = 0;
    const reading = intake(bytesSource(bytes, 'c.csv', 5000), {}, {
      splitter,
      throwIfCancelled() {
        // (Well after the first part has reached the middle: ~20 chunks before it.)
        if (started && ++checks > 150) throw new CancelledError();
      },
    });
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
    expect(cancelled).toBe(1);
  });
});
