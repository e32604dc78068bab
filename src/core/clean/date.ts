/**
 * Dates as catalogues write them: ISO (`2019-03-04`, `2019-03-04T10:30Z`), `d/m/Y` or `m/d/Y`
 * (decided per column), month names (`Mar 2019`, `4 March 2019`), Chinese (`2019年3月4日`),
 * Excel serials, Unix time, quarters (`2019Q3`, `Q3 2019`), fashion seasons (`SS19`, `AW19`, `FW2019`,
 * `Spring/Summer 2019`, `Resort 2020` and `Cruise 2020` with SS, `Pre-Fall 2019` with AW), calendar
 * seasons (`Fall 2019`) and plain years (`2019`).
 *
 * `detectDateFormat` looks at a sample once and settles what the data cannot say cell by cell
 * (day/month order, whether numbers are Excel serials); `parseDateCell` then reads each cell. ISO
 * and numeric dates are read with a character scan; only worded dates go through a tokenizer.
 *
 * Every value is UTC epoch milliseconds; a time without a zone is read as UTC (no time-zone guessing).
 * Coarse values stand for a representative day, always documented with its granularity:
 * - month → the 1st; quarter → the quarter's first day; year → 1 January;
 * - fashion season → SS = 15 April, AW = 15 October of the stated year (SS runs February–July and
 *   AW August–January; the 15th of a middle month cannot slip into a neighbouring season or month
 *   when shown in any time zone);
 * - calendar season → the 15th of its middle month, except the season that spans the new year
 *   (winter in the north, summer in the south), which is 15 December of the stated year so the
 *   derived year and fashion season stay the ones written in the file ("Winter 2016" → 2016-12-15).
 * Two-digit years: 00–69 → 2000–2069, 70–99 → 1970–1999.
 */
import { MONTH_NAMES, MS_PER_DAY, daysInMonth, utcMs } from './calendar.ts';
import { isMissingRange, isSpaceCode, trimEnd, trimStart } from './missing.ts';
import { headerHas, headerWords } from './names.ts';
import { parseNumberCell } from './number.ts';
import { cellProblem, quoteCell, type CellProblem, type Granularity, type Hemisphere, type NumericCell } from './types.ts';
import { coreMessage, listMessage, unitMessage, type CoreMessage } from '../messages.ts';

/** The ways a date can be written, as recognised by the parser. */
export type DateFormatKind =
  | 'iso' // 2019-03-04, 2019/03/04, 2019-03-04T10:30:00Z, 2019-03
  | 'day-month-year' // 04/03/2019, 4.3.19
  | 'month-day-year' // 03/04/2019 read month first
  | 'month-year' // 03/2019
  | 'month-name' // Mar 2019, 4 March 2019, March 4, 2019, 04-Mar-19
  | 'chinese' // 2019年3月4日, 2019年3月, 2019年第3季度, 2019春夏
  | 'quarter' // 2019Q3, Q3 2019, 2019-Q3
  | 'fashion-season' // SS19, AW19, FW2019, Spring/Summer 2019
  | 'calendar-season' // Fall 2019, Summer 2019
  | 'year' // 2019
  | 'excel-serial' // 43530 (days since 1899-12-30)
  | 'unix-time'; // 1551657600 (seconds) or 1551657600000 (milliseconds) since 1970

/** Order of the first two parts of a numeric date such as 03/04/2019. */
export type DayMonthOrder = 'dmy' | 'mdy';

/** A calendar season name (meteorological: three whole months). */
export type CalendarSeason = 'spring' | 'summer' | 'autumn' | 'winter';

/** A fashion season half: Spring/Summer or Autumn/Winter (also written Fall/Winter). */
export type FashionHalf = 'SS' | 'AW';

/** What a column's sample says about how to read its dates. */
export interface DateFormatDecision {
  /** How to read numeric dates whose first two parts are both ≤ 12. */
  readonly order: DayMonthOrder;
  /** 'data' when a cell settled the order, 'default' when none could, 'not-needed' with no such dates. */
  readonly orderDecidedBy: 'data' | 'default' | 'not-needed';
  /** Whether plain numbers are Excel serials (only for date-named columns). */
  readonly excelSerial: boolean;
  /** Whether plain numbers are Unix timestamps, and in which unit (only for date-named columns). */
  readonly unixTime: 'seconds' | 'milliseconds' | null;
  /** Hemisphere used to place calendar seasons ("Summer 2019"). */
  readonly hemisphere: Hemisphere;
  /** The formats seen in the sample, most common first. */
  readonly formats: readonly DateFormatKind[];
  /** The most common granularity of the sample's dates ('day' when there were none). */
  readonly granularity: Granularity;
  /** Sample cells read as dates. */
  readonly matched: number;
  /** Sample cells that were not missing. */
  readonly nonMissing: number;
  /** Notes for the report (ambiguous order, Excel serials, mixed precision), as message codes and parameters. */
  readonly notes: readonly CoreMessage[];
}

/** A date read from one cell, with how precise it is and how it was written. */
export interface ParsedDate {
  /** UTC epoch milliseconds of the date (or its representative day). */
  readonly ms: number;
  /** What the cell names: a day, a month, a quarter, a season or a year. */
  readonly granularity: Granularity;
  /** The way the cell was written. */
  readonly format: DateFormatKind;
}

