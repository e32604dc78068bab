/**
 * Dates as catalogues write them: ISO (`2019-03-04`, `2019-03-04T10:30Z`), `d/m/Y` or `m/d/Y`
 * (decided per column), month names (`Mar 2019`, `4 March 2019`), Chinese (`2019年3月4日`),
 * Excel serials, Unix time, quarters (`2019Q3`, `Q3 2019`), fashion seasons (`SS19`, `AW19`, `FW2019`,
 * `Spring/Summer 2019`, `Resort 2020` and `Cruise 2020` with SS, `Pre-Fall 2019` with AW), calendar
 * seasons (`Fall 2019`) and plain years (`2019`).
 *
 * `detectDateFormat` looks at a sample once and settles what the data cannot say cell by cell
 * (day/month order, whether numbers are Excel serials); `parseDateCell` then reads each cell. ISO
 * and numeric dates are read with a character scan here; only worded dates go through the tokenizer
 * in `dateWords.ts`. Shared scan state and checks are in `dateScan.ts`.
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
import { MONTH_NAMES, MS_PER_DAY, utcMs } from './calendar.ts';
import {
  FAIL, MISSING, NOT_THIS, OK, YEAR_RANGE, digitRun, digitsAt, fail, impossible, isDigit, out, setYmd, twoDigitYear, unreadable,
  type CalendarSeason, type DateFormatKind, type FashionHalf,
} from './dateScan.ts';
import { readSeasonName, readWords, seasonMs } from './dateWords.ts';
import { isMissingRange, isSpaceCode, trimEnd, trimStart } from './missing.ts';
import { headerHas, headerWords } from './names.ts';
import { parseNumberCell } from './number.ts';
import { cellProblem, quoteCell, type CellProblem, type Granularity, type Hemisphere, type NumericCell } from './types.ts';

// The date API is this file; the scan helpers and worded dates live beside it.
export { YEAR_RANGE, readSeasonName, seasonMs, type CalendarSeason, type DateFormatKind, type FashionHalf };

/** Order of the first two parts of a numeric date such as 03/04/2019. */
export type DayMonthOrder = 'dmy' | 'mdy';

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
  /** Plain-language notes for the report (ambiguous order, Excel serials, mixed precision). */
  readonly notes: readonly string[];
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

/** Unix timestamps (seconds) we accept as dates: 2000-01-01 to 2100-01-01; milliseconds are 1000× these. */
export const UNIX_SECONDS_RANGE = { min: 946_684_800, max: 4_102_444_800 } as const;
/** Excel serials we accept as dates: 1970-01-01 (25569) to 2100-01-01 (73051). */
export const EXCEL_SERIAL_RANGE = { min: 25_569, max: 73_051 } as const;
const EXCEL_EPOCH_SERIAL = 25_569; // serial of 1970-01-01 in Excel's 1900 date system

