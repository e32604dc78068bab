/**
 * The one calendar of Trendloom: every period grain the app, the workers and the CLI use (day,
 * ISO week, month, quarter, meteorological season, half-year, fashion season, year), how many make
 * a year, stepping forward by periods, integer period keys, and the frequency of a date grid.
 *
 * Fashion seasons follow the retail calendar: SS runs February–July, AW August–January (January
 * belongs to the previous year's AW). Meteorological seasons start on 1 December, March, June and
 * September (the same boundaries in both hemispheres; only their names differ).
 */
import { civil, civilFromDays, daysFromCivil, MS_PER_DAY } from '../clean/calendar.ts';

/** Every period length Trendloom knows. */
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'season' | 'half-year' | 'fashion-season' | 'year';

/** The grains a dashboard counts items by. */
export type PeriodGrain = 'week' | 'month' | 'quarter' | 'season' | 'fashion-season' | 'year';

/** The spacing of a regular date grid, as inferred from a series file's dates (or a grain's length). */
export type Frequency = 'day' | 'week' | 'month' | 'quarter' | 'half-year' | 'year';

/** An ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export interface IsoWeek {
  /** Week number 1–53. */
  readonly week: number;
  /** The ISO week-year, which differs from the calendar year around New Year. */
  readonly weekYear: number;
  /** UTC ms of the week's Monday at midnight. */
  readonly mondayMs: number;
}

/** ISO 8601 week of a UTC instant. */
export function isoWeekOf(ms: number): IsoWeek {
  const days = Math.floor(ms / MS_PER_DAY);
  const weekday = ((((days + 3) % 7) + 7) % 7) + 1; // 1 = Monday … 7 = Sunday; 1970-01-01 was a Thursday
  const monday = days - weekday + 1;
  const thursday = monday + 3; // the week belongs to the year its Thursday falls in
  civilFromDays(thursday);
  const weekYear = civil.year;
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return { week, weekYear, mondayMs: monday * MS_PER_DAY };
}

const MONTHS_PER_PERIOD: Record<Exclude<Grain, 'day' | 'week'>, number> = { month: 1, quarter: 3, season: 3, 'half-year': 6, 'fashion-season': 6, year: 12 };

/**
 * Periods in one seasonal cycle: a year's worth (52 weeks, 12 months, 4 quarters or seasons,
 * 2 half-years or fashion seasons, 1 year); for days the cycle is the week (7).
 */
export function periodsPerYear(grain: Grain): number {
  if (grain === 'day') return 7;
  if (grain === 'week') return 52;
  return 12 / MONTHS_PER_PERIOD[grain];
}

/** The frequency of a grid of periods of `grain`: seasons step like quarters, fashion seasons like half-years. */
export function frequencyOf(grain: Grain): Frequency {
  if (grain === 'season') return 'quarter';
  if (grain === 'fashion-season') return 'half-year';
  return grain;
}

/** The date `steps` periods after `date` (calendar months keep the day of month and the time of day). */
export function addPeriods(date: number, grain: Grain, steps: number): number {
  if (grain === 'day') return date + steps * MS_PER_DAY;
  if (grain === 'week') return date + steps * 7 * MS_PER_DAY;
  const d = new Date(date);
  const months = steps * MONTHS_PER_PERIOD[grain];
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** The `count` dates after `last`, one period apart (forecast horizons, on the page and in the worker). */
export function periodsAfter(last: number, grain: Grain, count: number): number[] {
  return Array.from({ length: count }, (_, h) => addPeriods(last, grain, h + 1));
}

/**
 * A monotone integer key of the period of `grain` holding the UTC instant `ms`: consecutive
 * periods have consecutive keys (weeks count Mondays since 1970-01-05; months are year × 12 + month − 1…).
 */
export function periodKey(ms: number, grain: Grain): number {
  const day = Math.floor(ms / MS_PER_DAY);
  if (grain === 'day') return day;
  // Weeks: count Mondays since 1970-01-05 (the first Monday after the epoch, day 4).
  if (grain === 'week') return Math.floor((day - 4) / 7);
  civilFromDays(day);
  const { year, month } = civil;
  switch (grain) {
    case 'month':
      return year * 12 + (month - 1);
    case 'quarter':
      return year * 4 + Math.floor((month - 1) / 3);
    case 'season':
      // December opens the next year's winter: count months from December of the year before.
      return Math.floor((year * 12 + (month === 12 ? 12 : month - 1) + 1) / 3);
    case 'half-year':
      return year * 2 + (month >= 7 ? 1 : 0);
    case 'fashion-season':
      // SS = Feb–Jul, AW = Aug–Jan (January in the previous year's AW).
      return month === 1 ? (year - 1) * 2 + 1 : year * 2 + (month >= 8 ? 1 : 0);
    case 'year':
      return year;
  }
}

/** UTC ms of the first day of the period with key `key` (the inverse of `periodKey`). */
export function periodStartOfKey(key: number, grain: Grain): number {
  switch (grain) {
    case 'day':
      return key * MS_PER_DAY;
    case 'week':
      return (key * 7 + 4) * MS_PER_DAY;
    case 'month':
      return Date.UTC(Math.floor(key / 12), key % 12, 1);
    case 'quarter':
      return Date.UTC(Math.floor(key / 4), (key % 4) * 3, 1);
    case 'season': {
      const startMonth = key * 3 - 1; // months since year 0; December starts winter
      return Date.UTC(Math.floor(startMonth / 12), startMonth % 12, 1);
    }
    case 'half-year':
      return Date.UTC(Math.floor(key / 2), (key % 2) * 6, 1);
    case 'fashion-season':
      return Date.UTC(Math.floor(key / 2), key % 2 === 0 ? 1 : 7, 1);
    case 'year':
      return Date.UTC(key, 0, 1);
  }
}

/** UTC ms of the first day of the period of `grain` holding `ms`. */
export function periodStart(ms: number, grain: Grain): number {
  return periodStartOfKey(periodKey(ms, grain), grain);
}

/** The frequency of sorted unique dates, from their typical (median) spacing; 'week' with fewer than two dates. */
export function inferFrequency(dates: readonly number[]): Frequency {
  if (dates.length < 2) return 'week';
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push((dates[i]! - dates[i - 1]!) / MS_PER_DAY);
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median < 3.5) return 'day';
  if (median < 20) return 'week';
  if (median < 60) return 'month';
  if (median < 135) return 'quarter';
  if (median < 270) return 'half-year';
  return 'year';
}
