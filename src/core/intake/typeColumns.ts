/**
 * Turns raw byte columns into typed Arrow vectors: infers each column's type and role from a
 * sample, then converts every cell, with byte-level fast paths for plain numbers and ISO dates
 * and the cleaning library's parsers for everything else. A cell that cannot be read becomes
 * missing and a problem with its line; its row stays in the table.
 */
import type { Vector } from 'apache-arrow';
import { ByteColumn } from '../arrow/byteColumn.ts';
import { dictionaryVector, float64Vector, int32Vector, labelListVector, timestampVector, utf8Vector, ValidityBuilder } from '../arrow/vectors.ts';
import { daysInMonth, utcMs } from '../clean/calendar.ts';
import type { IntakeProblem } from '../csv/parseCsv.ts';
import {
  combineYearSeason,
  guessRole,
  inferColumnType,
  isCellProblem,
  isMissing,
  makeDateParser,
  parseNumberCell,
  type ColumnRole,
  type ColumnType,
  type Hemisphere,
  type TypeGuess,
} from './cleanSeam.ts';

/** A column of the intake result as the mapping step shows it. */
export interface IntakeColumn {
  /** Column name (from the header, made unique). */
  name: string;
  /** Inferred type. */
  type: ColumnType;
  /** Guessed (or overridden) role. */
  role: ColumnRole;
  /** Arrow type of the vector, e.g. 'Dictionary<Int32, Utf8>'. */
  arrowType: string;
  /** Missing cells. */
  missing: number;
  /** True for columns Trendloom added (a date made from year + season). */
  derived?: boolean;
}

/** Options of typing. */
export interface TypingOptions {
  /** Hemisphere for calendar seasons ('north' unless told). */
  hemisphere?: Hemisphere;
  /** Roles forced by the user, by column name. */
  roles?: Record<string, ColumnRole>;
  /** Types forced by the user, by column name. */
  types?: Record<string, ColumnType>;
  /** The file's delimiter, never a multi-label separator. */
  delimiter?: string;
}

/** Where cell problems go; returns false once the listing cap is reached. */
export type ProblemSink = (problem: IntakeProblem) => void;

const SAMPLE_SIZE = 2000;
/** Categories with more distinct values than this (and than half the rows) are kept as text. */
const MAX_DICTIONARY = 65_536;

/** Up to SAMPLE_SIZE decoded cells spread evenly over the column (the first ones first). */
export function sampleColumn(column: ByteColumn): string[] {
  const n = column.count;
  const out: string[] = [];
  if (n <= SAMPLE_SIZE) {
    for (let i = 0; i < n; i++) out.push(column.get(i));
    return out;
  }
  // Half from the top (what the preview shows), half spread over the rest.
  const head = SAMPLE_SIZE / 2;
  for (let i = 0; i < head; i++) out.push(column.get(i));
  const step = (n - head) / head;
  for (let k = 0; k < head; k++) out.push(column.get(head + Math.floor(k * step)));
  return out;
}

/** One typed column: its vector and its description. */
export interface TypedColumn {
  /** The Arrow vector. */
  vector: Vector;
  /** Name, type, role and counts. */
  info: IntakeColumn;
}

/** Types one raw column, reporting bad cells to `problems` with their line. */
export function typeColumn(name: string, column: ByteColumn, lines: Int32Array, options: TypingOptions, problems: ProblemSink): TypedColumn {
  const samples = sampleColumn(column);
  const forced = options.types?.[name];
  let guess: TypeGuess = inferColumnType(name, samples, { delimiter: options.delimiter, hemisphere: options.hemisphere });
  if (forced && forced !== guess.type) guess = forcedGuess(name, forced, samples, options);
  const role = options.roles?.[name] ?? guessRole(name, guess.type, samples);
  let vector: Vector;
  let type = guess.type;
  switch (guess.type) {
    case 'integer':
    case 'number':
      ({ vector, type } = numberColumn(name, column, lines, guess, problems));
      break;
    case 'date':
      vector = dateColumn(name, column, lines, guess, problems);
      break;
    case 'multi-label':
      vector = labelListVector(column, (guess.separators ?? ['|', ';']).map((s) => s.charCodeAt(0)));
      break;
    case 'category': {
      const dictionary = dictionaryVector(column, Math.max(MAX_DICTIONARY, column.count >> 1));
      if (dictionary) vector = dictionary;
      else {
        vector = utf8Vector(column);
        type = 'text';
      }
      break;
    }
    default:
      vector = utf8Vector(column);
  }
  return { vector, info: { name, type, role, arrowType: String(vector.type), missing: vector.nullCount } };
}

