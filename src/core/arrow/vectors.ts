/**
 * Arrow vectors built straight from typed arrays and UTF-8 byte columns, without going through
 * JS values: text columns reuse the parser's bytes, categories are dictionary-encoded by hashing
 * bytes, numbers and dates are written into typed arrays.
 */
import {
  Dictionary,
  Field,
  Float64,
  Int32,
  List,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  type Data,
  type Vector,
} from 'apache-arrow';
import { ByteColumn } from './byteColumn.ts';
import { ByteDictionary, hashBytes, tableSlots } from './byteDictionary.ts';
import { bytesNear, int32Near } from './ipc.ts';

/** A validity bitmap (bit set = value present) and how many values are missing. */
export interface Validity {
  /** Arrow validity bitmap, or null when nothing is missing. */
  bitmap: Uint8Array | null;
  /** Missing values. */
  nullCount: number;
}

/** Collects a validity bitmap value by value. */
export class ValidityBuilder {
  private readonly bits: Uint8Array;
  private nulls = 0;
  constructor(length: number) {
    this.bits = new Uint8Array((length + 7) >> 3).fill(0xff);
  }
  /** Marks value i as missing. */
  setNull(i: number): void {
    this.bits[i >> 3]! &= ~(1 << (i & 7));
    this.nulls++;
  }
  /** The finished validity. */
  finish(): Validity {
    return { bitmap: this.nulls > 0 ? this.bits : null, nullCount: this.nulls };
  }
}

/** Validity of a byte column where an empty cell is missing. */
export function emptyAsMissing(column: ByteColumn): Validity {
  const offsets = column.offsets;
  const validity = new ValidityBuilder(column.count);
  for (let i = 0; i < column.count; i++) if (offsets[i] === offsets[i + 1]) validity.setNull(i);
  return validity.finish();
}

function utf8Data(column: ByteColumn, validity: Validity): Data<Utf8> {
  return makeData({
    type: new Utf8(),
    length: column.count,
    nullCount: validity.nullCount,
    nullBitmap: validity.bitmap ?? undefined,
    valueOffsets: column.usedOffsets(),
    data: column.usedBytes(),
  });
}

/** A Utf8 vector over the column's own bytes (no copy); empty cells are missing. */
export function utf8Vector(column: ByteColumn): Vector<Utf8> {
  return makeVector(utf8Data(column, emptyAsMissing(column)));
}

/** A Utf8 vector over the column's own bytes (no copy) with the given validity. */
export function utf8VectorWith(column: ByteColumn, validity: Validity): Vector<Utf8> {
  return makeVector(utf8Data(column, validity));
}

/** Float64 vector; `values` at missing positions are ignored. */
export function float64Vector(values: Float64Array, validity: Validity): Vector<Float64> {
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap ?? undefined, data: values }));
}

/** Int32 vector; `values` at missing positions are ignored. */
export function int32Vector(values: Int32Array, validity: Validity): Vector<Int32> {
  return makeVector(makeData({ type: new Int32(), length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap ?? undefined, data: values }));
}

/** Timestamp (ms, UTC) vector from epoch milliseconds held as doubles. */
export function timestampVector(ms: Float64Array, validity: Validity): Vector<TimestampMillisecond> {
  // Arrow stores timestamps as int64; writing the two 32-bit halves avoids a BigInt per value.
  const words = new Int32Array(ms.length * 2);
  for (let i = 0; i < ms.length; i++) {
    const value = ms[i]!;
    if (value !== value) continue; // NaN: missing
    const high = Math.floor(value / 4294967296);
    words[2 * i] = value - high * 4294967296;
    words[2 * i + 1] = high;
  }
  return timestampVectorOfWords(words, validity);
}

/** Timestamp (ms, UTC) vector from int64 milliseconds held as little-endian 32-bit word pairs (2 per value). */
export function timestampVectorOfWords(words: Int32Array, validity: Validity): Vector<TimestampMillisecond> {
  const data = new BigInt64Array(words.buffer, words.byteOffset, words.length >> 1);
  return makeVector(makeData({ type: new TimestampMillisecond('UTC'), length: words.length >> 1, nullCount: validity.nullCount, nullBitmap: validity.bitmap ?? undefined, data }));
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09;
}

/** A byte column encoded as indices into its distinct (trimmed) values. */
export interface DictionaryEncoded {
  /** Index of each cell's value in `values` (undefined where missing). */
  indices: Int32Array;
  /** Missing cells so far (empty after trimming). */
  validity: ValidityBuilder;
  /** The distinct values, in order of first appearance. */
  values: ByteColumn;
  /** Number of cells. */
  length: number;
}

/**
 * Dictionary-encodes a byte column (values trimmed of spaces; empty = missing) by hashing bytes,
 * so no string is made per cell. Returns null when there are more than `maxUniques` distinct
 * values: such a column is free text, better kept as Utf8.
 */
