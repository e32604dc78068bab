import { describe, expect, it } from 'vitest';
import { Float64, Table, TimestampMillisecond, makeData, makeVector } from 'apache-arrow';
import { utf8Data } from '../../model/predictionColumns.ts';
import { detectSeriesLayout, seriesSetFromTable } from './read.ts';

const week = (k: number) => Date.UTC(2019, 0, 7) + k * 7 * 86_400_000;
const timestamps = (ms: number[]) => {
  const data = new BigInt64Array(ms.map((m) => BigInt(m)));
  return makeVector(makeData({ type: new TimestampMillisecond(), length: ms.length, nullCount: 0, data }));
};
const floats = (v: number[]) => makeVector(makeData({ type: new Float64(), length: v.length, nullCount: 0, data: Float64Array.from(v) }));

describe('series files', () => {
  it('recognises wide and long layouts, and not catalogues', () => {
    expect(detectSeriesLayout([{ name: 'week', type: 'date', role: 'date' }, { name: 'eu_top_1', type: 'number', role: 'ignore' }, { name: 'eu_top_2', type: 'number', role: 'units' }])).toEqual({ kind: 'wide', date: 'week', values: ['eu_top_1', 'eu_top_2'] });
    expect(detectSeriesLayout([{ name: 'date', type: 'date', role: 'date' }, { name: 'series', type: 'category', role: 'category' }, { name: 'value', type: 'number', role: 'ignore' }])).toEqual({ kind: 'long', date: 'date', series: 'series', value: 'value' });
    expect(detectSeriesLayout([{ name: 'name', type: 'text', role: 'text' }, { name: 'date', type: 'date', role: 'date' }, { name: 'units', type: 'number', role: 'units' }])).toBeNull();
    expect(detectSeriesLayout([{ name: 'a', type: 'number', role: 'ignore' }])).toBeNull();
  });

  it('builds a weekly set from a wide table, keeping gaps', () => {
    const table = new Table({ week: timestamps([week(0), week(1), week(3)]), a: floats([0.1, 0.2, 0.4]) });
    const set = seriesSetFromTable(table, { kind: 'wide', date: 'week', values: ['a'] });
    expect(set.frequency).toBe('week');
    expect(set.dates).toEqual([week(0), week(1), week(2), week(3)]);
    expect(Array.from(set.series[0]!.values)).toEqual([0.1, 0.2, Number.NaN, 0.4]);
  });

  it('pivots a long table into one series per name', () => {
    const table = new Table({ date: timestamps([week(0), week(0), week(1), week(1)]), series: makeVector(utf8Data(['x', 'y', 'x', 'y'])), value: floats([1, 2, 3, 4]) });
    const set = seriesSetFromTable(table, { kind: 'long', date: 'date', series: 'series', value: 'value' });
    expect(set.series.map((s) => s.name)).toEqual(['x', 'y']);
    expect(Array.from(set.series[1]!.values)).toEqual([2, 4]);
  });
});
