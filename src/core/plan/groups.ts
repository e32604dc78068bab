/**
 * Items → the unit series per group that planSeason takes: units added up per value (or pair of
 * values) of coded columns and per period, stock on hand from each group's latest period, the
 * smallest groups lumped into one so the groups still add up to everything. Pure.
 */
import type { PlanGroupInput } from './plan.ts';

/** A single-value coded column: a code per item (-1 = missing) and the value behind each code. */
export interface GroupColumn {
  /** Value code per item. */
  codes: Int32Array;
  /** Value of each code. */
  values: readonly string[];
}

/** What to group. */
export interface GroupUnitsInput {
  /** Period index per item (-1 = undated). */
  periodIndex: Int32Array;
  /** Number of periods. */
  periodCount: number;
  /** One or two grouping columns. */
  columns: readonly GroupColumn[];
  /** Units sold per item (NaN counts as 0). */
  units: ArrayLike<number>;
  /** Stock on hand per item, if known: a group's stock is the sum over its rows in its latest period with a stock figure. */
  stock?: ArrayLike<number>;
  /** 1 = the item counts (filters); all when absent. */
  mask?: Uint8Array;
  /** Only periods from … to (inclusive), when set. */
  periodRange?: [number, number];
  /** Most groups planned one by one; the rest are lumped into one group (default 30). */
  maxGroups?: number;
  /** Key value of the lumped group (e.g. "Other"). */
  otherLabel: string;
}

/** Groups ready to plan. */
export interface GroupedUnits {
  /** The groups, largest first (the lumped one last). */
  groups: PlanGroupInput[];
  /** The periods the series span (first … last period with a counted item). */
  from: number;
  to: number;
  /** How many groups were lumped together (0 when none). */
  lumped: number;
  /** Items counted. */
  items: number;
}

/** Adds up units per group and period; undefined when no item counts. */
export function groupUnits(input: GroupUnitsInput): GroupedUnits | undefined {
  const { periodIndex, columns, units, stock, mask } = input;
  const [lo, hi] = input.periodRange ?? [0, input.periodCount - 1];
  const width = columns.length;
  const second = width > 1 ? columns[1]!.values.length : 1;
  const series = new Map<number, { units: Float64Array; total: number; stockPeriod: number; stock: number; hasStock: boolean }>();
  let first = Infinity;
  let last = -1;
  let items = 0;
  for (let i = 0; i < periodIndex.length; i++) {
    const p = periodIndex[i]!;
    if (p < lo || p > hi || (mask && !mask[i])) continue;
    const a = columns[0]!.codes[i]!;
    const b = width > 1 ? columns[1]!.codes[i]! : 0;
    if (a < 0 || b < 0) continue;
    const id = a * second + b;
    let g = series.get(id);
    if (!g) {
      g = { units: new Float64Array(input.periodCount), total: 0, stockPeriod: -1, stock: 0, hasStock: false };
      series.set(id, g);
    }
    const u = units[i]!;
    if (Number.isFinite(u)) {
      g.units[p]! += u;
      g.total += u;
    }
    const s = stock?.[i];
    if (s !== undefined && Number.isFinite(s)) {
      if (p > g.stockPeriod) {
        g.stockPeriod = p;
        g.stock = 0;
      }
      if (p === g.stockPeriod) g.stock += s;
      g.hasStock = true;
    }
    first = Math.min(first, p);
    last = Math.max(last, p);
    items++;
  }
  if (items === 0) return undefined;
  const ranked = [...series.entries()].sort((x, y) => y[1].total - x[1].total || x[0] - y[0]);
  const max = Math.max(1, input.maxGroups ?? 30);
  const kept = ranked.length > max ? ranked.slice(0, max - 1) : ranked;
  const rest = ranked.slice(kept.length);
  const keyOf = (id: number) => (width > 1 ? [columns[0]!.values[Math.floor(id / second)]!, columns[1]!.values[id % second]!] : [columns[0]!.values[id]!]);
  const withStock = stock !== undefined;
  const groups: PlanGroupInput[] = kept.map(([id, g]) => ({ key: keyOf(id), units: g.units.slice(first, last + 1), ...(withStock ? { stock: g.hasStock ? g.stock : 0 } : {}) }));
  if (rest.length > 0) {
    const lumpedUnits = new Float64Array(last - first + 1);
    let lumpedStock = 0;
    for (const [, g] of rest) {
      for (let t = first; t <= last; t++) lumpedUnits[t - first]! += g.units[t]!;
      if (g.hasStock) lumpedStock += g.stock;
    }
    groups.push({ key: new Array<string>(width).fill(input.otherLabel), units: lumpedUnits, ...(withStock ? { stock: lumpedStock } : {}) });
  }
  return { groups, from: first, to: last, lumped: rest.length, items };
}
