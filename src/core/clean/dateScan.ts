/**
 * The shared state and helpers of the date scan (`date.ts` for numeric dates, `dateWords.ts` for
 * worded ones): status codes, the scratch result object and the checks that turn a year, month and
 * day into a value or a plain-language problem. Internal to the cleaning library.
 */
import { MONTH_NAMES, daysInMonth, utcMs } from './calendar.ts';
import { cellProblem, quoteCell, type CellProblem, type Granularity } from './types.ts';

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

/** A calendar season name (meteorological: three whole months). */
export type CalendarSeason = 'spring' | 'summer' | 'autumn' | 'winter';

/** A fashion season half: Spring/Summer or Autumn/Winter (also written Fall/Winter). */
export type FashionHalf = 'SS' | 'AW';

/** Earliest and latest plain year we accept as a year rather than a number. */
export const YEAR_RANGE = { min: 1800, max: 2200 } as const;

/** Scan status: a date was read into `out`. */
export const OK = 0;
/** Scan status: the cell is missing. */
export const MISSING = 1;
/** Scan status: the cell is not a date; the problem is in `out.problem`. */
export const FAIL = 2;
/** Scan status: the shape did not match; try the next reader. */
export const NOT_THIS = 3;

/** Where the scan leaves its result (one shared scratch object, so good cells allocate nothing). */
export const out = {
  ms: 0,
  granularity: 'day' as Granularity,
  format: 'iso' as DateFormatKind,
  problem: null as CellProblem | null,
  // The first two numbers of a numeric date (for deciding day/month order).
  first: 0,
  second: 0,
};

/** Records a problem in `out` and returns FAIL. */
export function fail(problem: CellProblem): number {
  out.problem = problem;
  return FAIL;
}

/** FAIL with "… is not a date we can read". */
export function unreadable(raw: string): number {
  return fail(cellProblem('not-a-date', `${quoteCell(raw)} is not a date we can read`));
}

/** FAIL with "… is not a real date: <why>". */
export function impossible(raw: string, why: string): number {
  return fail(cellProblem('impossible-date', `${quoteCell(raw)} is not a real date: ${why}`));
}

/** Checks month and day, writes a day-or-month result into `out`; `day` 0 means "month only". */
export function setYmd(raw: string, year: number, month: number, day: number, timeMs: number, format: DateFormatKind): number {
  if (month < 1 || month > 12) return impossible(raw, `there is no month ${month}`);
  if (day > daysInMonth(year, month)) {
    return impossible(raw, `${MONTH_NAMES[month - 1]} ${year} has only ${daysInMonth(year, month)} days`);
  }
  out.ms = utcMs(year, month, day === 0 ? 1 : day) + timeMs;
  out.granularity = day === 0 ? 'month' : 'day';
  out.format = format;
  return OK;
}

/** Whether a UTF-16 code unit is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `count` digits at i, or -1 if any is not a digit. */
export function digitsAt(raw: string, i: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = raw.charCodeAt(i + k) - 48; // NaN past the end of the string
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Length of the digit run starting at i (stops at end). */
export function digitRun(raw: string, i: number, end: number): number {
  let k = i;
  while (k < end && isDigit(raw.charCodeAt(k))) k++;
  return k - i;
}

/** A two-digit year in full: 00–69 → 2000–2069, 70–99 → 1970–1999. */
export function twoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}
