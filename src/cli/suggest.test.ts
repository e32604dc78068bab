/**
 * `trendloom suggest` on a small catalogue in another shop's style (test/fixtures/suggest/shop.csv:
 * 12 near-identical jumpers in sizes, then jeans, shoes, dresses, jewellery, bags, coats, a candle).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../core/csv/textRows.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import type { CliClassifier } from './classify.ts';
import { main } from './main.ts';
import { makeSuggestCommand } from './suggest.ts';

const FIXTURE = new URL('../../test/fixtures/suggest/shop.csv', import.meta.url).pathname;
const input = readCsvRows(readFileSync(FIXTURE, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'trendloom-suggest-'));

function captureIO() {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** A stand-in classifier: sure about jeans, unsure about jumpers, lost on the candle, in between otherwise. */
const seen: string[] = [];
const classifier: CliClassifier = {
  heads: ['articleType', 'usage'],
  config: { input_template: 'Item: {text}' },
  labelsOf: () => [],
  classifyItems: () => Promise.reject(new Error('not used')),
  classifyTexts: async (texts): Promise<ItemPrediction[]> =>
    texts.map((text) => {
      seen.push(text);
      const p = /jeans/i.test(text) ? 0.97 : /jumper/i.test(text) ? 0.35 : /candle/i.test(text) ? 0.05 : 0.5;
      const head = (label: string, probability: number) => ({ label, probability, top: [{ label, probability }], sure: probability > 0.6 });
      return { heads: { articleType: head('Sweaters', p), usage: head('Casual', 0.99) } };
    }),
};
const command = makeSuggestCommand(async () => classifier);

describe('trendloom suggest', () => {
  it('writes the N rows most worth labelling, every input column, one from the cluster of near-copies', async () => {
    const out = join(dir, 'next.csv');
    const io = captureIO();
    expect(await command.run([FIXTURE, '--text', 'Product,Description', '--n', '5', '--out', out], io)).toBe(0);
    const written = readCsvRows(readFileSync(out, 'utf8'));
    expect(written.columns).toEqual(input.columns);
    expect(written.rows).toHaveLength(5);
    // Each written row is an input row, whole and unchanged.
    const inputRows = input.rows.map((r) => r.join('\u0000'));
    for (const row of written.rows) expect(inputRows).toContain(row.join('\u0000'));
    const products = written.rows.map((r) => r[1]!);
    // The twelve unsure jumpers stand for many items: one of them comes first, and only one.
    expect(products[0]).toMatch(/^Ribbed crew-neck jumper/);
    expect(products.filter((p) => /jumper/.test(p))).toHaveLength(1);
    // The model is sure about jeans: none is worth labelling yet.
    expect(products.some((p) => /jeans/.test(p))).toBe(false);
    expect(new Set(written.rows.map((r) => r[0])).size).toBe(5);
    // The classifier read the name and the description as item text.
    expect(seen.some((t) => t.startsWith('Item: Ribbed crew-neck jumper xs') && t.includes('Soft ribbed knit'))).toBe(true);
    expect(io.stderr).toMatch(/5 of 34 rows to label next \(by the classifier's articleType confidence/);
    expect(io.stdout).toBe('');
  });

  it('writes every row once when N is the whole file, with formula-like cells neutralised', async () => {
    const io = captureIO();
    expect(await command.run([FIXTURE, '--text', 'Product', '--n', '100'], io)).toBe(0);
    const written = readCsvRows(io.stdout);
    expect(written.rows).toHaveLength(34);
    expect(new Set(written.rows.map((r) => r[0])).size).toBe(34);
    expect(written.rows.map((r) => r[1])).toContain("'=Puffer jacket");
    expect(written.rows.map((r) => r[1])).toContain('Wool "teddy" coat');
  });

  it('follows a taught head with --head, without loading the classifier for an n-gram head', async () => {
    const headFile = join(dir, 'category.json');
    const trained = captureIO();
    expect(await main(['train-head', FIXTURE, '--text', 'Product,Description', '--label', 'Category', '--out', headFile, '--hash-bits', '12', '--embedding', 'none'], trained)).toBe(0);
    let loaded = false;
    const headCommand = makeSuggestCommand(async () => {
      loaded = true;
      return classifier;
    });
    const io = captureIO();
    const out = join(dir, 'by-head.csv');
    expect(await headCommand.run([FIXTURE, '--text', 'Product', '--n', '4', '--head', headFile, '--out', out], io)).toBe(0);
    expect(loaded).toBe(false);
    expect(io.stderr).toMatch(/4 of 34 rows to label next \(by the head for 'Category'/);
    const written = readCsvRows(readFileSync(out, 'utf8'));
    expect(written.rows).toHaveLength(4);
    expect(written.columns).toEqual(input.columns);
  });

  it('runs end to end with the shipped classifier', async () => {
    const io = captureIO();
    expect(await main(['suggest', FIXTURE, '--text', 'Product,Description', '--n', '3'], io)).toBe(0);
    const written = readCsvRows(io.stdout);
    expect(written.columns).toEqual(input.columns);
    expect(written.rows).toHaveLength(3);
    expect(io.stderr).toMatch(/3 of 34 rows to label next/);
  });

  it('reads files as classify does: another encoding, and rows that cannot be read listed with their line', async () => {
    const file = join(dir, 'latin1.csv');
    // Windows-1252 bytes ("Café", "crème"), and line 4 has a cell too many.
    const lines = ['SKU,Product', 'A1,Café au lait cardigan', 'A2,Crème wool scarf', 'A3,Broken,row', 'A4,Linen shirt white', 'A5,Linen shirt ecru'];
    writeFileSync(file, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
    const io = captureIO();
    expect(await command.run([file, '--text', 'Product', '--n', '10'], io)).toBe(0);
    const written = readCsvRows(io.stdout);
    expect(written.rows.map((r) => r[0]).sort()).toEqual(['A1', 'A2', 'A4', 'A5']);
    expect(written.rows.map((r) => r[1])).toContain('Café au lait cardigan');
    expect(written.rows.map((r) => r[1])).toContain('Crème wool scarf');
    expect(io.stderr).toMatch(/line 4/);
    expect(io.stderr).toMatch(/4 of 4 rows to label next/);
  });

  it('explains mistakes in plain words', async () => {
    let io = captureIO();
    expect(await main(['suggest', FIXTURE, '--text', 'Product'], io)).toBe(2);
    expect(io.stderr).toMatch(/Say how many rows to suggest with --n/);
    io = captureIO();
    expect(await main(['suggest', FIXTURE, '--text', 'Title', '--n', '3'], io)).toBe(2);
    expect(io.stderr).toMatch(/No column named "Title" in shop\.csv\. Available columns: SKU, Product, Description/);
    io = captureIO();
    expect(await main(['suggest', FIXTURE, '--text', 'Product', '--n', 'ten'], io)).toBe(2);
    expect(io.stderr).toMatch(/--n must be a whole number/);
    io = captureIO();
    const before = readFileSync(FIXTURE, 'utf8');
    expect(await main(['suggest', FIXTURE, '--text', 'Product', '--n', '3', '--out', FIXTURE], io)).not.toBe(0);
    expect(readFileSync(FIXTURE, 'utf8')).toBe(before);
    expect(io.stderr).toMatch(/--out/);
    io = captureIO();
    expect(await main(['suggest', join(dir, 'missing.csv'), '--n', '3'], io)).toBe(1);
    expect(io.stderr).toMatch(/Cannot open .*missing\.csv.*no such file/);
  });
});
