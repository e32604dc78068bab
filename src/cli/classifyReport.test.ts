/**
 * `trendloom classify` accounts for every line of the catalogue: rows left out are listed with
 * their line and reason, and the file's lines add up (header + rows + blank lines + lines inside
 * multi-line rows). Real files in a temporary folder; a stand-in classifier.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { shirtsClassifier } from '../../test/helpers/cliClassifier.ts';
import { makeClassifyCommand } from './classify.ts';
import { main } from './main.ts';
import { countFileLines } from './readReport.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-classify-report-'));

const classifier = shirtsClassifier;

const RAGGED = 'This row has 2 values but the file has 3 columns; it was left out. (A missing comma or a line break inside an unquoted cell can cause this.)';

/** Builds a catalogue line by line: `good` rows, with the extras at the given data-row positions. */
function catalogue(name: string, good: number, extras: { ragged?: number[]; blankAfter?: number[]; multiLineAt?: number[] } = {}, encoding: BufferEncoding = 'utf8'): string {
  const lines = ['id,productDisplayName,colour'];
  for (let i = 1; i <= good; i++) {
    lines.push(extras.multiLineAt?.includes(i) ? `${i},"Linen shirt\nwith a camp collar\nshort sleeves",Sand` : `${i},Linen shirt ${i},Sand`);
    if (extras.ragged?.includes(i)) lines.push(`r${i},Broken row`);
    if (extras.blankAfter?.includes(i)) lines.push('');
  }
  const path = join(dir, name);
  writeFileSync(path, (encoding === 'utf16le' ? '\ufeff' : '') + `${lines.join('\n')}\n`, encoding);
  return path;
}

async function classify(file: string, ...args: string[]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  const err: string[] = [];
  const status = await makeClassifyCommand(async () => classifier).run([file, '--text', 'productDisplayName', '--out', out, ...args], { out: () => {}, err: (t) => void err.push(t) });
  const notes = err.join('').split('\n').filter((line) => line && !/ rows \(\d+%\)$| items in /.test(line));
  return { status, notes, rows: readCsvRows(readFileSync(out, 'utf8')).length - 1 };
}

describe('classify accounts for every line', () => {
  it.each([
    {
      title: 'a clean file says nothing more',
      file: () => catalogue('clean.csv', 50),
      rows: 50,
      notes: [],
    },
    {
      title: 'rows left out and blank lines',
      file: () => catalogue('ragged.csv', 4982, { ragged: [10, 2000, 4981], blankAfter: [100, 200] }),
      rows: 4982,
      notes: [
        'classify: Read 4,982 of 4,985 rows; 3 rows could not be read and are left out:',
        `  line 12: ${RAGGED}`,
        `  line 2,005: ${RAGGED}`,
        `  line 4,987: ${RAGGED}`,
        "classify: The file's 4,988 lines = 1 header + 4,985 rows (4,982 read, 3 left out) + 2 blank lines (skipped).",
      ],
    },
    {
      title: 'rows with quoted line breaks',
      file: () => catalogue('multiline.csv', 30, { multiLineAt: [5, 6], blankAfter: [7] }),
      rows: 30,
      notes: ["classify: The file's 36 lines = 1 header + 30 rows + 1 blank line (skipped) + 4 lines inside rows whose quoted cells span several lines."],
    },
    {
      title: 'a quote never closed takes the rest of the file',
      file: () => {
        const path = join(dir, 'unclosed.csv');
        writeFileSync(path, 'id,productDisplayName,colour\n1,Linen shirt,Sand\n2,"Silk scarf,Red\n3,Wool coat,Camel\n4,Tee,White\n');
        return path;
      },
      rows: 1,
      notes: [
        'classify: Read 1 of 2 rows; 1 row could not be read and is left out:',
        '  line 3: A quote (") opened on this line is never closed, so this row and the rest of the file (3 lines) could not be split into cells; they were left out. Check for a stray quote on this line.',
        "classify: The file's 5 lines = 1 header + 2 rows (1 read, 1 left out) + 2 lines inside rows whose quoted cells span several lines.",
      ],
    },
    {
      title: 'more rows left out than are listed',
      file: () => catalogue('many.csv', 100, { ragged: Array.from({ length: 25 }, (_, k) => 2 * k + 1) }),
      rows: 100,
      notes: [
        'classify: Read 100 of 125 rows; 25 rows could not be read and are left out:',
        ...Array.from({ length: 20 }, (_, k) => `  line ${3 * k + 3}: ${RAGGED}`),
        expect.stringMatching(/^ {2}… and 5 more; 'trendloom inspect .*many\.csv' lists them with their lines\.$/),
        "classify: The file's 126 lines = 1 header + 125 rows (100 read, 25 left out).",
      ],
    },
    {
      title: 'a UTF-16 file with a blank line',
      file: () => catalogue('utf16.csv', 40, { blankAfter: [20], ragged: [30] }, 'utf16le'),
      rows: 40,
      notes: [
        'classify: Read 40 of 41 rows; 1 row could not be read and is left out:',
        `  line 33: ${RAGGED}`,
        "classify: The file's 43 lines = 1 header + 41 rows (40 read, 1 left out) + 1 blank line (skipped).",
      ],
    },
    {
      title: 'the row cap',
      file: () => catalogue('capped.csv', 300),
      args: ['--max-rows', '120'],
      rows: 120,
      notes: ['classify: Only the first 120 rows were read (the row cap); the rest of the file was not. Use --max-rows all to read every row.'],
    },
  ])('$title', async ({ file, args = [], rows, notes }) => {
    const result = await classify(file(), ...args);
    expect(result.status).toBe(0);
    expect(result.rows).toBe(rows);
    expect(result.notes).toEqual(notes);
    // Whatever the file, the sum printed is the sum of its parts.
    const sum = result.notes.find((n) => n.includes("file's"));
    if (sum) {
      const [total, ...parts] = [...sum.replace(/\(\d[\d,]* read, \d+ left out\)/, '').matchAll(/(\d[\d,]*) /g)].map((m) => Number(m[1]!.replaceAll(',', '')));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('train-head lists the rows it left out the same way', async () => {
    const file = catalogue('labels.csv', 40, { ragged: [7] });
    let err = '';
    expect(await main(['train-head', file, '--text', 'productDisplayName', '--label', 'colour', '--out', join(dir, 'h.json'), '--embedding', 'none'], { out: () => {}, err: (t) => void (err += t) })).toBe(1);
    expect(err).toContain(`Read 40 of 41 rows; 1 row could not be read and is left out:\n  line 9: ${RAGGED}\n`);
  });

  it.each([
    { text: 'a\nb\n', lines: 2 },
    { text: 'a\nb', lines: 2 },
    { text: 'a\r\nb\r\n\r\n', lines: 3 },
    { text: '', lines: 0 },
  ])('counts the lines of $text', async ({ text, lines }) => {
    for (const [encoding, bytes] of [
      ['utf-8', Buffer.from(text, 'utf8')],
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['utf-16be', Buffer.from(text, 'utf16le').swap16()],
    ] as const) {
      const path = join(dir, `lines-${encoding}.txt`);
      writeFileSync(path, bytes);
      expect(await countFileLines(path, encoding)).toBe(lines);
    }
  });
});
