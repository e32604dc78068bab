/**
 * The command line with names that are special on a plain JavaScript object, as column names,
 * labels and series names, on real files in a temporary folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { readTableForCli } from './classify.ts';
import { main } from './main.ts';

const SPECIAL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
const dir = mkdtempSync(join(tmpdir(), 'trendloom-names-'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe.each(SPECIAL)('the name %s on the command line', (name) => {
  const slug = name.replace(/\W/g, '');

  it.each([
    { kind: 'text', cells: ['ivory', 'sand', 'navy'] },
    { kind: 'number', cells: ['1', '2', '3'] },
  ])('inspect --json counts the rows of a $kind column', async ({ kind, cells }) => {
    const file = join(dir, `inspect-${slug}-${kind}.csv`);
    writeFileSync(file, `description,${name}\n${cells.map((c, i) => `Linen shirt ${i},${c}`).join('\n')}\n`);
    const { code, out, err } = await run(['inspect', file, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { rows: number; columns: { name: string }[]; problems: unknown[] };
    expect(json.rows).toBe(3);
    expect(json.columns.map((c) => c.name)).toEqual(['description', name]);
    expect(json.problems).toEqual([]);
  });

  it('classify reads every cell of the column', async () => {
    const file = join(dir, `classify-${slug}.csv`);
    writeFileSync(file, `productDisplayName,${name}\nBlue cotton shirt,a\nRed silk dress,b\n`);
    const table = await readTableForCli(file);
    expect(table.columns).toEqual(['productDisplayName', name]);
    expect(table.rows).toEqual([['Blue cotton shirt', 'a'], ['Red silk dress', 'b']]);
    expect(table.roles.get(name)).toEqual(expect.any(String));
  });

  it('train-head learns it as a label', async () => {
    const file = join(dir, `labels-${slug}.csv`);
    const rows = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? `cotton shirt ${i},${name}` : `leather shoe ${i},other`));
    writeFileSync(file, `text,label\n${rows.join('\n')}\n`);
    const out = join(dir, `head-${slug}.json`);
    const { code, err } = await run(['train-head', file, '--text', 'text', '--label', 'label', '--out', out, '--embedding', 'none', '--hash-bits', '8', '--epochs', '5']);
    expect(err).not.toMatch(/Error|Maximum call stack/);
    expect(code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { labels: string[] }).labels).toEqual([name, 'other'].sort());
  });

  it('forecast keeps it as a series name', async () => {
    const file = join(dir, `series-${slug}.csv`);
    const lines = [`date,${name},plain`];
    for (let w = 0; w < 30; w++) lines.push(`${new Date(Date.UTC(2019, 0, 7 + 7 * w)).toISOString().slice(0, 10)},${10 + (w % 5)},${20 + (w % 3)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const out = join(dir, `forecast-${slug}.csv`);
    const signals = join(dir, `signals-${slug}.json`);
    const { code } = await run(['forecast', file, '--horizon', '2', '--out', out, '--signals', signals]);
    expect(code).toBe(0);
    const rows = readCsvRows(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['date', name, 'plain']);
    expect(rows).toHaveLength(3);
    expect(Number(rows[1]![1])).toBeGreaterThan(9);
    expect((JSON.parse(readFileSync(signals, 'utf8')) as { series: { name: string }[] }).series.map((s) => s.name)).toEqual([name, 'plain']);
  });
});
