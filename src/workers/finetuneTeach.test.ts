import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../core/csv/textRows.ts';
import { WorkerClient } from './client.ts';
import { createFinetuneHandlers } from './finetuneHandlers.ts';
import { flattenEmbeddings } from './flatEmbeddings.ts';
import { inProcessPort } from './inProcess.ts';
import type { Progress } from './protocol.ts';

const table = readCsvRows(readFileSync(new URL('../../test/fixtures/finetune/styles-sample.csv', import.meta.url), 'utf8'));
const texts = table.rows.map((r) => r[table.columns.indexOf('productDisplayName')]!).slice(0, 200);
const category = table.rows.map((r) => r[table.columns.indexOf('masterCategory')]!).slice(0, 200);

describe('finetune.teach through the worker client (issue 13, item 2)', () => {
  it('checks the head on the taught items only, then guesses every item', async () => {
    const client = new WorkerClient(inProcessPort(createFinetuneHandlers()));
    // 30 taught items, 60 pseudo-labelled ones, the rest unlabelled.
    const taught = Array.from({ length: 30 }, (_, i) => i);
    const labels = category.map((c, i) => (i < 90 ? [c] : []));
    const progress: Progress[] = [];
    const round = await client.request('finetune.teach', { texts, labels, taught, options: { hashBits: 12, maxEpochs: 15, folds: 5 } }, { onProgress: (p) => progress.push(p) });
    expect(round.heldOut.folds).toBe(5);
    expect(round.heldOut.checked).toBe(30);
    expect(round.heldOut.accuracy).toBe(round.heldOut.correct / 30);
    expect(round.head?.labels).toEqual([...new Set(labels.flat())].sort());
    expect(round.guesses!.labels).toHaveLength(200);
    expect(round.guesses!.probabilities).toBeInstanceOf(Float32Array);
    // On the items it was never trained on, the head mostly agrees with the truth.
    const unseen = category.map((c, i) => (i >= 90 && round.guesses!.labels[i] === c ? 1 : 0)).reduce<number>((a, b) => a + b, 0);
    expect(unseen / 110).toBeGreaterThan(0.7);
    expect(progress.at(-1)).toMatchObject({ stage: 'train', done: 1, total: 1 });
  });

  it('uses the embeddings sent along and refuses a wrong count', async () => {
    const client = new WorkerClient(inProcessPort(createFinetuneHandlers()));
    const vectors = texts.map((t) => Float32Array.of(/shoe|sandal|heel|flip/i.test(t) ? 1 : 0, /watch|bag|belt/i.test(t) ? 1 : 0));
    const labels = category.map((c, i) => (i < 60 ? [c] : []));
    const round = await client.request('finetune.teach', { texts, labels, taught: [0, 1, 2, 3], options: { hashBits: 10, maxEpochs: 10, folds: 2 }, embeddings: flattenEmbeddings(vectors) });
    expect(round.head?.featureSpec.embedding?.dim).toBe(2);
    await expect(client.request('finetune.teach', { texts, labels, taught: [0], embeddings: flattenEmbeddings(vectors.slice(1)) })).rejects.toThrow(/Expected 200 embeddings/);
  });
});
