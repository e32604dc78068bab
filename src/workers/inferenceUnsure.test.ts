import { describe, expect, it } from 'vitest';
import { Classifier } from '../model/classifier.ts';
import { parseClassifierConfig } from '../model/config.ts';
import { hashText } from '../model/hash.ts';
import { TEST_MODEL_CONFIG, testModel, type TestModelItem } from '../model/testModel.ts';
import { WorkerClient } from './client.ts';
import type { HandlerContext } from './handlers.ts';
import { inProcessPort } from './inProcess.ts';
import { createInferenceHandlers, type ModelLoader } from './inferenceHandlers.ts';
import { MemoryPredictionCache } from './predictionCache.ts';

const ITEMS: TestModelItem[] = [
  { text: 'Item: near and confident', colour: [4, 0, 0], fit: [0, 2], embedding: [1, 0] },
  { text: 'Item: near but unsure', colour: [1, 0.8, 0], fit: [0, 0.2], embedding: [0.9, 0.1] },
  { text: 'Item: far away', colour: [4, 0, 0], fit: [0, 2], embedding: [-1, 0] },
  // The handlers warm the model up on this text.
  { text: 'Item: Navy blue cotton shirt for men', colour: [0, 1, 0], fit: [1, 0], embedding: [0, 1] },
];
const base = { ...TEST_MODEL_CONFIG, input_template: 'Item: {text}' };
const calibration = { temperature: { colour: 2, fit: 0.5 }, fitted_on: 'hand-made dev split' };
const unsure = { min_probability: { colour: 0.6, fit: 0.7 }, ood: { kind: 'centroid_cosine', centroids: [[1, 0], [0, 1]], max_distance: 0.2 } };
const quiet: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };
const e = Math.exp;

function loaderFor(config: Record<string, unknown>): ModelLoader {
  return async () => {
    const { runtime, tokenizer } = testModel(ITEMS);
    return { classifier: new Classifier(runtime, tokenizer, parseClassifierConfig(config)), choice: { backend: 'wasm', reason: 'fake graph' }, threads: 1, modelBytes: 1, modelId: 'fake-model' };
  };
}

// Item texts as the page sends them: empty text gets no label; the duplicate is labelled once.
const texts = ['near and confident', '', 'near but unsure', 'far away', 'near and confident'];

