import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, Table, Utf8, tableFromArrays, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { datasetItemTexts, itemTexts, predictionColumnNames, sparseTextVector, textColumnNames, withPredictionColumns } from './predictionColumns.ts';

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

  it('adds sure_<head> (Bool) and ood_distance (Float32) when given, null where there was no text, and they survive IPC', () => {
    const table = tableFromArrays({ name: ['Navy shirt', '', 'Red dress', 'Odd thing'] });
    const codes = { usage: Int32Array.from([1, -1, 0, 0]), gender: Int32Array.from([0, -1, 1, 1]) };
    const probabilities = { usage: Float32Array.from([0.9, 0, 0.75, 0.4]), gender: Float32Array.from([0.8, 0, 0.6, 0.99]) };
    const sure = { usage: Uint8Array.from([1, 0, 1, 0]), gender: Uint8Array.from([1, 0, 0, 1]) };
    const oodDistances = Float32Array.from([0.05, NaN, 0.1, 0.7]);
    const out = withPredictionColumns(table, ['usage', 'gender'], { usage: ['Casual', 'Formal'], gender: ['Men', 'Women'] }, codes, probabilities, { sure, oodDistances });
    const again = tableFromIPC(tableToIPC(out));
    expect(again.schema.fields.map((f) => f.name)).toEqual(['name', ...predictionColumnNames(['usage', 'gender'], { sure: true, oodDistances: true }).map((c) => c.name)]);
    expect(again.schema.fields.map((f) => f.name)).toEqual(['name', 'pred_usage', 'prob_usage', 'sure_usage', 'pred_gender', 'prob_gender', 'sure_gender', 'ood_distance']);
    expect(again.getChild('sure_usage')!.toArray()).toEqual([true, null, true, false]);
    expect(again.getChild('sure_gender')!.toArray()).toEqual([true, null, false, true]);
    expect(String(again.getChild('sure_usage')!.type)).toBe('Bool');
    const distance = again.getChild('ood_distance')!;
    expect([distance.get(0), distance.get(1), distance.get(3)]).toEqual([expect.closeTo(0.05, 6), null, expect.closeTo(0.7, 6)]);
    // The existing columns keep their names and meanings.
    expect(again.getChild('pred_usage')!.toArray()).toEqual(['Formal', null, 'Casual', 'Casual']);
    expect(again.getChild('prob_gender')!.get(3)).toBeCloseTo(0.99);
  });

  it('adds no sure or distance columns unless given', () => {
    const out = withPredictionColumns(tableFromArrays({ name: ['a'] }), ['usage'], { usage: ['Casual'] }, { usage: Int32Array.from([0]) }, { usage: Float32Array.from([1]) });
    expect(out.schema.fields.map((f) => f.name)).toEqual(['name', 'pred_usage', 'prob_usage']);
    expect(predictionColumnNames(['usage'])).toEqual([{ name: 'pred_usage', type: 'category' }, { name: 'prob_usage', type: 'number' }]);
  });

  it('keeps dictionary ids unique next to dictionary columns of the file', () => {
    const own = tableFromIPC(tableToIPC(new Table({ colour: vectorFromArray(['Red', 'Navy'], new Dictionary(new Utf8(), new Int32(), 0)) })));
    const out = withPredictionColumns(own, ['usage', 'gender'], { usage: ['Casual'], gender: ['Men'] }, { usage: Int32Array.from([0, 0]), gender: Int32Array.from([0, -1]) }, { usage: Float32Array.from([1, 1]), gender: Float32Array.from([1, 0]) });
    const again = tableFromIPC(tableToIPC(out));
    expect(again.getChild('colour')!.toArray()).toEqual(['Red', 'Navy']);
    expect(again.getChild('pred_gender')!.toArray()).toEqual(['Men', null]);
    expect(new Set(again.schema.dictionaries.keys()).size).toBe(3);
  });

  it('joins text columns as name, then Details: and the description, skipping missing parts', () => {
    const table = tableFromArrays({ name: ['Shirt', 'Dress', '', ''], description: ['linen, relaxed', '', 'Soft wool coat', ''] });
    expect(itemTexts(table, ['name', 'description'])).toEqual(['Shirt Details: linen, relaxed', 'Dress', 'Details: Soft wool coat', '']);
  });

  it('tells a long text column from the name by its cells, whatever the order of the columns', () => {
    const long = 'A relaxed shirt in washed linen with a camp collar, short sleeves and a straight hem that sits at the hip.';
    const table = tableFromArrays({ copy: [long, long], title: ['Camp shirt', 'Linen shirt'] });
    expect(itemTexts(table, ['copy', 'title'])).toEqual([`Camp shirt Details: ${long}`, `Linen shirt Details: ${long}`]);
    expect(itemTexts(table, ['title'])).toEqual(['Camp shirt', 'Linen shirt']);
  });

  it('builds a nullable text column from a few values', () => {
    expect(sparseTextVector(4, new Map([[1, 'Formal'], [3, 'Party']])).toArray()).toEqual([null, 'Formal', null, 'Party']);
  });
});

describe('textColumnNames and datasetItemTexts', () => {
  const table = tableFromArrays({ sku: ['a1', 'a2'], name: ['Camp shirt', 'Linen dress'], colour: ['Navy', 'Red'] });
  const columns = [
    { name: 'sku', role: 'id' },
    { name: 'name', role: 'text' },
    { name: 'colour', role: 'text' },
  ];

  it('names the text columns in mapping order', () => {
    expect(textColumnNames(columns)).toEqual(['name', 'colour']);
    expect(textColumnNames([{ name: 'sku', role: 'id' }])).toEqual([]);
  });

  it('gives itemTexts of the text columns, built once per table and mapping', () => {
    const texts = datasetItemTexts({ table, columns });
    expect(texts).toEqual(itemTexts(table, ['name', 'colour']));
    expect(datasetItemTexts({ table, columns })).toBe(texts);
    // Another mapping of the same table (Change columns) reads other columns.
    const nameOnly = [columns[0]!, columns[1]!, { name: 'colour', role: 'colours' }];
    expect(datasetItemTexts({ table, columns: nameOnly })).toEqual(['Camp shirt', 'Linen dress']);
  });
});
