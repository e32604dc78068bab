/**
 * Trend series as a typed set: shared dates, a frequency, and one value array per series.
 * Readers for wide CSV (date column + one column per series) and long CSV (date, series, value).
 * The CSV reading here is deliberately small (RFC 4180 quoting) so the forecaster does not
 * depend on the general intake parser.
 */
import { coreMessage, englishText, pushNote, unitMessage, type CoreMessage } from '../messages.ts';
import { daysInMonth } from '../clean/calendar.ts';
import { YEAR_RANGE } from '../clean/date.ts';
import { maxOf } from '../extent.ts';
import { decodeCsvText, type CsvTextOptions } from '../csv/decodeText.ts';

/** How often a series has a value. */
export type Frequency = 'day' | 'week' | 'month' | 'quarter' | 'half-year' | 'year';

/** One named series; values align with the set's dates, NaN where missing. */
export interface NamedSeries {
  /** Column / series name as the user gave it. */
  name: string;
  /** One value per date (NaN = missing). */
  values: Float64Array;
}

/** Several series on one regular date grid. */
export interface SeriesSet {
  /** Period start dates, epoch milliseconds (UTC), strictly increasing and regular. */
  dates: number[];
  /** Spacing of the dates. */
  frequency: Frequency;
  /** The series, all as long as `dates`. */
  series: NamedSeries[];
  /** Plain-language notes about what was repaired while reading (duplicates, gaps). */
  notes: string[];
  /** The same notes as message codes + parameters, index for index (absent when built without them). */
  noteDetails?: CoreMessage[];
}

/** A problem with a series file the user must fix; the message says what and where. */
export class SeriesInputError extends Error {
  override name = 'SeriesInputError';
}

const DAY_MS = 86_400_000;

/** Number of periods in one year (the seasonal cycle) for a frequency. */
export function periodsPerYear(frequency: Frequency): number {
  return { day: 7, week: 52, month: 12, quarter: 4, 'half-year': 2, year: 1 }[frequency];
}

/** How a series file's text is split into cells. */
export interface SeriesTextOptions {
  /** Field delimiter (default ','); with any other, a number may write its decimals with ',' ("12,5"). */
  delimiter?: string;
}

/** Splits CSV text into rows of cells (RFC 4180: quotes, doubled quotes, CRLF), fields separated by `delimiter` (default ','). */
export function readCsvRows(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first header
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date cell read: UTC epoch ms, or NaN with `why` saying what makes it impossible (absent when it is not a date at all). */
export interface DateCellReading {
  /** UTC epoch ms, NaN when the cell is not a real date. */
  ms: number;
  /** Why a date-shaped cell is not a real date, in plain words ("February 2019 has only 28 days"). */
  why?: string;
}

/** Reads a date cell (ISO date or date-time, YYYY/MM/DD, YYYY-MM or YYYY); impossible dates say why instead of rolling over. */
export function readDateCell(cell: string): DateCellReading {
  const s = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) return realDate(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return realDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return realDate(+m[1]!, +m[2]!, 1);
  m = /^(\d{4})$/.exec(s);
  if (m) return realDate(+m[1]!, 1, 1);
  return { ms: NaN };
}

// Date.UTC would roll 2019-02-30 into March and read years 0–99 as 1900–1999: check every part first.
function realDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): DateCellReading {
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return { ms: NaN, why: `${year} is not a plausible year (we read ${YEAR_RANGE.min} to ${YEAR_RANGE.max})` };
  if (month < 1 || month > 12) return { ms: NaN, why: `there is no month ${month}` };
  if (day < 1) return { ms: NaN, why: 'there is no day 0' };
  const days = daysInMonth(year, month);
  if (day > days) return { ms: NaN, why: `${MONTHS[month - 1]} ${year} has only ${days} days` };
  if (hour > 23 || minute > 59 || second > 59) return { ms: NaN, why: `${hour}:${String(minute).padStart(2, '0')}${second ? `:${String(second).padStart(2, '0')}` : ''} is not a time of day` };
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second) };
}

/** Parses a date cell (ISO date or date-time, or YYYY-MM / YYYY) to UTC epoch ms; NaN if unreadable or not a real date. */
export function parseDateCell(cell: string): number {
  return readDateCell(cell).ms;
}

/** The error for a row whose date cell cannot be used: impossible dates say why. */
function dateError(row: number, cell: string): SeriesInputError {
  const { why } = readDateCell(cell);
  if (why) return new SeriesInputError(`Row ${row}: "${cell}" is not a real date: ${why}.`);
  return new SeriesInputError(`Row ${row}: "${cell}" is not a date (expected e.g. 2019-03-25).`);
}

