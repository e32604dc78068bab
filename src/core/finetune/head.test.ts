import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { singleLabelReport, multiLabelReport } from '../metrics/classification.ts';
import { stratifiedSplit } from '../metrics/split.ts';
import { predictTfidfLogReg, tfidfLogRegProbabilities, trainTfidfLogReg } from './baseline.ts';
import { readCsvRows } from '../csv/textRows.ts';
import { loadHead, predictWithHead, trainHead, type EmbedFn, type HeadJSON } from './head.ts';
import { decide, predictProbabilities, trainLinear } from './linear.ts';

const table = readCsvRows(readFileSync(new URL('../../../test/fixtures/finetune/styles-sample.csv', import.meta.url), 'utf8'));
const col = (name: string) => table.rows.map((r) => r[table.columns.indexOf(name)]!);
const names = col('productDisplayName');
const category = col('masterCategory');
const split = stratifiedSplit(category, { test: 0.25, seed: 3 });
const pick = <T>(xs: T[], ids: number[]) => ids.map((i) => xs[i]!);
const fast = { hashBits: 12, maxEpochs: 15 };

/** A stand-in for the model: a 4-number "embedding" that knows a few product words. */
const fakeEmbed: EmbedFn = async (texts) =>
  texts.map((t) => {
    const s = t.toLowerCase();
    return Float32Array.from([/shoe|sandal|heel|flip|boot/.test(s) ? 1 : 0, /watch|bag|belt|wallet|sunglass/.test(s) ? 1 : 0, /shirt|top|kurta|jean|dress/.test(s) ? 1 : 0, s.length / 40]);
  });

describe('linear model', () => {
  it('learns a separable toy problem and gives probabilities that sum to 1', async () => {
    const ex = (i: number) => ({ sparse: { indices: Int32Array.of(i), values: Float32Array.of(1) } });
    const train = { examples: [ex(0), ex(1), ex(2), ex(0), ex(1), ex(2)], targets: [[0], [1], [2], [0], [1], [2]] };
    const { model } = await trainLinear({ kind: 'softmax', classes: 3, sparseDim: 3, denseDim: 0 }, train, train, { learningRate: 0.1, maxEpochs: 60, patience: 60 });
    for (let i = 0; i < 3; i++) {
      const p = predictProbabilities(model, ex(i));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(decide('softmax', p)).toEqual([i]);
      expect(p[i]).toBeGreaterThan(0.9);
    }
  });
  it('decides sigmoid labels by threshold, falling back to the most likely one', () => {
    expect(decide('sigmoid', [0.7, 0.2, 0.55])).toEqual([0, 2]);
    expect(decide('sigmoid', [0.1, 0.3, 0.2])).toEqual([1]);
  });
});

describe('trainHead (n-grams only)', async () => {
  const result = await trainHead(pick(names, split.train), pick(category, split.train).map((c) => [c]), { ...fast, labelColumn: 'masterCategory', textColumns: ['productDisplayName'] });
  it('reports validation metrics and a confusion matrix', () => {
    const { head, report, confusion } = result;
    expect(head.kind).toBe('softmax');
    expect(head.labels).toEqual(['Accessories', 'Apparel', 'Footwear', 'Personal Care']);
    expect(head.metrics.validationCount).toBe(report.count);
    expect(head.metrics.trainCount + head.metrics.validationCount).toBe(split.train.length);
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(head.metrics.macro.f1).toBeCloseTo(report.macro.f1, 12);
    expect(confusion!.labels).toEqual(['Apparel', 'Accessories', 'Footwear', 'Personal Care']);
    expect(confusion!.counts.flat().reduce((a, b) => a + b, 0)).toBe(report.count);
  });
  it('round-trips through JSON exactly and predicts held-out rows', async () => {
    const text = JSON.stringify(result.head);
    const reloaded = loadHead(text);
    expect(JSON.stringify(reloaded.json)).toBe(text);
    const original = await predictWithHead(loadHead(result.head), pick(names, split.test));
    const again = await predictWithHead(reloaded, pick(names, split.test));
    expect(again.map((p) => [...p.all])).toEqual(original.map((p) => [...p.all]));
    const report = singleLabelReport(pick(category, split.test), again.map((p) => p.labels[0]!));
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(again[0]!.probabilities[0]).toBe(Math.max(...again[0]!.all));
  });
  it('refuses damaged or foreign JSON in plain words', () => {
    expect(() => loadHead('{"hello":1}')).toThrow(/not a Trendloom head/);
    expect(() => loadHead({ ...result.head, version: 9 })).toThrow(/format version 9/);
    expect(() => loadHead({ ...result.head, weights: 'AAAAAAAAAAA=' } as HeadJSON)).toThrow(/may be damaged/);
  });
});

