/** Forecast accuracy measures used by the backtests, the ensemble and the benchmark. */

/**
 * MASE scale: mean absolute lag-`lag` difference over the training values (the error of the
 * seasonal naive forecast in-sample). Falls back to lag 1 when the history is shorter than a
 * season plus one, and to a tiny positive number for a constant series so ratios stay finite.
 */
export function maseScale(train: ArrayLike<number>, lag: number): number {
  const useLag = train.length > lag ? lag : 1;
  let sum = 0;
  let count = 0;
  for (let t = useLag; t < train.length; t++) {
    const d = train[t]! - train[t - useLag]!;
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  let scale = count > 0 ? sum / count : 0;
  if (scale === Infinity) {
    // Differences near the largest number overflow the sum: average them pre-divided instead.
    scale = 0;
    for (let t = useLag; t < train.length; t++) {
      const d = train[t]! - train[t - useLag]!;
      if (Number.isFinite(d)) scale += Math.abs(d) / count;
    }
  }
  return scale > 0 && Number.isFinite(scale) ? scale : 1e-12;
}

/**
 * Mean of value(0) … value(count − 1): summed, then divided (so ordinary figures are exactly the
 * plain mean); when that sum overflows (values near the largest number), summed pre-divided instead.
 */
export function overflowSafeMean(count: number, value: (i: number) => number): number {
  if (count <= 0) return NaN;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += value(i);
  if (Number.isFinite(sum) || Number.isNaN(sum)) return sum / count;
  let mean = 0;
  for (let i = 0; i < count; i++) mean += value(i) / count;
  return mean;
}

/** Mean absolute scaled error of `forecast` against `actual`, given the training part for the scale. */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, train: ArrayLike<number>, lag: number): number {
  return meanAbsoluteError(actual, forecast) / maseScale(train, lag);
}

/** Mean absolute error over the pairs where both values are finite. */
export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i]! - forecast[i]!;
    if (Number.isFinite(e)) {
      sum += Math.abs(e);
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/** Mean absolute percentage error in %, skipping actual values of zero (undefined there). */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    if (a === 0 || !Number.isFinite(a) || !Number.isFinite(forecast[i]!)) continue;
    sum += Math.abs((a - forecast[i]!) / a);
    count++;
  }
  return count > 0 ? (100 * sum) / count : NaN;
}

/** Symmetric MAPE in % (0…200), with 0/0 counted as a perfect forecast. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const f = forecast[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    const denominator = Math.abs(a) + Math.abs(f);
    sum += denominator === 0 ? 0 : (2 * Math.abs(a - f)) / denominator;
    count++;
  }
  return count > 0 ? (100 * sum) / count : NaN;
}

/** Share of actual values inside [lower, upper] (0…1), over finite actual values. */
export function intervalCoverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    if (!Number.isFinite(a)) continue;
    count++;
    if (a >= lower[i]! - 1e-12 && a <= upper[i]! + 1e-12) inside++;
  }
  return count > 0 ? inside / count : NaN;
}