// ---------------------------------------------------------------------------------------------
// The scan. `read` returns a status and leaves its result in `out`, so the hot path allocates
// nothing; public functions copy what they need out of it.

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
      if (hour < 1 || hour > 12) return impossible(raw, 'that time of day does not exist');
      hour24 = (hour % 12) + (meridiem === 112 ? 12 : 0);
      i += 2;
      while (i < end && isSpaceCode(raw.charCodeAt(i))) i++;
    }
  }
  if (hour24 > 24 || minute > 59 || second > 60 || (hour24 === 24 && (minute > 0 || second > 0 || millis > 0))) {
    return impossible(raw, 'that time of day does not exist');
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
  if (day === 0) return impossible(raw, 'there is no day 0');
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
  if (day === 0) return impossible(raw, 'there is no day 0');
  if (month > 12) {
    const hint = day <= 12 ? ` (this column reads dates as ${order === 'dmy' ? 'day/month' : 'month/day'})` : '';
    return impossible(raw, `there is no month ${month}${hint}`);
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
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28) {
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
    const value = parseNumberCell(raw, '.') as number;
    const seconds = mode === PLAIN_UNIX_SECONDS ? value : value / 1000;
    if (seconds < UNIX_SECONDS_RANGE.min || seconds > UNIX_SECONDS_RANGE.max) {
      return fail(cellProblem('not-a-date', `${quoteCell(raw)} is outside the range of timestamps we read (2000 to 2100)`));
    }
    out.ms = Math.round(seconds * 1000);
    out.granularity = 'day';
    out.format = 'unix-time';
    return OK;
  }
  if (mode === PLAIN_EXCEL) {
    const serial = parseNumberCell(raw, '.') as number;
    if (serial < EXCEL_SERIAL_RANGE.min || serial > EXCEL_SERIAL_RANGE.max) {
      return fail(cellProblem('not-a-date', `${quoteCell(raw)} is outside the range of Excel dates we read (1970 to 2100)`));
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

  const notes: string[] = [];
  let order: DayMonthOrder = defaultOrder;
  let orderDecidedBy: DateFormatDecision['orderDecidedBy'] = 'not-needed';
  if (numericDates > 0) {
    if (firstAbove12 > 0 && secondAbove12 > 0) {
      order = firstAbove12 >= secondAbove12 ? 'dmy' : 'mdy';
      orderDecidedBy = 'data';
      notes.push(
        `Some dates in this column only make sense as day/month and others only as month/day; we read them as ` +
          `${order === 'dmy' ? 'day/month' : 'month/day'} (the larger group), so the others are reported as problems.`,
      );
    } else if (firstAbove12 > 0) {
      order = 'dmy';
      orderDecidedBy = 'data';
    } else if (secondAbove12 > 0) {
      order = 'mdy';
      orderDecidedBy = 'data';
    } else {
      orderDecidedBy = 'default';
      if (example) notes.push(ambiguityNote(example, defaultOrder));
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
    notes.push(`Numbers like ${serialExample} are read as Excel date serials (${serialExample} is ${iso}).`);
  }
  if (unixTime) {
    const ms = Number(unixExample) * (unixTime === 'seconds' ? 1000 : 1);
    const when = new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
    notes.push(`Numbers like ${unixExample} are read as Unix timestamps in ${unixTime} (${unixExample} is ${when} UTC).`);
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
    const others = granularities.slice(1).map(([g, n]) => `${n} ${n === 1 ? 'names' : 'name'} only a ${g}`).join(', ');
    notes.push(`Most dates in this column name a ${granularity}; ${others} (each is placed on a representative day).`);
  }
  if (formats.includes('calendar-season') && hemisphere === 'south') {
    notes.push('Season names are read for the southern hemisphere (summer is December to February).');
  }
  return { order, orderDecidedBy, excelSerial, unixTime, hemisphere, formats, granularity, matched, nonMissing, notes };
}

function ambiguityNote(example: string, order: DayMonthOrder): string {
  const parts = example.split(/[/.\-\s]/);
  const first = Number(parts[0]);
  const second = Number(parts[1]);
  const dayFirst = `${first} ${MONTH_NAMES[second - 1]}`;
  const monthFirst = `${second} ${MONTH_NAMES[first - 1]}`;
  const reading = order === 'dmy' ? 'day/month' : 'month/day';
  return `Dates like ${example} could be ${dayFirst} or ${monthFirst}; we read them as ${reading} because no date in ` +
    `this column has a day above 12 to settle it. Change this in the mapping step if that is wrong.`;
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
  else return cellProblem('not-a-date', `${quoteCell(yearRaw)} is not a year`);
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return cellProblem('impossible-date', `${quoteCell(yearRaw)} is not a plausible year`);
  if (isMissingRangeOf(seasonRaw)) return { ms: utcMs(year, 1, 1), granularity: 'year', format: 'year' };
  const season = readSeasonName(seasonRaw);
  if (!season) return cellProblem('unknown-value', `${quoteCell(seasonRaw)} is not a season we know (Spring, Summer, Fall/Autumn, Winter, SS, AW)`);
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
