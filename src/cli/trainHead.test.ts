import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyHeadsToRows } from '../core/finetune/apply.ts';
import { readCsvRows, writeCsvRows } from '../core/csv/textRows.ts';
import { loadHead, type HeadJSON } from '../core/finetune/head.ts';
import { singleLabelReport } from '../core/metrics/classification.ts';
import { stratifiedSplit } from '../core/metrics/split.ts';
import type { CliIO } from './io.ts';
import { main } from './main.ts';
import { makeTrainHeadCommand } from './trainHead.ts';

const fixture = new URL('../../test/fixtures/finetune/styles-sample.csv', import.meta.url);
const table = readCsvRows(readFileSync(fixture, 'utf8'));
const usageIdx = table.columns.indexOf('usage');
const split = stratifiedSplit(table.rows.map((r) => r[table.columns.indexOf('masterCategory')]!), { test: 0.25, seed: 11 });
const dir = mkdtempSync(join(tmpdir(), 'trendloom-train-head-'));
const trainFile = join(dir, 'train.csv');
const testFile = join(dir, 'test.csv');
// The training file has some unlabelled rows (usage blanked) that train-head must skip.
writeFileSync(trainFile, writeCsvRows({ columns: table.columns, rows: split.train.map((i, k) => table.rows[i]!.map((cell, c) => (c === usageIdx && k % 10 === 0 ? '' : cell))) }));
writeFileSync(testFile, writeCsvRows({ columns: table.columns, rows: split.test.map((i) => table.rows[i]!) }));

