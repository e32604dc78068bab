/** Deterministic synthetic series for tests and benchmarks (seeded, so results repeat exactly). */

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weekly-style series: level + slope·t + amplitude·sin(2πt/period) + Gaussian noise. */
export function syntheticSeries(length: number, options: { level?: number; slope?: number; amplitude?: number; period?: number; noise?: number; seed?: number } = {}): Float64Array {
  const { level = 10, slope = 0, amplitude = 0, period = 52, noise = 0, seed = 1 } = options;
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  return Float64Array.from({ length }, (_, t) => level + slope * t + amplitude * Math.sin((2 * Math.PI * t) / period) + noise * gauss());
}
