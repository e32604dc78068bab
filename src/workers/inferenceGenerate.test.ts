/** The inference worker's `model.generate`: streamed drafts, read-back, verbatim filter, cancel (onnxruntime-node, in process). */
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseName } from '../model/briefs.ts';
import { WorkerClient } from './client.ts';
import { inProcessPort } from './inProcess.ts';
import { createInferenceHandlers } from './inferenceHandlers.ts';
import { shippedModelLoader } from './shippedModelLoader.ts';
import { MemoryPredictionCache } from './predictionCache.ts';
import { CancelledError, type Progress } from './protocol.ts';

// The shipped loader, counting how often the generator is loaded (once, on the first draft).
let generatorLoads = 0;
const loader: typeof shippedModelLoader = async (...args) => {
  const model = await shippedModelLoader(...args);
  return { ...model, loadGenerator: () => (generatorLoads++, model.loadGenerator!()) };
};
const tags = { articleType: 'Kurtas', baseColour: 'White', usage: 'Ethnic' };

describe('model.generate', () => {
  let client: WorkerClient;
  beforeAll(async () => {
    client = new WorkerClient(inProcessPort(createInferenceHandlers(loader, new MemoryPredictionCache())));
    await client.request('model.load', {});
    expect(generatorLoads).toBe(0);
  });

  it('streams each draft token by token and answers the drafts with their read-back', async () => {
    const progress: Progress[] = [];
    const result = await client.request('model.generate', { tags, n: 5, seed: 9 }, { onProgress: (p) => progress.push(p) });
    expect(result.drafts).toHaveLength(5);
    const streamed = progress.filter((p) => p.stage === 'generate' && p.draft);
    // One message per token written (names, then briefs), and one more for each brief the template wrote.
    const templated = result.drafts.filter((d) => d.briefBy === 'template').length;
    expect(streamed.length).toBe(result.tokens + templated);
    for (const [i, d] of result.drafts.entries()) {
      // The last message for a slot is the draft kept there with its brief (a redrafted slot streams again).
      const last = streamed.filter((p) => p.draft!.index === i).at(-1)!.draft!;
      expect(last.text).toBe(d.text);
      expect(last.brief).toBe(d.brief);
      expect(d.readBack.articleType!.label).toBeTruthy();
      if (d.briefBy === 'model') expect(d.brief.toLowerCase()).toMatch(/white.*kurta/);
      else expect(d.brief).toBe('Ethnic kurtas in white.');
    }
    // The briefs streamed token by token after the names: a slot's brief grew before it was done.
    expect(streamed.filter((p) => p.draft!.index === 0 && p.draft!.brief !== undefined).length).toBeGreaterThan(1);
    // Guided by default: white kurtas read back.
    expect(result.drafts.filter((d) => d.readBack.articleType!.label === 'Kurtas').length).toBeGreaterThanOrEqual(4);
    const again = await client.request('model.generate', { tags, n: 5, seed: 9 });
    expect(generatorLoads).toBe(1);
    // Drafted by the shipped generator: unguided too, white kurtas read back (the LM head's drafts mostly did not).
    const unguided = await client.request('model.generate', { tags, n: 10, seed: 9, guided: false });
    expect(unguided.redrafted).toBe(0);
    expect(unguided.drafts.filter((d) => d.readBack.articleType!.label === 'Kurtas').length).toBeGreaterThanOrEqual(7);
    expect(again.drafts.map((d) => d.text)).toEqual(result.drafts.map((d) => d.text));
    // A catalogue holding those names: none of them comes back.
    const filtered = await client.request('model.generate', { tags, n: 5, seed: 9, catalogue: result.drafts.map((d) => ` ${d.text.toLowerCase()} `) });
    expect(filtered.droppedCopies).toBeGreaterThanOrEqual(1);
    const copied = new Set(result.drafts.map((d) => normaliseName(d.text)));
    for (const d of filtered.drafts) expect(copied.has(normaliseName(d.text))).toBe(false);
  });

  it('stops between tokens when cancelled, and says what is wrong with bad tags', async () => {
    const abort = new AbortController();
    let seen = 0;
    const run = client.request('model.generate', { tags, n: 4, seed: 1 }, { signal: abort.signal, onProgress: () => ++seen === 3 && abort.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toBeLessThan(40);
    await expect(client.request('model.generate', { tags: { colour: 'Green' }, n: 2 })).rejects.toThrow(/Unknown tag "colour"/);
    await expect(client.request('model.generate', { tags: { articleType: ' ' }, n: 2 })).rejects.toThrow(/at least one tag/);
  });

  it('a generator that fails to load is tried again on the next draft', async () => {
    let tries = 0;
    const flaky: typeof shippedModelLoader = async (...args) => {
      const model = await shippedModelLoader(...args);
      return { ...model, loadGenerator: () => (++tries === 1 ? Promise.reject(new Error('The generator file could not be read.')) : model.loadGenerator!()) };
    };
    const other = new WorkerClient(inProcessPort(createInferenceHandlers(flaky, new MemoryPredictionCache())));
    await other.request('model.load', {});
    await expect(other.request('model.generate', { tags, n: 2, seed: 1 })).rejects.toThrow(/could not be read/);
    const result = await other.request('model.generate', { tags, n: 2, seed: 1 });
    expect(result.drafts).toHaveLength(2);
    expect(tries).toBe(2);
  });
});
