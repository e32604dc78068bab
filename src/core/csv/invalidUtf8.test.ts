/**
 * Issue 18, item 12: bytes that are not UTF-8 text anywhere in a file read as UTF-8 (not only in
 * the first 64 KB, which decide the encoding) are problems with their line and column; a
 * character split across chunks is not. Read with tiny chunks so every boundary case happens.
 */
import { describe, expect, it } from 'vitest';
import { englishText } from '../messages.ts';
import { bytesSource, intake, type IntakeResult } from '../intake/intake.ts';
import { invalidUtf8, Utf8Watch } from './encoding.ts';
import { parseCsvPart, type CsvSplitter } from './parseCsv.ts';

const enc = new TextEncoder();
const HEADER = 'id,name,colour\n';
// Clean rows past the 64 KB sample, so the file is read as UTF-8 and the bad bytes come later.
const PREFIX_ROWS = 1500;
const prefix = (() => {
  let text = HEADER;
  for (let i = 1; i <= PREFIX_ROWS; i++) text += `${i},Linen shirt number ${i} in a relaxed cut,Sand\n`;
  return enc.encode(text);
})();
// The line of the first row after the prefix.
const FIRST = PREFIX_ROWS + 2;

/** The prefix, then `parts` (text, or raw bytes where they are not UTF-8). */
function file(...parts: (string | number[])[]): { bytes: Uint8Array; at: number } {
  const chunks = [prefix, ...parts.map((part) => (typeof part === 'string' ? enc.encode(part) : Uint8Array.from(part)))];
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  let firstBad = -1;
  for (const [k, chunk] of chunks.entries()) {
    if (k > 0 && typeof parts[k - 1] !== 'string' && firstBad < 0) firstBad = at;
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes, at: firstBad };
}

const b = (text: string) => [...enc.encode(text)];

interface Case {
  title: string;
  bytes: Uint8Array;
  /** Problems about bytes that are not UTF-8: line, column, the bytes named. */
  expected: { line: number; column: string | null; bytes: string; n: number }[];
  rows: number;
  /** The name cell of the row at FIRST, as read. */
  name?: string;
}

const cases: Case[] = [
  {
    title: 'a Windows-1252 é deep in the file',
    bytes: file(b('9001,Caf'), [0xe9], b(' noir shirt,Brown\n9002,Tee,White\n')).bytes,
    expected: [{ line: FIRST, column: 'name', bytes: '0xE9', n: 1 }],
    rows: PREFIX_ROWS + 2,
    name: 'Caf\ufffd noir shirt',
  },
  {
    title: 'a 0xFF byte and a stray continuation byte in two columns of one row',
    bytes: file(b('9001,Tee '), [0xff], b(',Bl'), [0x80], b('ue\n')).bytes,
    expected: [
      { line: FIRST, column: 'name', bytes: '0xFF', n: 1 },
      { line: FIRST, column: 'colour', bytes: '0x80', n: 1 },
    ],
    rows: PREFIX_ROWS + 1,
  },
  {
    title: 'valid characters of 2, 3 and 4 bytes on every chunk boundary',
    bytes: file('9001,Crème brûlée € 😀 dress,Ivory\n'.repeat(40)).bytes,
    expected: [],
    rows: PREFIX_ROWS + 40,
    name: 'Crème brûlée € 😀 dress',
  },
  {
    title: 'a character cut short before a delimiter (E2 82 then a comma)',
    bytes: file(b('9001,Price '), [0xe2, 0x82], b(',Red\n9002,Tee,White\n')).bytes,
    expected: [{ line: FIRST, column: 'name', bytes: '0xE2 0x82', n: 2 }],
    rows: PREFIX_ROWS + 2,
  },
  {
    title: 'an overlong form (C0 AF) and a surrogate (ED A0 80)',
    bytes: file(b('9001,Slash '), [0xc0, 0xaf], b(',Red\n9002,Half '), [0xed, 0xa0, 0x80], b(',Blue\n')).bytes,
    expected: [
      { line: FIRST, column: 'name', bytes: '0xC0 0xAF', n: 2 },
      { line: FIRST + 1, column: 'name', bytes: '0xED 0xA0 0x80', n: 3 },
    ],
    rows: PREFIX_ROWS + 2,
  },
  {
    title: 'a character cut by the end of the file (no final line end)',
    bytes: file(b('9001,Tee,Whit'), [0xe2, 0x82]).bytes,
    expected: [{ line: FIRST, column: 'colour', bytes: '0xE2 0x82', n: 2 }],
    rows: PREFIX_ROWS + 1,
  },
  {
    title: 'a bad byte inside a quoted cell that spans lines: the line where the row starts',
    bytes: file(b('9001,"Wool coat\nwith a '), [0xa0], b('belt\n""long""",Camel\n9002,Tee,White\n')).bytes,
    expected: [{ line: FIRST, column: 'name', bytes: '0xA0', n: 1 }],
    rows: PREFIX_ROWS + 2,
  },
  {
    title: 'many bad bytes in one cell: the first four named, all counted',
    bytes: file(b('9001,'), [0xe9, 0xe8, 0xea, 0xeb, 0xfc, 0xf6], b(',Red\n')).bytes,
    expected: [{ line: FIRST, column: 'name', bytes: '0xE9 0xE8 0xEA 0xEB …', n: 6 }],
    rows: PREFIX_ROWS + 1,
  },
  {
    title: 'a ragged row with a bad byte is left out as ragged, not listed twice',
    bytes: file(b('9001,Caf'), [0xe9], b('\n9002,Tee,White\n')).bytes,
    expected: [],
    rows: PREFIX_ROWS + 1,
  },
];

