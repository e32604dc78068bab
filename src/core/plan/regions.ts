/**
 * Regional differences that are real: for each facet value and region, the value's share of the
 * region's items against its share elsewhere (lift), a two-proportion z-test corrected for the
 * many comparisons (Benjamini–Hochberg), and whether the gap is widening or closing over time.
 */
import { normalCdf } from './stats.ts';

/** Items coded by facet value, region and period (-1 = missing; such items are left out). */
export interface RegionItems {
  /** Facet value code per item (index into `values`). */
  value: ArrayLike<number>;
  /** Region code per item (index into `regions`). */
  region: ArrayLike<number>;
  /** Period index per item (0 … periods − 1), for the gap's trend. */
  period: ArrayLike<number>;
  /** Facet value names. */
  values: readonly string[];
  /** Region names. */
  regions: readonly string[];
  /** Number of periods. */
  periods: number;
}

/** Settings of the regional comparison. */
export interface RegionOptions {
  /** False discovery rate kept by the Benjamini–Hochberg correction (default 0.05). */
  alpha?: number;
  /** A region with fewer items is flagged 'small' and neither tested nor ranked (default 100). */
  minRegionItems?: number;
  /** A comparison where the value would be expected fewer times than this in the region (or elsewhere) is not tested (default 5). */
  minExpected?: number;
}

/** Whether the gap between the region and elsewhere grows, shrinks, or neither (beyond chance). */
export type GapTrend = 'widening' | 'closing' | 'steady' | 'unknown';

/** One facet value in one region. */
export interface RegionDifference {
  /** Facet value. */
  value: string;
  /** Region. */
  region: string;
  /** Items in the region, and of them with this value. */
  regionItems: number;
  valueItems: number;
  /** Share of the region's items with the value, and of the items elsewhere. */
  shareIn: number;
  shareElsewhere: number;
  /** shareIn / shareElsewhere (2 = twice as popular in the region). */
  lift: number;
  /** Two-sided p-value of the two-proportion z-test (NaN when not tested). */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value (q-value; NaN when not tested). */
  qValue: number;
  /** The difference is beyond chance at the chosen false discovery rate. */
  real: boolean;
  /** The region has too few items to say: flagged, not ranked. */
  small: boolean;
  /** Trend of the gap (log lift per period, weighted least squares). */
  gapTrend: GapTrend;
  /** Change of log lift per period (NaN when unknown). */
  gapSlope: number;
  /** The finding in words. */
  sentence: string;
}

/** Benjamini–Hochberg adjusted p-values (NaN stays NaN and is not counted). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, i) => [p, i] as const).filter(([p]) => Number.isFinite(p)).sort((a, b) => a[0] - b[0]);
  const m = tested.length;
  const q = pValues.map(() => NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = tested[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = running;
  }
  return q;
}

/** Two-sided p-value of the pooled two-proportion z-test: a of n against b of m. */
export function twoProportionP(a: number, n: number, b: number, m: number): number {
  const pooled = (a + b) / (n + m);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  if (!(se > 0)) return 1;
  const z = Math.abs(a / n - b / m) / se;
  return Math.min(1, 2 * (1 - normalCdf(z)));
}

/**
 * Slope of the log lift over the periods by weighted least squares (weights 1 / delta-method
 * variance, 0.5 added to every count) and its z-score; NaN with fewer than 3 usable periods.
 */
export function gapSlope(inRegion: ArrayLike<number>, regionTotal: ArrayLike<number>, elsewhere: ArrayLike<number>, elsewhereTotal: ArrayLike<number>): { slope: number; z: number } {
  const t: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let p = 0; p < regionTotal.length; p++) {
    const n = regionTotal[p]!;
    const m = elsewhereTotal[p]!;
    if (n <= 0 || m <= 0) continue;
    const a = inRegion[p]! + 0.5;
    const b = elsewhere[p]! + 0.5;
    const variance = 1 / a - 1 / (n + 1) + 1 / b - 1 / (m + 1);
    if (!(variance > 0)) continue;
    t.push(p);
    y.push(Math.log(a / (n + 1)) - Math.log(b / (m + 1)));
    w.push(1 / variance);
  }
  if (t.length < 3) return { slope: NaN, z: NaN };
  const sw = w.reduce((s, v) => s + v, 0);
  const tBar = t.reduce((s, v, i) => s + w[i]! * v, 0) / sw;
  const yBar = y.reduce((s, v, i) => s + w[i]! * v, 0) / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < t.length; i++) {
    sxx += w[i]! * (t[i]! - tBar) ** 2;
    sxy += w[i]! * (t[i]! - tBar) * (y[i]! - yBar);
  }
  if (!(sxx > 0)) return { slope: NaN, z: NaN };
  const slope = sxy / sxx;
  return { slope, z: slope * Math.sqrt(sxx) };
}

