/**
 * How well each period is supported by items: which periods are thin (some items, but fewer than
 * the minimum a share needs), the shares of those thin periods (shown lighter, never hidden), the
 * range of periods that have data at all (where "now" is), and the coarser period length to
 * suggest when too many periods are thin ("Too few items per week — show by quarter?").
 * Pure: plain arrays in, plain values out.
 */
import type { Cube } from './cube.ts';
import { periodsPerYear, type PeriodGrain } from '../series/periods.ts';

/** Periods counted as "enough" at or above this share of the data range make a grain readable. */
export const READABLE_COVERAGE = 0.8;

/** The first and last period with at least one item, or undefined when no period has any. */
export function dataRange(periodSupport: ArrayLike<number>): [number, number] | undefined {
  let from = -1;
  let to = -1;
  for (let p = 0; p < periodSupport.length; p++) {
    if (periodSupport[p]! > 0) {
      if (from < 0) from = p;
      to = p;
    }
  }
  return from < 0 ? undefined : [from, to];
}

/** Per period: true when it has items but fewer than `minSupport` (a thin period). */
export function thinFlags(periodSupport: ArrayLike<number>, minSupport: number): boolean[] {
  checkMinSupport(minSupport);
  return Array.from(periodSupport, (n) => n > 0 && n < minSupport);
}

/**
 * Share (0…1) of a label value in the thin periods only (NaN in periods with enough items or with
 * none): what the chart draws lighter, so a thin period's value is shown with its count, not hidden.
 */
export function thinShareSeries(cube: Cube, label: number, minSupport: number): Float64Array {
  checkMinSupport(minSupport);
  if (label < 0 || label >= cube.labelCount) throw new Error(`There is no label value number ${label}; the facet has ${cube.labelCount}.`);
  const out = new Float64Array(cube.periodCount);
  for (let p = 0; p < cube.periodCount; p++) {
    const support = cube.periodSupport[p]!;
    out[p] = support > 0 && support < minSupport && cube.periodAmount[p]! > 0 ? cube.amount[p * cube.labelCount + label]! / cube.periodAmount[p]! : Number.NaN;
  }
  return out;
}

/** What the periods of one grain rest on. */
export interface SupportSummary {
  /** Periods from the first to the last with data. */
  periods: number;
  /** Of those, periods with at least `minSupport` items. */
  enough: number;
  /** Of those, periods with some items but fewer than `minSupport`. */
  thin: number;
  /** enough / periods (0 when there are no periods with data). */
  coverage: number;
  /** Median items per period over the data range (0 without data). */
  medianItems: number;
}

/** Counts the enough and thin periods inside the data range of `periodSupport`. */
export function supportSummary(periodSupport: ArrayLike<number>, minSupport: number): SupportSummary {
  checkMinSupport(minSupport);
  const range = dataRange(periodSupport);
  if (!range) return { periods: 0, enough: 0, thin: 0, coverage: 0, medianItems: 0 };
  const counts: number[] = [];
  let enough = 0;
  let thin = 0;
  for (let p = range[0]; p <= range[1]; p++) {
    const n = periodSupport[p]!;
    counts.push(n);
    if (n >= minSupport) enough++;
    else if (n > 0) thin++;
  }
  counts.sort((a, b) => a - b);
  const mid = counts.length >> 1;
  const medianItems = counts.length % 2 === 1 ? counts[mid]! : (counts[mid - 1]! + counts[mid]!) / 2;
  return { periods: counts.length, enough, thin, coverage: enough / counts.length, medianItems };
}

/** The grains strictly longer than `grain`, finest first (quarter before fashion season before year). */
export function coarserGrains(grain: PeriodGrain): PeriodGrain[] {
  const order: PeriodGrain[] = ['week', 'month', 'quarter', 'fashion-season', 'year'];
  // Longer periods are fewer per year; quarter and season are the same length (three months).
  return order.filter((g) => periodsPerYear(g) < periodsPerYear(grain));
}

/** Whether a grain's periods are readable: at least READABLE_COVERAGE of them have enough items. */
export function isReadable(summary: SupportSummary): boolean {
  return summary.periods > 0 && summary.coverage >= READABLE_COVERAGE;
}

/** What to tell the user about thin periods at the shown grain. */
export interface ThinAdvice {
  /** The grain shown. */
  grain: PeriodGrain;
  /** Its support. */
  summary: SupportSummary;
  /** The finest coarser grain whose periods are readable, or undefined when none is. */
  suggestion?: PeriodGrain;
  /** The suggested grain's support. */
  suggestionSummary?: SupportSummary;
}

/**
 * Advice when too many periods of `grain` are thin (fewer than READABLE_COVERAGE of them have
 * `minSupport` items): the finest coarser grain that is readable, if any. Undefined when the
 * shown grain is readable, or has no data. `supportOf(g)` gives the items per period at grain `g`
 * (under the same filters), or undefined when it cannot be counted.
 */
export function adviseGrain(grain: PeriodGrain, supportOf: (grain: PeriodGrain) => ArrayLike<number> | undefined, minSupport: number): ThinAdvice | undefined {
  checkMinSupport(minSupport);
  const shown = supportOf(grain);
  if (!shown) return undefined;
  const summary = supportSummary(shown, minSupport);
  if (summary.periods === 0 || isReadable(summary)) return undefined;
  for (const g of coarserGrains(grain)) {
    const support = supportOf(g);
    if (!support) continue;
    const s = supportSummary(support, minSupport);
    if (isReadable(s)) return { grain, summary, suggestion: g, suggestionSummary: s };
  }
  return { grain, summary };
}

function checkMinSupport(minSupport: number): void {
  if (!Number.isInteger(minSupport) || minSupport < 1) throw new Error(`The fewest items per period must be a whole number of at least 1, not ${String(minSupport)}.`);
}