// Chunk sizes: tiny ones put a boundary before, inside and after every character; 65,536 + 1 is
// a boundary right after the sample.
const CHUNKS = [1, 2, 3, 5, 7, 64, 4096, 65_537];

const notUtf8 = (result: IntakeResult) =>
  result.problems.filter((p) => p.detail?.code === 'problem.not-utf-8').map((p) => ({ line: p.line, column: p.column, bytes: p.detail!.params!.bytes, n: p.detail!.params!.n }));

describe('bytes that are not UTF-8 after the first chunk (issue 18, item 12)', () => {
  for (const c of cases) {
    it(`${c.title}: found with its line and column whatever the chunk size`, async () => {
      for (const chunk of CHUNKS) {
        const result = await intake(bytesSource(c.bytes, 'catalogue.csv', chunk));
        expect(result.stats.encoding, `chunk ${chunk}`).toBe('utf-8');
        expect(notUtf8(result), `chunk ${chunk}`).toEqual(c.expected);
        expect(result.stats.rows, `chunk ${chunk}`).toBe(c.rows);
        // Every problem is counted: bad cells include these, and the total adds up.
        expect(result.stats.problems).toBe(result.stats.rejectedRows + result.stats.badCells);
        expect(result.stats.badCells).toBeGreaterThanOrEqual(c.expected.length);
        const noted = result.notes.some((note) => note.code === 'note.not-utf-8-cells');
        expect(noted, `chunk ${chunk}`).toBe(c.expected.length > 0);
        if (c.name !== undefined) expect(String(result.table.getChild('name')!.get(PREFIX_ROWS))).toBe(c.name);
      }
    });
  }

  it('says it in words, with the cell as read', async () => {
    const result = await intake(bytesSource(cases[0]!.bytes, 'catalogue.csv', 3));
    const problem = result.problems.find((p) => p.detail?.code === 'problem.not-utf-8')!;
    expect(problem).toMatchObject({ line: FIRST, column: 'name' });
    expect(problem.message).toBe("'Caf\ufffd noir shirt' has 1 byte that is not UTF-8 text (0xE9); it is shown as \ufffd (the row is kept).");
    expect(result.notes.map(englishText)).toContain(
      'The file reads as UTF-8, but 1 cell has bytes that are not UTF-8 text; they are shown as \ufffd and listed under problems with their line. If letters look wrong there, choose the encoding the file was saved in (such as Windows-1252).',
    );
  });

  it('a bad byte on a chunk boundary: first byte of a chunk, and last byte of a chunk', async () => {
    const { bytes, at } = file(b('9001,Tee '), [0xff], b(',Blue\n'));
    // Chunk sizes that put the bad byte first in a chunk, and last in a chunk (both past the sample).
    const first = [...Array(200).keys()].map((k) => k + 2).find((size) => at % size === 0 && at >= 65_536)!;
    const last = [...Array(200).keys()].map((k) => k + 2).find((size) => (at + 1) % size === 0)!;
    for (const size of [first, last]) {
      const result = await intake(bytesSource(bytes, 'catalogue.csv', size));
      expect(notUtf8(result), `chunk ${size}`).toEqual([{ line: FIRST, column: 'name', bytes: '0xFF', n: 1 }]);
    }
  });

  it('a file with a byte-order mark is checked from its first byte', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...b('id,name,colour\n1,Caf'), 0xe9, ...b(',Red\n2,Tee,White\n')]);
    const result = await intake(bytesSource(bytes, 'bom.csv', 4));
    expect(result.stats.encoding).toBe('utf-8');
    expect(notUtf8(result)).toEqual([{ line: 2, column: 'name', bytes: '0xE9', n: 1 }]);
  });

  it('the same problems when the second half is read by another worker (a split read)', async () => {
    // Bad bytes in both halves of a file large enough to split.
    const rows: (string | number[])[] = [];
    for (let i = 0; i < 4000; i++) rows.push(i === 100 || i === 3900 ? [...b(`${9000 + i},Caf`), 0xe9, ...b(',Red\n')] : `${9000 + i},Wool coat ${i},Camel\n`);
    const { bytes } = file(...rows);
    let parts = 0;
    const splitter: CsvSplitter = {
      minBytes: 0,
      peek: async (start, end) => bytes.slice(start, end),
      parse(start, settings, onProgress) {
        parts++;
        const result = parseCsvPart(bytesSource(bytes.slice(start), 'part', 5).chunks(), settings, { onProgress });
        return { result, cancel: () => undefined };
      },
    };
    const result = await intake(bytesSource(bytes, 'catalogue.csv', 4096), {}, { splitter });
    expect(parts).toBe(1);
    expect(result.stats.timings.parts).toBe(2);
    expect(notUtf8(result)).toEqual([
      { line: FIRST + 100, column: 'name', bytes: '0xE9', n: 1 },
      { line: FIRST + 3900, column: 'name', bytes: '0xE9', n: 1 },
    ]);
    expect(result.stats.badCells).toBe(2);
  });
});

