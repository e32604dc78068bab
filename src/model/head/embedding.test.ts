import { describe, expect, it } from 'vitest';
import { cachedEmbedFn, labelPriorHeads, modelEmbedFn, modelItemReadings, modelLabelReadings, type EmbeddingModel } from './embedding.ts';

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

describe('the model reading items and label names for the label-name prior', () => {
  it('reads master category and gender, those of them the model has', () => {
    expect(labelPriorHeads({ heads: ['articleType', 'gender', 'baseColour', 'masterCategory'] })).toEqual(['masterCategory', 'gender']);
    expect(labelPriorHeads({ heads: ['articleType', 'gender'] })).toEqual(['gender']);
  });

  it('keeps each item\'s top classes per head as class indices, and every class of a label name', async () => {
    const items = await modelItemReadings(fakeModel, ['a', 'b'], ['usage', 'season'], 2);
    expect(items.heads).toEqual(['usage', 'season']);
    // Item 0, usage: Sports (2) 0.75, Casual (0) 0.25; season: Winter (1), Summer (0), 0.5 each.
    expect(Array.from(items.classes.slice(0, 4))).toEqual([2, 0, 1, 0]);
    expect(Array.from(items.probabilities.slice(0, 4))).toEqual([0.75, 0.25, 0.5, 0.5]);
    expect(items.classes).toHaveLength(8);
    const labels = await modelLabelReadings(fakeModel, ['Kids', 'Kids', 'Men'], ['usage']);
    expect([...labels.keys()]).toEqual(['Kids', 'Men']);
    expect(Array.from(labels.get('Men')![0]!)).toEqual([0.25, 0, 0.75]);
  });
});