describe('trainHead: n-grams no labelled item has', async () => {
  const texts = pick(names, split.train).slice(0, 60);
  const labels = pick(category, split.train).slice(0, 60).map((c) => [c]);
  const item = texts[0]!;
  // The same item with a tail of words no labelled item has (their word and character n-grams are unseen;
  // 2^18 hashed columns, so none of them shares a column with a seen one).
  const padded = `${item} zqxv wjkfp qqzzyx vvbnmk xjqzw`;
  it("with 'drop' weighs them nothing, so an item reads the same with or without them; with 'keep' they dilute it", async () => {
    const dropped = loadHead((await trainHead(texts, labels, { ...fast, hashBits: 18, unseenNgrams: 'drop' })).head);
    const [a, b] = await predictWithHead(dropped, [item, padded]);
    expect([...b!.all].map((x) => x.toFixed(5))).toEqual([...a!.all].map((x) => x.toFixed(5)));
    const kept = loadHead((await trainHead(texts, labels, { ...fast, hashBits: 18, unseenNgrams: 'keep' })).head);
    const [c, d] = await predictWithHead(kept, [item, padded]);
    expect(c!.labels).toEqual(a!.labels);
    expect(d!.probabilities[0]!).toBeLessThan(c!.probabilities[0]! - 0.01);
  });
});

describe('trainHead with an injected embedding', async () => {
  const result = await trainHead(pick(names, split.train), pick(category, split.train).map((c) => [c]), { ...fast, embeddingSource: 'fake' }, fakeEmbed);
  it('stores the embedding statistics and needs the embedding to predict', async () => {
    const spec = result.head.featureSpec.embedding!;
    expect(spec.dim).toBe(4);
    expect(spec.source).toBe('fake');
    expect(spec.scale).toBeCloseTo(0.5, 12);
    const head = loadHead(JSON.stringify(result.head));
    await expect(predictWithHead(head, ['Nike Men Shoes'])).rejects.toThrow(/uses the classifier's embedding \(fake\)/);
    const predictions = await predictWithHead(head, pick(names, split.test), fakeEmbed);
    expect(singleLabelReport(pick(category, split.test), predictions.map((p) => p.labels[0]!)).accuracy).toBeGreaterThan(0.9);
  });
  it('trains on the embedding alone when n-grams are off', async () => {
    const alone = await trainHead(pick(names, split.train), pick(category, split.train).map((c) => [c]), { hashBits: 0, maxEpochs: 30, learningRate: 0.05 }, fakeEmbed);
    expect(alone.head.featureSpec.idf).toBeNull();
    expect(alone.report.accuracy).toBeGreaterThan(0.6);
  });
});

describe('multi-label head', () => {
  it('trains a sigmoid head on a synthetic casual|minimal column', async () => {
    const colour = col('baseColour');
    const usage = col('usage');
    // Synthetic style tags: the usage word, plus 'minimal' for black/white/grey items.
    const tags = table.rows.map((_, i) => [usage[i] === 'Casual' ? 'casual' : 'dressy', ...(/^(Black|White|Grey)$/.test(colour[i]!) ? ['minimal'] : [])]);
    const result = await trainHead(names, tags, { ...fast, separator: '|' });
    expect(result.head.kind).toBe('sigmoid');
    expect(result.head.separator).toBe('|');
    expect(result.head.labels).toEqual(['casual', 'dressy', 'minimal']);
    expect(result.confusion).toBeNull();
    expect(result.report.micro.f1).toBeGreaterThan(0.8);
    const predictions = await predictWithHead(loadHead(result.head), names.slice(0, 50));
    const report = multiLabelReport(tags.slice(0, 50), predictions.map((p) => p.labels));
    expect(report.micro.f1).toBeGreaterThan(0.8);
    expect(predictions.every((p) => p.labels.length >= 1 && p.probabilities.every((x) => x >= 0.5 || p.labels.length === 1))).toBe(true);
  });
});

describe('TF-IDF + logistic regression baseline', () => {
  it('trains with a tuned L2 and scores held-out rows', async () => {
    const baseline = await trainTfidfLogReg(pick(names, split.train), pick(category, split.train).map((c) => [c]), { maxEpochs: 15, l2Grid: [1e-6, 1e-4] });
    expect([1e-6, 1e-4]).toContain(baseline.l2);
    expect(baseline.vocabulary.index.size).toBeGreaterThan(1000);
    const predicted = predictTfidfLogReg(baseline, pick(names, split.test));
    expect(singleLabelReport(pick(category, split.test), predicted.map((p) => p[0]!)).accuracy).toBeGreaterThan(0.9);
    // Its class probabilities: one per label, summing to 1, the most probable being the prediction.
    const probabilities = tfidfLogRegProbabilities(baseline, pick(names, split.test));
    probabilities.forEach((p, i) => {
      expect(p).toHaveLength(baseline.labels.length);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(baseline.labels[p.indexOf(Math.max(...p))]).toBe(predicted[i]![0]);
    });
  });
});
