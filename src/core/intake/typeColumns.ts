/**
 * Turns raw byte columns into typed Arrow vectors. The cleaning library infers each column's type
 * from a sample and guesses roles over all columns; this file then converts every cell, with
 * byte-level fast paths (plain decimals, ISO dates, dictionary building by hashing bytes) and the
 * library's cell readers for everything else. A cell that cannot be read becomes missing and a
 * problem with its line; its row stays in the table.
 */
import { Bool, makeData, makeVector, type Vector } from 'apache-arrow';
import { ByteColumn } from '../arrow/byteColumn.ts';
import { DictColumn, type CellColumn } from '../arrow/dictColumn.ts';
import { float64Near, int32Near } from '../arrow/ipc.ts';
import { dictionaryEncode, dictionaryVectorOf, float64Vector, int32Vector, labelListFromDictionary, timestampVector, timestampVectorOfWords, utf8VectorWith, ValidityBuilder } from '../arrow/vectors.ts';
import { daysInMonth, utcMs } from '../clean/calendar.ts';
import type { IntakeProblem } from '../csv/parseCsv.ts';
import { coreMessage, englishText, type CoreMessage } from '../messages.ts';
import {
  combineYearSeason,
  isCellProblem,
  isMissing,
  makeDateParser,
  parseBooleanCell,
  parseNumberCell,
  splitLabels,
  type CellProblem,
  type ColumnInference,
  type ColumnRole,
  type ColumnType,
  type Hemisphere,
} from './cleanSeam.ts';

/** A column of the intake result as the mapping step shows it. */
export interface IntakeColumn {
  /** Column name (from the header, made unique). */
  name: string;
  /** Inferred type (the cleaning library's: number, date, boolean, category, text, multi-label, id). */
  type: ColumnType;
  /** Guessed (or overridden) role. */
  role: ColumnRole;
  /** Arrow type of the vector, e.g. 'Dictionary<Int32, Utf8>'. */
  arrowType: string;
  /** Missing cells (empty or a missing token such as 'N/A'), bad cells included. */
  missing: number;
  /** Why this type, in plain words. */
  typeReason?: string;
  /** Why this role, in plain words. */
  roleReason?: string;
  /** How sure the role guess is, 0–1. */
  roleConfidence?: number;
  /** True for columns Trendloom added (a date made from year + season). */
  derived?: boolean;
}

/** Where cell problems go. */
export type ProblemSink = (problem: IntakeProblem) => void;

// The cleaning library's inference and role guessing cost grows with the sample, not the file;
// 1000 cells (half from the top, half spread out) are plenty for them.
const SAMPLE_SIZE = 1000;
/** Categories with more distinct values than this (and than half the rows) are kept as text. */
const MAX_DICTIONARY = 65_536;

/** Up to SAMPLE_SIZE decoded cells: the first half from the top (what the preview shows), the rest spread evenly. */
export function sampleColumn(column: CellColumn): string[] {
  const n = column.count;
  const out: string[] = [];
  if (n <= SAMPLE_SIZE) {
    for (let i = 0; i < n; i++) out.push(column.get(i));
    return out;
  }
  const head = SAMPLE_SIZE / 2;
  for (let i = 0; i < head; i++) out.push(column.get(i));
  const step = (n - head) / head;
  for (let k = 0; k < head; k++) out.push(column.get(head + Math.floor(k * step)));
  return out;
}

/**
 * Converts a raw column to the Arrow vector of its inferred type, reporting bad cells with their
 * line. With `consume`, the raw column's own arrays may be overwritten to hold the result (fewer
 * fresh megabytes written): the raw column must not be read afterwards.
 */
