import { describe, expect, it } from 'vitest';
import { cachedEmbedFn, modelEmbedFn, type EmbeddingModel } from './embedding.ts';

const fakeModel: EmbeddingModel & { calls: number } = {
  calls: 0,
  heads: ['usage', 'season'],
  labelsOf: (head) => (head === 'usage' ? ['Casual', 'Formal', 'Sports'] : ['Summer', 'Winter']),
  async classifyItems(items) {
    this.calls++;
    return items.map((t) => ({
      embedding: Float32Array.of(t.length, 1),
      heads: {
        usage: { top: [{ label: 'Sports', probability: 0.75 }, { label: 'Casual', probability: 0.25 }, { label: 'Formal', probability: 0 }] },
        season: { top: [{ label: 'Winter', probability: 0.5 }, { label: 'Summer', probability: 0.5 }] },
      },
    }));
  },
};

describe('model feature source', () => {
  it('returns the embedding alone by default', async () => {
    const [v] = await modelEmbedFn(fakeModel)(['abc']);
    expect([...v!]).toEqual([3, 1]);
  });
  it('appends every head probability in class order when asked', async () => {
    const [v] = await modelEmbedFn(fakeModel, { headProbabilities: true })(['abcd']);
    expect([...v!]).toEqual([4, 1, 0.25, 0, 0.75, 0.5, 0.5]);
  });
  it('computes each distinct text once when cached', async () => {
    fakeModel.calls = 0;
    const embed = cachedEmbedFn(modelEmbedFn(fakeModel));
    await embed(['a', 'b', 'a']);
    const again = await embed(['b', 'a']);
    expect(fakeModel.calls).toBe(1);
    expect(again.map((v) => v[0])).toEqual([1, 1]);
  });
});
