/** `trendloom train-head` on label columns with very many labels, as real files in a temporary folder. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-labels-'));

/** A training file: label k on rowsOf(k) rows, each row's text naming its label's word. */
function trainingFile(name: string, labels: number, rowsOf: (k: number) => number): string {
  const lines = ['text,style'];
  for (let k = 0; k < labels; k++) for (let r = 0; r < rowsOf(k); r++) lines.push(`piece w${k} v${r},s${k}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('train-head with very many labels', () => {
  it.each([
    {
      title: '100,000 labels, one row each',
      file: () => trainingFile('unique.csv', 100_000, () => 1),
      message: "trendloom train-head: 'style' has 100,000 different labels in 100,000 labelled rows; a head can learn at most 2,000. 100,000 of them appear in only one row. There are too few rows per label to learn from; group the labels into fewer, broader ones, or choose a column with fewer different values.\n",
    },
    {
      title: '2,500 labels, some frequent',
      file: () => trainingFile('wide.csv', 2500, (k) => (k < 300 ? 4 : 1)),
      message: "trendloom train-head: 'style' has 2,500 different labels in 3,400 labelled rows; a head can learn at most 2,000. 2,200 of them appear in only one row. Keep only the 900 most frequent labels (they cover 1,800 rows), group rare labels together, or choose a column with fewer different values. Here: --max-labels 900.\n",
    },
  ])('$title: refused in words before any training, nothing written', async ({ file, message }) => {
    const path = file();
    const out = join(dir, 'head.json');
    const { code, err } = await run(['train-head', path, '--text', 'text', '--label', 'style', '--out', out, '--embedding', 'none']);
    expect(code).toBe(1);
    expect(err.split('\n').slice(-2).join('\n')).toBe(message);
    expect(err).toMatch(/^Read [\d,]+ rows; [\d,]+ have a 'style' label \([\d,]+ different labels\)\.\n/);
    expect(err).not.toMatch(/Building text features|epoch/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--max-labels keeps the most frequent labels, says what it left out, and shows progress', async () => {
    const path = trainingFile('capped.csv', 530, (k) => (k < 30 ? 12 : 1));
    const out = join(dir, 'capped.json');
    const { code, out: stdout, err } = await run(['train-head', path, '--text', 'text', '--label', 'style', '--out', out, '--embedding', 'none', '--hash-bits', '8', '--epochs', '3', '--max-labels', '30']);
    expect(err).not.toMatch(/NaN/);
    expect(code).toBe(0);
    expect(err).toContain("Read 860 rows; 860 have a 'style' label (530 different labels).\n");
    expect(err).toContain('Kept the 30 most frequent labels; 500 rarer labels are left out, and with them 500 rows that had no other label.\n');
    expect(err).toContain('Building text features for 360 rows…\n');
    expect(err).toMatch(/Training on \d+ rows, checking on \d+ held-out rows \(at most 3 epochs/);
    expect(err).toMatch(/Refitting on all 360 labelled rows for \d+ epochs/);
    expect(stdout).toMatch(/single-label head for 'style' \(30 labels\) on \d+ rows/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { labels: string[] }).labels).toHaveLength(30);
  });

  it('--max-labels must be a whole number from 2 to 2000', async () => {
    const { code, err } = await run(['train-head', join(dir, 'capped.csv'), '--text', 'text', '--label', 'style', '--out', join(dir, 'x.json'), '--max-labels', '5000']);
    expect(code).toBe(2);
    expect(err).toMatch(/--max-labels '5000' is not valid/);
  });
});
