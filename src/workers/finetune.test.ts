import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../core/csv/textRows.ts';
import { WorkerClient } from './client.ts';
import { createFinetuneHandlers } from './finetuneHandlers.ts';
import { flattenEmbeddings, unflattenEmbeddings } from './flatEmbeddings.ts';
import type { FinetunePredictParams, FinetunePredictResult, FinetuneTrainParams, FinetuneTrainResult } from './finetuneProtocol.ts';
import type { HandlerContext } from './handlers.ts';
import { inProcessPort } from './inProcess.ts';
import { CancelledError, type Progress } from './protocol.ts';

const table = readCsvRows(readFileSync(new URL('../../test/fixtures/finetune/styles-sample.csv', import.meta.url), 'utf8'));
const texts = table.rows.map((r) => r[table.columns.indexOf('productDisplayName')]!);
const category = table.rows.map((r) => r[table.columns.indexOf('masterCategory')]!);
// Every fifth item is left unlabelled: training skips it.
const labels = category.map((c, i) => (i % 5 === 4 ? [] : [c]));
const options = { hashBits: 12, maxEpochs: 12 };

interface Driver {
  train(params: FinetuneTrainParams, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<FinetuneTrainResult>;
  predict(params: FinetunePredictParams): Promise<FinetunePredictResult>;
}

function directDriver(): Driver {
  const handlers = createFinetuneHandlers();
  const context = (onProgress: (p: Progress) => void, signal?: AbortSignal): HandlerContext => ({
    get cancelled() {
      return signal?.aborted ?? false;
    },
    throwIfCancelled() {
      if (signal?.aborted) throw new CancelledError();
    },
    progress: onProgress,
  });
  return {
    train: async (params, onProgress, signal) => (await handlers['finetune.train'](params, context(onProgress, signal))).result,
    predict: async (params) => (await handlers['finetune.predict'](params, context(() => {}))).result,
  };
}

function clientDriver(): Driver {
  const client = new WorkerClient(inProcessPort(createFinetuneHandlers()));
  return {
    train: (params, onProgress, signal) => client.request('finetune.train', params, { onProgress, signal }),
    predict: (params) => client.request('finetune.predict', params),
  };
}

describe.each([
  ['handlers called directly', directDriver],
  ['through the worker client', clientDriver],
])('fine-tuning worker (%s)', (_name, makeDriver) => {
  it('trains on the labelled items with progress per epoch, then predicts the unlabelled ones', async () => {
    const driver = makeDriver();
    const progress: Progress[] = [];
    const result = await driver.train({ texts, labels, options }, (p) => progress.push(p));
    expect(result.head.metrics.trainCount + result.head.metrics.validationCount).toBe(480);
    expect(result.report.accuracy).toBeGreaterThan(0.9);
    expect(progress.length).toBe(result.epochs.length);
    expect(progress.map((p) => p.done)).toEqual(result.epochs.map((e) => e.epoch));
    expect(progress[0]).toMatchObject({ stage: 'train', unit: 'epochs', total: 12 });
    const unlabelled = texts.filter((_, i) => i % 5 === 4);
    const predicted = await driver.predict({ head: JSON.parse(JSON.stringify(result.head)), texts: unlabelled });
    expect(predicted.all.length).toBe(unlabelled.length * 4);
    const truth = category.filter((_, i) => i % 5 === 4);
    const right = predicted.labels.filter((l, i) => l[0] === truth[i]).length;
    expect(right / truth.length).toBeGreaterThan(0.9);
  });

  it('uses embeddings sent with the request, aligned to the labelled items', async () => {
    const driver = makeDriver();
    // A 2-number embedding that says "footwear-ish" and "accessory-ish".
    const vectors = texts.map((t) => Float32Array.of(/shoe|sandal|heel|flip/i.test(t) ? 1 : 0, /watch|bag|belt/i.test(t) ? 1 : 0));
    const result = await driver.train({ texts, labels, options, embeddings: flattenEmbeddings(vectors) }, () => {});
    expect(result.head.featureSpec.embedding?.dim).toBe(2);
    await expect(driver.predict({ head: result.head, texts: texts.slice(0, 3) })).rejects.toThrow(/uses the classifier's embedding/);
    const predicted = await driver.predict({ head: result.head, texts: texts.slice(0, 3), embeddings: flattenEmbeddings(vectors.slice(0, 3)) });
    expect(predicted.labels.length).toBe(3);
  });

  it('stops training when cancelled and answers cancelled', async () => {
    const driver = makeDriver();
    const controller = new AbortController();
    const seen: number[] = [];
    const pending = driver.train({ texts, labels, options: { hashBits: 12, maxEpochs: 200, patience: 200 } }, (p) => {
      seen.push(p.done);
      if (p.done === 2) controller.abort();
    }, controller.signal);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(6);
  });
});

describe('flat embeddings', () => {
  it('round-trips and checks sizes', () => {
    const flat = flattenEmbeddings([Float32Array.of(1, 2), Float32Array.of(3, 4)]);
    expect([...flat.data]).toEqual([1, 2, 3, 4]);
    expect(unflattenEmbeddings(flat, 2).map((v) => [...v])).toEqual([[1, 2], [3, 4]]);
    expect(() => unflattenEmbeddings(flat, 3)).toThrow(/Expected 3 embeddings of length 2/);
  });
});