/** Parses a numeric cell; empty or 'NA'-like cells are missing (NaN). */
function parseValueCell(cell: string, where: string, decimalComma = false): number {
  let s = cell.trim();
  if (s === '' || /^(na|nan|null|none|-)$/i.test(s)) return NaN;
  // A ';'- or tab-separated file (European Excel) writes 12.5 as "12,5".
  if (decimalComma && /^[-+]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  const v = Number(s);
  if (!Number.isFinite(v)) throw new SeriesInputError(`${where}: "${cell}" is not a number.`);
  return v;
}

/** Infers the frequency from the typical spacing of sorted unique dates. */
export function inferFrequency(dates: readonly number[]): Frequency {
  if (dates.length < 2) return 'week';
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push((dates[i]! - dates[i - 1]!) / DAY_MS);
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median < 3.5) return 'day';
  if (median < 20) return 'week';
  if (median < 60) return 'month';
  if (median < 135) return 'quarter';
  if (median < 270) return 'half-year';
  return 'year';
}

/** The date one step (or `steps` steps) after `date` at the given frequency. */
export function addPeriods(date: number, frequency: Frequency, steps: number): number {
  if (frequency === 'day') return date + steps * DAY_MS;
  if (frequency === 'week') return date + steps * 7 * DAY_MS;
  const d = new Date(date);
  const months = steps * { month: 1, quarter: 3, 'half-year': 6, year: 12 }[frequency];
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** Formats an epoch-ms date as YYYY-MM-DD (UTC). */
export function formatDate(date: number): string {
  return new Date(date).toISOString().slice(0, 10);
}

/**
 * Puts (date, values) rows on a regular grid: averages duplicated dates, snaps irregular dates to
 * the nearest grid period, and leaves missing periods as NaN. Notes say what was repaired.
 */
export function regularize(rawDates: number[], rawValues: number[][], names: string[]): SeriesSet {
  const notes: string[] = [];
  const noteDetails: CoreMessage[] = [];
  const note = (message: CoreMessage) => pushNote(notes, noteDetails, message);
  const order = rawDates.map((_, i) => i).sort((a, b) => rawDates[a]! - rawDates[b]!);
  const unique = [...new Set(order.map((i) => rawDates[i]!))];
  if (unique.length < rawDates.length) note(coreMessage('note.repeated-dates', { n: rawDates.length - unique.length }));
  const frequency = inferFrequency(unique);
  const start = unique[0]!;
  // Grid index of each date: rounding snaps slightly irregular dates (e.g. a Tuesday in a weekly file) onto the grid.
  const indexOf = (date: number): number => {
    if (frequency === 'day' || frequency === 'week') return Math.round((date - start) / ((frequency === 'day' ? 1 : 7) * DAY_MS));
    const a = new Date(start);
    const b = new Date(date);
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + (b.getUTCDate() - a.getUTCDate()) / 30;
    const per = { month: 1, quarter: 3, 'half-year': 6, year: 12 }[frequency];
    return Math.round(months / per);
  };
  const length = indexOf(unique[unique.length - 1]!) + 1;
  if (length > 100_000) throw new SeriesInputError(`The dates span ${length} ${frequency}s, which is more than this tool can chart; check the date column.`);
  const sums = names.map(() => new Float64Array(length));
  const counts = names.map(() => new Float64Array(length));
  let snapped = 0;
  for (let r = 0; r < rawDates.length; r++) {
    const k = indexOf(rawDates[r]!);
    if (addPeriods(start, frequency, k) !== rawDates[r]) snapped++;
    for (let s = 0; s < names.length; s++) {
      const v = rawValues[r]![s]!;
      if (Number.isNaN(v)) continue;
      sums[s]![k] += v;
      counts[s]![k] += 1;
    }
  }
  if (snapped > 0) note(coreMessage('note.off-grid', { n: snapped, frequency: unitMessage(frequency) }));
  const dates = Array.from({ length }, (_, k) => addPeriods(start, frequency, k));
  const gridMissing = length - unique.length;
  if (gridMissing > 0) note(coreMessage('note.grid-missing', { n: gridMissing, frequency: unitMessage(frequency) }));
  const series = names.map((name, s) => ({ name, values: sums[s]!.map((sum, k) => (counts[s]![k]! > 0 ? sum / counts[s]![k]! : NaN)) }));
  return { dates, frequency, series, notes, noteDetails };
}

/** Reads a wide CSV: the first column holds dates (its header may be empty), every other column is a series. */
export function readWideCsv(text: string, options: SeriesTextOptions = {}): SeriesSet {
  const delimiter = options.delimiter ?? ',';
  const rows = readCsvRows(text, delimiter);
  if (rows.length < 2) throw new SeriesInputError('The file needs a header row and at least one row of dates and values.');
  const header = rows[0]!;
  if (header.length < 2) throw new SeriesInputError('The file needs a date column followed by at least one series column.');
  const names = header.slice(1).map((h, i) => h.trim() || `series_${i + 1}`);
  const dates: number[] = [];
  const values: number[][] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const date = parseDateCell(row[0] ?? '');
    if (Number.isNaN(date)) throw dateError(r + 1, row[0] ?? '');
    dates.push(date);
    values.push(names.map((_, s) => parseValueCell(row[s + 1] ?? '', `Row ${r + 1}, column "${names[s]}"`, delimiter !== ',')));
  }
  return regularize(dates, values, names);
}

