import { describe, expect, it } from 'vitest';
import { deduplicate, padBatch, planBatches } from './batching.ts';
import { buildInputText } from './inputText.ts';
import { softmax, topKIndices, topLabels } from './postprocess.ts';

describe('batching', () => {
  it('pads each batch only to its own longest sequence', () => {
    const lengths = [5, 40, 6, 41, 5, 7];
    const batches = planBatches(lengths, 3);
    expect(batches).toEqual([
      { members: [0, 4, 2], width: 6 },
      { members: [5, 1, 3], width: 41 },
    ]);
  });

  it('respects the padded-token budget', () => {
    const batches = planBatches([10, 10, 10, 10], 64, 25);
    expect(batches.map((b) => b.members.length)).toEqual([2, 2]);
  });

  it('classifies identical texts once', () => {
    const { unique, indexOf } = deduplicate(['a', 'b', 'a', 'c', 'b']);
    expect(unique).toEqual(['a', 'b', 'c']);
    expect(Array.from(indexOf)).toEqual([0, 1, 0, 2, 1]);
  });

  it('right-pads ids and masks', () => {
    const { inputIds, attentionMask } = padBatch([[1, 7, 2], [1, 2]], 3, 0);
    expect(Array.from(inputIds)).toEqual([1n, 7n, 2n, 1n, 2n, 0n]);
    expect(Array.from(attentionMask)).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
  });
});

describe('post-processing', () => {
  it('softmax sums to one and keeps order', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 12);
    expect(topKIndices(p, 2)).toEqual([1, 0]);
  });

  it('top labels carry probabilities', () => {
    expect(topLabels([0, Math.log(3)], ['Shirts', 'Jeans'], 5)).toEqual([
      { label: 'Jeans', probability: expect.closeTo(0.75, 10) },
      { label: 'Shirts', probability: expect.closeTo(0.25, 10) },
    ]);
  });
});

describe('input text', () => {
  it('joins item fields like the design document', () => {
    expect(buildInputText({ name: 'Linen  shirt\n', materials: 'linen', colors: 'navy', season: 'Summer' })).toBe(
      'Item: Linen shirt Materials: linen Colors: navy Season: Summer',
    );
    expect(buildInputText('Turtle Check Men Navy Blue Shirt')).toBe('Item: Turtle Check Men Navy Blue Shirt');
  });
});