function bufferIO(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('trendloom train-head', () => {
  it('trains on labelled rows, prints validation metrics and writes a head that classifies held-out rows', async () => {
    const out = join(dir, 'category.json');
    const io = bufferIO();
    const status = await main(['train-head', trainFile, '--text', 'productDisplayName,gender', '--label', 'masterCategory', '--out', out, '--hash-bits', '12', '--embedding', 'none'], io);
    expect(io.stderr).not.toMatch(/Error/);
    expect(status).toBe(0);
    expect(io.stdout).toMatch(/single-label head for 'masterCategory' \(4 labels\)/);
    expect(io.stdout).toMatch(/accuracy {2}\d+\.\d%/);
    expect(io.stdout).toMatch(/macro {5}precision \d+\.\d%  recall \d+\.\d%  F1 \d+\.\d%/);
    const head = JSON.parse(readFileSync(out, 'utf8')) as HeadJSON;
    expect(head.textColumns).toEqual(['productDisplayName', 'gender']);
    expect(head.metrics.trainCount + head.metrics.validationCount).toBe(split.train.length);

    // Reload and label the held-out file, as `classify --head` does.
    const test = readCsvRows(readFileSync(testFile, 'utf8'));
    const labelled = await applyHeadsToRows(test, [loadHead(readFileSync(out, 'utf8'))]);
    expect(labelled.columns.slice(-2)).toEqual(['pred_masterCategory', 'prob_masterCategory']);
    const predicted = labelled.rows.map((r) => r[r.length - 2]!);
    const probabilities = labelled.rows.map((r) => Number(r[r.length - 1]));
    expect(probabilities.every((p) => p > 0.25 && p <= 1)).toBe(true);
    const report = singleLabelReport(test.rows.map((r) => r[test.columns.indexOf('masterCategory')]!), predicted);
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(report.macro.f1).toBeGreaterThan(0.8);
  });

  it('trains a multi-label head with --sep', async () => {
    const tagged = join(dir, 'tagged.csv');
    const colour = table.columns.indexOf('baseColour');
    const rows = table.rows.map((r) => [...r, [r[usageIdx] === 'Casual' ? 'casual' : 'dressy', ...(/^(Black|White|Grey)$/.test(r[colour]!) ? ['minimal'] : [])].join('|')]);
    writeFileSync(tagged, writeCsvRows({ columns: [...table.columns, 'style'], rows }));
    const out = join(dir, 'style.json');
    const io = bufferIO();
    expect(await main(['train-head', tagged, '--text', 'productDisplayName', '--label', 'style', '--sep', '|', '--out', out, '--hash-bits', '12', '--json', '--embedding', 'none'], io)).toBe(0);
    const printed = JSON.parse(io.stdout) as { kind: string; labels: number; micro: { f1: number } };
    expect(printed.kind).toBe('sigmoid');
    expect(printed.labels).toBe(3);
    expect(printed.micro.f1).toBeGreaterThan(0.8);
    const labelled = await applyHeadsToRows(readCsvRows(readFileSync(tagged, 'utf8')), [loadHead(readFileSync(out, 'utf8'))]);
    const pred = labelled.rows.map((r) => r[labelled.columns.indexOf('pred_style')]!);
    expect(pred.some((p) => p.includes('|'))).toBe(true);
  });

  it('uses an injected embedding source, and says so', async () => {
    const out = join(dir, 'emb.json');
    const io = bufferIO();
    const command = makeTrainHeadCommand(async () => ({ source: 'fake-model', embed: async (texts) => texts.map((t) => Float32Array.of(t.length, /shoe/i.test(t) ? 1 : 0)) }));
    expect(await command.run([trainFile, '--text', 'productDisplayName', '--label', 'masterCategory', '--out', out, '--hash-bits', '10'], io)).toBe(0);
    expect(io.stderr).toMatch(/embedding \(fake-model\)/);
    const head = loadHead(readFileSync(out, 'utf8'));
    expect(head.json.featureSpec.embedding?.dim).toBe(2);
    await expect(applyHeadsToRows(readCsvRows(readFileSync(testFile, 'utf8')), [head])).rejects.toThrow(/load the model/);
  });

  it('explains mistakes in plain words', async () => {
    const io = bufferIO();
    expect(await main(['train-head', trainFile, '--text', 'productDisplayName', '--out', join(dir, 'x.json')], io)).toBe(2);
    expect(io.stderr).toMatch(/Give the label column with --label/);
    const io2 = bufferIO();
    expect(await main(['train-head', trainFile, '--text', 'title', '--label', 'usage', '--out', join(dir, 'x.json')], io2)).toBe(1);
    expect(io2.stderr).toMatch(/no column 'title'/);
    const io3 = bufferIO();
    expect(await main(['train-head', join(dir, 'missing.csv'), '--text', 'a', '--label', 'b', '--out', join(dir, 'x.json')], io3)).toBe(1);
    expect(io3.stderr).toMatch(/no such file/);
  });
});

const modelDir = new URL('../../public/models/trendloom-classifier/', import.meta.url);
describe.skipIf(!existsSync(new URL('config.json', modelDir)))('train-head then classify --head with the shipped model', () => {
  it('round-trips: head JSON written, reloaded by classify, labels and probabilities added to held-out rows', async () => {
    const head = join(dir, 'usage-model.json');
    const io = bufferIO();
    expect(await main(['train-head', trainFile, '--text', 'productDisplayName', '--label', 'masterCategory', '--out', head, '--hash-bits', '12', '--embedding', 'model'], io)).toBe(0);
    expect(io.stderr).toMatch(/Features: the classifier's embedding \(.*trendloom-classifier#embedding\)/);
    const saved = JSON.parse(readFileSync(head, 'utf8')) as HeadJSON;
    expect(saved.featureSpec.embedding?.features).toBe('embedding');
    const out = join(dir, 'classified.csv');
    const io2 = bufferIO();
    expect(await main(['classify', testFile, '--text', 'productDisplayName', '--head', head, '--out', out], io2)).toBe(0);
    const result = readCsvRows(readFileSync(out, 'utf8'));
    const pred = result.columns.indexOf('pred_masterCategory_head');
    // The classifier has its own masterCategory head, so the fine-tuned head's columns get a suffix.
    expect(result.columns).toContain('pred_masterCategory');
    expect(pred).toBeGreaterThan(0);
    expect(result.columns[pred + 1]).toBe('prob_masterCategory_head');
    const truth = result.rows.map((r) => r[result.columns.indexOf('masterCategory')]!);
    const report = singleLabelReport(truth, result.rows.map((r) => r[pred]!));
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(result.rows.every((r) => Number(r[pred + 1]) > 0 && Number(r[pred + 1]) <= 1)).toBe(true);
  });
});
