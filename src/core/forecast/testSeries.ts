/** Deterministic synthetic series for tests and benchmarks (seeded, so results repeat exactly). */

import { seededRandom } from '../random.ts';

/** The shared seeded PRNG, re-exported for tests and benchmarks that build series. */
export { seededRandom };

/** A weekly-style series: level + slope·t + amplitude·sin(2πt/period) + Gaussian noise. */
export function syntheticSeries(length: number, options: { level?: number; slope?: number; amplitude?: number; period?: number; noise?: number; seed?: number } = {}): Float64Array {
  const { level = 10, slope = 0, amplitude = 0, period = 52, noise = 0, seed = 1 } = options;
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  return Float64Array.from({ length }, (_, t) => level + slope * t + amplitude * Math.sin((2 * Math.PI * t) / period) + noise * gauss());
}
