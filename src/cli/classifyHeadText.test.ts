/**
 * `trendloom classify --head` with `--text` (issue 17, item 4): the README's example — a head
 * trained on `productDisplayName`, applied to another shop's file whose text is in `name`. Real
 * files in a temporary folder, n-gram-only heads trained by `train-head`, and a stand-in
 * classifier that records whether it was loaded and asked to label anything.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import { makeClassifyCommand, type CliClassifier } from './classify.ts';
import { main } from './main.ts';
import { makeSuggestCommand } from './suggest.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-head-text-'));
const headFile = join(dir, 'usage-head.json');
const catalogue = join(dir, 'catalogue.csv');
const other = join(dir, 'other.csv');

// Two kinds of item whose words tell their usage apart.
const sport = ['running shoes', 'track pants', 'training jersey', 'sports bra', 'gym shorts', 'running socks'];
const formal = ['silk tie', 'dress shirt', 'leather oxford shoes', 'wool blazer', 'suit trousers', 'cufflinks'];

/** What the stand-in classifier saw: whether it was loaded, and how many texts it labelled. */
const seen = { loads: 0, texts: 0 };
function standIn(hidden?: number): CliClassifier {
  seen.loads++;
  return {
    heads: ['word'],
    config: { input_template: 'Item: {text}', hidden_size: hidden },
    labelsOf: () => ['x'],
    classifyItems: () => Promise.reject(new Error('no embedding in this test')),
    async classifyTexts(texts): Promise<ItemPrediction[]> {
      seen.texts += texts.length;
      return texts.map(() => ({ heads: { word: { label: 'x', probability: 1, top: [{ label: 'x', probability: 1 }], sure: true } } }));
    },
  };
}

function run(args: string[], hidden?: number) {
  let err = '';
  let out = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  return makeClassifyCommand(async () => standIn(hidden)).run(args, io).then(
    (status) => ({ status, err, out }),
    (error: Error) => ({ status: -1, err: `${err}${error.message}`, out }),
  );
}

beforeAll(async () => {
  const rows: string[] = ['id,productDisplayName,usage'];
  for (let i = 0; i < 60; i++) {
    const words = i % 2 === 0 ? sport : formal;
    rows.push(`${i},Brand${i % 7} ${words[i % words.length]},${i % 2 === 0 ? 'Sports' : 'Formal'}`);
  }
  writeFileSync(catalogue, `${rows.join('\n')}\n`);
  writeFileSync(other, `sku,name,colour\n1,Blue running shoes,Blue\n2,Black silk tie,Black\n3,Grey track pants,Grey\n4,Navy wool blazer,Navy\n`);
  let err = '';
  const status = await main(['train-head', catalogue, '--text', 'productDisplayName', '--label', 'usage', '--out', headFile, '--embedding', 'none', '--hash-bits', '12'], { out: () => {}, err: (t) => void (err += t) });
  expect(err).not.toMatch(/Error/);
  expect(status).toBe(0);
});

