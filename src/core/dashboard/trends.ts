/**
 * From coded columns to the dashboard's trend series: shares per period for the facet's most
 * frequent values, under the current filters. Pure and fast: everything is integer counting.
 */
import { buildCube, buildMask, labelTotals, shareSeries, type CodeFilter, type Cube, type LabelCodes } from './cube.ts';

/** The facet's share series for one label value. */
export interface TrendSeries {
  /** The label value, e.g. "Casual" or "Navy Blue". */
  label: string;
  /** Share (0…1) per period; NaN where the period has too few items. */
  share: Float64Array;
  /** Items behind each period's share. */
  support: Uint32Array;
  /** Items with this label over all periods (after filters). */
  totalSupport: number;
}

/** Inputs of a trend computation, already coded. */
export interface TrendInput {
  /** Period index per item (-1 = undated). */
  periodIndex: Int32Array;
  /** Number of periods. */
  periodCount: number;
  /** The facet's codes. */
  labels: LabelCodes;
  /** The facet's values (display text per code). */
  values: string[];
  /** Units per item when shares are of units. */
  weights?: Float64Array;
  /** Filters on other coded columns. */
  filters: readonly CodeFilter[];
  /** Keep only periods in [from, to] (indices), when given. */
  periodRange?: readonly [number, number];
  /** A share needs at least this many items in its period, else it is NaN ("not enough data"). */
  minSupport: number;
  /** How many of the most frequent values to return. */
  topN: number;
}

/** Trend series of the top values, plus the totals they rest on. */
export interface TrendResult {
  /** Series for the topN values by support, most frequent first. */
  series: TrendSeries[];
  /** Labelled items per period (the denominator's support). */
  periodSupport: Uint32Array;
  /** Items counted after filters (dated and labelled). */
  itemsCounted: number;
  /** Items that passed the filters at all. */
  itemsFiltered: number;
  /** The full cube, for heatmaps and drill-down. */
  cube: Cube;
}

/** Computes share series per label value under filters. */
export function computeTrends(input: TrendInput): TrendResult {
  const n = input.periodIndex.length;
  const mask = buildMask(n, input.filters, input.periodIndex, input.periodRange);
  const cube = buildCube({ periodIndex: input.periodIndex, periodCount: input.periodCount, labels: input.labels, labelCount: input.values.length, weights: input.weights, mask });
  const totals = labelTotals(cube);
  const order = Array.from(totals.keys())
    .filter((l) => totals[l]! > 0)
    .sort((a, b) => totals[b]! - totals[a]! || input.values[a]!.localeCompare(input.values[b]!));
  const series = order.slice(0, input.topN).map((label) => {
    const support = new Uint32Array(cube.periodCount);
    for (let p = 0; p < cube.periodCount; p++) support[p] = cube.support[p * cube.labelCount + label]!;
    return { label: input.values[label]!, share: shareSeries(cube, label, input.minSupport), support, totalSupport: totals[label]! };
  });
  let itemsFiltered = n;
  if (mask) {
    itemsFiltered = 0;
    for (let i = 0; i < n; i++) itemsFiltered += mask[i]!;
  }
  return { series, periodSupport: cube.periodSupport, itemsCounted: cube.itemsCounted, itemsFiltered, cube };
}

/** Change of a share between two periods, or undefined when either is "not enough data". */
export function shareChange(share: Float64Array, from: number, to: number): number | undefined {
  const a = share[from];
  const b = share[to];
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return b - a;
}

/** Indices of the dated items behind one label value in one period, or in all periods (for drill-down), honouring filters. */
export function itemsBehind(periodIndex: Int32Array, labels: LabelCodes, label: number, period: number | undefined, mask?: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < periodIndex.length; i++) {
    if (mask && mask[i] === 0) continue;
    if (period === undefined ? periodIndex[i]! < 0 : periodIndex[i] !== period) continue;
    if (labels.kind === 'single') {
      if (labels.codes[i] === label) out.push(i);
    } else {
      for (let k = labels.offsets[i]!; k < labels.offsets[i + 1]!; k++) {
        if (labels.codes[k] === label) {
          out.push(i);
          break;
        }
      }
    }
  }
  return Int32Array.from(out);
}
