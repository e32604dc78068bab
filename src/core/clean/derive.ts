/**
 * Time fields derived from a parsed date: year, month, quarter, ISO week (with its week-year and
 * Monday), meteorological season (hemisphere setting) and fashion season.
 *
 * Fashion season convention: SS (Spring/Summer) is February–July and AW (Autumn/Winter) is
 * August–January, labelled with the year the season starts in. So January belongs to the previous
 * year's AW: 2020-01-20 → "AW19", 2020-02-01 → "SS20", 2019-08-01 → "AW19". This follows the
 * retail calendar, where the autumn/winter range is sold through the January sales.
 *
 * Fields finer than a date's granularity are `null`, never invented: a date that only names a
 * year has no month, and one that names a quarter has no season.
 */
import { MS_PER_DAY, civil, civilFromDays } from './calendar.ts';
import { isoWeekOf } from '../series/periods.ts';

export { isoWeekOf, type IsoWeek } from '../series/periods.ts';
import type { CalendarSeason, FashionHalf } from './date.ts';
import type { Granularity, Hemisphere } from './types.ts';

/** A fashion season: its half, the year it starts in, and its label ("SS19", "AW19"). */
export interface FashionSeason {
  /** 'SS' (February–July) or 'AW' (August–January). */
  readonly half: FashionHalf;
  /** The year the season starts in (January 2020 is in AW 2019). */
  readonly year: number;
  /** The usual short label: half + two-digit year, e.g. "AW19". */
  readonly label: string;
}

/** Every derived time field of one date; fields finer than its granularity are null. */
export interface TimeFields {
  /** Calendar year. */
  readonly year: number;
  /** Month 1–12, or null when the date names only a quarter, season or year. */
  readonly month: number | null;
  /** Quarter 1–4, or null when the date names only a season or year. */
  readonly quarter: number | null;
  /** ISO week number, or null unless the date names a day. */
  readonly isoWeek: number | null;
  /** ISO week-year, or null unless the date names a day. */
  readonly isoWeekYear: number | null;
  /** UTC ms of the ISO week's Monday, or null unless the date names a day. */
  readonly weekStartMs: number | null;
  /** Meteorological season for the hemisphere, or null when the date names only a quarter or year. */
  readonly meteorologicalSeason: CalendarSeason | null;
  /** Fashion season, or null when the date names only a quarter or year. */
  readonly fashionSeason: FashionSeason | null;
}

/** Quarter 1–4 of month 1–12. */
export function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

const NORTH_SEASONS: readonly CalendarSeason[] = [
  'winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter',
];
const SOUTH_SEASONS: readonly CalendarSeason[] = [
  'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter', 'winter', 'winter', 'spring', 'spring', 'spring', 'summer',
];

/** Meteorological season of month 1–12: in the north Dec–Feb is winter, Mar–May spring…; the south is shifted by six months. */
export function meteorologicalSeason(month: number, hemisphere: Hemisphere = 'north'): CalendarSeason {
  return (hemisphere === 'north' ? NORTH_SEASONS : SOUTH_SEASONS)[month - 1]!;
}

/** Fashion season of a year and month 1–12 (SS = Feb–Jul, AW = Aug–Jan, January in the previous year's AW). */
export function fashionSeasonOf(year: number, month: number): FashionSeason {
  const half: FashionHalf = month >= 2 && month <= 7 ? 'SS' : 'AW';
  const seasonYear = month === 1 ? year - 1 : year;
  return { half, year: seasonYear, label: fashionSeasonLabel(half, seasonYear) };
}

/** The short label of a fashion season: "SS19", "AW05". */
export function fashionSeasonLabel(half: FashionHalf, year: number): string {
  const yy = ((year % 100) + 100) % 100;
  return `${half}${yy < 10 ? '0' : ''}${yy}`;
}

/** All derived time fields of a date, with fields finer than its granularity left null. */
export function deriveTimeFields(ms: number, granularity: Granularity = 'day', hemisphere: Hemisphere = 'north'): TimeFields {
  civilFromDays(Math.floor(ms / MS_PER_DAY));
  const year = civil.year;
  const month = civil.month;
  const knowsMonth = granularity === 'day' || granularity === 'month';
  const knowsSeason = knowsMonth || granularity === 'season';
  const week = granularity === 'day' ? isoWeekOf(ms) : null;
  return {
    year,
    month: knowsMonth ? month : null,
    quarter: knowsMonth || granularity === 'quarter' ? quarterOfMonth(month) : null,
    isoWeek: week ? week.week : null,
    isoWeekYear: week ? week.weekYear : null,
    weekStartMs: week ? week.mondayMs : null,
    meteorologicalSeason: knowsSeason ? meteorologicalSeason(month, hemisphere) : null,
    fashionSeason: knowsSeason ? fashionSeasonOf(year, month) : null,
  };
}
