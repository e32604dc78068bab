/**
 * A head over very many labels (100,000 distinct labels ran for hours in ~2.9 GB) is refused
 * before any work, with the counts and what to do; the most frequent labels can be kept instead.
 */
import { describe, expect, it } from 'vitest';
import { checkHeadLabels, HeadLabelsError, keepFrequentLabels, labelFrequencies, MAX_HEAD_LABELS, trainHead } from './head.ts';
import type { TrainProgress } from './linear.ts';

/** `labels` distinct labels, label k on `rowsOf(k)` rows. */
function column(labels: number, rowsOf: (k: number) => number): string[][] {
  const out: string[][] = [];
  for (let k = 0; k < labels; k++) for (let r = 0; r < rowsOf(k); r++) out.push([`label ${k}`]);
  return out;
}

const refused: { title: string; labels: string[][]; message: string; suggestedMax: number }[] = [
  {
    title: '100,000 labels, one row each',
    labels: column(100_000, () => 1),
    message: "'style' has 100,000 different labels in 100,000 labelled rows; a head can learn at most 2,000. 100,000 of them appear in only one row. There are too few rows per label to learn from; group the labels into fewer, broader ones, or choose a column with fewer different values.",
    suggestedMax: 0,
  },
  {
    title: '3,000 labels, a few frequent, most rare',
    labels: column(3000, (k) => (k < 500 ? 6 : 1)),
    message: "'style' has 3,000 different labels in 5,500 labelled rows; a head can learn at most 2,000. 2,500 of them appear in only one row. Keep only the 2,000 most frequent labels (they cover 4,500 rows), group rare labels together, or choose a column with fewer different values.",
    suggestedMax: 2000,
  },
  {
    title: '1,500 labels in 2,000 rows',
    labels: column(1500, (k) => (k < 250 ? 3 : 1)),
    message: "'style' has 1,500 different labels in only 2,000 labelled rows (1.3 rows per label); a head needs at least 2 rows per label on average to learn them. 1,250 of them appear in only one row. Keep only the 500 most frequent labels (they cover 1,000 rows), group rare labels together, or label more rows.",
    suggestedMax: 500,
  },
  {
    title: 'more labels than a smaller limit',
    labels: column(40, () => 5),
    message: "'style' has 40 different labels in 200 labelled rows; a head can learn at most 30. Keep only the 30 most frequent labels (they cover 150 rows), group rare labels together, or choose a column with fewer different values.",
    suggestedMax: 30,
  },
];

describe('checkHeadLabels', () => {
  it.each(refused)('refuses $title, with the counts', ({ labels, message, suggestedMax }) => {
    const error = (() => {
      try {
        checkHeadLabels(labels, { labelColumn: 'style', maxLabels: labels.length === 200 ? 30 : undefined });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(HeadLabelsError);
    expect((error as HeadLabelsError).message).toBe(message);
    expect((error as HeadLabelsError).suggestedMax).toBe(suggestedMax);
  });

  it.each([
    { title: `exactly ${MAX_HEAD_LABELS} labels, two rows each`, labels: column(MAX_HEAD_LABELS, () => 2), counts: { labels: 2000, rows: 4000 } },
    { title: 'a handful of labels with one row each', labels: column(10, () => 1), counts: { labels: 10, rows: 10 } },
    { title: 'label lists, unlabelled rows not counted', labels: [['casual', 'minimal'], ['casual'], [], ['formal', 'casual']], counts: { labels: 3, rows: 3 } },
  ])('accepts $title', ({ labels, counts }) => {
    expect(checkHeadLabels(labels)).toEqual(counts);
  });
});

describe('keepFrequentLabels', () => {
  it.each([
    { max: 2, kept: 2, dropped: 2, rowsLeftOut: 2, result: [['a'], ['a'], ['b'], ['b'], [], [], ['a'], []] },
    { max: 3, kept: 3, dropped: 1, rowsLeftOut: 1, result: [['a'], ['a'], ['b'], ['b'], [], ['d'], ['a', 'd'], []] },
    { max: 10, kept: 4, dropped: 0, rowsLeftOut: 0, result: [['a'], ['a'], ['b'], ['b'], ['c'], ['d'], ['a', 'd'], []] },
  ])('keeps the $max most frequent labels', ({ max, kept, dropped, rowsLeftOut, result }) => {
    const labels = [['a'], ['a'], ['b'], ['b'], ['c'], ['d'], ['a', 'd'], []];
    // Frequencies: a 3, b 2, d 2, c 1 — ties broken by name (b before d).
    expect(labelFrequencies(labels)).toEqual([['a', 3], ['b', 2], ['d', 2], ['c', 1]]);
    expect(keepFrequentLabels(labels, max)).toEqual({ labels: result, kept, dropped, rowsLeftOut });
  });
});

describe('trainHead with too many labels', () => {
  it('stops before building any feature or computing any embedding', async () => {
    const labels = column(5000, () => 1);
    const texts = labels.map((_, i) => `cotton shirt ${i}`);
    const progress: TrainProgress[] = [];
    const embed = async () => {
      throw new Error('the embedding must not be computed');
    };
    await expect(trainHead(texts, labels, { labelColumn: 'style', hashBits: 10 }, embed, { onProgress: (p) => progress.push(p) })).rejects.toThrow(/'style' has 5,000 different labels in 5,000 labelled rows; a head can learn at most 2,000/);
    expect(progress).toEqual([]);
  });

  it('reports each step and the share of each epoch as it trains', async () => {
    const labels = column(12, () => 20);
    const texts = labels.map(([label], i) => `${label} item ${i % 7}`);
    const progress: TrainProgress[] = [];
    const epochs: number[] = [];
    const result = await trainHead(texts, labels, { hashBits: 8, maxEpochs: 2, batchSize: 32 }, undefined, { onProgress: (p) => progress.push(p), onEpoch: (e) => epochs.push(e.epoch) });
    expect(result.head.labels).toHaveLength(12);
    expect(progress[0]).toEqual({ stage: 'features', done: 0, total: 240 });
    expect(progress[1]).toEqual({ stage: 'features', done: 240, total: 240 });
    const training = progress.filter((p) => p.stage === 'training');
    const trainRows = result.head.metrics.trainCount;
    // One report per mini-batch of each epoch, ending at every training row.
    expect(training.filter((p) => p.epoch === 1).map((p) => p.done)).toEqual(Array.from({ length: Math.ceil(trainRows / 32) }, (_, b) => Math.min(trainRows, (b + 1) * 32)));
    expect(training.every((p) => p.total === trainRows)).toBe(true);
    expect(epochs).toEqual([1, 2]);
  });
});
