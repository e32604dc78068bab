/**
 * The dashboard bench's baseline: items → share-per-period series recounted from the label strings
 * on every filter change (the straightforward way, once `aggregateTrends` in src/core/aggregate,
 * which no app code used). Periods come from the one calendar (src/core/series/periods.ts).
 */
import { isoWeekOf, periodKey, periodStartOfKey, type PeriodGrain } from '../src/core/series/periods.ts';

/** The labelled items, one entry per item in every array. */
export interface StringItems {
  /** Item date, epoch ms (NaN = unknown). */
  dates: ArrayLike<number>;
  /** Label values per item (several allowed). */
  labels: readonly (readonly string[])[];
  /** Fields to filter on, one value per item. */
  fields: Readonly<Record<string, readonly (string | null | undefined)[]>>;
}

/** Shares per period of every label value with at least `minLabelItems` items, among the items whose fields pass `filter`. */
export function recountFromStrings(input: StringItems, grain: PeriodGrain, filter: Record<string, readonly string[]>, minSupport = 20, minLabelItems = 5) {
  const count = input.dates.length;
  const filters = Object.entries(filter).map(([field, allowed]) => ({ values: input.fields[field]!, allowed: new Set(allowed) }));
  const keys = new Float64Array(count).fill(NaN);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < count; i++) {
    if (filters.some((f) => !f.allowed.has(f.values[i] ?? ''))) continue;
    const date = input.dates[i]!;
    if (!Number.isFinite(date) || input.labels[i]!.length === 0) continue;
    const key = periodKey(date, grain);
    keys[i] = key;
    if (key < first) first = key;
    if (key > last) last = key;
  }
  const periods: { key: string; start: number; items: number; total: number; enough: boolean }[] = [];
  for (let key = first; key <= last; key++) {
    const start = periodStartOfKey(key, grain);
    const week = isoWeekOf(start);
    periods.push({ key: grain === 'week' ? `${week.weekYear}-W${String(week.week).padStart(2, '0')}` : new Date(start).toISOString().slice(0, 10), start, items: 0, total: 0, enough: false });
  }
  const byLabel = new Map<string, { items: Float64Array; measure: Float64Array; total: number }>();
  for (let i = 0; i < count; i++) {
    if (Number.isNaN(keys[i]!)) continue;
    const p = keys[i]! - first;
    periods[p]!.items++;
    periods[p]!.total += 1;
    for (const value of new Set(input.labels[i])) {
      let entry = byLabel.get(value);
      if (!entry) {
        entry = { items: new Float64Array(periods.length), measure: new Float64Array(periods.length), total: 0 };
        byLabel.set(value, entry);
      }
      entry.items[p]!++;
      entry.measure[p]! += 1;
      entry.total++;
    }
  }
  for (const period of periods) period.enough = period.items >= minSupport && period.total > 0;
  const ranked = [...byLabel.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const series = ranked.filter(([, e]) => e.total >= minLabelItems).map(([name, e]) => ({ name, shares: e.measure.map((m, p) => (periods[p]!.enough ? m / periods[p]!.total : NaN)) }));
  return { periods, series };
}
