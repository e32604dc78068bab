/**
 * Escape sequences in cells (ESC/OSC/CSI, C1, CR) are shown escaped (`\x1b`) in every message the
 * CLI prints, never sent raw to the terminal. Real files in a temporary folder, through `main`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-escapes-'));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
  return path;
};
const numbered = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i));

const catalogue = file('catalogue.csv', [
  'id,name,price,\x1b[31mtag',
  ...numbered(30, (i) => `${i},shirt ${i},${i}.5,${i % 2 ? 'a' : 'b'}`),
  '40,skirt,\x1b]8;;http://evil.example\x07click\x1b]8;;\x07,a',
  '41,dress,7\u009b31m,b',
  '42,coat,\x1b[2J\x1b[H,a',
  '43,hat,"OK\rFAKE",b',
]);
const badNumber = file('series-number.csv', ['date,wool', ...numbered(10, (i) => `2020-01-${String(i + 1).padStart(2, '0')},${i}`), '2020-01-11,\x1b]0;pwned\x07']);
const badDate = file('series-date.csv', ['date,wool', '\x1b[2Jnot-a-date,1']);

// Any of these reaching a terminal raw acts instead of showing.
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('messages show control characters escaped', () => {
  it.each([
    {
      name: 'inspect problems',
      args: ['inspect', catalogue],
      stream: 'out' as const,
      shows: [
        "line 32, price: '\\x1b]8;;http://evil.example\\x07click\\x1b]8;;\\x07' is not a number",
        "line 33, price: '7\\x9b31m' is not a number",
        "line 34, price: '\\x1b[2J\\x1b[H' is not a number",
        "line 35, price: 'OK\\x0dFAKE' is not a number",
        '\\x1b[31mtag',
      ],
    },
    { name: 'inspect --json (C1 as \\u009b)', args: ['inspect', catalogue, '--json'], stream: 'out' as const, shows: ["'7\\u009b31m' is not a number", "'\\u001b[2J\\u001b[H' is not a number"] },
    { name: 'forecast: a value that is not a number', args: ['forecast', badNumber, '--horizon', '2'], stream: 'err' as const, shows: ['column "wool": \'\\x1b]0;pwned\\x07\' is not a number'] },
    { name: 'forecast: a date that is not a date', args: ['forecast', badDate, '--horizon', '2'], stream: 'err' as const, shows: ["'\\x1b[2Jnot-a-date' is not a date"] },
    {
      name: 'train-head: a label column named with an escape',
      args: ['train-head', catalogue, '--text', 'name', '--label', '\x1b[31mtag', '--out', join(dir, 'head.json'), '--embedding', 'none', '--hash-bits', '6'],
      stream: 'err' as const,
      shows: ["have a '\\x1b[31mtag' label"],
    },
    { name: 'an unknown command', args: ['\x1b[2Jwipe'], stream: 'err' as const, shows: ["unknown command '\\x1b[2Jwipe'"] },
  ])('$name', async ({ args, stream, shows }) => {
    const printed = { out: '', err: '' };
    await main(args, { out: (t) => void (printed.out += t), err: (t) => void (printed.err += t) });
    for (const text of shows) expect(printed[stream]).toContain(text);
    expect(printed.out).not.toMatch(RAW_CONTROL);
    expect(printed.err).not.toMatch(RAW_CONTROL);
  });
});
