/** Seasonal naive: each future period repeats the value one season earlier (naive when no season). */
export function seasonalNaiveForecast(y: Float64Array, horizon: number, period: number): Float64Array {
  const out = new Float64Array(horizon);
  const n = y.length;
  const m = period > 1 && n >= period ? period : 1;
  for (let h = 0; h < horizon; h++) out[h] = y[n - m + (h % m)]!;
  return out;
}
