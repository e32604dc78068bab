/**
 * `trendloom inspect --json` says how much it did not show: the problems beyond the listed ones,
 * the rows left out, and whether the row cap stopped reading (which --max-rows lifts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-inspect-totals-'));

/** A catalogue of `rows` records; every `ragged`-th has a value missing, every `badPrice`-th a price that is not a number. */
function catalogue(name: string, rows: number, ragged: number, badPrice: number): string {
  const lines = ['sku,description,price'];
  for (let i = 1; i <= rows; i++) lines.push(ragged && i % ragged === 0 ? `S${i},Shirt ${i}` : `S${i},Shirt ${i},${badPrice && i % badPrice === 0 ? 'twelve' : (i % 90) + 0.5}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function inspectJson(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['inspect', ...args, '--json'], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, err, json: out ? (JSON.parse(out) as Record<string, unknown> & { problems: unknown[] }) : null };
}

describe('inspect --json totals', () => {
  it.each([
    { title: 'more problems than are listed', file: () => catalogue('ragged.csv', 36_000, 3, 0), args: [], expected: { rows: 24_000, records: 36_000, rows_left_out: 12_000, truncated: false, problems_total: 12_000 }, listed: 10_000 },
    { title: 'rows left out and cells left empty', file: () => catalogue('mixed.csv', 1000, 100, 50), args: [], expected: { rows: 990, records: 1000, rows_left_out: 10, truncated: false, problems_total: 20 }, listed: 20 },
    { title: 'a row cap that stops reading', file: () => catalogue('capped.csv', 5000, 0, 0), args: ['--max-rows', '1200'], expected: { rows: 1200, records: 1200, rows_left_out: 0, truncated: true, problems_total: 0 }, listed: 0 },
    { title: 'a row cap with rows left out before it', file: () => catalogue('capped-ragged.csv', 5000, 10, 0), args: ['--max-rows', '1,000'], expected: { rows: 1000, records: 1111, rows_left_out: 111, truncated: true, problems_total: 111 }, listed: 111 },
    { title: 'the cap lifted', file: () => catalogue('all.csv', 5000, 0, 0), args: ['--max-rows', 'all'], expected: { rows: 5000, records: 5000, rows_left_out: 0, truncated: false, problems_total: 0 }, listed: 0 },
  ])('$title', async ({ file, args, expected, listed }) => {
    const { code, err, json } = await inspectJson([file(), ...args]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json).toMatchObject(expected);
    expect(json!.problems).toHaveLength(listed);
    expect((json!.rows as number) + (json!.rows_left_out as number)).toBe(json!.records);
  });

  it('prints the row cap and how to lift it in the summary', async () => {
    let out = '';
    expect(await main(['inspect', catalogue('summary.csv', 3000, 0, 0), '--max-rows', '500'], { out: (t) => void (out += t), err: () => {} })).toBe(0);
    expect(out).toMatch(/^summary\.csv: 500 rows, 3 columns/);
    expect(out).toContain('Only the first 500 rows were read (the row cap); the rest of the file was not. Use --max-rows all to read every row.\n');
    expect(out).not.toMatch(/keep the browser responsive/);
  });

  it.each(['0', '-5', 'many', '2.5'])('refuses --max-rows %s', async (value) => {
    let err = '';
    expect(await main(['inspect', catalogue('x.csv', 10, 0, 0), '--max-rows', value], { out: () => {}, err: (t) => void (err += t) })).toBe(2);
    expect(err).toMatch(/--max-rows must be a whole number of rows or 'all'/);
  });
});