export function dictionaryEncode(column: ByteColumn, maxUniques: number): DictionaryEncoded | null {
  const n = column.count;
  const bytes = column.bytes;
  const offsets = column.offsets;
  const indices = new Int32Array(n);
  const validity = new ValidityBuilder(n);
  // Sized for the column: a very wide file has many columns of a few cells each, and zeroing a
  // fixed 28 KB per column cost gigabytes there.
  const room = Math.max(1, Math.min(n, maxUniques, 1024));
  const dictionary = new ByteDictionary(tableSlots(room), room, Math.min(16 * 1024, Math.max(64, column.byteLength)));
  for (let i = 0; i < n; i++) {
    let s = offsets[i]!;
    let e = offsets[i + 1]!;
    while (s < e && isSpace(bytes[s]!)) s++;
    while (e > s && isSpace(bytes[e - 1]!)) e--;
    if (s === e) {
      validity.setNull(i);
      continue;
    }
    const h = hashBytes(bytes, s, e);
    let found = dictionary.find(bytes, s, e, h);
    if (found < 0) {
      if (dictionary.values.count >= maxUniques) return null;
      found = dictionary.insert(bytes, s, e, h, ~found);
    }
    indices[i] = found;
  }
  return { indices, validity, values: dictionary.values, length: n };
}

/** A Dictionary<Utf8, Int32> vector; cells whose value `isMissingValue` says is a missing token ('N/A') become missing. */
export function dictionaryVectorOf(encoded: DictionaryEncoded, isMissingValue: (value: string) => boolean): Vector<Dictionary<Utf8, Int32>> {
  const { indices, validity, values, length } = encoded;
  const missing = new Uint8Array(values.count);
  let anyMissing = false;
  for (let v = 0; v < values.count; v++) {
    if (isMissingValue(values.get(v))) {
      missing[v] = 1;
      anyMissing = true;
    }
  }
  const finished = anyMissing ? withMissing(encoded, missing) : validity.finish();
  const dictionary = makeVector(makeData({ type: new Utf8(), length: values.count, nullCount: 0, valueOffsets: values.usedOffsets(), data: values.usedBytes() }));
  const type = new Dictionary(new Utf8(), new Int32());
  return makeVector(makeData({ type, length, nullCount: finished.nullCount, nullBitmap: finished.bitmap ?? undefined, data: indices, dictionary }));
}

// Recomputes validity when some distinct values are missing tokens.
function withMissing(encoded: DictionaryEncoded, missing: Uint8Array): Validity {
  const before = encoded.validity.finish();
  const validity = new ValidityBuilder(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const present = before.bitmap === null || (before.bitmap[i >> 3]! & (1 << (i & 7))) !== 0;
    if (!present || missing[encoded.indices[i]!] === 1) validity.setNull(i);
  }
  return validity.finish();
}

const encoder = new TextEncoder();

/**
 * A List<Utf8> vector from a dictionary-encoded multi-label column: `split` turns each distinct
 * cell into its labels once (null = missing), then rows are expanded by index with plain byte
 * copies (no per-row strings).
 */
export function labelListFromDictionary(encoded: DictionaryEncoded, split: (raw: string) => string[] | null): Vector<List<Utf8>> {
  const { indices, values, length } = encoded;
  const before = encoded.validity.finish();
  // Per distinct value: its labels' bytes back to back, and where each label ends.
  const uniqueBytes: Uint8Array[] = [];
  const uniqueEnds: Int32Array[] = [];
  const uniqueMissing = new Uint8Array(values.count);
  for (let v = 0; v < values.count; v++) {
    const labels = split(values.get(v));
    if (!labels) {
      uniqueMissing[v] = 1;
      uniqueBytes.push(new Uint8Array(0));
      uniqueEnds.push(new Int32Array(0));
      continue;
    }
    const encodedLabels = labels.map((label) => encoder.encode(label));
    const ends = new Int32Array(encodedLabels.length);
    let total = 0;
    encodedLabels.forEach((label, k) => {
      total += label.length;
      ends[k] = total;
    });
    const joined = new Uint8Array(total);
    let at = 0;
    for (const label of encodedLabels) {
      joined.set(label, at);
      at += label.length;
    }
    uniqueBytes.push(joined);
    uniqueEnds.push(ends);
  }
  const bitmap = before.bitmap;
  let labelBytes = 0;
  let labelCount = 0;
  for (let i = 0; i < length; i++) {
    if (bitmap !== null && (bitmap[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const v = indices[i]!;
    labelBytes += uniqueBytes[v]!.length;
    labelCount += uniqueEnds[v]!.length;
  }
  // Next to the column's indices: in the IPC arena when they are (see IpcArena).
  const data = bytesNear(indices, labelBytes);
  const itemOffsets = int32Near(indices, labelCount + 1);
  const listOffsets = int32Near(indices, length + 1);
  const validity = new ValidityBuilder(length);
  let item = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    const v = indices[i]!;
    if ((bitmap !== null && (bitmap[i >> 3]! & (1 << (i & 7))) === 0) || uniqueMissing[v] === 1) validity.setNull(i);
    else {
      const joined = uniqueBytes[v]!;
      const ends = uniqueEnds[v]!;
      for (let k = 0; k < ends.length; k++) itemOffsets[++item] = at + ends[k]!;
      for (let b = 0; b < joined.length; b++) data[at++] = joined[b]!;
    }
    listOffsets[i + 1] = item;
  }
  const finished = validity.finish();
  const child = makeData({ type: new Utf8(), length: labelCount, nullCount: 0, valueOffsets: itemOffsets, data });
  const type = new List(new Field('item', new Utf8(), false));
  return makeVector(makeData({ type, length, nullCount: finished.nullCount, nullBitmap: finished.bitmap ?? undefined, valueOffsets: listOffsets, child }));
}
