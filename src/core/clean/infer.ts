/**
 * Column type inference from a column's name and a sample of its raw cells.
 *
 * The decision is made once per column and carries everything the per-cell parsers need (number
 * format, date decision, multi-label separator), so intake can infer on a sample and then read a
 * million cells without deciding again. Rules, in order: boolean, number / date (numbers that are
 * years or Excel serials become dates only in year- or date-named columns), id, multi-label, text,
 * category.
 */
import { detectDateFormat, looksLikeDateName, parseDate, type DateFormatDecision, type DayMonthOrder } from './date.ts';
import { detectLabelSeparator, type LabelSeparator } from './labels.ts';
import { isMissing } from './missing.ts';
import { looksLikeIdName, looksLikeYearName } from './names.ts';
import { detectNumberFormat, parseNumberCell, type NumberFormat } from './number.ts';
import { cellProblem, quoteCell, type CellProblem, type Hemisphere } from './types.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';

/** The types a column can have. */
export type ColumnType = 'number' | 'date' | 'boolean' | 'category' | 'text' | 'multi-label' | 'id';

/** A column as seen by inference: its header, a sample of raw cells and how many cells it has in all. */
export interface ColumnSample {
  /** The header as written in the file. */
  readonly name: string;
  /** Raw cells from the column (empty strings and tokens such as 'n/a' included); a few hundred to a few thousand is plenty. */
  readonly samples: readonly string[];
  /** How many cells the whole column has; defaults to the sample size. */
  readonly totalCount?: number;
}

/** Settings that change how inference reads dates. */
export interface InferOptions {
  /** Hemisphere for calendar seasons; 'north' unless told. */
  readonly hemisphere?: Hemisphere;
  /** Day/month order when no date settles it; 'dmy' unless told. */
  readonly defaultOrder?: DayMonthOrder;
  /** Characters never to treat as a multi-label separator (for example the file's own delimiter). */
  readonly notLabelSeparators?: readonly string[];
}

/** The inferred type of a column with the decisions needed to parse its cells. */
export interface ColumnInference {
  /** The column's type. */
  readonly type: ColumnType;
  /** How sure the inference is, 0–1 (the share of sample cells that fit, lowered for guesses). */
  readonly confidence: number;
  /** Why this type, in plain words. */
  readonly reason: string;
  /** For numbers: whether every sample value is whole. */
  readonly numberKind?: 'integer' | 'float';
  /** For numbers: the decimal separator decision. */
  readonly numberFormat?: NumberFormat;
  /** For dates: how to read them. */
  readonly dateFormat?: DateFormatDecision;
  /** For multi-label columns: the separator between labels. */
  readonly labelSeparator?: LabelSeparator;
  /** Sample cells looked at. */
  readonly sampled: number;
  /** Sample cells that were missing. */
  readonly missing: number;
  /** Distinct non-missing values in the sample. */
  readonly distinct: number;
  /** Cells in the whole column (the sample size when not given). */
  readonly totalCount: number;
  /** Notes for the report (ambiguous dates, decimal commas, splitting…), as message codes and parameters. */
  readonly notes: readonly CoreMessage[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', '是', '对', 'oui', 'ja', 'si', 'sí']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', '否', '不是', 'non', 'nein']);
const FLAG_NAME = /^(is|has|can|was|in)[_\s-]?[a-z]|[_\s-](flag|yn)$|^(flag|active|available|on[_\s-]?sale|in[_\s-]?stock)$/i;

/** Reads a boolean cell ('yes', 'FALSE', 'Y', '1', '是'): true/false, null when missing, or a problem. */
export function parseBooleanCell(raw: string): boolean | null | CellProblem {
  if (isMissing(raw)) return null;
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word) || word === '1') return true;
  if (FALSE_WORDS.has(word) || word === '0') return false;
  return cellProblem('unknown-value', coreMessage('cell.not-yes-no', { cell: quoteCell(raw) }));
}

