/**
 * Trend series as a typed set: shared dates on one regular grid, its frequency, and one value
 * array per series; `regularize` puts raw (date, values) rows on the grid and `cutSeriesSet` keeps
 * the history up to a date. Files become series sets through `read.ts` (the app's intake).
 */
import { coreMessage, unitMessage, type CoreMessage } from '../messages.ts';
import { MS_PER_DAY } from '../clean/calendar.ts';
import { addPeriods, inferFrequency, periodsPerYear, type Frequency } from './periods.ts';

export type { Frequency } from './periods.ts';

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
  /** Notes about what was repaired while reading (duplicates, gaps), as message codes and parameters (`englishText` words one in English). */
  notes: CoreMessage[];
}

/** A problem with a series file the user must fix; the message says what and where. */
export class SeriesInputError extends Error {
  override name = 'SeriesInputError';
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
  const notes: CoreMessage[] = [];
  const note = (message: CoreMessage) => notes.push(message);
  const order = rawDates.map((_, i) => i).sort((a, b) => rawDates[a]! - rawDates[b]!);
  const unique = [...new Set(order.map((i) => rawDates[i]!))];
  if (unique.length < rawDates.length) note(coreMessage('note.repeated-dates', { n: rawDates.length - unique.length }));
  const frequency = inferFrequency(unique);
  const start = unique[0]!;
  // Grid index of each date: rounding snaps slightly irregular dates (e.g. a Tuesday in a weekly file) onto the grid.
  const indexOf = (date: number): number => {
    if (frequency === 'day' || frequency === 'week') return Math.round((date - start) / ((frequency === 'day' ? 1 : 7) * MS_PER_DAY));
    const a = new Date(start);
    const b = new Date(date);
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + (b.getUTCDate() - a.getUTCDate()) / 30;
    const per = 12 / periodsPerYear(frequency); // months per period
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
  return { dates, frequency, series, notes };
}

/** Keeps only the dates on or before `lastDate` (epoch ms). */
export function cutSeriesSet(set: SeriesSet, lastDate: number): SeriesSet {
  const keep = set.dates.filter((d) => d <= lastDate).length;
  return { ...set, dates: set.dates.slice(0, keep), series: set.series.map((s) => ({ name: s.name, values: s.values.slice(0, keep) })) };
}
