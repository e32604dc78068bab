/**
 * Seasonal profile with level shift: the average shape of past years (same period of the year,
 * lightly smoothed across neighbouring periods) moved to the current level. A robust
 * "this year looks like the average year, at today's level" forecast; recent years weigh more.
 */

/** Settings of the profile forecaster. */
export interface ProfileOptions {
  /** Periods averaged to measure "today's level" (and the level of each past year at that point). */
  levelWindow: number;
  /** Weight ratio between consecutive past years (1 = all years equal, 0.5 = halves each year back). */
  yearDecay: number;
  /** Half-width of the moving average taken across neighbouring periods of each past year. */
  smoothWidth: number;
}

/** Default settings, chosen on the 2015–2017 → 2018 backtest of the F1 sample (not on 2019). */
export const DEFAULT_PROFILE: ProfileOptions = { levelWindow: 26, yearDecay: 0.5, smoothWidth: 2 };

/** Profile forecast; with less than one full season it repeats the recent level. */
export function profileForecast(y: Float64Array, horizon: number, period: number, options: ProfileOptions = DEFAULT_PROFILE): Float64Array {
  const n = y.length;
  const out = new Float64Array(horizon);
  const window = Math.max(1, Math.min(options.levelWindow, n));
  const meanOver = (end: number, width: number) => {
    let sum = 0;
    let count = 0;
    for (let t = Math.max(0, end - width); t < end; t++) {
      sum += y[t]!;
      count++;
    }
    return count > 0 ? sum / count : 0;
  };
  const levelNow = meanOver(n, window);
  const years = Math.floor((n - window) / period);
  if (period <= 1 || years < 1) return out.fill(levelNow);
  const w = options.smoothWidth;
  for (let h = 0; h < horizon; h++) {
    let total = 0;
    let weights = 0;
    let weight = 1;
    for (let k = 1; k <= years; k++) {
      const origin = n - k * period; // the same point in the year, k years back
      const levelThen = meanOver(origin, window);
      const target = origin + h;
      let sum = 0;
      let count = 0;
      for (let d = -w; d <= w; d++) {
        const t = target + d;
        if (t >= 0 && t < n) {
          sum += y[t]!;
          count++;
        }
      }
      if (count > 0) {
        total += weight * (sum / count - levelThen);
        weights += weight;
      }
      weight *= options.yearDecay;
    }
    out[h] = levelNow + (weights > 0 ? total / weights : 0);
  }
  return out;
}