/** Options for `detectDateFormat`. */
export interface DateDetectOptions {
  /** The column's header, used to allow Excel serials only in date-named columns. */
  readonly columnName?: string;
  /** Hemisphere for calendar seasons; 'north' unless told. */
  readonly hemisphere?: Hemisphere;
  /** Order used when no cell settles it; 'dmy' unless told (most of the world writes day first). */
  readonly defaultOrder?: DayMonthOrder;
  /** The user said this column holds dates: bare numbers may be Excel serials or Unix time whatever the header. */
  readonly knownDates?: boolean;
}

/** A decision for reading cells without looking at a sample first: day first, no Excel serials, north. */
export const DEFAULT_DATE_DECISION: DateFormatDecision = {
  order: 'dmy',
  orderDecidedBy: 'default',
  excelSerial: false,
  unixTime: null,
  hemisphere: 'north',
  formats: [],
  granularity: 'day',
  matched: 0,
  nonMissing: 0,
  notes: [],
};

/** Earliest and latest plain year we accept as a year rather than a number. */
export const YEAR_RANGE = { min: 1800, max: 2200 } as const;
/** Unix timestamps (seconds) we accept as dates: 2000-01-01 to 2100-01-01; milliseconds are 1000× these. */
export const UNIX_SECONDS_RANGE = { min: 946_684_800, max: 4_102_444_800 } as const;
/** Excel serials we accept as dates: 1970-01-01 (25569) to 2100-01-01 (73051). */
export const EXCEL_SERIAL_RANGE = { min: 25_569, max: 73_051 } as const;
const EXCEL_EPOCH_SERIAL = 25_569; // serial of 1970-01-01 in Excel's 1900 date system

// ---------------------------------------------------------------------------------------------
// The scan. `read` returns a status and leaves its result in `out`, so the hot path allocates
// nothing; public functions copy what they need out of it. The scan, its scratch state and the
// worded-date rules stay in this one module on purpose: splitting them into modules that share
// `out` made ISO parsing about three times slower under Node (measured with bench/clean.ts).

// How a bare number is read: as a year only, or also as an Excel serial / Unix time.
const PLAIN_YEAR = 0;
const PLAIN_EXCEL = 1;
const PLAIN_UNIX_SECONDS = 2;
const PLAIN_UNIX_MS = 3;

function plainNumberMode(decision: DateFormatDecision): number {
  if (decision.excelSerial) return PLAIN_EXCEL;
  if (decision.unixTime === 'seconds') return PLAIN_UNIX_SECONDS;
  if (decision.unixTime === 'milliseconds') return PLAIN_UNIX_MS;
  return PLAIN_YEAR;
}

const OK = 0;
const MISSING = 1;
const FAIL = 2;
const NOT_THIS = 3; // the shape did not match; try the next reader

const out = {
  ms: 0,
  granularity: 'day' as Granularity,
  format: 'iso' as DateFormatKind,
  problem: null as CellProblem | null,
  // The first two numbers of a numeric date (for deciding day/month order).
  first: 0,
  second: 0,
};

function fail(problem: CellProblem): number {
  out.problem = problem;
  return FAIL;
}

function unreadable(raw: string): number {
  return fail(cellProblem('not-a-date', coreMessage('cell.not-a-date', { cell: quoteCell(raw) })));
}

function impossible(raw: string, why: CoreMessage): number {
  return fail(cellProblem('impossible-date', coreMessage('cell.impossible-date', { cell: quoteCell(raw), why })));
}

