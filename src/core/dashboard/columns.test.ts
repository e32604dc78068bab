import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, List, Field, Utf8, makeData, makeVector, vectorFromArray, TimestampMillisecond } from 'apache-arrow';
import { codeColumn, datesOf } from './columns.ts';

describe('coding Arrow columns', () => {
  it('codes plain strings, with blanks and nulls missing', () => {
    const coded = codeColumn(vectorFromArray(['Casual', 'Formal', null, 'Casual', '  '], new Utf8()));
    expect(coded.values).toEqual(['Casual', 'Formal']);
    expect(coded.labels.kind).toBe('single');
    expect(Array.from((coded.labels as { codes: Int32Array }).codes)).toEqual([0, 1, -1, 0, -1]);
  });

  it('reuses dictionary indices', () => {
    const vector = vectorFromArray(['Red', 'Blue', 'Red', null], new Dictionary(new Utf8(), new Int32()));
    const coded = codeColumn(vector);
    expect([...coded.values].sort()).toEqual(['Blue', 'Red']);
    const codes = Array.from((coded.labels as { codes: Int32Array }).codes).map((c) => (c < 0 ? null : coded.values[c]));
    expect(codes).toEqual(['Red', 'Blue', 'Red', null]);
  });

  it('codes label lists as multi-label', () => {
    const child = vectorFromArray(['casual', 'minimal', 'formal'], new Utf8()).data[0]!;
    const data = makeData({ type: new List(new Field('item', new Utf8(), false)), length: 3, nullCount: 0, valueOffsets: Int32Array.from([0, 2, 2, 3]), child });
    const coded = codeColumn(makeVector(data));
    expect(coded.values).toEqual(['casual', 'minimal', 'formal']);
    expect(coded.labels.kind).toBe('multi');
    const labels = coded.labels as { offsets: Int32Array; codes: Int32Array };
    expect(Array.from(labels.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(labels.codes)).toEqual([0, 1, 2]);
  });

  it('reads timestamps as milliseconds', () => {
    const ms = Date.UTC(2019, 2, 4);
    const vector = vectorFromArray([new Date(ms), null], new TimestampMillisecond());
    expect(Array.from(datesOf(vector))).toEqual([ms, Number.NaN]);
  });
});
