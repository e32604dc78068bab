import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { itemTexts, withPredictionColumns } from './predictionColumns.ts';

describe('prediction columns', () => {
  it('adds label and probability columns, null where there was no text, and survives IPC', () => {
    const table = tableFromArrays({ name: ['Navy shirt', '', 'Red dress'] });
    const out = withPredictionColumns(table, ['usage'], { usage: ['Casual', 'Formal'] }, { usage: Int32Array.from([1, -1, 0]) }, { usage: Float32Array.from([0.9, 0, 0.75]) });
    const again = tableFromIPC(tableToIPC(out));
    expect(again.getChild('pred_usage')!.toArray()).toEqual(['Formal', null, 'Casual']);
    const probs = again.getChild('prob_usage')!;
    expect(probs.get(0)).toBeCloseTo(0.9);
    expect(probs.get(1)).toBeNull();
    expect(again.getChild('name')!.get(2)).toBe('Red dress');
  });

  it('joins text columns, skipping missing parts', () => {
    const table = tableFromArrays({ name: ['Shirt', 'Dress', ''], description: ['linen, relaxed', '', ''] });
    expect(itemTexts(table, ['name', 'description'])).toEqual(['Shirt linen, relaxed', 'Dress', '']);
  });
});
