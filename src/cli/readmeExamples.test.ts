/**
 * The README's command-line examples stay runnable (issue 17): every `npx trendloom …` line of the
 * README's "Command line" code block is run, in order, against the demo catalogue with the real
 * shipped model. Files the examples name are put in a temporary folder: `catalogue.csv` is a copy
 * of the demo, `other.csv` the demo's items under another shop's headers (name, description);
 * every other file an example reads was written by an earlier one.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRows, writeCsvRows } from '../core/csv/textRows.ts';
import { main } from './main.ts';

const root = new URL('../../', import.meta.url).pathname;
const demo = join(root, 'public/demo/catalogue-sample.csv');

/** The `npx trendloom …` lines of the README's "Command line" section's first sh block, comments removed. */
function readmeCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx trendloom'));
}

/** Splits a command line into words (single and double quotes group words). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const commands = readmeCommands(readFileSync(join(root, 'README.md'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'trendloom-readme-'));

/** An example's arguments: paths under public/ stay (from the repository root); other file names go to the temporary folder. */
function argumentsOf(line: string): string[] {
  return words(line)
    .slice(2)
    .map((word) => (/^public\//.test(word) ? join(root, word) : /\.(csv|tsv|json|arrow|parquet)$/.test(word) ? join(dir, basename(word)) : word));
}

describe('README command-line examples', () => {
  it('the README has the examples this test runs', () => {
    expect(commands.length).toBeGreaterThanOrEqual(9);
    for (const name of ['inspect', 'classify', 'train-head', 'suggest', 'trends', 'forecast']) expect(commands.some((c) => c.startsWith(`npx trendloom ${name} `))).toBe(true);
  });

  it('prepares catalogue.csv and other.csv from the demo catalogue', () => {
    copyFileSync(demo, join(dir, 'catalogue.csv'));
    const table = readCsvRows(readFileSync(demo, 'utf8'));
    const col = (name: string) => table.columns.indexOf(name);
    // Another shop's headers: the item's name, and a description in its own words.
    const rows = table.rows.map((r) => [r[col('id')]!, r[col('productDisplayName')]!, `${r[col('baseColour')]} ${r[col('articleType')]!.toLowerCase()} for ${r[col('gender')]!.toLowerCase()}`, r[col('year')]!]);
    writeFileSync(join(dir, 'other.csv'), writeCsvRows({ columns: ['sku', 'name', 'description', 'year'], rows }));
    expect(rows).toHaveLength(5000);
  });

  it.each(commands.map((line) => [line]))('%s', async (line) => {
    let out = '';
    let err = '';
    const status = await main(argumentsOf(line), { out: (t) => void (out += t), err: (t) => void (err += t) });
    expect(err).not.toMatch(/Error|NaN/);
    expect({ line, status, err: status === 0 ? '' : err }).toEqual({ line, status: 0, err: '' });
    const args = argumentsOf(line);
    const outIndex = args.indexOf('--out');
    if (outIndex >= 0) expect(existsSync(args[outIndex + 1]!)).toBe(true);
    else expect(out.length).toBeGreaterThan(0);
    // What each example is for, checked on its output.
    const command = args[0];
    if (command === '--help') {
      // `npx trendloom` is bin/trendloom.mjs: the same help comes out of the real binary.
      expect(execFileSync(process.execPath, [join(root, 'bin/trendloom.mjs'), '--help'], { encoding: 'utf8' })).toBe(out);
      expect(out).toMatch(/^ {2}trends +Count a catalogue into the trend series/m);
    }
    const written = outIndex >= 0 ? readFileSync(args[outIndex + 1]!, 'utf8') : out;
    if (command === 'classify' && args.includes('--head')) {
      const header = readCsvRows(written).columns;
      // The model's own pred_usage is there, so the head's column is pred_usage_head.
      expect(header).toContain('pred_usage_head');
      const labelled = readCsvRows(written);
      const preds = labelled.rows.map((r) => r[header.indexOf('pred_usage_head')]);
      expect(preds.filter(Boolean)).toHaveLength(5000);
    }
    if (command === 'train-head') expect(JSON.parse(written)).toMatchObject({ labelColumn: 'usage', textColumns: ['productDisplayName'] });
    if (command === 'suggest') expect(readCsvRows(written).rows).toHaveLength(20);
    if (command === 'trends') expect(readCsvRows(written).columns.slice(0, 3)).toEqual(['date', 'Casual', 'Sports']);
    if (command === 'forecast') {
      const forecast = readCsvRows(written);
      expect(forecast.rows).toHaveLength(4);
      expect(forecast.columns).toContain('Casual__lo80');
      expect(existsSync(join(dir, 'signals.json'))).toBe(true);
    }
  }, 180_000);
});