/** Checks month and day, writes a day-or-month result; `day` 0 means "month only". */
function setYmd(raw: string, year: number, month: number, day: number, timeMs: number, format: DateFormatKind): number {
  // '0000-01-01' or '0019-03-04' is a typing slip, not a date in antiquity: the same years as words and plain years.
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return impossible(raw, coreMessage('why.implausible-year', { year }));
  if (month < 1 || month > 12) return impossible(raw, coreMessage('why.no-month', { month }));
  if (day > daysInMonth(year, month)) {
    return impossible(raw, coreMessage('why.short-month', { monthName: MONTH_NAMES[month - 1]!, month, year, days: daysInMonth(year, month) }));
  }
  out.ms = utcMs(year, month, day === 0 ? 1 : day) + timeMs;
  out.granularity = day === 0 ? 'month' : 'day';
  out.format = format;
  return OK;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `count` digits at i, or -1 if any is not a digit. */
function digitsAt(raw: string, i: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = raw.charCodeAt(i + k) - 48; // NaN past the end of the string
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Length of the digit run starting at i (stops at end). */
function digitRun(raw: string, i: number, end: number): number {
  let k = i;
  while (k < end && isDigit(raw.charCodeAt(k))) k++;
  return k - i;
}

function twoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

// Time of day after a date: `T` or space, HH:MM[:SS[.fff]] [AM|PM], then Z, ±HH:MM, ±HHMM, UTC or nothing.
// Leaves the milliseconds since midnight (shifted to UTC) in `timeOfDay`; returns OK or FAIL.
let timeOfDay = 0;
function readTime(raw: string, i: number, end: number): number {
  timeOfDay = 0;
  if (i === end) return OK;
  const sep = raw.charCodeAt(i);
  if (sep !== 84 && sep !== 116 && !isSpaceCode(sep)) return unreadable(raw);
  i++;
  while (i < end && isSpaceCode(raw.charCodeAt(i))) i++;
  const hourDigits = digitRun(raw, i, end);
  if (hourDigits < 1 || hourDigits > 2 || raw.charCodeAt(i + hourDigits) !== 58) return unreadable(raw);
  const hour = digitsAt(raw, i, hourDigits);
  i += hourDigits + 1;
  const minute = digitsAt(raw, i, 2);
  if (minute < 0) return unreadable(raw);
  i += 2;
  let second = 0;
  let millis = 0;
  if (i < end && raw.charCodeAt(i) === 58) {
    second = digitsAt(raw, i + 1, 2);
    if (second < 0) return unreadable(raw);
    i += 3;
    if (i < end && (raw.charCodeAt(i) === 46 || raw.charCodeAt(i) === 44)) {
      i++;
      let scale = 100;
      const fractionStart = i;
      for (; i < end && isDigit(raw.charCodeAt(i)); i++) {
        millis += (raw.charCodeAt(i) - 48) * scale;
        scale /= 10;
      }
      if (i === fractionStart) return unreadable(raw);
      millis = Math.floor(millis);
    }
  }
  while (i < end && isSpaceCode(raw.charCodeAt(i))) i++;
  // 12-hour clock: "10:30 PM"; 12 AM is midnight and 12 PM is noon.
  let hour24 = hour;
  if (i + 1 < end && (raw.charCodeAt(i + 1) | 0x20) === 109) {
    const meridiem = raw.charCodeAt(i) | 0x20;
    if (meridiem === 97 || meridiem === 112) {
      if (hour < 1 || hour > 12) return impossible(raw, coreMessage('why.no-time'));
      hour24 = (hour % 12) + (meridiem === 112 ? 12 : 0);
      i += 2;
      while (i < end && isSpaceCode(raw.charCodeAt(i))) i++;
    }
  }
  if (hour24 > 24 || minute > 59 || second > 60 || (hour24 === 24 && (minute > 0 || second > 0 || millis > 0))) {
    return impossible(raw, coreMessage('why.no-time'));
  }
  let offsetMinutes = 0;
  if (i < end) {
    const c = raw.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === end) i++;
    else if (c === 43 || c === 45) {
      const sign = c === 45 ? -1 : 1;
      const hh = digitsAt(raw, i + 1, 2);
      let k = i + 3;
      if (k < end && raw.charCodeAt(k) === 58) k++;
      const mm = k < end ? digitsAt(raw, k, 2) : 0;
      if (hh < 0 || mm < 0 || hh > 14 || mm > 59) return unreadable(raw);
      offsetMinutes = sign * (hh * 60 + mm);
      i = k < end ? k + 2 : k;
    } else if (end - i === 3 && (raw.slice(i, end).toUpperCase() === 'UTC' || raw.slice(i, end).toUpperCase() === 'GMT')) {
      i = end;
    }
    if (i !== end) return unreadable(raw);
  }
  // A leap second is folded into the next second; a zone offset moves the time to UTC.
  timeOfDay = ((hour24 * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return OK;
}

/** YYYY-MM[-DD][time] with '-', '/' or '.' separators. */
function readIso(raw: string, start: number, end: number): number {
  const year = digitsAt(raw, start, 4);
  const sep = raw.charCodeAt(start + 4);
  let i = start + 5;
  const monthDigits = digitRun(raw, i, end);
  if (monthDigits < 1 || monthDigits > 2) return NOT_THIS;
  const month = digitsAt(raw, i, monthDigits);
  i += monthDigits;
  if (i === end) return setYmd(raw, year, month, 0, 0, 'iso');
  if (raw.charCodeAt(i) !== sep) return NOT_THIS;
  i++;
  const dayDigits = digitRun(raw, i, end);
  if (dayDigits < 1 || dayDigits > 2) return NOT_THIS;
  const day = digitsAt(raw, i, dayDigits);
  i += dayDigits;
  if (readTime(raw, i, end) !== OK) return FAIL;
  if (day === 0) return impossible(raw, coreMessage('why.day-zero'));
  return setYmd(raw, year, month, day, timeOfDay, 'iso');
}

/** A/B/C or A/C (month/year) with '/', '-' or '.' separators; A and B are 1–2 digits. */
function readNumeric(raw: string, start: number, end: number, order: DayMonthOrder): number {
  const aDigits = digitRun(raw, start, end);
  const a = digitsAt(raw, start, aDigits);
  const sep = raw.charCodeAt(start + aDigits);
  let i = start + aDigits + 1;
  const bDigits = digitRun(raw, i, end);
  if (bDigits === 0) return NOT_THIS;
  const b = digitsAt(raw, i, bDigits);
  i += bDigits;
  if (bDigits === 4 && i === end) {
    out.first = 0;
    out.second = 0;
    return setYmd(raw, b, a, 0, 0, 'month-year'); // 03/2019
  }
  if (bDigits > 2 || i === end || raw.charCodeAt(i) !== sep) return NOT_THIS;
  i++;
  const cDigits = digitRun(raw, i, end);
  if (cDigits !== 2 && cDigits !== 4) return NOT_THIS;
  const c = digitsAt(raw, i, cDigits);
  i += cDigits;
  out.first = a;
  out.second = b;
  if (readTime(raw, i, end) !== OK) return FAIL;
  const year = cDigits === 2 ? twoDigitYear(c) : c;
  const day = order === 'dmy' ? a : b;
  const month = order === 'dmy' ? b : a;
  if (day === 0) return impossible(raw, coreMessage('why.day-zero'));
  if (month > 12) {
    return impossible(raw, coreMessage(day > 12 ? 'why.no-month' : order === 'dmy' ? 'why.no-month-dmy' : 'why.no-month-mdy', { month }));
  }
  return setYmd(raw, year, month, day, timeOfDay, order === 'dmy' ? 'day-month-year' : 'month-day-year');
}

/** Core reader: status OK / MISSING / FAIL with the result or problem in `out`. */
function read(raw: string, order: DayMonthOrder, plainNumbers: number, hemisphere: Hemisphere): number {
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    // Fast path for the commonest cell, a bare ISO day 'YYYY-MM-DD'.
    const year = digitsAt(raw, 0, 4);
    const month = digitsAt(raw, 5, 2);
    const day = digitsAt(raw, 8, 2);
    if (year >= YEAR_RANGE.min && year <= YEAR_RANGE.max && month >= 1 && month <= 12 && day >= 1 && day <= 28) {
      out.first = 0;
      out.second = 0;
      out.ms = utcMs(year, month, day);
      out.granularity = 'day';
      out.format = 'iso';
      return OK;
    }
  }
  const start = trimStart(raw);
  const end = trimEnd(raw, start);
  if (isMissingRange(raw, start, end)) return MISSING;
  out.first = 0;
  out.second = 0;
  const lead = digitRun(raw, start, end);
  if (lead > 0) {
    const next = start + lead < end ? raw.charCodeAt(start + lead) : -1;
    const dateSeparator = next === 45 || next === 47 || next === 46;
    if (lead === 4 && dateSeparator && isDigit(raw.charCodeAt(start + 5))) {
      const status = readIso(raw, start, end);
      if (status !== NOT_THIS) return status;
    } else if (lead <= 2 && dateSeparator && isDigit(raw.charCodeAt(start + lead + 1))) {
      const status = readNumeric(raw, start, end, order);
      if (status !== NOT_THIS) return status;
    }
    if (start + lead === end || (next === 46 && digitRun(raw, start + lead + 1, end) === end - start - lead - 1)) {
      return readPlainNumber(raw, start, end, lead, plainNumbers);
    }
  }
  return readWords(raw, start, end, hemisphere);
}

/** A bare number: a year, or an Excel serial or Unix time in a column decided to hold them. */
function readPlainNumber(raw: string, start: number, end: number, lead: number, mode: number): number {
  if (mode === PLAIN_UNIX_SECONDS || mode === PLAIN_UNIX_MS) {
    // (A run of digits too long for a number reads as a problem, not a number: out of range too.)
    const value = parseNumberCell(raw, '.');
    const seconds = typeof value !== 'number' ? NaN : mode === PLAIN_UNIX_SECONDS ? value : value / 1000;
    if (!(seconds >= UNIX_SECONDS_RANGE.min && seconds <= UNIX_SECONDS_RANGE.max)) {
      return fail(cellProblem('not-a-date', coreMessage('cell.timestamp-range', { cell: quoteCell(raw) })));
    }
    out.ms = Math.round(seconds * 1000);
    out.granularity = 'day';
    out.format = 'unix-time';
    return OK;
  }
  if (mode === PLAIN_EXCEL) {
    const read = parseNumberCell(raw, '.');
    const serial = typeof read === 'number' ? read : NaN;
    if (!(serial >= EXCEL_SERIAL_RANGE.min && serial <= EXCEL_SERIAL_RANGE.max)) {
      return fail(cellProblem('not-a-date', coreMessage('cell.excel-range', { cell: quoteCell(raw) })));
    }
    out.ms = Math.round((serial - EXCEL_EPOCH_SERIAL) * MS_PER_DAY);
    out.granularity = 'day';
    out.format = 'excel-serial';
    return OK;
  }
  if (lead === 4 && start + lead === end) {
    const year = digitsAt(raw, start, 4);
    if (year >= YEAR_RANGE.min && year <= YEAR_RANGE.max) {
      out.ms = utcMs(year, 1, 1);
      out.granularity = 'year';
      out.format = 'year';
      return OK;
    }
  }
  return unreadable(raw);
}

// ---------------------------------------------------------------------------------------------
// Worded dates: a small tokenizer, then rules. Slow path by design (these cells are rare in big
// files and short), so clarity wins over speed here.

const MONTH_WORDS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3], ['apr', 4], ['april', 4],
  ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7], ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9],
  ['september', 9], ['oct', 10], ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);
