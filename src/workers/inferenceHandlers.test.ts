import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../model/session.node.ts';
import { WorkerClient } from './client.ts';
import { inProcessPort } from './inProcess.ts';
import { createInferenceHandlers } from './inferenceHandlers.ts';
import { shippedModelLoader } from './shippedModelLoader.ts';
import { MemoryPredictionCache } from './predictionCache.ts';
import { CancelledError } from './protocol.ts';
import type { HandlerContext } from './handlers.ts';

const loader = shippedModelLoader;

const texts = ['Turtle Check Men Navy Blue Shirt', 'Puma Women Black Running Shoes', '', 'Turtle Check Men Navy Blue Shirt', 'Relaxed linen shirt with a camp collar'];
const quiet: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };

describe('inference handlers (onnxruntime-node)', () => {
  let client: WorkerClient;
  let cache: MemoryPredictionCache;
  beforeAll(async () => {
    cache = new MemoryPredictionCache();
    client = new WorkerClient(inProcessPort(createInferenceHandlers(loader, cache)));
    const info = await client.request('model.load', {});
    expect(info.heads).toContain('articleType');
    expect(info.labels.articleType!.length).toBeGreaterThan(10);
  });

  it('labels once per distinct text, marks empty text, and matches the classifier', async () => {
    const result = await client.request('model.classify', { texts });
    expect(result.unique).toBe(3);
    expect(result.cached).toBe(0);
    const info = await client.request('model.load', {});
    const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1 });
    const direct = await classifier.classifyItems([texts[0]!, texts[1]!, texts[4]!]);
    for (const head of result.heads) {
      const codes = result.codes[head]!;
      expect(codes[2]).toBe(-1);
      expect(codes[0]).toBe(codes[3]);
      expect(info.labels[head]![codes[0]!]).toBe(direct[0]!.heads[head]!.label);
      expect(info.labels[head]![codes[1]!]).toBe(direct[1]!.heads[head]!.label);
      expect(result.probabilities[head]![1]).toBeCloseTo(direct[1]!.heads[head]!.probability, 5);
      // Sure flags as the classifier judged them (all 1 while the shipped config has no unsure rule); 0 for empty text.
      const sure = direct.map((d) => Number(d.heads[head]!.sure));
      expect(Array.from(result.sure[head]!)).toEqual([sure[0], sure[1], 0, sure[0], sure[2]]);
      if (!classifier.config.unsure) expect(sure).toEqual([1, 1, 1]);
    }
    expect(result.oodDistances === undefined).toBe(classifier.config.unsure?.ood === undefined);
  });

  it('embeds and reads texts for the label-name prior in one pass, as the classifier reads them', async () => {
    const embedded = await client.request('model.embed', { texts: [texts[0]!, texts[1]!] });
    const both = await client.request('model.embed', { texts: [texts[0]!, texts[1]!], readings: { heads: ['gender', 'masterCategory'], k: 2 } });
    expect(both.dim).toBe(embedded.dim);
    expect(Array.from(both.data)).toEqual(Array.from(embedded.data));
    const info = await client.request('model.load', {});
    const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1 });
    const direct = await classifier.classifyItems([texts[0]!, texts[1]!], { topK: 2 });
    const readings = both.readings!;
    expect(readings.heads).toEqual(['gender', 'masterCategory']);
    expect(readings.k).toBe(2);
    // Item 1 (women's running shoes), gender, rank 0: the classifier's top gender and its probability.
    const top = direct[1]!.heads.gender!.top[0]!;
    expect(info.labels.gender![readings.classes[(1 * 2 + 0) * 2]!]).toBe(top.label);
    expect(readings.probabilities[(1 * 2 + 0) * 2]).toBeCloseTo(top.probability, 5);
    await expect(client.request('model.embed', { texts: ['x'], headProbabilities: true, readings: { heads: ['gender'], k: 1 } })).rejects.toThrow(/with the embedding alone/);
  });

  it('answers a reopened catalogue from the cache with identical results', async () => {
    const first = await client.request('model.classify', { texts: ['Nike Men White Sneakers', 'Biba Women Red Kurta'] });
    const second = await client.request('model.classify', { texts: ['Biba Women Red Kurta', 'Nike Men White Sneakers'] });
    expect(second.cached).toBe(2);
    for (const head of first.heads) {
      expect(second.codes[head]![0]).toBe(first.codes[head]![1]);
      expect(second.codes[head]![1]).toBe(first.codes[head]![0]);
      expect(second.probabilities[head]![0]).toBe(first.probabilities[head]![1]);
    }
  });

  it('stops when cancelled and answers cancelled', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Test item number ${i} blue shirt`);
    const controller = new AbortController();
    const pending = client.request('model.classify', { texts: many, useCache: false }, { signal: controller.signal, onProgress: (p) => p.done > 0 && controller.abort() });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('explains a prediction word by word', async () => {
    const handlers = createInferenceHandlers(loader, new MemoryPredictionCache());
    await handlers['model.load']({}, quiet);
    const { result } = await handlers['model.explain']({ text: 'Puma Men Black Running Shoes', head: 'articleType' }, quiet);
    expect(result.words.map((w) => w.word)).toEqual(['Puma', 'Men', 'Black', 'Running', 'Shoes']);
    expect(result.probability).toBeGreaterThan(0);
    expect(result.words.every((w) => Number.isFinite(w.weight))).toBe(true);
  });
});
