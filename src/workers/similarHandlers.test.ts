import { beforeAll, describe, expect, it } from 'vitest';
import { WorkerClient } from './client.ts';
import { inProcessPort } from './inProcess.ts';
import { createInferenceHandlers } from './inferenceHandlers.ts';
import { shippedModelLoader } from './shippedModelLoader.ts';
import { MemoryPredictionCache } from './predictionCache.ts';

const loader = shippedModelLoader;

// Three kinds of item; the same shirt twice and one item without text.
const catalogue = [
  'Turtle Check Men Navy Blue Shirt',
  'Puma Women Black Running Shoes',
  'Nike Men White Running Shoes',
  'Turtle Check Men Navy Blue Shirt',
  '',
  'Peter England Men Blue Formal Shirt',
  'Adidas Men Grey Sports Shoes',
  'Lavie Women Brown Handbag',
  'Baggit Women Black Handbag',
];

describe('similarity requests of the inference worker (onnxruntime-node)', () => {
  let client: WorkerClient;
  beforeAll(async () => {
    client = new WorkerClient(inProcessPort(createInferenceHandlers(loader, new MemoryPredictionCache())));
    await client.request('model.load', {});
  });

  it('re-uses the embeddings labelling kept, indexes distinct texts, and finds items of the same kind', async () => {
    await expect(client.request('model.similar', { item: 0 })).rejects.toThrow(/not indexed yet/);
    // Labelling keeps the embeddings of what it labels: only the texts it did not see are embedded again.
    await client.request('model.classify', { texts: catalogue.slice(0, 5) });
    const index = await client.request('model.index', { texts: catalogue });
    expect(index).toMatchObject({ items: 9, unique: 7, embedded: 4, kind: 'flat' });
    const shirt = await client.request('model.similar', { item: 0, k: 6 });
    // Never the item itself (nor its twin, item 3, which has the same text), most similar first.
    expect(Array.from(shirt.items)).not.toContain(0);
    expect(Array.from(shirt.items)).not.toContain(3);
    expect(shirt.items[0]).toBe(5);
    expect(shirt.similarity[0]).toBeGreaterThan(shirt.similarity[5]!);
    const bag = await client.request('model.similar', { text: 'Women tan leather handbag', k: 2 });
    expect(new Set(bag.items)).toEqual(new Set([7, 8]));
    const twin = await client.request('model.similar', { item: 5, k: 1 });
    expect(Array.from(twin.items)).toEqual([0]);
    expect(Array.from(twin.sameText)).toEqual([2]);
  });

  it('says why it cannot answer', async () => {
    await client.request('model.index', { texts: catalogue });
    await expect(client.request('model.similar', { item: 4 })).rejects.toThrow(/Item 4 has no text/);
    await expect(client.request('model.similar', { item: 99 })).rejects.toThrow(/no item 99 \(the catalogue has 9\)/);
    await expect(client.request('model.similar', {})).rejects.toThrow(/Say which item or which text/);
    await expect(client.request('model.index', { texts: ['', ' '] })).rejects.toThrow(/No item has a text/);
  });
});
