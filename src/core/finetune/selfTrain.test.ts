import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../csv/textRows.ts';
import { stratifiedSplit } from '../metrics/split.ts';
import { loadHead, predictWithHead, trainHead, type HeadJSON } from './head.ts';
import { selfTrainHead } from './selfTrain.ts';
import { teachHeadOptions, TEACH_NGRAM_ENSEMBLE, TEACH_UNSEEN_NGRAMS } from './teach.ts';

const table = readCsvRows(readFileSync(new URL('../../../test/fixtures/finetune/styles-sample.csv', import.meta.url), 'utf8'));
const col = (name: string) => table.rows.map((r) => r[table.columns.indexOf(name)]!);
const names = col('productDisplayName');
const category = col('masterCategory');
const fast = { hashBits: 12, maxEpochs: 15 };

/** A 4-number stand-in for the model's embedding that knows a few product words. */
function fakeEmbedding(text: string): Float32Array {
  const s = text.toLowerCase();
  return Float32Array.from([/shoe|sandal|heel|flip|boot/.test(s) ? 1 : 0, /watch|bag|belt|wallet|sunglass/.test(s) ? 1 : 0, /shirt|top|kurta|jean|dress/.test(s) ? 1 : 0, s.length / 40]);
}

/** The first `perLabel` items of each category labelled, every other item unlabelled; every item's stand-in embedding. */
function buildTeachFixture(texts: readonly string[], categories: readonly string[], perLabel: number): { labels: string[][]; embeddings: Float32Array[] } {
  const seen = new Map<string, number>();
  const labels = categories.map((c) => {
    const n = seen.get(c) ?? 0;
    seen.set(c, n + 1);
    return n < perLabel ? [c] : [];
  });
  return { labels, embeddings: texts.map(fakeEmbedding) };
}

describe('selfTrainHead', async () => {
  // 4 labelled items per category, the rest of the 600 unlabelled (the user's own catalogue).
  const { labels, embeddings } = buildTeachFixture(names, category, 4);
  const run = () => selfTrainHead(names, labels, fast, embeddings, { perLabel: 10, seed: 3 });
  const result = await run();
  it('adds the most confident guesses of each label, only from unlabelled items', async () => {
    const labelsSeen = new Set(labels.flat());
    expect(result.added.size).toBe(10 * labelsSeen.size);
    for (const [i, label] of result.added) {
      expect(labels[i]).toEqual([]);
      expect(labelsSeen.has(label)).toBe(true);
    }
    // The added labels are the first head's surest guesses: nearly all right on this catalogue.
    const right = [...result.added].filter(([i, label]) => category[i] === label).length;
    expect(right / result.added.size).toBeGreaterThanOrEqual(0.9);
    // The second head was trained on the taught and the added items.
    expect(result.head.metrics.trainCount + result.head.metrics.validationCount).toBe(labels.filter((l) => l.length > 0).length + result.added.size);
  });
  it('is deterministic for a seed', async () => {
    const again = await run();
    expect([...again.added]).toEqual([...result.added]);
    expect(again.head.weights).toBe(result.head.weights);
  });
  it('is the plain head when turned off, or when enough items are labelled', async () => {
    const plain = await trainHead(names.filter((_, i) => labels[i]!.length > 0), labels.filter((l) => l.length > 0), fast, async () => embeddings.filter((_, i) => labels[i]!.length > 0));
    const off = await selfTrainHead(names, labels, fast, embeddings, { perLabel: 0 });
    expect(off.added.size).toBe(0);
    expect(off.head.weights).toBe(plain.head.weights);
    const many = await selfTrainHead(names, labels, fast, embeddings, { perLabel: 10, maxLabelled: 5 });
    expect(many.added.size).toBe(0);
  });
  it('says plainly when the embeddings do not match the items', async () => {
    await expect(selfTrainHead(names, labels, fast, embeddings.slice(1))).rejects.toThrow(/599 embeddings for 600 texts/);
    await expect(selfTrainHead(names, labels, fast, embeddings, { perLabel: -1 })).rejects.toThrow(/perLabel must be a whole number/);
  });
});

