/**
 * The dashboard's trend series of a catalogue as a table of numbers (for `trendloom trends`): the
 * same period buckets (periods.ts), the same counting (trends.ts) and the same periods as the
 * dashboard's chart: from the first to the last period with any item, thin periods (fewer items
 * than the minimum) kept with their shares unless asked to leave them empty (support.ts). Pure.
 */
import type { LabelCodes } from './cube.ts';
import { assignPeriods, type PeriodGrain } from './periods.ts';
import { dataRange } from './support.ts';
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
  /** Periods with fewer items than this (but some) are thin. */
  minSupport: number;
  /** Leave the shares of thin periods empty (NaN) instead of writing them (default false). */
  dropThin?: boolean;
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
  /** One series per value, most frequent first: share 0…1 per period (NaN: no item, or thin with dropThin). */
  series: { label: string; share: number[]; totalSupport: number }[];
  /** Per period: some items, but fewer than minSupport. */
  thin: boolean[];
  /** Periods without any item inside the range (their shares are NaN). */
  emptyPeriods: number;
  /** Dated items whose facet value was counted. */
  itemsCounted: number;
  /** Items without a date (not counted). */
  undated: number;
}

/**
 * Counts the facet's share series per period, as the dashboard charts them: top values by
 * support, periods from the first to the last with any item (no periods when no item is dated),
 * thin periods' shares kept (or NaN with dropThin), periods without items NaN.
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
  const [from, to] = dataRange(result.periodSupport) ?? [0, -1];
  const items = Array.from(result.periodSupport.slice(from, to + 1));
  const thin = items.map((n) => n > 0 && n < input.minSupport);
  return {
    periods: assignment.labels.slice(from, to + 1),
    starts: assignment.starts.slice(from, to + 1),
    items,
    series: result.series.map((s) => ({
      label: s.label,
      share: Array.from(s.share.slice(from, to + 1), (share, k) => (thin[k] && !input.dropThin ? (s.thinShare?.[from + k] ?? Number.NaN) : share)),
      totalSupport: s.totalSupport,
    })),
    thin,
    emptyPeriods: items.filter((n) => n === 0).length,
    itemsCounted: result.itemsCounted,
    undated,
  };
}
