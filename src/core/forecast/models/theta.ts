/**
 * The Theta method (Assimakopoulos & Nikolopoulos; in the Hyndman–Billah form): simple exponential
 * smoothing plus half the slope of the linear trend, on seasonally adjusted data.
 */
import { seasonalIndices } from '../decompose.ts';

/** Fits simple exponential smoothing by a coarse-then-fine search on α; returns α and the last level. */
export function fitSimpleSmoothing(y: Float64Array): { alpha: number; level: number } {
  const sse = (alpha: number) => {
    let level = y[0]!;
    let total = 0;
    for (let t = 1; t < y.length; t++) {
      const e = y[t]! - level;
      total += e * e;
      level += alpha * e;
    }
    return total;
  };
  let bestAlpha = 0.5;
  let bestValue = Infinity;
  for (let a = 0.05; a < 1; a += 0.1) {
    const v = sse(a);
    if (v < bestValue) [bestAlpha, bestValue] = [a, v];
  }
  for (let a = Math.max(0.01, bestAlpha - 0.09); a <= Math.min(0.99, bestAlpha + 0.09); a += 0.02) {
    const v = sse(a);
    if (v < bestValue) [bestAlpha, bestValue] = [a, v];
  }
  let level = y[0]!;
  for (let t = 1; t < y.length; t++) level += bestAlpha * (y[t]! - level);
  return { alpha: bestAlpha, level };
}

/**
 * Theta forecast; deseasonalises (multiplicatively when the data are positive) whenever two full
 * seasons exist. The classical 90% autocorrelation test rejected the season for most 3-year
 * weekly trend series, which backtests on 2018 showed to be much worse than always adjusting.
 */
export function thetaForecast(y: Float64Array, horizon: number, period: number): Float64Array {
  const n = y.length;
  const seasonal = period > 1 && n >= 2 * period;
  const multiplicative = seasonal && y.every((v) => v > 0);
  const indices = seasonal ? seasonalIndices(y, period, multiplicative, 1) : undefined;
  const adjusted = indices ? y.map((v, t) => (multiplicative ? v / indices[t % period]! : v - indices[t % period]!)) : y;
  // Slope of the least-squares line through the adjusted data.
  const meanT = (n - 1) / 2;
  let meanY = 0;
  for (let t = 0; t < n; t++) meanY += adjusted[t]! / n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - meanT) * (adjusted[t]! - meanY);
    sxx += (t - meanT) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const { alpha, level } = fitSimpleSmoothing(adjusted);
  const out = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const drift = 0.5 * slope * (h - 1 + 1 / alpha - Math.pow(1 - alpha, n) / alpha);
    const value = level + drift;
    const j = (n + h - 1) % period;
    out[h - 1] = indices ? (multiplicative ? value * indices[j]! : value + indices[j]!) : value;
  }
  return out;
}
