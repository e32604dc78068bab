/**
 * Arrow columns → the integer codes and dates the counting cube works on. Dictionary columns
 * reuse their dictionary indices; other string columns and label lists are coded on the fly.
 * Done once per column and kept, so filters and facet changes never touch strings again.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import type { LabelCodes } from './cube.ts';
import { valueCoder } from '../valueCodes.ts';

/** A column coded for counting: codes per item and the value behind each code. */
export interface CodedColumn {
  /** Label codes per item (single or multi-label). */
  labels: LabelCodes;
  /** Display value of each code. */
  values: string[];
}

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0 || data.nullCount === 0) return true;
  const j = data.offset + i;
  return (bitmap[j >> 3]! & (1 << (j & 7))) !== 0;
}

/** Codes a categorical, text or label-list column. Empty strings count as missing. */
export function codeColumn(vector: Vector): CodedColumn {
  const { values, code } = valueCoder();
  const n = vector.length;
  if (DataType.isList(vector.type)) {
    const offsets = new Int32Array(n + 1);
    const codes: number[] = [];
    let row = 0;
    for (const data of vector.data) {
      const valueOffsets = data.valueOffsets as Int32Array;
      const child = data.children[0]!;
      const decoder = new TextDecoder();
      for (let i = 0; i < data.length; i++, row++) {
        if (isValid(data, i)) {
          const childOffsets = child.valueOffsets as Int32Array;
          for (let k = valueOffsets[data.offset + i]!; k < valueOffsets[data.offset + i + 1]!; k++) {
            const text = decoder.decode(child.values.subarray(childOffsets[child.offset + k]!, childOffsets[child.offset + k + 1]!)).trim();
            if (text) codes.push(code(text));
          }
        }
        offsets[row + 1] = codes.length;
      }
    }
    return { labels: { kind: 'multi', offsets, codes: Int32Array.from(codes) }, values };
  }
  const codes = new Int32Array(n).fill(-1);
  let row = 0;
  for (const data of vector.data) {
    if (DataType.isDictionary(data.type) && data.dictionary) {
      // Map the chunk's dictionary once, then copy indices.
      const dictionary = data.dictionary;
      const remap = new Int32Array(dictionary.length);
      for (let d = 0; d < dictionary.length; d++) {
        const text = String(dictionary.get(d) ?? '').trim();
        remap[d] = text ? code(text) : -1;
      }
      const indices = data.values as Int32Array;
      for (let i = 0; i < data.length; i++, row++) if (isValid(data, i)) codes[row] = remap[indices[data.offset + i]!]!;
      continue;
    }
    for (let i = 0; i < data.length; i++, row++) {
      if (!isValid(data, i)) continue;
      const value = vector.get(row);
      if (value === null || value === undefined) continue;
      const text = String(value).trim();
      if (text) codes[row] = code(text);
    }
  }
  return { labels: { kind: 'single', codes }, values };
}

/** A date or timestamp column as UTC ms per item (NaN where missing). */
export function datesOf(vector: Vector): Float64Array {
  const out = new Float64Array(vector.length).fill(Number.NaN);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') out[i] = value;
    else if (typeof value === 'bigint') out[i] = Number(value);
    else if (value instanceof Date) out[i] = value.getTime();
  }
  return out;
}

/** A numeric column as Float64 per item (NaN where missing); used for units weights. */
export function numbersOf(vector: Vector): Float64Array {
  const out = new Float64Array(vector.length).fill(Number.NaN);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    if (typeof value === 'number') out[i] = value;
    else if (typeof value === 'bigint') out[i] = Number(value);
  }
  return out;
}
