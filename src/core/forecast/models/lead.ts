/**
 * Lead-signal forecaster: the main series' seasonal profile forecast, scaled by how much faster
 * (or slower) an early-adopter panel has grown over the past year than the main series itself.
 * The idea: what influencers wear now reaches the wider public later, so a gap in year-on-year
 * growth between the two is partly closed over the next year. The gap is damped (square root)
 * and capped, and the ensemble only gives this model weight where it wins in backtests.
 */
import { profileForecast, type ProfileOptions, DEFAULT_PROFILE } from './profile.ts';

/** Mean of `y` over [end − width, end). */
function meanBefore(y: Float64Array, end: number, width: number): number {
  let sum = 0;
  for (let t = end - width; t < end; t++) sum += y[t]!;
  return sum / width;
}

/** Forecast of `y` using `lead` (same dates as `y`, at least as long); falls back to the profile forecast. */
export function leadForecast(y: Float64Array, lead: Float64Array, horizon: number, period: number, window = 13, profile: ProfileOptions = DEFAULT_PROFILE): Float64Array {
  const base = profileForecast(y, horizon, period, profile);
  const n = y.length;
  if (period <= 1 || n < period + window || lead.length < n) return base;
  const mainNow = meanBefore(y, n, window);
  const mainThen = meanBefore(y, n - period, window);
  const leadNow = meanBefore(lead, n, window);
  const leadThen = meanBefore(lead, n - period, window);
  if (!(mainNow > 0 && mainThen > 0 && leadNow > 0 && leadThen > 0)) return base;
  const gap = leadNow / leadThen / (mainNow / mainThen);
  const factor = Math.min(1.5, Math.max(1 / 1.5, Math.sqrt(gap)));
  return base.map((v) => v * factor);
}
