/**
 * Cells a spreadsheet would run as formulas (=, +, -, @, tab, CR) are written with a leading ' by
 * `classify` (input cells, column names, the model's and a trained head's labels) and `forecast`
 * (series names); `--raw` writes them as read; plain numbers such as -3.5 stay numbers. Real files
 * in a temporary folder; a stand-in classifier so the answers do not depend on the model.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import { makeClassifyCommand, type CliClassifier } from './classify.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-formula-'));
const quiet = { out: () => {}, err: () => {} };

/** The stand-in labels each item with its first word, so a formula-like item gives a formula-like label. */
const firstWord: CliClassifier = {
  heads: ['word'],
  config: { input_template: 'Item: {text}' },
  labelsOf: () => [],
  classifyItems: () => Promise.reject(new Error('not used')),
  async classifyTexts(texts): Promise<ItemPrediction[]> {
    return texts.map((t) => {
      const label = t.replace('Item: ', '').split(' ')[0]!;
      return { heads: { word: { label, probability: 0.5, top: [{ label, probability: 0.5 }], sure: true } } };
    });
  },
};

// One row per case: the item text (whose first word the stand-in predicts), a price cell and a label cell.
const rows = [
  { item: '=HYPERLINK("http://evil.example") shirt', price: '-3.5', label: '@SUM(A1)', want: { item: `'=HYPERLINK("http://evil.example") shirt`, price: '-3.5', label: "'@SUM(A1)", pred: `'=HYPERLINK("http://evil.example")` } },
  { item: '+1+2 skirt', price: '-1+2', label: '-cmd', want: { item: "'+1+2 skirt", price: "'-1+2", label: "'-cmd", pred: "'+1+2" } },
  { item: '@cmd dress', price: '+2', label: 'plain', want: { item: "'@cmd dress", price: '+2', label: 'plain', pred: "'@cmd" } },
  { item: 'linen shirt', price: '19.99', label: '-3.5', want: { item: 'linen shirt', price: '19.99', label: '-3.5', pred: 'linen' } },
];

describe('classify neutralises formula-like cells', () => {
  const input = join(dir, 'catalogue.csv');
  const lines = ['id,productDisplayName,=price,tag'];
  // Each case twice (a head needs 2 rows per label), quoted because of the inner quotes.
  for (let copy = 0; copy < 3; copy++) rows.forEach((r, i) => lines.push(`${copy * 10 + i},"${r.item.replaceAll('"', '""')}",${r.price},${r.label}`));
  writeFileSync(input, `${lines.join('\n')}\n`);

  it.each([
    { raw: false, header: ['id', 'productDisplayName', "'=price", 'tag', 'pred_word', 'prob_word', 'sure_word'] },
    { raw: true, header: ['id', 'productDisplayName', '=price', 'tag', 'pred_word', 'prob_word', 'sure_word'] },
  ])('--raw $raw', async ({ raw, header }) => {
    const out = join(dir, `labelled-${raw}.csv`);
    const status = await makeClassifyCommand(async () => firstWord).run([input, '--text', 'productDisplayName', '--out', out, ...(raw ? ['--raw'] : [])], quiet);
    expect(status).toBe(0);
    const [head, ...body] = readCsvRows(readFileSync(out, 'utf8'));
    expect(head).toEqual(header);
    expect(body).toHaveLength(rows.length * 3);
    rows.forEach((r, i) => {
      const cells = body[i]!;
      if (raw) expect(cells.slice(1, 5)).toEqual([r.item, r.price, r.label, r.item.split(' ')[0]]);
      else expect(cells.slice(1, 5)).toEqual([r.want.item, r.want.price, r.want.label, r.want.pred]);
      expect(cells[5]).toBe('0.5000');
    });
  });

  it('a head trained on formula-like labels (train-head) writes them neutralised through classify --head', async () => {
    const headFile = join(dir, 'tag-head.json');
    expect(await main(['train-head', input, '--text', 'productDisplayName', '--label', 'tag', '--out', headFile, '--embedding', 'none', '--hash-bits', '8', '--validation', '0.25'], quiet)).toBe(0);
    const out = join(dir, 'with-head.csv');
    expect(await makeClassifyCommand(async () => firstWord).run([input, '--text', 'productDisplayName', '--head', headFile, '--out', out], quiet)).toBe(0);
    const [head, ...body] = readCsvRows(readFileSync(out, 'utf8'));
    const predicted = body.map((cells) => cells[head!.indexOf('pred_tag')]!);
    // Every label the head can give is written as the spreadsheet-safe form of a training label.
    expect(new Set(predicted).size).toBeGreaterThan(1);
    for (const label of predicted) expect(["'@SUM(A1)", "'-cmd", 'plain', '-3.5']).toContain(label);
  });
});

describe('forecast neutralises formula-like series names', () => {
  const fixture = readFileSync(join(import.meta.dirname, '../../test/fixtures/forecast/small_weekly.csv'), 'utf8');
  const input = join(dir, 'series.csv');
  writeFileSync(input, fixture.replace(/^.*\n/, ',=1+1,@cmd,-3.5\n'));

  it.each([
    { raw: false, header: ['date', "'=1+1", "'@cmd", '-3.5', "'=1+1__lo80"] },
    { raw: true, header: ['date', '=1+1', '@cmd', '-3.5', '=1+1__lo80'] },
  ])('--raw $raw', async ({ raw, header }) => {
    const out = join(dir, `forecast-${raw}.csv`);
    expect(await main(['forecast', input, '--horizon', '2', '--intervals', '--out', out, ...(raw ? ['--raw'] : [])], quiet)).toBe(0);
    const [head, ...body] = readCsvRows(readFileSync(out, 'utf8'));
    expect(head!.slice(0, 5)).toEqual(header);
    expect(body).toHaveLength(2);
    for (const cells of body) for (const value of cells.slice(1)) expect(Number.isFinite(Number(value))).toBe(true);
  });
});