export function convertColumn(name: string, input: ByteColumn | DictColumn, inference: ColumnInference, lines: Int32Array, problems: ProblemSink, consume = false): { vector: Vector; type: ColumnType } {
  if (input instanceof DictColumn) {
    const converted = convertDictColumn(name, input, inference, lines, problems, consume);
    if (converted) return converted;
  }
  const column = input instanceof DictColumn ? input.toByteColumn() : input;
  switch (inference.type) {
    case 'number':
      return { vector: numberColumn(name, column, lines, inference, problems), type: 'number' };
    case 'date':
      return { vector: dateColumn(name, column, lines, inference, problems), type: 'date' };
    case 'boolean':
      return { vector: booleanColumn(name, column, lines, problems), type: 'boolean' };
    case 'multi-label': {
      const encoded = dictionaryEncode(column, Math.max(MAX_DICTIONARY, column.count >> 1));
      if (!encoded) return { vector: textVector(column), type: 'text' };
      const separator = inference.labelSeparator ?? null;
      // Each distinct cell is split once by the library (trimmed, lower-cased, de-duplicated).
      return { vector: labelListFromDictionary(encoded, (raw) => splitLabels(raw, separator)), type: 'multi-label' };
    }
    case 'category': {
      const encoded = dictionaryEncode(column, Math.max(MAX_DICTIONARY, column.count >> 1));
      if (!encoded) return { vector: textVector(column), type: 'text' };
      return { vector: dictionaryVectorOf(encoded, isMissing), type: 'category' };
    }
    case 'id': {
      const numeric = integerIds(column, consume || input instanceof DictColumn);
      return { vector: numeric ?? textVector(column), type: 'id' };
    }
    default:
      return { vector: textVector(column), type: 'text' };
  }
}

/**
 * Typing for a column that stayed dictionary-encoded while streaming: each distinct value is read
 * once and rows take its result by index. Returns null for types that need every cell's bytes
 * (text, ids, booleans), which are converted from a materialised ByteColumn instead. With
 * `consume`, whole numbers and category codes are written over the column's own indices.
 */
