import { describe, expect, it } from 'vitest';
import { seededRandom } from '../metrics/split.ts';
import { stratifiedFolds } from '../metrics/split.ts';
import { crossValidateCandidates, weighDense } from './tune.ts';
import type { Example } from './linear.ts';

const shape = { kind: 'softmax' as const, classes: 2, sparseDim: 50, denseDim: 2 };

/** n items, 3 random sparse features each; the dense block carries the label (clean) or nothing (noise). */
function data(n: number, signal: boolean, seed: number) {
  const random = seededRandom(seed);
  const examples: Example[] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    const cols = [...new Set([0, 1, 2].map(() => Math.floor(random() * 50)))].sort((a, b) => a - b);
    const dense = signal ? Float32Array.of(y === 1 ? 1 : -1, random() - 0.5) : Float32Array.of(random() - 0.5, random() - 0.5);
    examples.push({ sparse: { indices: Int32Array.from(cols), values: new Float32Array(cols.length).fill(1 / Math.sqrt(cols.length)) }, dense });
    targets.push([y]);
  }
  return { examples, targets, keys: targets.map((t) => String(t[0])) };
}

describe('stratifiedFolds', () => {
  it('deals every item to one fold, each label spread evenly, the same for a seed', () => {
    const keys = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'c'];
    const folds = stratifiedFolds(keys, 3, 7);
    expect(folds.flat().sort((x, y) => x - y)).toEqual([...keys.keys()]);
    for (const fold of folds) {
      expect(fold.filter((i) => keys[i] === 'a').length).toBeGreaterThanOrEqual(1);
      expect(fold.filter((i) => keys[i] === 'b').length).toBeGreaterThanOrEqual(1);
    }
    expect(Math.max(...folds.map((f) => f.length)) - Math.min(...folds.map((f) => f.length))).toBeLessThanOrEqual(1);
    expect(stratifiedFolds(keys, 3, 7)).toEqual(folds);
    expect(() => stratifiedFolds(keys, 1, 7)).toThrow(/at least 2 folds, not 1/);
  });
});

describe('crossValidateCandidates', () => {
  const candidates = [{ l2: 1e-5, denseWeight: 1 }, { l2: 0.3, denseWeight: 1 }];
  const options = { maxEpochs: 30, learningRate: 0.05, folds: 4 };
  it('picks the strong penalty when the labels are noise, the weak one when they are learnable', async () => {
    const noisy = await crossValidateCandidates(shape, data(24, false, 1), candidates, options);
    expect(noisy.candidate.l2).toBe(0.3);
    const clean = await crossValidateCandidates(shape, data(24, true, 1), candidates, options);
    expect(clean.candidate.l2).toBe(1e-5);
    // Learnable labels: the out-of-fold guesses are right.
    expect(clean.heldOut.filter((p, i) => p[0] === i % 2).length).toBeGreaterThanOrEqual(22);
    expect(clean.folds).toBe(4);
    expect(clean.scores).toHaveLength(2);
    expect(clean.epochs).toBeGreaterThanOrEqual(1);
    expect(clean.epochs).toBeLessThanOrEqual(30);
  });
  it('weighs the dense block up when it carries the label, and is deterministic', async () => {
    const weights = [{ l2: 1e-2, denseWeight: 0.1 }, { l2: 1e-2, denseWeight: 3 }];
    const first = await crossValidateCandidates(shape, data(24, true, 2), weights, options);
    expect(first.candidate.denseWeight).toBe(3);
    const again = await crossValidateCandidates(shape, data(24, true, 2), weights, options);
    expect(again).toEqual(first);
  });
  it('scales only the dense block', () => {
    const [e] = weighDense(data(1, true, 3).examples, 2);
    expect(Array.from(e!.dense!)).toEqual(Array.from(data(1, true, 3).examples[0]!.dense!, (x) => x * 2));
    expect(e!.sparse).toEqual(data(1, true, 3).examples[0]!.sparse);
  });
});