// Words that carry no date information in "Monday, 4th of March 2019".
const FILLER_WORDS = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday',
  'sat', 'saturday', 'sun', 'sunday', 'of', 'the', 'st', 'nd', 'rd', 'th', 'season', 'collection',
]);
const SEASON_WORDS: ReadonlyMap<string, CalendarSeason | FashionHalf> = new Map<string, CalendarSeason | FashionHalf>([
  ['spring', 'spring'], ['summer', 'summer'], ['fall', 'autumn'], ['autumn', 'autumn'], ['winter', 'winter'],
  ['ss', 'SS'], ['aw', 'AW'], ['fw', 'AW'], ['sprsum', 'SS'],
  // Between-season collections, filed with the main season they are sold in: Resort/Cruise with
  // Spring/Summer, Pre-Fall (see isPreFall) with Autumn/Winter.
  ['resort', 'SS'], ['cruise', 'SS'],
]);

/** Whether `word` and the next token spell "Pre-Fall" / "Pre-Autumn". */
function isPreFall(word: string, next: Token | undefined): boolean {
  return word === 'pre' && next?.kind === 'word' && (next.text === 'fall' || next.text === 'autumn');
}

type Token = { kind: 'number'; value: number; digits: number } | { kind: 'word'; text: string } | { kind: 'cjk'; char: string };

