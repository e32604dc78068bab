/**
 * `trendloom classify` writes its CSV batch by batch (never one string of the whole file), into a
 * temporary file renamed over --out at the end; real files in a temporary folder, a stand-in
 * classifier so the test does not depend on the model's answers.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import { CLASSIFY_BATCH_ROWS, makeClassifyCommand, type CliClassifier } from './classify.ts';

const B = CLASSIFY_BATCH_ROWS;

/** The stand-in: predicts the first word of the item; records what each call got and what was on disk then. */
function recordingClassifier(onCall: (texts: readonly string[]) => void): CliClassifier {
  return {
    heads: ['word'],
    config: { input_template: 'Item: {text}' },
    labelsOf: () => [],
    classifyItems: () => Promise.reject(new Error('not used')),
    async classifyTexts(texts): Promise<ItemPrediction[]> {
      onCall(texts);
      return texts.map((t) => {
        const label = t.replace('Item: ', '').split(' ')[0]!;
        // Items whose number ends in 7 are "unsure", so the sure_ column is seen to carry the model's answer.
        return { heads: { word: { label, probability: 0.5, top: [{ label, probability: 0.5 }, { label: 'other', probability: 0.25 }], sure: !label.endsWith('7') } } };
      });
    },
  };
}

describe('classify streams its output in batches', () => {
  it.each([
    { rows: 1, distinct: 1, modelCalls: 1 },
    { rows: B - 1, distinct: 50, modelCalls: 1 },
    { rows: B, distinct: B, modelCalls: 1 },
    { rows: B + 1, distinct: 7, modelCalls: 1 },
    { rows: 2 * B + 5, distinct: 2 * B + 5, modelCalls: 3 },
    { rows: 3 * B, distinct: B + 1, modelCalls: 2 },
  ])('$rows rows with $distinct distinct items', async ({ rows, distinct, modelCalls }) => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-stream-'));
    const input = join(dir, 'catalogue.csv');
    const out = join(dir, 'labelled.csv');
    const names = Array.from({ length: rows }, (_, i) => `Item${i % distinct} linen shirt`);
    writeFileSync(input, `id,productDisplayName\n${names.map((n, i) => `${i},${n}`).join('\n')}\n`);
    const calls: { texts: number; onDisk: string[]; destinationExists: boolean }[] = [];
    const classifier = recordingClassifier((texts) => {
      const temp = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      calls.push({ texts: texts.length, onDisk: temp.map((f) => readFileSync(join(dir, f), 'utf8')), destinationExists: existsSync(out) });
    });
    const err: string[] = [];
    const status = await makeClassifyCommand(async () => classifier).run([input, '--text', 'productDisplayName', '--out', out, '--top-k', '2'], { out: () => {}, err: (t) => void err.push(t) });
    expect(status).toBe(0);

    const batches = Math.ceil(rows / B);
    // Each distinct item is classified once, even across batches; a batch of items seen before needs no call.
    expect(calls.reduce((sum, c) => sum + c.texts, 0)).toBe(distinct);
    expect(calls.length).toBe(modelCalls);
    for (const [k, call] of calls.entries()) {
      // While a later batch is being labelled, the earlier ones are already in the temporary file and --out does not exist yet.
      expect(call.destinationExists).toBe(false);
      expect(call.onDisk).toHaveLength(1);
      expect(call.onDisk[0]!.split('\n').length - 1).toBe(k === 0 ? 0 : 1 + k * B);
    }
    const table = readCsvRows(readFileSync(out, 'utf8'));
    expect(table[0]).toEqual(['id', 'productDisplayName', 'pred_word', 'prob_word', 'sure_word', 'pred_word_2', 'prob_word_2']);
    expect(table).toHaveLength(rows + 1);
    for (const r of [1, Math.floor(rows / 2) + 1, rows]) {
      const label = `Item${(r - 1) % distinct}`;
      expect(table[r]).toEqual([String(r - 1), names[r - 1], label, '0.5000', String(!label.endsWith('7')), 'other', '0.2500']);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(err.filter((line) => / rows \(\d+%\)/.test(line)).length).toBeLessThanOrEqual(batches);
    expect(err.join('')).toMatch(new RegExp(`${rows.toLocaleString('en')} / ${rows.toLocaleString('en')} rows \\(100%\\)`));
  });

  it('writes to standard output one batch at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-stream-'));
    const input = join(dir, 'catalogue.csv');
    writeFileSync(input, `productDisplayName\n${Array.from({ length: 2 * B + 1 }, (_, i) => `Item${i} dress`).join('\n')}\n`);
    const chunks: string[] = [];
    const status = await makeClassifyCommand(async () => recordingClassifier(() => {})).run([input], { out: (t) => void chunks.push(t), err: () => {} });
    expect(status).toBe(0);
    expect(chunks).toHaveLength(3);
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([B + 1, B, 1]);
    expect(chunks[2]).toBe(`Item${2 * B} dress,Item${2 * B},0.5000,${!String(2 * B).endsWith('7')}\n`);
  });
});

describe('classify reads a name and a description as the model was trained to', () => {
  it('joins --text name,description as "<name> Details: <description>", and a description alone as "Details: …"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-text-'));
    const input = join(dir, 'shop.csv');
    writeFileSync(input, 'SKU,Product,Description\n1,Waves blouse,A loose blouse in crinkled viscose with wave embroidery.\n2,,Soft leather ankle boots with a block heel.\n3,Rebecca,\n');
    const seen: string[] = [];
    const out = join(dir, 'out.csv');
    const status = await makeClassifyCommand(async () => recordingClassifier((texts) => void seen.push(...texts))).run([input, '--text', 'Product,Description', '--out', out], { out: () => {}, err: () => {} });
    expect(status).toBe(0);
    expect(seen).toEqual([
      'Item: Waves blouse Details: A loose blouse in crinkled viscose with wave embroidery.',
      'Details: Soft leather ankle boots with a block heel.',
      'Item: Rebecca',
    ]);
    const table = readCsvRows(readFileSync(out, 'utf8'));
    expect(table[0]).toEqual(['SKU', 'Product', 'Description', 'pred_word', 'prob_word', 'sure_word']);
  });
});
