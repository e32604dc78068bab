/**
 * The dashboard's counting engine: items × periods × label values, over integer codes, so a
 * filter change on a million items recounts in a few milliseconds. Pure; no Arrow, no DOM.
 */

/** Label codes per item: one code (or -1 when missing), or a list of codes per item (multi-label). */
export type LabelCodes =
  | { kind: 'single'; codes: Int32Array }
  | { kind: 'multi'; offsets: Int32Array; codes: Int32Array };

/** What to count: each item's period index (-1 = undated), its labels, and optional weight and filter. */
export interface CubeInput {
  /** Period index of each item (0…periodCount-1), or -1 when the item has no usable date. */
  periodIndex: Int32Array;
  /** How many periods there are. */
  periodCount: number;
  /** The facet's label codes per item. */
  labels: LabelCodes;
  /** How many distinct label values there are. */
  labelCount: number;
  /** Units sold per item, when shares should be of units rather than of items. */
  weights?: Float64Array;
  /** 1 = item passes the filters, 0 = filtered out; all items when absent. */
  mask?: Uint8Array;
}

/** Counts per period and label, and the totals they are shares of. */
export interface Cube {
  /** Number of periods (rows of the matrices). */
  periodCount: number;
  /** Number of label values (columns). */
  labelCount: number;
  /** Weighted count of items per [period * labelCount + label]. */
  amount: Float64Array;
  /** Number of items (unweighted) per [period * labelCount + label]: the support behind each share. */
  support: Uint32Array;
  /** Weighted total of labelled items per period: the denominator of shares. */
  periodAmount: Float64Array;
  /** Number of labelled items per period. */
  periodSupport: Uint32Array;
  /** Items counted at all (passed the filter, dated, labelled). */
  itemsCounted: number;
}

/** Counts items (or units) per period and label value, honouring the filter mask. */
export function buildCube(input: CubeInput): Cube {
  const { periodIndex, periodCount, labels, labelCount, weights, mask } = input;
  const amount = new Float64Array(periodCount * labelCount);
  const support = new Uint32Array(periodCount * labelCount);
  const periodAmount = new Float64Array(periodCount);
  const periodSupport = new Uint32Array(periodCount);
  let itemsCounted = 0;
  const n = periodIndex.length;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    const p = periodIndex[i]!;
    if (p < 0) continue;
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0)) continue; // negative or NaN units are not counted (reported at intake)
    let labelled = false;
    if (labels.kind === 'single') {
      const code = labels.codes[i]!;
      if (code >= 0) {
        amount[p * labelCount + code]! += w;
        support[p * labelCount + code]!++;
        labelled = true;
      }
    } else {
      const end = labels.offsets[i + 1]!;
      for (let k = labels.offsets[i]!; k < end; k++) {
        const code = labels.codes[k]!;
        amount[p * labelCount + code]! += w;
        support[p * labelCount + code]!++;
        labelled = true;
      }
    }
    if (labelled) {
      periodAmount[p]! += w;
      periodSupport[p]!++;
      itemsCounted++;
    }
  }
  return { periodCount, labelCount, amount, support, periodAmount, periodSupport, itemsCounted };
}

/** One label value's share per period, NaN where the period has fewer items than minSupport. */
export function shareSeries(cube: Cube, label: number, minSupport: number): Float64Array {
  const out = new Float64Array(cube.periodCount);
  for (let p = 0; p < cube.periodCount; p++) {
    out[p] = cube.periodSupport[p]! >= minSupport && cube.periodAmount[p]! > 0 ? cube.amount[p * cube.labelCount + label]! / cube.periodAmount[p]! : Number.NaN;
  }
  return out;
}

/** Total support (items) of each label value over all periods. */
export function labelTotals(cube: Cube): Uint32Array {
  const totals = new Uint32Array(cube.labelCount);
  for (let p = 0; p < cube.periodCount; p++) for (let l = 0; l < cube.labelCount; l++) totals[l]! += cube.support[p * cube.labelCount + l]!;
  return totals;
}

/** A filter on one coded column: keep items whose code is in `allowed`. */
export interface CodeFilter {
  /** Code per item (-1 = missing, never allowed). */
  codes: Int32Array;
  /** Allowed codes. */
  allowed: ReadonlySet<number>;
}

/** Builds the filter mask: items passing every code filter and, when given, inside [from, to] in period index. */
export function buildMask(itemCount: number, filters: readonly CodeFilter[], periodIndex?: Int32Array, periodRange?: readonly [number, number]): Uint8Array | undefined {
  if (filters.length === 0 && !periodRange) return undefined;
  const mask = new Uint8Array(itemCount);
  if (filters.length === 0) mask.fill(1);
  filters.forEach(({ codes, allowed }, f) => {
    // A lookup table beats Set.has in the hot loop; `code >>> 0` makes -1 (missing) too large.
    let maxCode = 0;
    for (const code of allowed) maxCode = Math.max(maxCode, code);
    const ok = new Uint8Array(maxCode + 1);
    for (const code of allowed) if (code >= 0) ok[code] = 1;
    if (f === 0) {
      // The first filter writes the mask outright; later ones can only clear it.
      for (let i = 0; i < itemCount; i++) {
        const code = codes[i]! >>> 0;
        mask[i] = code <= maxCode ? ok[code]! : 0;
      }
    } else {
      for (let i = 0; i < itemCount; i++) {
        const code = codes[i]! >>> 0;
        if (code > maxCode || ok[code] === 0) mask[i] = 0;
      }
    }
  });
  if (periodRange && periodIndex) {
    const [from, to] = periodRange;
    for (let i = 0; i < itemCount; i++) {
      const p = periodIndex[i]!;
      if (p < from || p > to) mask[i] = 0;
    }
  }
  return mask;
}
