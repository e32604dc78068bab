/**
 * Items → trend series: the share of items (or of units) carrying each label value, per period
 * (ISO week, month, meteorological season, fashion season SS/AW), after optional filters, with
 * minimum-support flags instead of misleading shares from a handful of items.
 *
 * The input is plain arrays (no Arrow) so any caller can use it: one date (epoch ms, NaN when
 * unknown), one list of label values (multi-label allowed), an optional weight (units sold) and
 * optional filter fields per item.
 */
import type { Frequency, SeriesSet } from './seriesSet.ts';
import { ownValue } from '../nameRecord.ts';

/** The labelled items to aggregate; every array has one entry per item. */
export interface TrendItems {
  /** Item date, epoch ms (UTC); NaN when unknown (the item is skipped and counted). */
  dates: ArrayLike<number>;
  /** Label values of the facet (e.g. colours) per item; several values allowed, empty = unlabelled. */
  labels: readonly (readonly string[])[];
  /** Units per item (e.g. sales); NaN or negative weights are skipped and counted. */
  weights?: ArrayLike<number>;
  /** Extra fields to filter on (e.g. region, gender), one value per item. */
  fields?: Readonly<Record<string, readonly (string | null | undefined)[]>>;
}

/** How to bucket time. */
export type PeriodKind = 'week' | 'month' | 'meteorological-season' | 'fashion-season';

/** Options of `aggregateTrends`. */
export interface AggregateOptions {
  /** Period length. */
  period: PeriodKind;
  /** Hemisphere for season names (south swaps summer/winter and SS/AW). Default north. */
  hemisphere?: 'north' | 'south';
  /** Share of items, or of units (needs weights). Default: units when weights are given. */
  measure?: 'items' | 'units';
  /** Keep only items whose field value is one of the listed values, e.g. { region: ['eu'] }. */
  filter?: Readonly<Record<string, readonly string[]>>;
  /** Fewest items a period needs before its shares are shown (default 20). */
  minSupport?: number;
  /** Fewest items a label value needs overall to get a series (default 5). */
  minLabelItems?: number;
}

/** One time bucket. */
export interface TrendPeriod {
  /** Stable key, e.g. '2019-W05', '2019-03', 'spring-2019', 'SS2019'. */
  key: string;
  /** First day of the period, epoch ms UTC. */
  start: number;
  /** Items counted in the period (after filters). */
  items: number;
  /** Sum of the measure in the period (items, or units). */
  total: number;
  /** True when the period has at least `minSupport` items; shares are NaN otherwise. */
  enough: boolean;
}

/** The trend series of one label value. */
export interface LabelTrend {
  /** Label value, e.g. 'Navy Blue'. */
  name: string;
  /** Share (0…1) per period; NaN where the period has too few items. */
  shares: Float64Array;
  /** Items carrying the value, per period. */
  items: Float64Array;
  /** Items carrying the value over all periods. */
  totalItems: number;
}

/** Result of `aggregateTrends`. */
export interface TrendTable {
  /** Contiguous periods from the first to the last dated item. */
  periods: TrendPeriod[];
  /** One series per label value with enough items, most frequent first. */
  series: LabelTrend[];
  /** Label values left out for having fewer than `minLabelItems` items. */
  rareLabels: string[];
  /** Items skipped, by reason. */
  skipped: { noDate: number; noLabel: number; filteredOut: number; badWeight: number };
  /** What the measure is: 'items' or 'units'. */
  measure: 'items' | 'units';
  /** Plain-language notes. */
  notes: string[];
}

/** A problem with the aggregation request, in words a designer understands. */
export class AggregateInputError extends Error {
  override name = 'AggregateInputError';
}

const DAY_MS = 86_400_000;