function forcedGuess(name: string, type: ColumnType, samples: string[], options: TypingOptions): TypeGuess {
  const natural = inferColumnType(name, samples, { delimiter: options.delimiter, hemisphere: options.hemisphere });
  if (natural.type === type) return natural;
  if (type === 'integer' || type === 'number') return { type, numberFormat: inferColumnType(name, samples.filter((s) => typeof parseNumberCell(s) === 'number')).numberFormat };
  if (type === 'date') return { type, dateDecision: inferColumnType(name, samples).dateDecision };
  if (type === 'multi-label') return { type, separators: ['|', ';'].filter((s) => s !== options.delimiter) };
  return { type };
}

/**
 * Reads a plain decimal (`-12`, `3.25`, `.5`) straight from bytes, or returns NaN for anything
 * else (the slow path then decides). Exact: at most 15 digits, divided once by an exact power
 * of ten, which rounds the same way Number() does.
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

const POW10: number[] = [];
for (let p = 0, v = 1; p <= 22; p++, v *= 10) POW10.push(v);

// The cleaning library says what is wrong with the cell; intake adds what happened to it.
function problemMessage(problem: { message: string }): string {
  return `${problem.message}; the cell was left empty (the row is kept).`.replace(/^./, (c) => c.toUpperCase());
}

function numberColumn(name: string, column: ByteColumn, lines: Int32Array, guess: TypeGuess, problems: ProblemSink): { vector: Vector; type: ColumnType } {
  const n = column.count;
  const values = new Float64Array(n);
  const validity = new ValidityBuilder(n);
  const format = guess.numberFormat;
  const fast = !format || format.decimal === '.';
  const bytes = column.bytes;
  const offsets = column.offsets;
  let integral = true;
  let fitsInt32 = true;
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    let value = s === e ? NaN : fast ? fastDecimal(bytes, s, e) : NaN;
    if (value !== value) {
      if (s === e) {
        validity.setNull(i);
        continue;
      }
      const parsed = parseNumberCell(column.get(i), format);
      if (parsed === null) {
        validity.setNull(i);
        continue;
      }
      if (isCellProblem(parsed)) {
        validity.setNull(i);
        problems({ line: lines[i]!, column: name, message: problemMessage(parsed) });
        continue;
      }
      value = parsed as number;
    }
    values[i] = value;
    if (value !== Math.trunc(value)) integral = false;
    else if (value > 2147483647 || value < -2147483648) fitsInt32 = false;
  }
  const finished = validity.finish();
  // The sample said integer; the whole column decides (a decimal further down makes it a number).
  if (guess.type === 'integer' && integral && fitsInt32) return { vector: int32Vector(Int32Array.from(values), finished), type: 'integer' };
  return { vector: float64Vector(values, finished), type: guess.type === 'integer' && integral ? 'integer' : 'number' };
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
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return utcMs(year, month, day);
}

function dateColumn(name: string, column: ByteColumn, lines: Int32Array, guess: TypeGuess, problems: ProblemSink): Vector {
  const n = column.count;
  const ms = new Float64Array(n).fill(NaN);
  const validity = new ValidityBuilder(n);
  const parse = makeDateParser(guess.dateDecision!);
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
        problems({ line: lines[i]!, column: name, message: problemMessage(parsed) });
        continue;
      }
      value = parsed as number;
    }
    ms[i] = value;
  }
  return timestampVector(ms, validity.finish());
}

/**
 * A date column made from a year column and a season column (the shared catalogue's
 * `year` + `season`), placed at the season's representative day for the hemisphere.
 */
export function deriveYearSeasonDate(year: ByteColumn, season: ByteColumn, seasonName: string, lines: Int32Array, hemisphere: Hemisphere, problems: ProblemSink): Vector {
  const n = year.count;
  const ms = new Float64Array(n).fill(NaN);
  const validity = new ValidityBuilder(n);
  const cache = new Map<string, number | null | string>();
  for (let i = 0; i < n; i++) {
    const yearRaw = year.get(i);
    const seasonRaw = season.get(i);
    const key = `${yearRaw}\u0000${seasonRaw}`;
    let result = cache.get(key);
    if (result === undefined) {
      const combined = combineYearSeason(yearRaw, seasonRaw, hemisphere);
      result = combined === null ? null : isCellProblem(combined) ? combined.message : combined.ms;
      cache.set(key, result);
    }
    if (typeof result === 'number') ms[i] = result;
    else {
      validity.setNull(i);
      if (typeof result === 'string' && !isMissing(yearRaw)) problems({ line: lines[i]!, column: seasonName, message: `${result}; this row has no date (it is kept).`.replace(/^./, (c) => c.toUpperCase()) });
    }
  }
  return timestampVector(ms, validity.finish());
}
