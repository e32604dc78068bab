/**
 * Settings of a head chosen by k-fold cross-validation on its labelled items — what a few taught
 * labels need: a 15 % validation split of 50 labels is 7 items, too few to pick an L2 penalty or
 * the epoch to stop at. Every candidate (L2 penalty × weight of the dense embedding block) is
 * trained on k−1 folds and scored on the held-out fold after every epoch; the candidate and epoch
 * count with the lowest mean held-out loss (pooled over all items, each held out once) win.
 * Deterministic for a seed.
 */
import { stratifiedFolds } from '../metrics/split.ts';
import { decide, predictProbabilities, trainLinear, type Example, type HeadKind, type LinearModel, type TrainHooks, type TrainOptions } from './linear.ts';

/** One setting tried by cross-validation. */
export interface TuneCandidate {
  /** L2 penalty on the weights. */
  l2: number;
  /** Factor applied to the dense (embedding) block of every item (1 = as given). */
  denseWeight: number;
}

/** The L2 penalties tried by default (per item, as TrainOptions.l2). */
export const DEFAULT_CV_L2 = [1e-4, 1e-3, 1e-2] as const;

/** The dense-block weights tried by default (relative to the block's own scale, which gives it norm ≈ 1). */
export const DEFAULT_CV_DENSE_WEIGHTS = [1, 2, 4] as const;

/** What cross-validation chose and measured. */
export interface TuneResult {
  /** The winning candidate. */
  candidate: TuneCandidate;
  /** Epochs to train for (the epoch count with the lowest pooled held-out loss for that candidate). */
  epochs: number;
  /** The step size used in every epoch (constant, no halving). */
  learningRate: number;
  /** Folds used. */
  folds: number;
  /** Pooled held-out loss of each candidate at its best epoch, in candidate order. */
  scores: { candidate: TuneCandidate; loss: number; accuracy: number; epochs: number }[];
  /** Out-of-fold class indices of every item, predicted by the winning setting (each item by a model that never saw it). */
  heldOut: number[][];
}

/** Items with their dense block multiplied by `weight` (the same objects when the weight is 1). */
export function weighDense(examples: readonly Example[], weight: number): Example[] {
  if (weight === 1) return [...examples];
  return examples.map((e) => (e.dense ? { sparse: e.sparse, dense: e.dense.map((x) => x * weight) } : e));
}

type Shape = { kind: HeadKind; classes: number; sparseDim: number; denseDim: number };

/**
 * Chooses a candidate and an epoch count by k-fold cross-validation (see the module comment).
 * Each fold's model is trained with a constant step size for `options.maxEpochs` epochs (default
 * 100; no early stopping), scored on its held-out items after every epoch. Ties of the pooled loss
 * keep the earlier candidate and the earlier epoch.
 */
export async function crossValidateCandidates(
  shape: Shape,
  data: { examples: readonly Example[]; targets: readonly (readonly number[])[]; keys: readonly string[] },
  candidates: readonly TuneCandidate[],
  options: TrainOptions & { folds?: number; foldSeed?: number } = {},
  hooks: TrainHooks = {},
): Promise<TuneResult> {
  if (candidates.length === 0) throw new Error('Cross-validation needs at least one candidate setting.');
  const n = data.examples.length;
  const k = Math.max(2, Math.min(options.folds ?? 5, n));
  const folds = stratifiedFolds(data.keys, k, options.foldSeed ?? 42);
  const maxEpochs = options.maxEpochs ?? 100;
  const learningRate = options.learningRate ?? 0.01;
  const scores: TuneResult['scores'] = [];
  let best: { c: number; epochs: number; loss: number } | null = null;
  const fit = async (candidate: TuneCandidate, fold: number[], epochs: number, keep: boolean) => {
    const held = new Set(fold);
    const trainIds = data.examples.map((_, i) => i).filter((i) => !held.has(i));
    const examples = weighDense(data.examples, candidate.denseWeight);
    const pick = (ids: number[]) => ({ examples: ids.map((i) => examples[i]!), targets: ids.map((i) => data.targets[i]!) });
    // A replayed constant schedule trains exactly `epochs` epochs and keeps the last weights;
    // without `keep` the held-out fold is still scored after every epoch (EpochInfo).
    const schedule = new Array<number>(epochs).fill(learningRate);
    const validation = keep ? { examples: [], targets: [] } : pick(fold);
    const result = await trainLinear(shape, pick(trainIds), validation, { ...options, l2: candidate.l2, schedule }, { checkCancel: hooks.checkCancel });
    return { result, examples };
  };
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    const loss = new Float64Array(maxEpochs);
    const right = new Float64Array(maxEpochs);
    for (const fold of folds) {
      const { result } = await fit(candidate, fold, maxEpochs, false);
      for (const e of result.epochs) {
        loss[e.epoch - 1]! += e.validationLoss * fold.length;
        right[e.epoch - 1]! += e.validationAccuracy * fold.length;
      }
    }
    let epochs = 1;
    for (let e = 1; e < maxEpochs; e++) if (loss[e]! < loss[epochs - 1]! - 1e-9) epochs = e + 1;
    const score = { candidate, loss: loss[epochs - 1]! / n, accuracy: right[epochs - 1]! / n, epochs };
    scores.push(score);
    if (!best || score.loss < best.loss - 1e-9) best = { c, epochs, loss: score.loss };
  }
  const candidate = candidates[best!.c]!;
  // Out-of-fold guesses of the winner, each item by a model trained without its fold.
  const heldOut: number[][] = new Array(n);
  for (const fold of folds) {
    const { result, examples } = await fit(candidate, fold, best!.epochs, true);
    for (const i of fold) heldOut[i] = decide(shape.kind, predictProbabilities(result.model, examples[i]!));
  }
  return { candidate, epochs: best!.epochs, learningRate, folds: folds.length, scores, heldOut };
}

/** Trains on every item with a cross-validated setting: its L2, dense weight and epoch count, constant step size. */
export async function trainWithTuned(shape: Shape, data: { examples: readonly Example[]; targets: readonly (readonly number[])[] }, tuned: TuneResult, options: TrainOptions = {}, hooks: TrainHooks = {}): Promise<LinearModel> {
  const examples = weighDense(data.examples, tuned.candidate.denseWeight);
  const schedule = new Array<number>(tuned.epochs).fill(tuned.learningRate);
  const result = await trainLinear(shape, { examples, targets: data.targets }, { examples: [], targets: [] }, { ...options, l2: tuned.candidate.l2, schedule }, hooks);
  return result.model;
}