const CJK_MARKS = '年月日号季度第春夏秋冬';
const CJK_NUMERALS = '一二三四';

function tokenize(raw: string, start: number, end: number): Token[] | null {
  const tokens: Token[] = [];
  let i = start;
  let lastWasSingleLetter = false;
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) {
      const n = digitRun(raw, i, end);
      tokens.push({ kind: 'number', value: Number(raw.slice(i, i + n)), digits: n });
      i += n;
      lastWasSingleLetter = false;
    } else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) {
      let k = i;
      while (k < end && ((raw.charCodeAt(k) | 0x20) >= 97 && (raw.charCodeAt(k) | 0x20) <= 122)) k++;
      const text = raw.slice(i, k).toLowerCase();
      // A word that can never be part of a date ends the scan early (most text cells stop here).
      if (text.length > 1 && !MONTH_WORDS.has(text) && !SEASON_WORDS.has(text) && !FILLER_WORDS.has(text) && text !== 'pre') return null;
      // "S/S 19", "A/W 19": join single letters split by a separator into one word.
      const previous = tokens[tokens.length - 1];
      if (text.length === 1 && lastWasSingleLetter && previous?.kind === 'word' && text !== 'q') {
        tokens[tokens.length - 1] = { kind: 'word', text: previous.text + text };
      } else tokens.push({ kind: 'word', text });
      lastWasSingleLetter = text.length === 1 && text !== 'q';
      i = k;
    } else if (CJK_MARKS.includes(raw[i]!)) {
      tokens.push({ kind: 'cjk', char: raw[i]! });
      i++;
      lastWasSingleLetter = false;
    } else if (CJK_NUMERALS.includes(raw[i]!)) {
      tokens.push({ kind: 'number', value: CJK_NUMERALS.indexOf(raw[i]!) + 1, digits: 1 });
      i++;
      lastWasSingleLetter = false;
    } else if (c === 32 || c === 44 || c === 45 || c === 47 || c === 46 || c === 39 || c === 0x2019 || c === 95 || isSpaceCode(c) || c === 0xff0c) {
      i++; // separators: space , - / . ' _ ，
    } else return null;
  }
  return tokens;
}

// The longest worded date we read is about 30 characters ("Wednesday, 25th of September 2019");
// anything much longer is prose, and saying so early keeps inference fast on text columns.
const LONGEST_WORDED_DATE = 40;

