/**
 * From coded columns to the dashboard's trend series: shares per period for the facet's most
 * frequent values, under the current filters. Pure and fast: everything is integer counting.
 */
import { buildCube, buildMask, labelTotals, shareSeries, type CodeFilter, type Cube, type LabelCodes } from './cube.ts';
import { thinShareSeries } from './support.ts';

/** The facet's share series for one label value. */
export interface TrendSeries {
  /** The label value, e.g. "Casual" or "Navy Blue". */
  label: string;
  /** Share (0…1) per period; NaN where the period has too few items. */
  share: Float64Array;
  /**
   * Share (0…1) in the thin periods only (some items, but fewer than minSupport), NaN elsewhere:
   * drawn lighter with the period's count, never hidden. Absent for series not counted from items.
   */
  thinShare?: Float64Array;
  /** Items behind each period's share. */
  support: Uint32Array;
  /** Items with this label over all periods (after filters). */
  totalSupport: number;
  /**
   * Share (0…1) of the items the model gave this label that it was unsure about (after filters,
   * dated, whether or not unsure labels are counted); NaN or absent when the facet has no sure/unsure flags.
   */
  unsureShare?: number;
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
  /** Per item: 1 = the label is sure, 0 = unsure (any other value: no label). Absent: every label counts as sure. */
  sure?: Uint8Array;
  /** Count unsure labels too (default false: only sure labels make the series). */
  includeUnsure?: boolean;
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
  /** Dated items (after filters) whose label was unsure, counted or not; 0 without sure/unsure flags. */
  unsureItems: number;
  /** Dated, labelled items (after filters), sure or unsure: what `unsureItems` is a share of. */
  labelledItems: number;
  /** Whether unsure labels are left out of the series (flags given and includeUnsure false). */
  sureOnly: boolean;
}

/** Computes share series per label value under filters. */
export function computeTrends(input: TrendInput): TrendResult {
  const n = input.periodIndex.length;
  const mask = buildMask(n, input.filters, input.periodIndex, input.periodRange);
  const sureOnly = input.sure !== undefined && input.includeUnsure !== true;
  if (input.sure && input.sure.length !== n) throw new Error(`Got sure/unsure flags for ${input.sure.length} items but the facet has ${n}.`);
  const unsure = input.sure ? countUnsure(input.periodIndex, input.labels, input.values.length, input.sure, mask) : undefined;
  // Sure-only series: the unsure items are left out like filtered ones.
  let countMask = mask;
  if (sureOnly) {
    countMask = new Uint8Array(n);
    for (let i = 0; i < n; i++) countMask[i] = (mask === undefined || mask[i] === 1) && input.sure![i] === 1 ? 1 : 0;
  }
  const cube = buildCube({ periodIndex: input.periodIndex, periodCount: input.periodCount, labels: input.labels, labelCount: input.values.length, weights: input.weights, mask: countMask });
  const totals = labelTotals(cube);
  const order = Array.from(totals.keys())
    .filter((l) => totals[l]! > 0)
    .sort((a, b) => totals[b]! - totals[a]! || input.values[a]!.localeCompare(input.values[b]!));
  const series = order.slice(0, input.topN).map((label) => {
    const support = new Uint32Array(cube.periodCount);
    for (let p = 0; p < cube.periodCount; p++) support[p] = cube.support[p * cube.labelCount + label]!;
    const unsureShare = unsure && unsure.labelled[label]! > 0 ? unsure.unsure[label]! / unsure.labelled[label]! : Number.NaN;
    return { label: input.values[label]!, share: shareSeries(cube, label, input.minSupport), thinShare: thinShareSeries(cube, label, input.minSupport), support, totalSupport: totals[label]!, unsureShare };
  });
  let itemsFiltered = n;
  if (mask) {
    itemsFiltered = 0;
    for (let i = 0; i < n; i++) itemsFiltered += mask[i]!;
  }
  return {
    series,
    periodSupport: cube.periodSupport,
    itemsCounted: cube.itemsCounted,
    itemsFiltered,
    cube,
    unsureItems: unsure?.unsureItems ?? 0,
    labelledItems: unsure?.labelledItems ?? cube.itemsCounted,
    sureOnly,
  };
}

/** Per label value: dated items (passing the mask) with that label, and how many of them are unsure; plus item totals. */
function countUnsure(periodIndex: Int32Array, labels: LabelCodes, labelCount: number, sure: Uint8Array, mask: Uint8Array | undefined) {
  const labelled = new Uint32Array(labelCount);
  const unsure = new Uint32Array(labelCount);
  let labelledItems = 0;
  let unsureItems = 0;
  for (let i = 0; i < periodIndex.length; i++) {
    if ((mask && mask[i] === 0) || periodIndex[i]! < 0) continue;
    const flag = sure[i];
    if (flag !== 0 && flag !== 1) continue;
    const isUnsure = flag === 0;
    let any = false;
    const count = (code: number) => {
      if (code < 0) return;
      labelled[code]!++;
      if (isUnsure) unsure[code]!++;
      any = true;
    };
    if (labels.kind === 'single') count(labels.codes[i]!);
    else for (let k = labels.offsets[i]!; k < labels.offsets[i + 1]!; k++) count(labels.codes[k]!);
    if (any) {
      labelledItems++;
      if (isUnsure) unsureItems++;
    }
  }
  return { labelled, unsure, labelledItems, unsureItems };
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
