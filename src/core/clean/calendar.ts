/**
 * Proleptic Gregorian calendar arithmetic on UTC days, without `Date` objects, so the date parser
 * and the derived fields allocate nothing per cell. Algorithms after Howard Hinnant's public-domain
 * "chrono-compatible low-level date algorithms" (written from the description, not copied).
 */

/** Milliseconds in one UTC day. */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of the UTC date y-m-d (month 1–12, day 1–31). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count years from March so the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** UTC epoch milliseconds of midnight at the start of y-m-d. */
export function utcMs(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY;
}

// civilFromDays writes here instead of returning an object: callers read the three fields at once.
/** The result of the last `civilFromDays` call (year, month 1–12, day 1–31). */
export const civil = { year: 1970, month: 1, day: 1 };

/** Splits days since 1970-01-01 into `civil.year`, `civil.month`, `civil.day`. */
export function civilFromDays(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  civil.day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  civil.month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  civil.year = yearOfEra + era * 400 + (civil.month <= 2 ? 1 : 0);
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in month 1–12 of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** English month names, January first, for messages. */
export const MONTH_NAMES: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
