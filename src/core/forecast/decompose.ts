/** Seasonal indices by classical decomposition, shared by ETS start values, Theta and the profile model. */

/** Centred moving average of window `period` (2×m when m is even); NaN where it does not fit. */
export function centredMovingAverage(y: Float64Array, period: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(NaN);
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const prefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t]! + y[t]!;
  for (let t = half; t < n - half; t++) {
    if (even) {
      // 2×m MA: half weight on the two end points.
      const inner = prefix[t + half]! - prefix[t - half + 1]!;
      out[t] = (inner + 0.5 * (y[t - half]! + y[t + half]!)) / period;
    } else out[t] = (prefix[t + half + 1]! - prefix[t - half]!) / period;
  }
  return out;
}

/**
 * Seasonal indices (one per position in the cycle, position = t mod period) from the detrended
 * values: additive differences summing to 0, or multiplicative ratios averaging 1.
 * `smoothing` > 0 averages each index with its circular neighbours, which tames weekly noise.
 */
export function seasonalIndices(y: Float64Array, period: number, multiplicative: boolean, smoothing = 0): Float64Array {
  const trend = centredMovingAverage(y, period);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < y.length; t++) {
    const c = trend[t]!;
    if (!Number.isFinite(c)) continue;
    if (multiplicative) {
      if (c <= 0) continue;
      sums[t % period]! += y[t]! / c;
    } else sums[t % period]! += y[t]! - c;
    counts[t % period]! += 1;
  }
  let indices = new Float64Array(period);
  for (let j = 0; j < period; j++) indices[j] = counts[j]! > 0 ? sums[j]! / counts[j]! : multiplicative ? 1 : 0;
  for (let pass = 0; pass < smoothing; pass++) {
    const next = new Float64Array(period);
    for (let j = 0; j < period; j++) next[j] = 0.25 * indices[(j + period - 1) % period]! + 0.5 * indices[j]! + 0.25 * indices[(j + 1) % period]!;
    indices = next;
  }
  let mean = 0;
  for (let j = 0; j < period; j++) mean += indices[j]! / period;
  for (let j = 0; j < period; j++) indices[j] = multiplicative ? (mean > 0 ? indices[j]! / mean : 1) : indices[j]! - mean;
  return indices;
}

/**
 * Strength of the yearly pattern, 0…1 (Wang, Smith & Hyndman): 1 − Var(remainder) / Var(season +
 * remainder) after removing a centred moving-average trend; 0 without two full seasons.
 */
export function seasonalStrength(y: Float64Array, period: number): number {
  const n = y.length;
  if (period <= 1 || n < 2 * period) return 0;
  const trend = centredMovingAverage(y, period);
  // Smoothed indices: with few years, raw weekly indices would "explain" much of pure noise.
  const indices = seasonalIndices(y, period, false, 1);
  let count = 0;
  let sumDetrended = 0;
  let sumRemainder = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(trend[t]!)) continue;
    count++;
    sumDetrended += y[t]! - trend[t]!;
    sumRemainder += y[t]! - trend[t]! - indices[t % period]!;
  }
  const meanDetrended = sumDetrended / count;
  const meanRemainder = sumRemainder / count;
  let varDetrended = 0;
  let varRemainder = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(trend[t]!)) continue;
    varDetrended += (y[t]! - trend[t]! - meanDetrended) ** 2;
    varRemainder += (y[t]! - trend[t]! - indices[t % period]! - meanRemainder) ** 2;
  }
  return varDetrended > 0 ? Math.max(0, 1 - varRemainder / varDetrended) : 0;
}