describe('the pieces', () => {
  it.each([
    { bytes: b('plain'), found: null },
    { bytes: b('é € 😀'), found: null },
    { bytes: [0x41, 0xff, 0x42], found: { count: 1, sample: ['0xFF'] } },
    { bytes: [0xe2, 0x82], found: { count: 2, sample: ['0xE2', '0x82'] } },
    { bytes: [0xe2, 0x28, 0xa1], found: { count: 2, sample: ['0xE2', '0xA1'] } },
    { bytes: [0xf4, 0x90, 0x80, 0x80], found: { count: 4, sample: ['0xF4', '0x90', '0x80', '0x80'] } },
    { bytes: [0xe0, 0x80, 0x80], found: { count: 3, sample: ['0xE0', '0x80', '0x80'] } },
  ])('invalidUtf8 %#', ({ bytes, found }) => {
    const array = Uint8Array.from(bytes);
    expect(invalidUtf8(array, 0, array.length)).toEqual(found);
  });

  it('Utf8Watch and invalidUtf8 agree with the platform decoder on random bytes cut into random chunks', () => {
    // Bytes that make every kind of sequence: ASCII, leads of each length, the special second bytes, continuations, never-valid bytes.
    const alphabet = [0x41, 0x2c, 0x0a, 0xc2, 0xdf, 0xc0, 0xc1, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf];
    const strict = new TextDecoder('utf-8', { fatal: true });
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let valid = 0;
    for (let trial = 0; trial < 3000; trial++) {
      // Mostly ASCII with a few other bytes, at random offsets (so the 4-byte path is exercised).
      const length = 1 + random(40);
      const bytes = new Uint8Array(length + 3).subarray(random(4), undefined).subarray(0, length);
      for (let i = 0; i < length; i++) bytes[i] = random(3) === 0 ? alphabet[random(alphabet.length)]! : 0x61;
      let ok = true;
      try {
        strict.decode(bytes);
      } catch {
        ok = false;
      }
      if (ok) valid++;
      const watch = new Utf8Watch();
      let flagged = false;
      for (let at = 0; at < length; ) {
        const size = 1 + random(9);
        flagged = watch.push(bytes.subarray(at, at + size)) || flagged;
        at += size;
      }
      flagged = watch.end() || flagged;
      expect(flagged, Array.from(bytes, (x) => x.toString(16)).join(' ')).toBe(!ok);
      expect(invalidUtf8(bytes, 0, length) === null).toBe(ok);
    }
    // Both outcomes were tried many times.
    expect(valid).toBeGreaterThan(100);
    expect(valid).toBeLessThan(2900);
  });

  it('Utf8Watch accepts a character split across chunks and flags a bad byte', () => {
    const watch = new Utf8Watch();
    expect(watch.push(Uint8Array.from([0x61, 0xf0, 0x9f]))).toBe(false);
    expect(watch.push(Uint8Array.from([0x98, 0x80, 0x62]))).toBe(false);
    expect(watch.end()).toBe(false);
    expect(watch.push(Uint8Array.from([0x61, 0xff]))).toBe(true);
    expect(watch.push(Uint8Array.from([0x61, 0xe2]))).toBe(false);
    expect(watch.end()).toBe(true);
  });
});