function sentenceOf(d: Omit<RegionDifference, 'sentence'>): string {
  if (d.small) return `${d.region} has only ${d.regionItems} items: too few to say how ${d.value} differs there.`;
  const how = d.lift >= 1 ? `${d.value} is ${d.lift.toFixed(1)}× as popular in ${d.region} as elsewhere` : `${d.value} is less popular in ${d.region}: its share there is ${d.lift.toFixed(2)}× its share elsewhere`;
  if (!d.real) return `${how}, but that is within chance.`;
  const trend = d.gapTrend === 'widening' ? ', and the gap is widening' : d.gapTrend === 'closing' ? ', and the gap is closing' : '';
  return `${how}${trend}.`;
}

/**
 * Every facet value × region comparison, real differences first (largest first, by |log lift|),
 * then the rest, then small regions (flagged, not ranked).
 */
export function regionalDifferences(items: RegionItems, options: RegionOptions = {}): RegionDifference[] {
  const alpha = options.alpha ?? 0.05;
  const minRegion = options.minRegionItems ?? 100;
  const minExpected = options.minExpected ?? 5;
  const V = items.values.length;
  const R = items.regions.length;
  const P = Math.max(1, items.periods);
  // counts[v][r][p] and totals[r][p]
  const counts = new Float64Array(V * R * P);
  const totals = new Float64Array(R * P);
  for (let i = 0; i < items.value.length; i++) {
    const v = items.value[i]!;
    const r = items.region[i]!;
    const p = items.period[i]!;
    if (v < 0 || r < 0 || v >= V || r >= R) continue;
    const pp = p >= 0 && p < P ? p : 0;
    counts[(v * R + r) * P + pp]! += 1;
    totals[r * P + pp]! += 1;
  }
  const sum = (array: Float64Array, offset: number) => {
    let s = 0;
    for (let p = 0; p < P; p++) s += array[offset + p]!;
    return s;
  };
  const regionTotal = Array.from({ length: R }, (_, r) => sum(totals, r * P));
  const all = regionTotal.reduce((s, v) => s + v, 0);
  const rows: Omit<RegionDifference, 'sentence' | 'qValue' | 'real'>[] = [];
  for (let v = 0; v < V; v++) {
    const valueTotal = Array.from({ length: R }, (_, r) => sum(counts, (v * R + r) * P)).reduce((s, x) => s + x, 0);
    for (let r = 0; r < R; r++) {
      const n = regionTotal[r]!;
      const m = all - n;
      const a = sum(counts, (v * R + r) * P);
      const b = valueTotal - a;
      const shareIn = n > 0 ? a / n : NaN;
      const shareElsewhere = m > 0 ? b / m : NaN;
      const small = n < minRegion;
      const pooled = all > 0 ? valueTotal / all : 0;
      const testable = !small && m > 0 && pooled * n >= minExpected && pooled * m >= minExpected && (1 - pooled) * n >= minExpected;
      const pValue = testable ? twoProportionP(a, n, b, m) : NaN;
      // The gap's trend, per period: this region against all others.
      const inR = new Float64Array(P);
      const nR = new Float64Array(P);
      const out = new Float64Array(P);
      const nOut = new Float64Array(P);
      for (let p = 0; p < P; p++) {
        inR[p] = counts[(v * R + r) * P + p]!;
        nR[p] = totals[r * P + p]!;
        for (let o = 0; o < R; o++) {
          if (o === r) continue;
          out[p]! += counts[(v * R + o) * P + p]!;
          nOut[p]! += totals[o * P + p]!;
        }
      }
      const trend = testable ? gapSlope(inR, nR, out, nOut) : { slope: NaN, z: NaN };
      const logLift = Math.log(shareIn / shareElsewhere);
      let gapTrend: GapTrend = 'unknown';
      if (Number.isFinite(trend.z) && Number.isFinite(logLift)) {
        if (Math.abs(trend.z) < 1.959964) gapTrend = 'steady';
        else gapTrend = Math.sign(trend.slope) === Math.sign(logLift) ? 'widening' : 'closing';
      }
      rows.push({ value: items.values[v]!, region: items.regions[r]!, regionItems: n, valueItems: a, shareIn, shareElsewhere, lift: shareIn / shareElsewhere, pValue, small, gapTrend, gapSlope: trend.slope });
    }
  }
  const q = benjaminiHochberg(rows.map((row) => row.pValue));
  const result = rows.map((row, i) => {
    const d = { ...row, qValue: q[i]!, real: q[i]! <= alpha };
    return { ...d, sentence: sentenceOf(d) };
  });
  const rank = (d: RegionDifference) => (d.small ? 2 : d.real ? 0 : 1);
  const size = (d: RegionDifference) => (Number.isFinite(Math.log(d.lift)) ? Math.abs(Math.log(d.lift)) : 0);
  return result.sort((x, y) => rank(x) - rank(y) || size(y) - size(x));
}
