/**
 * The dashboard's trend series of a catalogue as a table of numbers (for `trendloom trends`): the
 * same period buckets (periods.ts), the same counting (trends.ts) and the same trimming of thin
 * leading and trailing periods as the dashboard's chart. Pure.
 */
import type { LabelCodes } from './cube.ts';
import { assignPeriods, supportedRange, type PeriodGrain } from './periods.ts';
import { computeTrends } from './trends.ts';

/** What to count: one facet of dated items, by period. */
export interface SeriesExportInput {
  /** Item dates as UTC ms (NaN: undated). */
  dates: ArrayLike<number>;
  /** The facet's codes per item. */
  labels: LabelCodes;
  /** The facet's values (display text per code). */
  values: string[];
  /** Units per item: shares are then shares of units, not of items. */
  weights?: Float64Array;
  /** Sure/unsure flags of a model label column (see unsure.ts); unsure labels are left out unless includeUnsure. */
  sure?: Uint8Array;
  /** Count unsure labels too. */
  includeUnsure?: boolean;
  /** Period length. */
  grain: PeriodGrain;
  /** A period needs this many items for a share (fewer: left empty). */
  minSupport: number;
  /** How many of the most frequent values become series. */
  topN: number;
}

/** The series, one value per period, with the items behind each period. */
export interface SeriesExport {
  /** Period labels ("2019-03", "Summer 2019", …), first to last kept period. */
  periods: string[];
  /** UTC ms of each period's first day. */
  starts: number[];
  /** Items (dated, labelled, counted) per period. */
  items: number[];
  /** One series per value, most frequent first: share 0…1 per period (NaN: fewer than minSupport items). */
  series: { label: string; share: number[]; totalSupport: number }[];
  /** Periods inside the kept range with fewer than minSupport items (their shares are NaN). */
  thinPeriods: number;
  /** Periods dropped at the start and at the end because they had fewer than minSupport items. */
  trimmed: { leading: number; trailing: number };
  /** Dated items whose facet value was counted. */
  itemsCounted: number;
  /** Items without a date (not counted). */
  undated: number;
}

/**
 * Counts the facet's share series per period, as the dashboard charts them: top values by
 * support, thin periods (fewer than minSupport items) empty, thin periods at either end dropped.
 * Returns no periods when no period has minSupport items.
 */
export function seriesForExport(input: SeriesExportInput): SeriesExport {
  const assignment = assignPeriods(input.dates, input.grain);
  let undated = 0;
  for (const p of assignment.periodIndex) if (p < 0) undated++;
  const result = computeTrends({
    periodIndex: assignment.periodIndex,
    periodCount: assignment.labels.length,
    labels: input.labels,
    values: input.values,
    weights: input.weights,
    filters: [],
    minSupport: input.minSupport,
    topN: input.topN,
    sure: input.sure,
    includeUnsure: input.includeUnsure,
  });
  const range = supportedRange(result.periodSupport, input.minSupport);
  const [from, to] = range ?? [0, -1];
  let thinPeriods = 0;
  for (let p = from; p <= to; p++) if (result.periodSupport[p]! < input.minSupport) thinPeriods++;
  return {
    periods: assignment.labels.slice(from, to + 1),
    starts: assignment.starts.slice(from, to + 1),
    items: Array.from(result.periodSupport.slice(from, to + 1)),
    series: result.series.map((s) => ({ label: s.label, share: Array.from(s.share.slice(from, to + 1)), totalSupport: s.totalSupport })),
    thinPeriods,
    trimmed: range ? { leading: from, trailing: assignment.labels.length - 1 - to } : { leading: 0, trailing: 0 },
    itemsCounted: result.itemsCounted,
    undated,
  };
}