/** Worded dates: month names, quarters, seasons, Chinese. */
function readWords(raw: string, start: number, end: number, hemisphere: Hemisphere): number {
  if (end - start > LONGEST_WORDED_DATE) return unreadable(raw);
  const tokens = tokenize(raw, start, end);
  if (!tokens || tokens.length === 0) return unreadable(raw);
  let year = -1;
  let month = -1;
  let day = -1;
  let quarter = -1;
  let chinese = false;
  const seasons: (CalendarSeason | FashionHalf)[] = [];
  const loose: { value: number; digits: number }[] = [];

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const next = tokens[t + 1];
    if (token.kind === 'number') {
      // Chinese marks name the number before them.
      if (next?.kind === 'cjk' && '年月日号季'.includes(next.char)) {
        chinese = true;
        if (next.char === '年') year = token.value;
        else if (next.char === '月') month = token.value;
        else if (next.char === '季') quarter = token.value;
        else day = token.value;
        t++;
      } else loose.push(token);
    } else if (token.kind === 'cjk') {
      chinese = true;
      if (token.char === '春' && next?.kind === 'cjk' && next.char === '夏') (seasons.push('SS'), t++);
      else if (token.char === '秋' && next?.kind === 'cjk' && next.char === '冬') (seasons.push('AW'), t++);
      else if (token.char === '春') seasons.push('spring');
      else if (token.char === '夏') seasons.push('summer');
      else if (token.char === '秋') seasons.push('autumn');
      else if (token.char === '冬') seasons.push('winter');
      else if (token.char === '第' || token.char === '季' || token.char === '度') continue;
      else return unreadable(raw);
    } else {
      const word = token.text;
      if (word === 'q' && next?.kind === 'number' && next.digits === 1) {
        quarter = next.value;
        t++;
      } else if (MONTH_WORDS.has(word)) {
        if (month !== -1) return unreadable(raw);
        month = MONTH_WORDS.get(word)!;
      } else if (isPreFall(word, next)) {
        seasons.push('AW');
        t++;
      } else if (SEASON_WORDS.has(word)) {
        seasons.push(SEASON_WORDS.get(word)!);
      } else if (!FILLER_WORDS.has(word)) {
        return unreadable(raw);
      }
    }
  }

  // Unlabelled numbers: a 4-digit one is the year; small ones are a day, or a two-digit year.
  for (const n of loose) {
    if (n.digits === 4 && year === -1) year = n.value;
    else if (n.digits <= 2 && month !== -1 && day === -1 && !(seasons.length > 0 || quarter !== -1)) day = n.value;
    else if (n.digits === 2 && year === -1) year = twoDigitYear(n.value);
    else return unreadable(raw);
  }
  // "Mar-19" (how spreadsheets write a month) is March 2019, not 19 March of an unknown year.
  if (month !== -1 && day !== -1 && year === -1 && loose.length === 1 && loose[0]!.digits === 2) {
    year = twoDigitYear(day);
    day = -1;
  }
  if (year === -1) return fail(cellProblem('not-a-date', coreMessage('cell.no-year', { cell: quoteCell(raw) })));
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return impossible(raw, coreMessage('why.implausible-year', { year }));

  if (seasons.length > 0) {
    if (month !== -1 || day !== -1 || quarter !== -1) return unreadable(raw);
    const season = combineSeasonWords(seasons);
    if (!season) return unreadable(raw);
    out.ms = seasonMs(year, season, hemisphere);
    out.granularity = 'season';
    out.format = chinese ? 'chinese' : season === 'SS' || season === 'AW' ? 'fashion-season' : 'calendar-season';
    return OK;
  }
  if (quarter !== -1) {
    if (month !== -1 || day !== -1) return unreadable(raw);
    if (quarter < 1 || quarter > 4) return impossible(raw, coreMessage('why.no-quarter', { quarter }));
    out.ms = utcMs(year, quarter * 3 - 2, 1);
    out.granularity = 'quarter';
    out.format = chinese ? 'chinese' : 'quarter';
    return OK;
  }
  if (month !== -1) {
    if (day === 0) return impossible(raw, coreMessage('why.day-zero'));
    return setYmd(raw, year, month, day === -1 ? 0 : day, 0, chinese ? 'chinese' : 'month-name');
  }
  if (day !== -1) return unreadable(raw);
  out.ms = utcMs(year, 1, 1);
  out.granularity = 'year';
  out.format = chinese ? 'chinese' : 'year';
  return OK;
}

/** Spring+Summer → SS, Autumn/Fall+Winter → AW, one word → itself; anything else → null. */
function combineSeasonWords(words: readonly (CalendarSeason | FashionHalf)[]): CalendarSeason | FashionHalf | null {
  if (words.length === 1) return words[0]!;
  if (words.length === 2) {
    const pair = `${words[0]}+${words[1]}`;
    if (pair === 'spring+summer') return 'SS';
    if (pair === 'autumn+winter') return 'AW';
  }
  return null;
}

