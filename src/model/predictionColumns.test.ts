import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, Table, Utf8, tableFromArrays, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { itemTexts, sparseTextVector, withPredictionColumns } from './predictionColumns.ts';

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

  it('keeps dictionary ids unique next to dictionary columns of the file', () => {
    const own = tableFromIPC(tableToIPC(new Table({ colour: vectorFromArray(['Red', 'Navy'], new Dictionary(new Utf8(), new Int32(), 0)) })));
    const out = withPredictionColumns(own, ['usage', 'gender'], { usage: ['Casual'], gender: ['Men'] }, { usage: Int32Array.from([0, 0]), gender: Int32Array.from([0, -1]) }, { usage: Float32Array.from([1, 1]), gender: Float32Array.from([1, 0]) });
    const again = tableFromIPC(tableToIPC(out));
    expect(again.getChild('colour')!.toArray()).toEqual(['Red', 'Navy']);
    expect(again.getChild('pred_gender')!.toArray()).toEqual(['Men', null]);
    expect(new Set(again.schema.dictionaries.keys()).size).toBe(3);
  });

  it('joins text columns, skipping missing parts', () => {
    const table = tableFromArrays({ name: ['Shirt', 'Dress', ''], description: ['linen, relaxed', '', ''] });
    expect(itemTexts(table, ['name', 'description'])).toEqual(['Shirt linen, relaxed', 'Dress', '']);
  });

  it('builds a nullable text column from a few values', () => {
    expect(sparseTextVector(4, new Map([[1, 'Formal'], [3, 'Party']])).toArray()).toEqual([null, 'Formal', null, 'Party']);
  });
});