function convertDictColumn(name: string, column: DictColumn, inference: ColumnInference, lines: Int32Array, problems: ProblemSink, consume: boolean): { vector: Vector; type: ColumnType } | null {
  const n = column.count;
  const indices = column.indices;
  const values = column.values;
  switch (inference.type) {
    case 'number':
    case 'date': {
      // Read each distinct value once: a number (or UTC ms), missing (NaN + no message), or a problem message.
      // The distinct values are themselves a column: convert it, with each value's index as its
      // "line" so a problem can be traced back to its value, then expand by index.
      const distinct = values.count;
      const valueIndex = new Int32Array(distinct);
      for (let v = 0; v < distinct; v++) valueIndex[v] = v;
      const found: (IntakeProblem | null)[] = new Array<IntakeProblem | null>(distinct).fill(null);
      const byValue: ProblemSink = (problem) => {
        found[problem.line] = problem;
      };
      const converted = inference.type === 'number' ? numberColumn(name, values, valueIndex, inference, byValue) : dateColumn(name, values, valueIndex, inference, byValue);
      // Every distinct value occurs in some row, so the column's kind (whole, fits Int32, any
      // missing) is known from the distinct values alone, before a single row is written.
      const distinctValues = new Float64Array(distinct);
      const missing = new Uint8Array(distinct);
      let anyMissing = false;
      let integral = true;
      let fitsInt32 = true;
      for (let v = 0; v < distinct; v++) {
        const value = converted.get(v);
        const number = value === null || value === undefined ? NaN : Number(value);
        distinctValues[v] = number;
        if (number !== number) {
          missing[v] = 1;
          anyMissing = true;
        } else if (number !== Math.trunc(number)) integral = false;
        else if (number > 2147483647 || number < -2147483648) fitsInt32 = false;
      }
      const validity = new ValidityBuilder(n);
      if (anyMissing) {
        for (let i = 0; i < n; i++) {
          const v = indices[i]!;
          if (missing[v] === 0) continue;
          validity.setNull(i);
          const problem = found[v];
          if (problem) problems({ line: lines[i]!, column: name, message: problem.message, detail: problem.detail });
        }
      }
      if (inference.type === 'date') {
        // Int64 milliseconds as two 32-bit words per row, straight from each distinct value's words.
        const low = new Int32Array(distinct);
        const high = new Int32Array(distinct);
        for (let v = 0; v < distinct; v++) {
          if (missing[v] === 1) continue;
          const value = distinctValues[v]!;
          const h = Math.floor(value / 4294967296);
          low[v] = value - h * 4294967296;
          high[v] = h;
        }
        const words = int32Near(indices, n * 2);
        for (let i = 0; i < n; i++) {
          const v = indices[i]!;
          words[2 * i] = low[v]!;
          words[2 * i + 1] = high[v]!;
        }
        return { vector: timestampVectorOfWords(words, validity.finish()), type: 'date' };
      }
      if (integral && fitsInt32) {
        // Whole numbers that fit become Int32 (half the memory of Float64); the type stays 'number'.
        const ints = new Int32Array(distinct);
        for (let v = 0; v < distinct; v++) ints[v] = missing[v] === 1 ? 0 : distinctValues[v]!;
        const out = consume ? indices.subarray(0, n) : int32Near(indices, n);
        for (let i = 0; i < n; i++) out[i] = ints[indices[i]!]!;
        return { vector: int32Vector(out, validity.finish()), type: 'number' };
      }
      for (let v = 0; v < distinct; v++) if (missing[v] === 1) distinctValues[v] = 0; // missing rows hold 0, as before
      const out = float64Near(indices, n);
      for (let i = 0; i < n; i++) out[i] = distinctValues[indices[i]!]!;
      return { vector: float64Vector(out, validity.finish()), type: 'number' };
    }
    case 'category':
    case 'multi-label': {
      // Trim and merge the distinct values (" Ivory" and "Ivory" are one category), then compose.
      const trimmed = dictionaryEncode(values, MAX_DICTIONARY);
      if (!trimmed) return null;
      const before = trimmed.validity.finish();
      const composed = consume ? indices.subarray(0, n) : int32Near(indices, n);
      const validity = new ValidityBuilder(n);
      const codes = trimmed.indices;
      const bitmap = before.bitmap;
      if (bitmap === null) for (let i = 0; i < n; i++) composed[i] = codes[indices[i]!]!;
      else {
        for (let i = 0; i < n; i++) {
          const v = indices[i]!;
          if ((bitmap[v >> 3]! & (1 << (v & 7))) === 0) {
            validity.setNull(i);
            composed[i] = 0;
          } else composed[i] = codes[v]!;
        }
      }
      const encoded = { indices: composed, validity, values: trimmed.values, length: n };
      if (inference.type === 'category') return { vector: dictionaryVectorOf(encoded, isMissing), type: 'category' };
      const separator = inference.labelSeparator ?? null;
      return { vector: labelListFromDictionary(encoded, (raw) => splitLabels(raw, separator)), type: 'multi-label' };
    }
    default:
      return null;
  }
}

// Text keeps the parser's bytes as they are (no copy); a cell that is empty or a missing token
// ('N/A', '-') is marked missing, never invented. Tokens are short, so only short cells are decoded.
function textVector(column: ByteColumn): Vector {
  const offsets = column.offsets;
  const bytes = column.bytes;
  const validity = new ValidityBuilder(column.count);
  for (let i = 0; i < column.count; i++) {
    const length = offsets[i + 1]! - offsets[i]!;
    if (length === 0) validity.setNull(i);
    else if (length <= 12) {
      // Skip the decode for cells that start with a letter or digit other than n/N/u/U (no token does).
      const first = bytes[offsets[i]!]! | 0x20;
      if ((first >= 0x61 && first <= 0x7a && first !== 0x6e && first !== 0x75) || (first >= 0x30 && first <= 0x39)) continue;
      if (isMissing(column.get(i))) validity.setNull(i);
    }
  }
  return utf8VectorWith(column, validity.finish());
}

/**
 * Reads a plain decimal (`-12`, `3.25`, `.5`) straight from bytes, or returns NaN for anything
 * else (the library's parser then decides). Exact: at most 15 digits, divided once by an exact
 * power of ten, which rounds the same way Number() does.
 */
