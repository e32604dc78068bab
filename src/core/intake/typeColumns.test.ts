import { describe, expect, it } from 'vitest';
import { ByteColumn } from '../arrow/byteColumn.ts';
import { DictColumn } from '../arrow/dictColumn.ts';
import type { IntakeProblem } from '../csv/parseCsv.ts';
import { inferColumnType } from './cleanSeam.ts';
import { convertColumn, sampleColumn } from './typeColumns.ts';

const enc = new TextEncoder();

function columns(cells: string[]): { dict: DictColumn; bytes: ByteColumn } {
  const dict = new DictColumn();
  const bytes = new ByteColumn();
  for (const cell of cells) {
    const raw = enc.encode(cell);
    dict.add(raw, 0, raw.length, 0);
    bytes.appendField(raw, 0, raw.length, 0);
  }
  return { dict, bytes };
}

// Converts the same cells three ways: from plain bytes (the reference path), from a dictionary
// column, and from a dictionary column the conversion may overwrite. All three must agree.
function threeWays(name: string, cells: string[]) {
  const lines = Int32Array.from(cells, (_, i) => i + 2);
  const inference = inferColumnType({ name, samples: sampleColumn(columns(cells).bytes), totalCount: cells.length }, { hemisphere: 'north', notLabelSeparators: [','] });
  return [false, true, 'consume'].map((mode) => {
    const problems: IntakeProblem[] = [];
    const { dict, bytes } = columns(cells);
    const { vector, type } = convertColumn(name, mode === false ? bytes : dict, inference, lines, (p) => problems.push(p), mode === 'consume');
    const values = Array.from(vector, (value) => (value && typeof value === 'object' && 'toArray' in value ? Array.from(value as Iterable<unknown>) : value));
    return { type, arrowType: String(vector.type), nullCount: vector.nullCount, values, problems };
  });
}

const repeat = <T>(items: T[], times: number): T[] => Array.from({ length: times }, (_, i) => items[i % items.length]!);

describe('convertColumn: dictionary columns (overwritten or not) equal the plain-bytes path', () => {
  it('whole numbers with missing cells and a bad cell → Int32', () => {
    const cells = [...repeat(['12', '7', '', '300', '-4'], 60), 'twelve', 'N/A'];
    const [reference, dict, consumed] = threeWays('units', cells);
    expect(reference!.arrowType).toBe('Int32');
    expect(reference!.values.slice(0, 5)).toEqual([12, 7, null, 300, -4]);
    expect(reference!.problems.map((p) => p.line)).toEqual([62]);
    expect(dict).toEqual(reference);
    expect(consumed).toEqual(reference);
  });

  it('decimals and numbers too big for Int32 → Float64', () => {
    for (const cells of [repeat(['5.10', '299.99', '', '17'], 80), repeat(['3000000000', '1', '2'], 50)]) {
      const [reference, dict, consumed] = threeWays('price', cells);
      expect(reference!.arrowType).toBe('Float64');
      expect(dict).toEqual(reference);
      expect(consumed).toEqual(reference);
    }
    expect(threeWays('price', repeat(['5.10', '299.99', '', '17'], 80))[2]!.values.slice(0, 4)).toEqual([5.1, 299.99, null, 17]);
  });

  it('ISO dates with a missing cell and an impossible date → Timestamp', () => {
    const cells = [...repeat(['2019-03-01', '2024-12-31', '', '1999-07-15'], 60), '2019-02-31'];
    const [reference, dict, consumed] = threeWays('launch_date', cells);
    expect(reference!.type).toBe('date');
    expect(reference!.values.slice(0, 4)).toEqual([Date.UTC(2019, 2, 1), Date.UTC(2024, 11, 31), null, Date.UTC(1999, 6, 15)]);
    expect(reference!.problems.map((p) => p.line)).toEqual([62]);
    expect(dict).toEqual(reference);
    expect(consumed).toEqual(reference);
  });

  it('categories with spaces and missing tokens, and multi-label cells', () => {
    const categories = threeWays('colour', repeat(['Ivory', ' Ivory', 'Sand', '', 'N/A', 'Navy Blue'], 120));
    expect(categories[0]!.type).toBe('category');
    expect(categories[0]!.values.slice(0, 6)).toEqual(['Ivory', 'Ivory', 'Sand', null, null, 'Navy Blue']);
    expect(categories[1]).toEqual(categories[0]);
    expect(categories[2]).toEqual(categories[0]);
    const labels = threeWays('styles', repeat(['casual|minimal', 'formal', '', 'street|casual'], 120));
    expect(labels[0]!.type).toBe('multi-label');
    expect(labels[0]!.values.slice(0, 4)).toEqual([['casual', 'minimal'], ['formal'], null, ['street', 'casual']]);
    expect(labels[1]).toEqual(labels[0]);
    expect(labels[2]).toEqual(labels[0]);
  });
});

describe('convertColumn: numeric ids', () => {
  const ids = (cells: string[], consume: boolean) => {
    const { bytes } = columns(cells);
    const inference = inferColumnType({ name: 'id', samples: cells, totalCount: cells.length }, { hemisphere: 'north', notLabelSeparators: [','] });
    const { vector, type } = convertColumn('id', bytes, inference, new Int32Array(cells.length), () => undefined, consume);
    return { type, arrowType: String(vector.type), values: Array.from(vector) };
  };
  const cells = Array.from({ length: 300 }, (_, i) => (i === 5 ? '' : String(100000 + i)));

  it('whole ids become Int32, written over the offsets or into a new array alike', () => {
    const expected = cells.map((cell) => (cell === '' ? null : Number(cell)));
    expect(ids(cells, false)).toEqual({ type: 'id', arrowType: 'Int32', values: expected });
    expect(ids(cells, true)).toEqual({ type: 'id', arrowType: 'Int32', values: expected });
  });

  it('ids too big for Int32 become Float64; ids with a leading zero or letters stay text', () => {
    const big = cells.map((cell, i) => (i === 7 ? '9007199254740' : cell));
    expect(ids(big, true)).toMatchObject({ arrowType: 'Float64', values: big.map((cell) => (cell === '' ? null : Number(cell))) });
    const zero = cells.map((cell, i) => (i === 299 ? '00123' : cell));
    expect(ids(zero, true)).toMatchObject({ arrowType: 'Utf8' });
    expect(ids(zero, true).values[299]).toBe('00123');
    expect(ids(zero, true).values[0]).toBe('100000');
  });
});