/** Monday (UTC) of the ISO week containing `date`. */
export function isoWeekStart(date: number): number {
  const day = Math.floor(date / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday → Monday = 0
  return (day - weekday) * DAY_MS;
}

/** ISO week key 'YYYY-Www' (the ISO week-year owns the week containing its Thursday). */
export function isoWeekKey(date: number): string {
  const monday = isoWeekStart(date);
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Start of the period containing `date`, epoch ms UTC. */
export function periodStart(date: number, kind: PeriodKind): number {
  const d = new Date(date);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (kind) {
    case 'week':
      return isoWeekStart(date);
    case 'month':
      return Date.UTC(year, month, 1);
    case 'meteorological-season': {
      // Seasons start on 1 March, 1 June, 1 September, 1 December.
      const shifted = month === 11 ? 0 : Math.floor((month + 1) / 3); // 0 = Dec–Feb
      return shifted === 0 ? Date.UTC(month === 11 ? year : year - 1, 11, 1) : Date.UTC(year, 3 * shifted - 1, 1);
    }
    case 'fashion-season':
      // The retail calendar used across Trendloom (src/core/clean/derive.ts): SS runs February–July,
      // AW August–January, and January belongs to the previous year's AW.
      if (month === 0) return Date.UTC(year - 1, 7, 1);
      return Date.UTC(year, month <= 6 ? 1 : 7, 1);
    default: {
      const unreachable: never = kind;
      throw new AggregateInputError(`Unknown period '${String(unreachable)}'.`);
    }
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: number, kind: PeriodKind): number {
  if (kind === 'week') return start + 7 * DAY_MS;
  const d = new Date(start);
  const months = kind === 'month' ? 1 : kind === 'meteorological-season' ? 3 : 6;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/**
 * Human key of the period starting at `start`: '2019-W05', '2019-03', 'winter-2019/20',
 * 'SS2019'. Fashion seasons follow the retail calendar (SS = February–July, AW = August–January).
 * In the southern hemisphere seasons are swapped (December–February is summer, and
 * February–July is the autumn/winter fashion season).
 */
export function periodKey(start: number, kind: PeriodKind, hemisphere: 'north' | 'south' = 'north'): string {
  const d = new Date(start);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const south = hemisphere === 'south';
  if (kind === 'week') return isoWeekKey(start);
  if (kind === 'month') return `${year}-${String(month + 1).padStart(2, '0')}`;
  if (kind === 'fashion-season') return `${(month === 1) !== south ? 'SS' : 'AW'}${year}`;
  const names = south ? ['summer', 'autumn', 'winter', 'spring'] : ['winter', 'spring', 'summer', 'autumn'];
  if (month === 11) return `${names[0]}-${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  return `${names[Math.floor((month + 1) / 3)]}-${year}`;
}

/** Aggregates labelled items into share-per-period series for every label value. */
export function aggregateTrends(input: TrendItems, options: AggregateOptions): TrendTable {
  const count = input.dates.length;
  if (input.labels.length !== count) throw new AggregateInputError(`There are ${count} dates but ${input.labels.length} label lists; every item needs one of each.`);
  if (input.weights && input.weights.length !== count) throw new AggregateInputError(`There are ${count} items but ${input.weights.length} unit values.`);
  const measure = options.measure ?? (input.weights ? 'units' : 'items');
  if (measure === 'units' && !input.weights) throw new AggregateInputError('Shares of units need a units (sales) column; none was given, so use shares of items instead.');
  const minSupport = options.minSupport ?? 20;
  const minLabelItems = options.minLabelItems ?? 5;
  const hemisphere = options.hemisphere ?? 'north';
  const filters = Object.entries(options.filter ?? {}).map(([field, allowed]) => {
    const values = ownValue(input.fields, field);
    if (!values) throw new AggregateInputError(`There is no column "${field}" to filter on.`);
    return { values, allowed: new Set(allowed) };
  });
  const skipped = { noDate: 0, noLabel: 0, filteredOut: 0, badWeight: 0 };
  // First pass: period start of every kept item.
  const starts = new Float64Array(count).fill(NaN);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < count; i++) {
    if (filters.some((f) => !f.allowed.has(f.values[i] ?? ''))) {
      skipped.filteredOut++;
      continue;
    }
    const date = input.dates[i]!;
    if (!Number.isFinite(date)) {
      skipped.noDate++;
      continue;
    }
    if (input.labels[i]!.length === 0) {
      skipped.noLabel++;
      continue;
    }
    if (measure === 'units') {
      const w = input.weights![i]!;
      if (!(w >= 0)) {
        skipped.badWeight++;
        continue;
      }
    }
    const start = periodStart(date, options.period);
    starts[i] = start;
    if (start < first) first = start;
    if (start > last) last = start;
  }
  const periods: TrendPeriod[] = [];
  const indexOfStart = new Map<number, number>();
  for (let start = first; start <= last; start = nextPeriodStart(start, options.period)) {
    indexOfStart.set(start, periods.length);
    periods.push({ key: periodKey(start, options.period, hemisphere), start, items: 0, total: 0, enough: false });
    if (periods.length > 50_000) throw new AggregateInputError('The dates span too many periods; choose a longer period (month or season).');
  }
  const byLabel = new Map<string, { items: Float64Array; measure: Float64Array; total: number }>();
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    if (Number.isNaN(start)) continue;
    const p = indexOfStart.get(start)!;
    const w = measure === 'units' ? input.weights![i]! : 1;
    periods[p]!.items++;
    periods[p]!.total += w;
    for (const value of new Set(input.labels[i])) {
      let entry = byLabel.get(value);
      if (!entry) {
        entry = { items: new Float64Array(periods.length), measure: new Float64Array(periods.length), total: 0 };
        byLabel.set(value, entry);
      }
      entry.items[p]!++;
      entry.measure[p]! += w;
      entry.total++;
    }
  }
  for (const period of periods) period.enough = period.items >= minSupport && period.total > 0;
  const ranked = [...byLabel.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const series: LabelTrend[] = [];
  const rareLabels: string[] = [];
  for (const [name, entry] of ranked) {
    if (entry.total < minLabelItems) {
      rareLabels.push(name);
      continue;
    }
    const shares = entry.measure.map((m, p) => (periods[p]!.enough ? m / periods[p]!.total : NaN));
    series.push({ name, shares, items: entry.items, totalItems: entry.total });
  }
  const notes: string[] = [];
  const thin = periods.filter((p) => !p.enough).length;
  if (thin > 0) notes.push(`${thin} of ${periods.length} period(s) have fewer than ${minSupport} items; their shares are left blank rather than shown from too few items.`);
  if (rareLabels.length > 0) notes.push(`${rareLabels.length} label value(s) appear on fewer than ${minLabelItems} items and have no trend line.`);
  if (skipped.noDate > 0) notes.push(`${skipped.noDate} item(s) have no date and are not counted.`);
  if (skipped.noLabel > 0) notes.push(`${skipped.noLabel} item(s) have no label for this facet and are not counted.`);
  if (skipped.badWeight > 0) notes.push(`${skipped.badWeight} item(s) have a missing or negative unit count and are not counted.`);
  if (periods.length === 0) notes.push('No item is left to count: check the date column and the filters.');
  return { periods, series, rareLabels, skipped, measure, notes };
}

/** The frequency a period kind maps to when its series are forecast. */
export function periodFrequency(kind: PeriodKind): Frequency {
  return { week: 'week', month: 'month', 'meteorological-season': 'quarter', 'fashion-season': 'half-year' }[kind] as Frequency;
}

/** Turns a trend table into a SeriesSet for the forecaster (thin periods become missing values). */
export function trendTableToSeriesSet(table: TrendTable, kind: PeriodKind): SeriesSet {
  return {
    dates: table.periods.map((p) => p.start),
    frequency: periodFrequency(kind),
    series: table.series.map((s) => ({ name: s.name, values: s.shares })),
    notes: table.notes,
  };
}