export function fastDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] === 0x20) i++;
  while (end > i && bytes[end - 1] === 0x20) end--;
  if (i === end) return NaN;
  let negative = false;
  const first = bytes[i]!;
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = bytes[i]!;
    const digit = c - 0x30;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
      if (seenDot) scale++;
    } else if (c === 0x2e && !seenDot) seenDot = true;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
  return negative ? -value : value;
}

const PLAIN_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const POW10: number[] = [];
for (let p = 0, v = 1; p <= 22; p++, v *= 10) POW10.push(v);

// The cleaning library says what is wrong with the cell; intake adds what happened to it.
function emptied(problem: CellProblem): { message: string; detail: CoreMessage } {
  const detail = coreMessage('problem.cell-emptied', { reason: problem.detail });
  return { message: englishText(detail), detail };
}

function numbersVector(values: Float64Array, validity: ValidityBuilder, integral: boolean, fitsInt32: boolean): Vector {
  return integral && fitsInt32 ? int32Vector(Int32Array.from(values), validity.finish()) : float64Vector(values, validity.finish());
}

function numberColumn(name: string, column: ByteColumn, lines: Int32Array, inference: ColumnInference, problems: ProblemSink): Vector {
  const n = column.count;
  const values = new Float64Array(n);
  const validity = new ValidityBuilder(n);
  const format = inference.numberFormat;
  const fast = !format || format.decimal === '.';
  const bytes = column.bytes;
  const offsets = column.offsets;
  let integral = true;
  let fitsInt32 = true;
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    if (s === e) {
      validity.setNull(i);
      continue;
    }
    let value = fast ? fastDecimal(bytes, s, e) : NaN;
    if (value !== value) {
      const raw = column.get(i);
      // A plain JS number literal ('1.5e-7', '0.12345678901234567') is read by Number(), which is
      // exact to the last bit; the library's reader rounds long mantissas and exponents slightly.
      const exact = fast && PLAIN_NUMBER.test(raw) ? Number(raw) : NaN;
      // (Number('1e309') is Infinity: that goes to the library's reader, which reports it as too large.)
      const parsed = Number.isFinite(exact) ? exact : parseNumberCell(raw, format);
      if (parsed === null) {
        validity.setNull(i);
        continue;
      }
      if (isCellProblem(parsed)) {
        validity.setNull(i);
        problems({ line: lines[i]!, column: name, ...emptied(parsed) });
        continue;
      }
      value = parsed;
    }
    values[i] = value;
    if (value !== Math.trunc(value)) integral = false;
    else if (value > 2147483647 || value < -2147483648) fitsInt32 = false;
  }
  // Whole numbers that fit become Int32 (half the memory of Float64); the type stays 'number'.
  return numbersVector(values, validity, integral, fitsInt32);
}

// Numeric ids (the catalogue's `id`) stay numbers; ids with letters stay text. A first pass only
// reads (is every cell a whole number without a leading zero, does it fit Int32?); the second
// writes, over the column's own offsets when `consume` allows (cell i's offset is read before
// value i is written there, and cell i + 1 only needs offsets i + 1 and i + 2).
function integerIds(column: ByteColumn, consume: boolean): Vector | null {
  const n = column.count;
  const bytes = column.bytes;
  const offsets = column.offsets;
  let fitsInt32 = true;
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    if (s === e) continue;
    const value = fastDecimal(bytes, s, e);
    if (value !== Math.trunc(value)) return null; // NaN or a fraction: not a numeric id
    // A leading zero ("00123") would be lost as a number.
    if (bytes[s] === 0x30 && e - s > 1) return null;
    if (value > 2147483647 || value < -2147483648) fitsInt32 = false;
  }
  const validity = new ValidityBuilder(n);
  const out = fitsInt32 ? (consume ? offsets.subarray(0, n) : new Int32Array(n)) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    if (s === e) {
      validity.setNull(i);
      out[i] = 0;
    } else out[i] = fastDecimal(bytes, s, e);
  }
  return out instanceof Int32Array ? int32Vector(out, validity.finish()) : float64Vector(out, validity.finish());
}

