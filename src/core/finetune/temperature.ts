/**
 * Temperature for a teach head's probabilities, fitted on its cross-validated taught items: a head
 * trained on a few dozen labels is usually under-confident (a strong L2 penalty on few rows), so its
 * right guesses would stay below the "sure" threshold. Pure; no DOM.
 *
 *   p_T(c) ∝ p(c)^(1/T),  T chosen on a log grid in [minimum, maximum] by lowest negative log-likelihood
 *
 * T = 1 (unchanged) when too few out-of-fold items are known; the range is narrow on purpose, so a
 * noisy fit can sharpen or soften only so far.
 */

/** One cross-validated item: the probabilities of a head that never saw it, and the index of its true label (−1: unknown to that head). */
export interface OutOfFoldItem {
  /** Class probabilities of the fold head. */
  probabilities: Float32Array;
  /** Index of the item's taught label in those probabilities, or −1. */
  truth: number;
}

/** Settings of `fitTemperature`. */
export interface TemperatureFitOptions {
  /** Fewest usable out-of-fold items to fit on (fewer: T = 1). */
  minItems: number;
  /** Lowest temperature (sharpest). */
  minimum: number;
  /** Highest temperature (softest). */
  maximum: number;
}

/** Default fit: at least 40 items, T between 0.5 and 2. */
export const DEFAULT_TEMPERATURE_FIT: TemperatureFitOptions = { minItems: 40, minimum: 0.5, maximum: 2 };

/** The probabilities at temperature t (t = 1: a copy of them). */
export function temperProbabilities(probabilities: ArrayLike<number>, t: number): Float32Array {
  if (!(t > 0) || !Number.isFinite(t)) throw new Error(`A temperature must be a positive number (got ${t}).`);
  const out = new Float32Array(probabilities.length);
  if (t === 1) {
    for (let c = 0; c < out.length; c++) out[c] = probabilities[c]!;
    return out;
  }
  let peak = -Infinity;
  const logs = new Float64Array(probabilities.length);
  for (let c = 0; c < logs.length; c++) {
    logs[c] = Math.log(Math.max(probabilities[c]!, 1e-30)) / t;
    if (logs[c]! > peak) peak = logs[c]!;
  }
  let sum = 0;
  for (let c = 0; c < logs.length; c++) sum += logs[c] = Math.exp(logs[c]! - peak);
  for (let c = 0; c < out.length; c++) out[c] = logs[c]! / sum;
  return out;
}

/** The temperature with the lowest negative log-likelihood of the items' true labels (1 with too few items). */
export function fitTemperature(items: readonly OutOfFoldItem[], options: Partial<TemperatureFitOptions> = {}): number {
  const o = { ...DEFAULT_TEMPERATURE_FIT, ...options };
  const usable = items.filter((x) => x.truth >= 0 && x.truth < x.probabilities.length);
  if (usable.length < o.minItems) return 1;
  let best = 1;
  let bestLoss = Infinity;
  const steps = 60;
  for (let s = 0; s <= steps; s++) {
    const t = o.minimum * (o.maximum / o.minimum) ** (s / steps);
    let loss = 0;
    for (const x of usable) loss -= Math.log(Math.max(temperProbabilities(x.probabilities, t)[x.truth]!, 1e-30));
    // Ties (e.g. every item certain) keep the temperature nearest 1.
    if (loss < bestLoss - 1e-9 || (Math.abs(loss - bestLoss) <= 1e-9 && Math.abs(Math.log(t)) < Math.abs(Math.log(best)))) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}