describe('classify --head reads the --text columns (issue 17, item 4)', () => {
  it('applies a head trained on productDisplayName to the file\u2019s name column when --text name is given', async () => {
    const out = join(dir, 'other-labelled.csv');
    const result = await run([other, '--text', 'name', '--head', headFile, '--out', out]);
    expect(result.err).not.toMatch(/no column/i);
    expect(result.status).toBe(0);
    // The note says which column stands in for which.
    expect(result.err).toMatch(/usage-head\.json was trained on 'productDisplayName'; here it reads 'name'/);
    const table = readCsvRows(readFileSync(out, 'utf8'));
    expect(table[0]).toEqual(['sku', 'name', 'colour', 'pred_word', 'prob_word', 'sure_word', 'pred_usage', 'prob_usage']);
    const predicted = table.slice(1).map((r) => r[6]);
    expect(predicted).toEqual(['Sports', 'Formal', 'Sports', 'Formal']);
  });

  it('reads the head\u2019s own columns when --text is not given, and the file has them', async () => {
    const out = join(dir, 'self-labelled.csv');
    const result = await run([catalogue, '--head', headFile, '--out', out]);
    expect(result.status).toBe(0);
    expect(result.err).not.toMatch(/here it reads/);
    const table = readCsvRows(readFileSync(out, 'utf8'));
    const pred = table[0]!.indexOf('pred_usage');
    const truth = table[0]!.indexOf('usage');
    expect(pred).toBe(table[0]!.length - 2);
    // Trained on these very rows: the head gives every row its own usage back.
    const right = table.slice(1).filter((r) => r[pred] === r[truth]).length;
    expect(right).toBe(60);
  });

  it('fails before the model is loaded or any row labelled when the file lacks the head\u2019s column, and says to use --text', async () => {
    const before = { ...seen };
    const out = join(dir, 'never.csv');
    const result = await run([other, '--head', headFile, '--out', out]);
    expect(result.status).not.toBe(0);
    expect(result.err).toMatch(/The head usage-head\.json \(it labels 'usage'\) reads the text of 'productDisplayName', but other\.csv has no column 'productDisplayName'/);
    expect(result.err).toMatch(/with --text/);
    expect(result.err).toMatch(/Columns in other\.csv: sku, name, colour/);
    expect(seen.loads).toBe(before.loads);
    expect(seen.texts).toBe(before.texts);
    expect(existsSync(out)).toBe(false);
  });

  it('fails before the model is loaded when a head file is not a head, naming the file', async () => {
    const broken = join(dir, 'broken-head.json');
    writeFileSync(broken, JSON.stringify({ version: 1, labels: ['a'] }));
    const newer = join(dir, 'newer-head.json');
    writeFileSync(newer, JSON.stringify({ ...JSON.parse(readFileSync(headFile, 'utf8')), version: 7 }));
    const before = { ...seen };
    const notHead = await run([other, '--text', 'name', '--head', broken]);
    expect(notHead.status).not.toBe(0);
    expect(notHead.err).toMatch(/broken-head\.json: This file is not a Trendloom head/);
    const future = await run([other, '--text', 'name', '--head', newer]);
    expect(future.err).toMatch(/newer-head\.json: This head has format version 7; this Trendloom reads version 1/);
    expect(seen.loads).toBe(before.loads);
    expect(seen.texts).toBe(before.texts);
  });

  it('fails before any row is labelled when a head was trained with another model\u2019s embedding', async () => {
    const json = JSON.parse(readFileSync(headFile, 'utf8')) as { featureSpec: { embedding: unknown }; weights: string; labels: string[] };
    // A head over a 4-number embedding from another model; this stand-in model gives 8.
    const sparse = 2 ** 12;
    const weights = new Float32Array((sparse + 4 + 1) * json.labels.length);
    const b64 = Buffer.from(weights.buffer).toString('base64');
    const f4 = Buffer.from(new Float32Array(4).fill(1).buffer).toString('base64');
    const foreign = join(dir, 'foreign-head.json');
    writeFileSync(foreign, JSON.stringify({ ...json, weights: b64, featureSpec: { ...json.featureSpec, embedding: { dim: 4, source: 'other-model', mean: f4, std: f4, scale: 0.5 } } }));
    const before = { ...seen };
    const result = await run([other, '--text', 'name', '--head', foreign], 8);
    expect(result.status).not.toBe(0);
    expect(result.err).toMatch(/foreign-head\.json was trained with another model \(other-model: 4 features per item; this model gives 8\)/);
    expect(seen.texts).toBe(before.texts);
  });

  it('suggest --head reads the --text columns too, and without them fails before the model is loaded', async () => {
    const before = { ...seen };
    const out = join(dir, 'next.csv');
    let err = '';
    const io = { out: () => {}, err: (t: string) => void (err += t) };
    const suggest = makeSuggestCommand(async () => standIn());
    expect(await suggest.run([other, '--text', 'name', '--n', '2', '--head', headFile, '--out', out], io)).toBe(0);
    expect(err).toMatch(/2 of 4 rows to label next \(by the head for 'usage'/);
    expect(readCsvRows(readFileSync(out, 'utf8'))[0]).toEqual(['sku', 'name', 'colour']);
    const failed = await suggest.run([catalogue.replace('catalogue.csv', 'other.csv'), '--n', '2', '--head', headFile], io).catch((e: Error) => e.message);
    expect(failed).toMatch(/reads the text of 'productDisplayName', but other\.csv has no column 'productDisplayName'/);
    // An n-gram head needs no model: the classifier was never loaded.
    expect(seen.loads).toBe(before.loads);
  });
});