function fastIsoDate(bytes: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || bytes[s + 4] !== 0x2d || bytes[s + 7] !== 0x2d) return NaN;
  let year = 0;
  for (let k = s; k < s + 4; k++) {
    const d = bytes[k]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    year = year * 10 + d;
  }
  const m1 = bytes[s + 5]! - 0x30;
  const m2 = bytes[s + 6]! - 0x30;
  const d1 = bytes[s + 8]! - 0x30;
  const d2 = bytes[s + 9]! - 0x30;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  // Out-of-range parts go to the library, which explains what is wrong ("February has 28 days").
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return utcMs(year, month, day);
}

function dateColumn(name: string, column: ByteColumn, lines: Int32Array, inference: ColumnInference, problems: ProblemSink): Vector {
  const n = column.count;
  const ms = new Float64Array(n).fill(NaN);
  const validity = new ValidityBuilder(n);
  const parse = makeDateParser(inference.dateFormat!);
  const bytes = column.bytes;
  const offsets = column.offsets;
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    if (s === e) {
      validity.setNull(i);
      continue;
    }
    let value = fastIsoDate(bytes, s, e);
    if (value !== value) {
      const parsed = parse(column.get(i));
      if (parsed === null) {
        validity.setNull(i);
        continue;
      }
      if (isCellProblem(parsed)) {
        validity.setNull(i);
        problems({ line: lines[i]!, column: name, ...emptied(parsed) });
        continue;
      }
      value = parsed;
    }
    ms[i] = value;
  }
  return timestampVector(ms, validity.finish());
}

function booleanColumn(name: string, column: ByteColumn, lines: Int32Array, problems: ProblemSink): Vector {
  const n = column.count;
  const bits = new Uint8Array((n + 7) >> 3);
  const validity = new ValidityBuilder(n);
  const cache = new Map<string, boolean | null | CellProblem>();
  for (let i = 0; i < n; i++) {
    const raw = column.get(i);
    let result = cache.get(raw);
    if (result === undefined) {
      result = parseBooleanCell(raw);
      cache.set(raw, result);
    }
    if (result === true) bits[i >> 3]! |= 1 << (i & 7);
    else if (result !== false) {
      validity.setNull(i);
      if (result !== null) problems({ line: lines[i]!, column: name, ...emptied(result) });
    }
  }
  const finished = validity.finish();
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: finished.nullCount, nullBitmap: finished.bitmap ?? undefined, data: bits }));
}

/**
 * A date column made from a year column and a season column (the shared catalogue's
 * `year` + `season`), placed at the season's representative day for the hemisphere (the
 * library's rule); with no season column, 1 January of the year.
 */
export function deriveYearSeasonDate(year: CellColumn, season: CellColumn | null, seasonName: string, lines: Int32Array, hemisphere: Hemisphere, problems: ProblemSink): Vector {
  const n = year.count;
  const ms = new Float64Array(n).fill(NaN);
  const validity = new ValidityBuilder(n);
  const cache = new Map<string, number | null | CellProblem>();
  for (let i = 0; i < n; i++) {
    const yearRaw = year.get(i);
    const seasonRaw = season ? season.get(i) : '';
    const key = `${yearRaw}\u0000${seasonRaw}`;
    let result = cache.get(key);
    if (result === undefined) {
      const combined = combineYearSeason(yearRaw, seasonRaw, hemisphere);
      result = combined === null ? null : isCellProblem(combined) ? combined : combined.ms;
      cache.set(key, result);
    }
    if (typeof result === 'number') ms[i] = result;
    else {
      validity.setNull(i);
      if (result !== null) {
        const detail = coreMessage('problem.row-undated', { reason: result.detail });
        problems({ line: lines[i]!, column: seasonName, message: englishText(detail), detail });
      }
    }
  }
  return timestampVector(ms, validity.finish());
}