describe('inference handlers: calibrated probabilities, sure flags and OOD distances (fake graph)', () => {
  it('sends per-head sure flags and the OOD distance as typed arrays, and says which rule the model has', async () => {
    const client = new WorkerClient(inProcessPort(createInferenceHandlers(loaderFor({ ...base, calibration, unsure }), new MemoryPredictionCache())));
    const info = await client.request('model.load', {});
    expect(info.calibratedOn).toBe('hand-made dev split');
    expect(info.unsure).toEqual({ minProbability: { colour: 0.6, fit: 0.7 }, maxDistance: 0.2 });

    const result = await client.request('model.classify', { texts });
    expect(result.sure.colour).toBeInstanceOf(Uint8Array);
    expect(Array.from(result.sure.colour!)).toEqual([1, 0, 0, 0, 1]);
    expect(Array.from(result.sure.fit!)).toEqual([1, 0, 0, 0, 1]);
    expect(Array.from(result.codes.colour!)).toEqual([0, -1, 0, 0, 0]);
    expect(result.probabilities.colour![0]).toBeCloseTo(e(2) / (e(2) + 2), 6);
    expect(result.probabilities.fit![2]).toBeCloseTo(e(0.4) / (1 + e(0.4)), 6);
    expect(result.oodDistances).toBeInstanceOf(Float32Array);
    const d = Array.from(result.oodDistances!);
    expect(d[0]).toBeCloseTo(0, 6);
    expect(d[1]).toBeNaN();
    expect(d[2]).toBeCloseTo(1 - 0.9 / Math.sqrt(0.82), 6);
    expect(d[3]).toBeCloseTo(1, 6);
    expect(d[4]).toBe(d[0]);

    // Reopened: every flag and distance comes back from the cache unchanged.
    const again = await client.request('model.classify', { texts });
    expect(again.cached).toBe(3);
    expect(again.sure).toEqual(result.sure);
    expect(again.probabilities).toEqual(result.probabilities);
    expect(Array.from(again.oodDistances!)).toEqual(Array.from(result.oodDistances!));
  });

  it('moves the flags and distances with the transfer list (buffers detached on the worker side)', async () => {
    const handlers = createInferenceHandlers(loaderFor({ ...base, calibration, unsure }), new MemoryPredictionCache());
    await handlers['model.load']({}, quiet);
    const { result, transfer } = await handlers['model.classify']({ texts }, quiet);
    const sent = [result.sure.colour!, result.sure.fit!, result.oodDistances!];
    for (const array of sent) expect(transfer).toContain(array.buffer);
    const arrived = structuredClone(result, { transfer: transfer as Transferable[] });
    expect(sent.map((a) => a.byteLength)).toEqual([0, 0, 0]);
    expect(Array.from(arrived.sure.colour!)).toEqual([1, 0, 0, 0, 1]);
    expect(arrived.oodDistances![3]).toBeCloseTo(1, 6);
  });

  it('without the blocks: every labelled item sure, no distances, plain probabilities', async () => {
    const client = new WorkerClient(inProcessPort(createInferenceHandlers(loaderFor(base), new MemoryPredictionCache())));
    const info = await client.request('model.load', {});
    expect(info.unsure).toBeUndefined();
    expect(info.calibratedOn).toBeUndefined();
    const result = await client.request('model.classify', { texts });
    expect(Array.from(result.sure.colour!)).toEqual([1, 0, 1, 1, 1]);
    expect(Array.from(result.sure.fit!)).toEqual([1, 0, 1, 1, 1]);
    expect(result.oodDistances).toBeUndefined();
    expect(result.probabilities.colour![0]).toBeCloseTo(e(4) / (e(4) + 2), 6);
  });

  it('keys the cache by the calibration too: a new temperature is not answered from old entries', async () => {
    const cache = new MemoryPredictionCache();
    const first = createInferenceHandlers(loaderFor({ ...base, calibration, unsure }), cache);
    await first['model.load']({}, quiet);
    const before = (await first['model.classify']({ texts }, quiet)).result;
    const retuned = createInferenceHandlers(loaderFor({ ...base, calibration: { ...calibration, temperature: { colour: 1, fit: 1 } }, unsure }), cache);
    await retuned['model.load']({}, quiet);
    const after = (await retuned['model.classify']({ texts }, quiet)).result;
    expect(after.cached).toBe(0);
    expect(before.probabilities.colour![0]).toBeCloseTo(e(2) / (e(2) + 2), 6);
    expect(after.probabilities.colour![0]).toBeCloseTo(e(4) / (e(4) + 2), 6);
  });

  it('reads cache entries written before sure flags existed only for a model without an unsure rule', async () => {
    const cache = new MemoryPredictionCache();
    // [code, probability] per head (colour, fit), under the key the old code used.
    await cache.putMany([[`fake-model:${hashText('near and confident')}`, Float32Array.of(2, 0.5, 1, 0.75)]]);
    const plain = createInferenceHandlers(loaderFor(base), cache);
    await plain['model.load']({}, quiet);
    const old = (await plain['model.classify']({ texts: ['near and confident'] }, quiet)).result;
    expect(old.cached).toBe(1);
    expect([old.codes.colour![0], old.probabilities.fit![0], old.sure.colour![0], old.sure.fit![0]]).toEqual([2, 0.75, 1, 1]);

    const judged = createInferenceHandlers(loaderFor({ ...base, unsure: { min_probability: unsure.min_probability } }), cache);
    await judged['model.load']({}, quiet);
    const fresh = (await judged['model.classify']({ texts: ['near and confident'] }, quiet)).result;
    expect(fresh.cached).toBe(0);
    expect(fresh.codes.colour![0]).toBe(0);
  });
});
