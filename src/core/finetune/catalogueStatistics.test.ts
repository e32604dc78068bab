import { describe, expect, it } from 'vitest';
import { base64ToFloat32 } from './base64.ts';
import { predictTfidfLogReg, trainTfidfLogReg } from './baseline.ts';
import { CATALOGUE_STATISTICS_SAMPLE, catalogueStatisticsRows, embeddingStatistics, trainHead, type HeadTrainOptions } from './head.ts';
import { TEACH_CATALOGUE_STATISTICS, teachRound, withCatalogueStatistics } from './teach.ts';
import { fitIdf, hashedCounts, DEFAULT_NGRAMS } from './text.ts';

// Six labelled items and four unlabelled ones; the embeddings of the unlabelled ones are far from the labelled ones'.
const texts = ['red cotton shirt', 'blue denim jeans', 'white linen shirt', 'black slim jeans', 'green silk shirt', 'grey wide jeans', 'wool coat', 'leather boots', 'straw hat', 'canvas bag'];
const labels = [['Shirts'], ['Jeans'], ['Shirts'], ['Jeans'], ['Shirts'], ['Jeans'], [], [], [], []];
const embeddings = texts.map((t, i) => Float32Array.from([t.includes('shirt') ? 1 : 0, i < 6 ? i / 6 : 10 + i, 3]));
const embedLabelled = async () => embeddings.filter((_, i) => labels[i]!.length > 0);
const options: HeadTrainOptions = { hashBits: 10, maxEpochs: 5, validation: 0.34, splitSeed: 1 };

describe('feature statistics from the whole catalogue', () => {
  it('measures mean and spread per dimension, 1 where a dimension does not vary', () => {
    const { mean, std } = embeddingStatistics([Float32Array.of(1, 5), Float32Array.of(3, 5)]);
    expect(Array.from(mean)).toEqual([2, 5]);
    expect(Array.from(std)).toEqual([1, 1]);
    const spread = embeddingStatistics([Float32Array.of(0), Float32Array.of(4), Float32Array.of(8)]).std[0]!;
    expect(spread).toBeCloseTo(Math.sqrt(32 / 3), 5);
  });

  it('uses every catalogue row up to the sample size, then a seeded sorted sample', () => {
    expect(catalogueStatisticsRows(4)).toEqual([0, 1, 2, 3]);
    const big = catalogueStatisticsRows(CATALOGUE_STATISTICS_SAMPLE + 1234);
    expect(big).toHaveLength(CATALOGUE_STATISTICS_SAMPLE);
    expect(new Set(big).size).toBe(CATALOGUE_STATISTICS_SAMPLE);
    expect(big.every((v, k) => k === 0 || v > big[k - 1]!)).toBe(true);
    expect(catalogueStatisticsRows(CATALOGUE_STATISTICS_SAMPLE + 1234)).toEqual(big);
  });

  it('stores the catalogue embeddings\' mean and spread, and the catalogue texts\' IDF, in the head', async () => {
    const { head } = await trainHead(texts, labels, { ...options, catalogue: { texts, embeddings } }, embedLabelled);
    const expected = embeddingStatistics(embeddings);
    expect(Array.from(base64ToFloat32(head.featureSpec.embedding!.mean))).toEqual(Array.from(expected.mean));
    expect(Array.from(base64ToFloat32(head.featureSpec.embedding!.std))).toEqual(Array.from(expected.std));
    const idf = fitIdf(texts.map((t) => hashedCounts(t, 10, head.featureSpec.hashSeed, DEFAULT_NGRAMS)), 2 ** 10);
    expect(Array.from(base64ToFloat32(head.featureSpec.idf!))).toEqual(Array.from(idf));
    // Without the catalogue the statistics come from the labelled training rows: the second dimension's mean stays below 1.
    const plain = await trainHead(texts, labels, options, embedLabelled);
    expect(base64ToFloat32(plain.head.featureSpec.embedding!.mean)[1]).toBeLessThan(1);
    expect(base64ToFloat32(head.featureSpec.embedding!.mean)[1]).toBeGreaterThan(5);
  });

  it('refuses a catalogue whose embeddings do not line up with its texts', async () => {
    await expect(trainHead(texts, labels, { ...options, catalogue: { texts, embeddings: embeddings.slice(1) } }, embedLabelled)).rejects.toThrow(/10 texts but 9 embeddings/);
  });

  it('is off in a teach round (TEACH_CATALOGUE_STATISTICS) unless the caller gives a catalogue', async () => {
    expect(TEACH_CATALOGUE_STATISTICS).toBe(false);
    expect(withCatalogueStatistics(options, texts, embeddings).catalogue).toBeUndefined();
    expect(withCatalogueStatistics(options, texts, embeddings, true).catalogue).toEqual({ texts, embeddings });
    const given = { ...options, catalogue: { texts: texts.slice(0, 2) } };
    expect(withCatalogueStatistics(given, texts, embeddings, true).catalogue).toBe(given.catalogue);
    const plain = await teachRound(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 2 }, embeddings);
    expect(base64ToFloat32(plain.head!.featureSpec.embedding!.mean)[1]).toBeLessThan(1);
    const wide = await teachRound(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 2, catalogue: { texts, embeddings } }, embeddings);
    expect(Array.from(base64ToFloat32(wide.head!.featureSpec.embedding!.mean))).toEqual(Array.from(embeddingStatistics(embeddings).mean));
  });

  it('lets the TF-IDF + LR baseline fit its vocabulary and IDF on a corpus too, training on the labelled texts only', async () => {
    const train = texts.slice(0, 6);
    const trainLabels = labels.slice(0, 6);
    const own = await trainTfidfLogReg(train, trainLabels, { maxEpochs: 5 });
    const wide = await trainTfidfLogReg(train, trainLabels, { maxEpochs: 5, corpus: texts });
    expect(own.vocabulary.index.has('w:wool')).toBe(false);
    expect(wide.vocabulary.index.has('w:wool')).toBe(true);
    expect(wide.vocabulary.index.size).toBeGreaterThan(own.vocabulary.index.size);
    // 'shirt' is in 3 of the 10 corpus texts: idf = ln(11 / 4) + 1.
    expect(wide.idf[wide.vocabulary.index.get('w:shirt')!]).toBeCloseTo(Math.log(11 / 4) + 1, 5);
    expect(predictTfidfLogReg(wide, ['linen shirt'])[0]).toEqual(['Shirts']);
  });
});