/** Rough word count: space-separated words, with a run of Chinese/Japanese characters counted as one word per two characters. */
function words(text: string): number {
  let count = 0;
  let inWord = false;
  let cjkRun = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x3040 && code <= 0x9fff) {
      cjkRun++;
      inWord = false;
      continue;
    }
    count += cjkRun / 2;
    cjkRun = 0;
    const space = code <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count + cjkRun / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Infers a column's type from its name and a sample of raw cells, with the parse decisions and a confidence. */
export function inferColumnType(column: ColumnSample, options: InferOptions = {}): ColumnInference {
  const { name, samples } = column;
  const values = samples.filter((raw) => !isMissing(raw)).map((raw) => raw.trim());
  const distinctValues = new Set(values);
  const base = {
    sampled: samples.length,
    missing: samples.length - values.length,
    distinct: distinctValues.size,
    totalCount: column.totalCount ?? samples.length,
  };
  if (values.length === 0) {
    return { ...base, type: 'text', confidence: 0, reason: 'every sampled cell is empty', notes: [coreMessage('note.column-empty')] };
  }

  // Boolean: at most two distinct yes/no words; 0/1 only in a column named like a flag.
  const lower = new Set(values.map((v) => v.toLowerCase()));
  // Single letters alone are weak evidence ('F' could be female): both answers must appear.
  const singleLetters = [...lower].every((v) => v.length === 1);
  const yesNo = [...lower].every((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v)) && (!singleLetters || lower.size === 2);
  const zeroOne = [...lower].every((v) => v === '0' || v === '1');
  if (lower.size <= 2 && (yesNo || (zeroOne && FLAG_NAME.test(name.trim())))) {
    return { ...base, type: 'boolean', confidence: 1, reason: 'every value is yes/no', notes: [] };
  }

  // Codes with leading zeros ('00123', '0457') would lose them as numbers: treat them as codes.
  const leadingZeros = values.filter((v) => v.length > 1 && v.charCodeAt(0) === 48 && v.charCodeAt(1) >= 48 && v.charCodeAt(1) <= 57).length;
  const numberFormat = detectNumberFormat(values);
  let numeric = 0;
  let integers = 0;
  let allYears = true;
  for (const value of values) {
    const parsed = parseNumberCell(value, numberFormat);
    if (typeof parsed !== 'number') continue;
    numeric++;
    if (Number.isInteger(parsed)) integers++;
    if (!(Number.isInteger(parsed) && parsed >= 1800 && parsed <= 2200 && /^\d{4}(\.0+)?$/.test(value))) allYears = false;
  }
  const numericShare = numeric / values.length;
  const dateFormat = detectDateFormat(samples, { columnName: name, hemisphere: options.hemisphere, defaultOrder: options.defaultOrder });
  const dateShare = dateFormat.matched / Math.max(1, dateFormat.nonMissing);
  const numberNotes = numberFormat.note ? [numberFormat.note] : [];

  if (numericShare >= 0.95 && leadingZeros < 0.1 * values.length) {
    if (dateFormat.excelSerial || dateFormat.unixTime) {
      const what = dateFormat.excelSerial ? 'Excel dates' : 'Unix timestamps';
      return { ...base, type: 'date', confidence: round2(dateShare * 0.9), reason: `numbers in the range of ${what}, in a date-named column`, dateFormat, notes: dateFormat.notes };
    }
    if (allYears && numeric === values.length && (looksLikeYearName(name) || looksLikeDateName(name))) {
      return { ...base, type: 'date', confidence: 1, reason: 'four-digit years in a year- or date-named column', dateFormat, notes: dateFormat.notes };
    }
    // A named id column may hold a few duplicates (a data error to report, not a reason to sum it).
    const distinctRatio = distinctValues.size / values.length;
    const namedId = looksLikeIdName(name) && distinctRatio >= 0.9;
    const shapedId = distinctRatio === 1 && values.length >= 50 && sameLength(values) && values[0]!.length >= 5;
    if (integers === numeric && (namedId || shapedId)) {
      return { ...base, type: 'id', confidence: looksLikeIdName(name) ? 0.95 : 0.7, reason: 'unique whole numbers, named or shaped like codes', notes: [] };
    }
    return {
      ...base,
      type: 'number',
      confidence: round2(numericShare),
      reason: numberFormat.decimal === ',' ? 'numbers written with a decimal comma' : 'numbers',
      numberKind: integers === numeric ? 'integer' : 'float',
      numberFormat,
      notes: numberNotes,
    };
  }
  if (dateShare >= 0.8 && numericShare < dateShare && !codesThatReadAsDates(name, values, distinctValues.size, dateFormat)) {
    return { ...base, type: 'date', confidence: round2(dateShare), reason: `dates (${dateFormat.formats.join(', ')})`, dateFormat, notes: dateFormat.notes };
  }
  if (numericShare >= 0.8 && leadingZeros < 0.1 * values.length) {
    return {
      ...base, type: 'number', confidence: round2(numericShare * 0.9), reason: 'mostly numbers; the rest will be reported',
      numberKind: integers === numeric ? 'integer' : 'float', numberFormat, notes: numberNotes,
    };
  }

  const distinctRatio = distinctValues.size / values.length;
  const noSpaces = values.filter((v) => !/\s/.test(v)).length / values.length;
  const withDigits = values.filter((v) => /\d/.test(v)).length / values.length;
  if ((looksLikeIdName(name) && distinctRatio >= 0.9) || (values.length >= 10 && distinctRatio >= 0.95 && noSpaces >= 0.95 && withDigits >= 0.8)) {
    return { ...base, type: 'id', confidence: round2(looksLikeIdName(name) ? 0.9 : 0.75 * distinctRatio), reason: 'unique codes', notes: [] };
  }

  const labels = detectLabelSeparator(values, options.notLabelSeparators);
  if (labels.separator) {
    return {
      ...base, type: 'multi-label', confidence: round2(Math.min(1, 0.6 + labels.multiShare)), reason: 'several labels per cell',
      labelSeparator: labels.separator, notes: labels.note ? [labels.note] : [],
    };
  }

  const meanWords = values.reduce((sum, v) => sum + words(v), 0) / values.length;
  const meanLength = values.reduce((sum, v) => sum + v.length, 0) / values.length;
  const longText = meanWords >= 3 || meanLength >= 25;
  const uniqueNames = meanWords >= 2 && distinctRatio >= 0.9 && values.length >= 10;
  if (longText || uniqueNames) {
    return {
      ...base, type: 'text', confidence: round2(longText ? Math.min(1, 0.6 + distinctRatio * 0.4) : 0.6),
      reason: longText ? 'free text: several words per cell' : 'short names, nearly all different', notes: [],
    };
  }
  // Short values: a category (kept as a dictionary). Few repeats in a big sample lowers confidence.
  const confidence = values.length < 20 ? 0.7 : distinctRatio <= 0.5 ? 0.95 : 0.6;
  return { ...base, type: 'category', confidence, reason: 'short values that repeat', notes: [] };
}