/** Reads a long CSV with columns date, series, value (header names are matched loosely, else by position). */
export function readLongCsv(text: string, options: SeriesTextOptions = {}): SeriesSet {
  const delimiter = options.delimiter ?? ',';
  const rows = readCsvRows(text, delimiter);
  if (rows.length < 2) throw new SeriesInputError('The file needs a header row and at least one row of date, series and value.');
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const find = (re: RegExp, fallback: number) => {
    const i = header.findIndex((h) => re.test(h));
    return i >= 0 ? i : fallback;
  };
  const dateCol = find(/date|week|month|period|time/, 0);
  const nameCol = find(/series|name|label|trend|key/, 1);
  const valueCol = find(/value|share|count|units|y$/, 2);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const byDate = new Map<number, number[][]>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const date = parseDateCell(row[dateCol] ?? '');
    if (Number.isNaN(date)) throw dateError(r + 1, row[dateCol] ?? '');
    const name = (row[nameCol] ?? '').trim();
    if (!name) throw new SeriesInputError(`Row ${r + 1}: the series name is empty.`);
    if (!nameIndex.has(name)) {
      nameIndex.set(name, names.length);
      names.push(name);
    }
    const value = parseValueCell(row[valueCol] ?? '', `Row ${r + 1}`, delimiter !== ',');
    const list = byDate.get(date) ?? [];
    list.push([nameIndex.get(name)!, value]);
    byDate.set(date, list);
  }
  // One wide row per (date, repeat) so regularize() can average repeated (date, series) pairs.
  const dates: number[] = [];
  const values: number[][] = [];
  for (const [date, entries] of byDate) {
    const perSeries = names.map(() => [] as number[]);
    for (const [s, v] of entries) perSeries[s]!.push(v!);
    const depth = Math.max(1, maxOf(perSeries.map((l) => l.length)));
    for (let d = 0; d < depth; d++) {
      dates.push(date);
      values.push(perSeries.map((l) => (d < l.length ? l[d]! : NaN)));
    }
  }
  const set = regularize(dates, values, names);
  // Only real repeats count as "repeated"; the long layout naturally repeats each date once per series.
  const kept = set.notes.map((n) => !n.includes('repeated date'));
  set.notes = set.notes.filter((_, k) => kept[k]);
  set.noteDetails = set.noteDetails?.filter((_, k) => kept[k]);
  const repeats = [...byDate.values()].reduce((acc, e) => acc + e.length - new Set(e.map((x) => x[0])).size, 0);
  if (repeats > 0) {
    const message = coreMessage('note.repeated-rows', { n: repeats });
    set.notes.unshift(englishText(message));
    set.noteDetails?.unshift(message);
  }
  return set;
}

/** Reads either layout: long when the header looks like date, series, value; wide otherwise. */
export function readSeriesCsv(text: string, options: SeriesTextOptions = {}): SeriesSet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/)).toLowerCase().split(options.delimiter ?? ',').map((h) => h.trim().replace(/"/g, ''));
  const looksLong = firstLine.length === 3 && /series|name|label|trend|key/.test(firstLine[1]!) && /value|share|count|units/.test(firstLine[2]!);
  return looksLong ? readLongCsv(text, options) : readWideCsv(text, options);
}

/**
 * Reads a series file from its bytes: encoding (UTF-8 with or without BOM, UTF-16 LE/BE,
 * Windows-1252) and delimiter (`,` `;` tab `|`) are found as intake finds them for catalogues.
 */
export function readSeriesBytes(bytes: Uint8Array, options: CsvTextOptions = {}): SeriesSet {
  const { text, delimiter } = decodeCsvText(bytes, options);
  return readSeriesCsv(text, { delimiter });
}

/** Keeps only the dates on or before `lastDate` (epoch ms). */
export function cutSeriesSet(set: SeriesSet, lastDate: number): SeriesSet {
  const keep = set.dates.filter((d) => d <= lastDate).length;
  return { ...set, dates: set.dates.slice(0, keep), series: set.series.map((s) => ({ name: s.name, values: s.values.slice(0, keep) })) };
}