/** UTC ms of the representative day of a season in a year (see the file comment for the rule). */
export function seasonMs(year: number, season: CalendarSeason | FashionHalf, hemisphere: Hemisphere = 'north'): number {
  if (season === 'SS') return utcMs(year, 4, 15);
  if (season === 'AW') return utcMs(year, 10, 15);
  const north: Record<CalendarSeason, number> = { spring: 4, summer: 7, autumn: 10, winter: 12 };
  const south: Record<CalendarSeason, number> = { autumn: 4, winter: 7, spring: 10, summer: 12 };
  return utcMs(year, (hemisphere === 'north' ? north : south)[season], 15);
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * Reads one cell as a date with the column's decision: UTC epoch ms, `null` when missing, or a
 * problem such as "'31/02/2019' is not a real date: February 2019 has only 28 days".
 * The hot-path reader: allocates nothing for good or missing cells.
 */
export function parseDateCell(raw: string, decision: DateFormatDecision = DEFAULT_DATE_DECISION): NumericCell {
  const status = read(raw, decision.order, plainNumberMode(decision), decision.hemisphere);
  if (status === OK) return out.ms;
  if (status === MISSING) return null;
  return out.problem!;
}

/** Reads one cell as a date and says how precise it is and how it was written (allocates one object). */
export function parseDate(raw: string, decision: DateFormatDecision = DEFAULT_DATE_DECISION): ParsedDate | null | CellProblem {
  const status = read(raw, decision.order, plainNumberMode(decision), decision.hemisphere);
  if (status === OK) return { ms: out.ms, granularity: out.granularity, format: out.format };
  if (status === MISSING) return null;
  return out.problem!;
}

/** A per-column reader bound to one decision, for callers that loop over a column. */
export function makeDateParser(decision: DateFormatDecision): (raw: string) => NumericCell {
  const { order, hemisphere } = decision;
  const plainNumbers = plainNumberMode(decision);
  return (raw) => {
    const status = read(raw, order, plainNumbers, hemisphere);
    return status === OK ? out.ms : status === MISSING ? null : out.problem!;
  };
}

const DATE_WORDS = [
  'date', 'dates', 'datetime', 'time', 'timestamp', 'day', 'dt', 'month', 'week', 'quarter', 'period', 'when',
  'created', 'updated', 'modified', 'launch', 'launched', 'release', 'released',
];
const DATE_PHRASES = ['日期', '时间', '月份', '年月', '上市', '季度'];

/**
 * Whether a header names a date ("order_date", "Created at", "sold_on", "上市日期"), which allows
 * Excel serials; "units_sold" does not, so a big sales figure is never read as a date.
 */
export function looksLikeDateName(name: string): boolean {
  const words = headerWords(name);
  const last = words[words.length - 1];
  return headerHas(name, DATE_WORDS, DATE_PHRASES) || (words.length > 1 && (last === 'at' || last === 'on'));
}

/**
 * Decides how to read a column's dates from a sample of its cells: the day/month order of numeric
 * dates (a first part above 12 means day/month, a second part above 12 means month/day; if neither
 * happens the default order is used and a note says so), and whether plain numbers are Excel
 * serials (only in a date-named column whose numbers mostly fall in 1970–2100) or Unix timestamps
 * (seconds or milliseconds in 2000–2100, same condition).
 */
export function detectDateFormat(samples: readonly string[], options: DateDetectOptions = {}): DateFormatDecision {
  const hemisphere = options.hemisphere ?? 'north';
  const defaultOrder = options.defaultOrder ?? 'dmy';
  let numericDates = 0;
  let firstAbove12 = 0;
  let secondAbove12 = 0;
  let plainNumbers = 0;
  let serialLike = 0;
  let nonMissing = 0;
  let example = '';
  let serialExample = '';
  let unixSeconds = 0;
  let unixMilliseconds = 0;
  let unixExample = '';
  for (const raw of samples) {
    const status = read(raw, 'dmy', PLAIN_YEAR, hemisphere);
    if (status === MISSING) continue;
    nonMissing++;
    if (out.first > 0 || out.second > 0) {
      numericDates++;
      if (out.first > 12) firstAbove12++;
      if (out.second > 12) secondAbove12++;
      if (!example && out.first <= 12 && out.second <= 12 && out.first !== out.second) example = raw.trim();
    }
    const number = parseNumberCell(raw, '.');
    if (typeof number === 'number') {
      plainNumbers++;
      if (number >= EXCEL_SERIAL_RANGE.min && number <= EXCEL_SERIAL_RANGE.max) {
        serialLike++;
        if (!serialExample) serialExample = raw.trim();
      } else if (number >= UNIX_SECONDS_RANGE.min && number <= UNIX_SECONDS_RANGE.max) {
        unixSeconds++;
        if (!unixExample) unixExample = raw.trim();
      } else if (number >= UNIX_SECONDS_RANGE.min * 1000 && number <= UNIX_SECONDS_RANGE.max * 1000) {
        unixMilliseconds++;
        if (!unixExample) unixExample = raw.trim();
      }
    }
  }

  const notes: CoreMessage[] = [];
  const note = (message: CoreMessage) => notes.push(message);
  let order: DayMonthOrder = defaultOrder;
  let orderDecidedBy: DateFormatDecision['orderDecidedBy'] = 'not-needed';
  if (numericDates > 0) {
    if (firstAbove12 > 0 && secondAbove12 > 0) {
      order = firstAbove12 >= secondAbove12 ? 'dmy' : 'mdy';
      orderDecidedBy = 'data';
      note(coreMessage('note.date-mixed-order', { order: coreMessage(order === 'dmy' ? 'order.dmy' : 'order.mdy') }));
    } else if (firstAbove12 > 0) {
      order = 'dmy';
      orderDecidedBy = 'data';
    } else if (secondAbove12 > 0) {
      order = 'mdy';
      orderDecidedBy = 'data';
    } else {
      orderDecidedBy = 'default';
      if (example) note(ambiguityNote(example, defaultOrder));
    }
  }

  // Bare numbers are dates only in a date-named column where most cells are numbers in one range.
  const numbersAreDates = (options.knownDates === true || Boolean(options.columnName && looksLikeDateName(options.columnName))) &&
    plainNumbers > 0 && plainNumbers >= 0.5 * nonMissing;
  const excelSerial = numbersAreDates && serialLike >= 0.9 * plainNumbers;
  let unixTime: DateFormatDecision['unixTime'] = null;
  if (numbersAreDates && !excelSerial) {
    if (unixSeconds >= 0.9 * plainNumbers) unixTime = 'seconds';
    else if (unixMilliseconds >= 0.9 * plainNumbers) unixTime = 'milliseconds';
  }
  if (excelSerial) {
    const serial = Number(serialExample);
    const iso = new Date(Math.round((serial - EXCEL_EPOCH_SERIAL) * MS_PER_DAY)).toISOString().slice(0, 10);
    note(coreMessage('note.excel-serial', { example: serialExample, iso }));
  }
  if (unixTime) {
    const ms = Number(unixExample) * (unixTime === 'seconds' ? 1000 : 1);
    const when = new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
    note(coreMessage(unixTime === 'seconds' ? 'note.unix-seconds' : 'note.unix-milliseconds', { example: unixExample, when }));
  }
  const plainMode = plainNumberMode({ ...DEFAULT_DATE_DECISION, excelSerial, unixTime });

  // Second pass with the decision: which formats and granularities the column holds.
  const formatCounts = new Map<DateFormatKind, number>();
  const granularityCounts = new Map<Granularity, number>();
  let matched = 0;
  for (const raw of samples) {
    if (read(raw, order, plainMode, hemisphere) !== OK) continue;
    matched++;
    formatCounts.set(out.format, (formatCounts.get(out.format) ?? 0) + 1);
    granularityCounts.set(out.granularity, (granularityCounts.get(out.granularity) ?? 0) + 1);
  }
  const formats = [...formatCounts.entries()].sort((a, b) => b[1] - a[1]).map(([format]) => format);
  const granularities = [...granularityCounts.entries()].sort((a, b) => b[1] - a[1]);
  const granularity = granularities[0]?.[0] ?? 'day';
  if (granularities.length > 1) {
    const others = listMessage(granularities.slice(1).map(([g, n]) => coreMessage('note.granularity-count', { n, granularity: unitMessage(g) })))!;
    note(coreMessage('note.mixed-granularity', { granularity: unitMessage(granularity), others }));
  }
  if (formats.includes('calendar-season') && hemisphere === 'south') {
    note(coreMessage('note.southern-seasons'));
  }
  return { order, orderDecidedBy, excelSerial, unixTime, hemisphere, formats, granularity, matched, nonMissing, notes };
}

// The two readings as numbers (for languages that write months as numbers) and English month names.
function ambiguityNote(example: string, order: DayMonthOrder): CoreMessage {
  const parts = example.split(/[/.\-\s]/);
  const first = Number(parts[0]);
  const second = Number(parts[1]);
  return coreMessage('note.date-ambiguous', {
    example, first, second, firstMonth: String(MONTH_NAMES[first - 1]), secondMonth: String(MONTH_NAMES[second - 1]), order: coreMessage(order === 'dmy' ? 'order.dmy' : 'order.mdy'),
  });
}

/**
 * Combines a year cell and a season cell (the shared catalogue's `year` + `season` =
 * Summer/Winter/Fall/Spring, or SS/AW) into one season-granularity date.
 * A missing year gives `null` (a season alone is no date); a missing season gives the year alone.
 */
export function combineYearSeason(yearRaw: string, seasonRaw: string, hemisphere: Hemisphere = 'north'): ParsedDate | null | CellProblem {
  const yearStart = trimStart(yearRaw);
  const yearEnd = trimEnd(yearRaw, yearStart);
  if (isMissingRange(yearRaw, yearStart, yearEnd)) return null;
  const yearNumber = parseNumberCell(yearRaw, '.');
  let year: number;
  if (typeof yearNumber === 'number' && Number.isInteger(yearNumber)) year = yearNumber < 100 ? twoDigitYear(yearNumber) : yearNumber;
  else return cellProblem('not-a-date', coreMessage('cell.not-a-year', { cell: quoteCell(yearRaw) }));
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return cellProblem('impossible-date', coreMessage('cell.implausible-year', { cell: quoteCell(yearRaw) }));
  if (isMissingRangeOf(seasonRaw)) return { ms: utcMs(year, 1, 1), granularity: 'year', format: 'year' };
  const season = readSeasonName(seasonRaw);
  if (!season) return cellProblem('unknown-value', coreMessage('cell.unknown-season', { cell: quoteCell(seasonRaw) }));
  return {
    ms: seasonMs(year, season, hemisphere),
    granularity: 'season',
    format: season === 'SS' || season === 'AW' ? 'fashion-season' : 'calendar-season',
  };
}

function isMissingRangeOf(raw: string): boolean {
  const start = trimStart(raw);
  return isMissingRange(raw, start, trimEnd(raw, start));
}

/** Reads a season name without a year ('Summer', 'Fall', 'SS', 'Autumn/Winter', '春夏'), or null. */
export function readSeasonName(raw: string): CalendarSeason | FashionHalf | null {
  const start = trimStart(raw);
  const tokens = tokenize(raw, start, trimEnd(raw, start));
  if (!tokens || tokens.length === 0) return null;
  const words: (CalendarSeason | FashionHalf)[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'word' && isPreFall(token.text, tokens[t + 1])) {
      words.push('AW');
      t++;
    } else if (token.kind === 'word' && SEASON_WORDS.has(token.text)) words.push(SEASON_WORDS.get(token.text)!);
    else if (token.kind === 'cjk') {
      const pair = token.char + ((tokens[t + 1] as { char?: string } | undefined)?.char ?? '');
      if (pair === '春夏' || pair === '秋冬') (words.push(pair === '春夏' ? 'SS' : 'AW'), t++);
      else if (token.char === '春') words.push('spring');
      else if (token.char === '夏') words.push('summer');
      else if (token.char === '秋') words.push('autumn');
      else if (token.char === '冬') words.push('winter');
      else if (token.char !== '季') return null;
    } else if (!(token.kind === 'word' && token.text === 'season')) return null;
  }
  return combineSeasonWords(words);
}
