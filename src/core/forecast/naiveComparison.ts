/**
 * A backtest's MASE in words people use (issue 17, item 6): MASE is the forecast's error on past
 * periods divided by the error of the naive forecast (repeating the value of the same period a
 * year before, or the last value), so 1.5 means "1.5× worse than naive" and 0.5 "2× better".
 */

/** How a forecast compares with the naive one, and by what factor (≥ 1). */
export interface NaiveComparison {
  /** Better, worse, about the same (within 5 %), or unknown (no backtest). */
  verdict: 'better' | 'worse' | 'same' | 'unknown';
  /** How many times better or worse: 1.5 for MASE 1.5, 2 for MASE 0.5; 1 when the same; NaN when unknown. */
  factor: number;
}

/** MASE within 5 % of 1 reads "about as accurate as naive". */
const SAME_WITHIN = 0.05;

/** A MASE as better/worse than naive and how many times (MASE 1.5 → worse 1.5×; 0.5 → better 2×; 0 → better ∞). */
export function naiveComparison(mase: number | undefined): NaiveComparison {
  if (mase === undefined || !Number.isFinite(mase) || mase < 0) return { verdict: 'unknown', factor: Number.NaN };
  if (Math.abs(mase - 1) <= SAME_WITHIN) return { verdict: 'same', factor: 1 };
  return mase > 1 ? { verdict: 'worse', factor: mase } : { verdict: 'better', factor: mase === 0 ? Number.POSITIVE_INFINITY : 1 / mase };
}

/** A factor as people write it: "1.5", "2", "12" (whole above 10), "∞". */
export function formatFactor(factor: number): string {
  if (!Number.isFinite(factor)) return '∞';
  if (factor >= 10) return String(Math.round(factor));
  return String(Number(factor.toFixed(1)));
}

/** Whether a forecast did worse than naive on its backtest (the dashboard flags it). */
export function worseThanNaive(mase: number | undefined): boolean {
  return naiveComparison(mase).verdict === 'worse';
}