describe('n-gram ensemble head', async () => {
  const split = stratifiedSplit(category, { test: 0.25, seed: 3 });
  const { embeddings } = buildTeachFixture(names, category, 4);
  const trainTexts = split.train.map((i) => names[i]!);
  const trainLabels = split.train.map((i) => [category[i]!]);
  const embed = async (texts: string[]) => texts.map((t) => embeddings[names.indexOf(t)]!);
  const result = await trainHead(trainTexts, trainLabels, { ...fast, ngramEnsemble: 0.5 }, embed);
  it('stores the n-gram model and averages its probabilities with the head', async () => {
    const head = loadHead(result.head);
    expect(result.head.ngramModel!.weight).toBe(0.5);
    expect([1e-6, 1e-5, 1e-4]).toContain(result.head.ngramModel!.l2);
    expect(head.ngram!.model.weights.length).toBe((2 ** 12 + 1) * 4);
    const texts = split.test.slice(0, 20).map((i) => names[i]!);
    const predictions = await predictWithHead(head, texts, embed);
    // The same items through each model alone: the head's probabilities are their mean.
    const alone = await predictWithHead({ ...head, ngram: null }, texts, embed);
    const ngramOnly = await predictWithHead({ ...head, model: { ...head.ngram!.model, denseDim: 0 }, ngram: null, json: { ...head.json, featureSpec: { ...head.json.featureSpec, embedding: null } }, mean: null, std: null }, texts);
    predictions.forEach((p, k) => {
      for (let c = 0; c < 4; c++) expect(p.all[c]).toBeCloseTo(0.5 * alone[k]!.all[c]! + 0.5 * ngramOnly[k]!.all[c]!, 6);
    });
    const right = (await predictWithHead(head, split.test.map((i) => names[i]!), embed)).filter((p, k) => p.labels[0] === category[split.test[k]!]).length;
    expect(right / split.test.length).toBeGreaterThan(0.9);
  });
  it('round-trips through JSON and refuses a damaged n-gram model', async () => {
    const reloaded = loadHead(JSON.stringify(result.head));
    expect(reloaded.ngram!.weight).toBe(0.5);
    expect(() => loadHead({ ...result.head, ngramModel: { ...result.head.ngramModel!, weights: 'AAAAAAAAAAA=' } } as HeadJSON)).toThrow(/n-gram model holds 2 numbers.*may be damaged/);
    expect(() => loadHead({ ...result.head, ngramModel: { ...result.head.ngramModel!, weight: 2 } })).toThrow(/share 2; it must be between 0 and 1/);
  });
  it('is left out at share 0 and refused outside 0…1', async () => {
    const plain = await trainHead(trainTexts.slice(0, 80), trainLabels.slice(0, 80), fast, embed);
    expect(plain.head.ngramModel).toBeUndefined();
    await expect(trainHead(trainTexts.slice(0, 80), trainLabels.slice(0, 80), { ...fast, ngramEnsemble: 1.5 }, embed)).rejects.toThrow(/ngramEnsemble must be between 0 and 1, not 1.5/);
  });
  it("takes the teach loop's share (off) and unseen n-grams (kept) unless the caller sets them", () => {
    expect(TEACH_NGRAM_ENSEMBLE).toBe(0);
    expect(teachHeadOptions({ hashBits: 14 })).toEqual({ hashBits: 14, ngramEnsemble: 0, unseenNgrams: TEACH_UNSEEN_NGRAMS });
    expect(TEACH_UNSEEN_NGRAMS).toBe('keep');
    expect(teachHeadOptions({ ngramEnsemble: 0.5 }).ngramEnsemble).toBe(0.5);
    expect(teachHeadOptions({ unseenNgrams: 'drop' }).unseenNgrams).toBe('drop');
  });
});