// Periods a catalogue's time column can plausibly span: more than this many years of seasons is a run of codes.
const MAX_PERIOD_SPAN_YEARS = 60;
const MS_PER_YEAR = 365.25 * 86_400_000;

/**
 * Whether cells that read as coarse periods are really item codes: SKUs like "SS-2000", "AW-2013"
 * spell a season and a year. A catalogue's season or quarter column repeats (many items a season)
 * and a series file's periods follow each other; codes are all different and either sit under a
 * code-like header ("sku", "style code") or spread over more years than any collection history.
 */
function codesThatReadAsDates(name: string, values: readonly string[], distinct: number, decision: DateFormatDecision): boolean {
  if (decision.granularity === 'day' || decision.granularity === 'month') return false;
  if (values.length < 5 || distinct < 0.9 * values.length) return false;
  if (looksLikeDateName(name) || /season|季/i.test(name)) return false;
  if (looksLikeIdName(name)) return true;
  if (values.length < 10) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    const parsed = parseDate(value, decision);
    if (parsed === null || !('ms' in parsed)) continue;
    if (parsed.ms < min) min = parsed.ms;
    if (parsed.ms > max) max = parsed.ms;
  }
  return max - min > MAX_PERIOD_SPAN_YEARS * MS_PER_YEAR;
}

function sameLength(values: readonly string[]): boolean {
  return values.every((v) => v.length === values[0]!.length);
}
