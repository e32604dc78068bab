/** Deterministic, seeded data splits for training, validation and test. */

import { seededRandom } from '../random.ts';
import { pushAll } from '../extent.ts';

/** The shared seeded PRNG, re-exported for the split helpers' callers. */
export { seededRandom };

/** Shuffles an array in place (Fisher–Yates) with the given random source; returns it. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** Indices of the items in each part of a split, each list in ascending order. */
export interface SplitIndices {
  /** Items to fit on. */
  train: number[];
  /** Items for early stopping and tuning. */
  validation: number[];
  /** Items held out for the final score. */
  test: number[];
}

/** Fractions of a split; what is left after validation and test goes to training. */
export interface SplitOptions {
  /** Share of items for validation (0…1). */
  validation?: number;
  /** Share of items for test (0…1). */
  test?: number;
  /** Seed of the shuffle; the same seed and keys give the same split. */
  seed?: number;
}

/**
 * Splits items stratified by a key (their label, or first label): within each key's group the
 * items are shuffled with a fixed seed and cut by the fractions, rounding so that a group of one
 * stays in training. Deterministic for a given seed, keys and fractions.
 */
export function stratifiedSplit(keys: readonly string[], options: SplitOptions = {}): SplitIndices {
  const validation = options.validation ?? 0;
  const test = options.test ?? 0;
  if (validation < 0 || test < 0 || validation + test >= 1) throw new Error(`Validation (${validation}) and test (${test}) shares must be ≥ 0 and leave something to train on.`);
  const random = seededRandom(options.seed ?? 42);
  const groups = indicesByKey(keys);
  const out: SplitIndices = { train: [], validation: [], test: [] };
  // Groups in sorted key order so the split does not depend on the order keys first appear in.
  for (const key of [...groups.keys()].sort()) {
    const members = shuffleInPlace(groups.get(key)!, random);
    const n = members.length;
    // Always leave at least one item of the group in training.
    let nTest = Math.round(n * test);
    let nVal = Math.round(n * validation);
    while (nTest + nVal >= n && nTest + nVal > 0) {
      if (nVal >= nTest && nVal > 0) nVal--;
      else nTest--;
    }
    pushAll(out.test, members.slice(0, nTest));
    pushAll(out.validation, members.slice(nTest, nTest + nVal));
    pushAll(out.train, members.slice(nTest + nVal));
  }
  out.train.sort((a, b) => a - b);
  out.validation.sort((a, b) => a - b);
  out.test.sort((a, b) => a - b);
  return out;
}

/** Item indices per key, in item order. */
function indicesByKey(keys: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

/**
 * Assigns items to k folds, stratified by `keys` (each key's items are shuffled with the seed and
 * dealt out in turn, continuing from fold to fold across keys, so fold sizes differ by ≤ 1).
 */
export function stratifiedFolds(keys: readonly string[], k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`Cross-validation needs at least 2 folds, not ${k}.`);
  const groups = indicesByKey(keys);
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const key of [...groups.keys()].sort()) {
    for (const i of shuffleInPlace(groups.get(key)!, random)) {
      folds[next]!.push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((fold) => fold.sort((a, b) => a - b)).filter((fold) => fold.length > 0);
}
