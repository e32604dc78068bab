/**
 * Linear classifiers over mixed sparse + dense features: multinomial softmax (one label per
 * item) or one-vs-rest sigmoid (several labels per item), L2-regularised, trained by
 * mini-batch Adam with lazy (touched-rows-only) updates of the sparse rows, learning-rate
 * halving on a validation plateau and early stopping that restores the best epoch's weights.
 */
import { yieldToEventLoop } from '../yieldToEventLoop.ts';
import { seededRandom, shuffleInPlace } from '../metrics/split.ts';
import type { SparseVector } from './sparse.ts';

/** Softmax: exactly one label per item. Sigmoid: any number of labels per item. */
export type HeadKind = 'softmax' | 'sigmoid';

/** A trained linear model. */
export interface LinearModel {
  /** How scores become probabilities. */
  kind: HeadKind;
  /** Number of classes (columns). */
  classes: number;
  /** Size of the sparse feature block. */
  sparseDim: number;
  /** Size of the dense feature block (0 when none). */
  denseDim: number;
  /** (sparseDim + denseDim + 1) rows × classes, row-major: sparse rows, dense rows, then the bias row. */
  weights: Float32Array;
}

/** One item's features: a sparse block and an optional dense block. */
export interface Example {
  /** Sparse features, indices < sparseDim. */
  sparse: SparseVector;
  /** Dense features, length denseDim (omitted when denseDim is 0). */
  dense?: Float32Array | null;
}

/** How to train. */
export interface TrainOptions {
  /** Most passes over the training items. */
  maxEpochs?: number;
  /** Items per Adam step. */
  batchSize?: number;
  /** Adam's starting step size. */
  learningRate?: number;
  /** L2 penalty on the (non-bias) weights. */
  l2?: number;
  /** Epochs without a better validation score before stopping. */
  patience?: number;
  /**
   * What "better" means for early stopping: 'loss' (default) or 'accuracy' (ties broken by lower
   * loss). On small validation splits accuracy plateaus early and stops training too soon.
   */
  monitor?: 'accuracy' | 'loss';
  /** Halve the step size after this many epochs in a row without improvement (default 1). */
  halveAfter?: number;
  /** 'balanced' weighs each class inversely to its frequency; 'none' weighs items equally. */
  classWeight?: 'none' | 'balanced';
  /** Seed of the mini-batch shuffles. */
  seed?: number;
  /**
   * A fixed step size per epoch (replaying an earlier run's schedule): trains exactly that many
   * epochs, without early stopping, and keeps the last weights.
   */
  schedule?: readonly number[];
}

/** What one epoch achieved. */
export interface EpochInfo {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean (weighted) training loss during the epoch. */
  trainLoss: number;
  /** Mean loss on the validation items (the training loss when there are none). */
  validationLoss: number;
  /** Share of validation items predicted exactly right. */
  validationAccuracy: number;
  /** Step size used in this epoch. */
  learningRate: number;
  /** Whether this epoch is the best so far. */
  improved: boolean;
}

/** Where a head's training is: building text features, computing the model's embedding, or training (items of the current epoch). */
export interface TrainProgress {
  /** The step under way. */
  stage: 'features' | 'embedding' | 'training';
  /** Items done in this step (in this epoch, for 'training'). */
  done: number;
  /** Items in this step. */
  total: number;
  /** The epoch, for 'training'. */
  epoch?: number;
}

/** Hooks into the training loop; `onEpoch` and `checkCancel` run between epochs. */
export interface TrainHooks {
  /** Called after each epoch (progress reporting). */
  onEpoch?(info: EpochInfo): void;
  /** Called before each epoch; throw (e.g. CancelledError) to stop training. */
  checkCancel?(): void;
  /** Called as work advances inside a step (after every mini-batch while training); keep it cheap. */
  onProgress?(progress: TrainProgress): void;
}

/** The outcome of training. */
export interface TrainResult {
  /** The model with the best validation loss. */
  model: LinearModel;
  /** Every epoch's figures. */
  epochs: EpochInfo[];
  /** The epoch whose weights were kept. */
  bestEpoch: number;
}

/** Class indices of each item: one for softmax, zero or more for sigmoid. */
export type Targets = readonly (readonly number[])[];

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Raw scores (logits) of one item, written into `out` (length classes). */
export function scoresInto(model: LinearModel, example: Example, out: Float64Array): Float64Array {
  const { classes: c, sparseDim, denseDim, weights: w } = model;
  const biasRow = (sparseDim + denseDim) * c;
  for (let k = 0; k < c; k++) out[k] = w[biasRow + k]!;
  const { indices, values } = example.sparse;
  for (let j = 0; j < indices.length; j++) {
    const row = indices[j]! * c;
    const v = values[j]!;
    for (let k = 0; k < c; k++) out[k]! += v * w[row + k]!;
  }
  const dense = example.dense;
  if (denseDim > 0) {
    if (!dense || dense.length !== denseDim) throw new Error(`This model needs ${denseDim} dense features per item, got ${dense ? dense.length : 'none'}.`);
    for (let j = 0; j < denseDim; j++) {
      const v = dense[j]!;
      if (v === 0) continue;
      const row = (sparseDim + j) * c;
      for (let k = 0; k < c; k++) out[k]! += v * w[row + k]!;
    }
  }
  return out;
}

/** Turns scores into probabilities in place: softmax, or an independent sigmoid per class. */
export function probabilitiesInPlace(kind: HeadKind, scores: Float64Array): Float64Array {
  if (kind === 'sigmoid') {
    for (let k = 0; k < scores.length; k++) scores[k] = sigmoid(scores[k]!);
    return scores;
  }
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k]! - max);
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return scores;
}

/** Class probabilities of one item. */
export function predictProbabilities(model: LinearModel, example: Example): Float64Array {
  return probabilitiesInPlace(model.kind, scoresInto(model, example, new Float64Array(model.classes)));
}

/**
 * Predicted classes from probabilities: the arg-max for softmax; for sigmoid every class at or
 * above the threshold, or the single most likely one when none reaches it.
 */
export function decide(kind: HeadKind, probabilities: ArrayLike<number>, threshold = 0.5): number[] {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
  if (kind === 'softmax') return [best];
  const chosen: number[] = [];
  for (let k = 0; k < probabilities.length; k++) if (probabilities[k]! >= threshold) chosen.push(k);
  return chosen.length > 0 ? chosen : [best];
}

function itemLoss(kind: HeadKind, p: Float64Array, target: readonly number[], classWeight: Float64Array | null): number {
  const eps = 1e-12;
  if (kind === 'softmax') {
    const y = target[0]!;
    return -Math.log(Math.max(p[y]!, eps)) * (classWeight ? classWeight[y]! : 1);
  }
  let loss = 0;
  const positive = new Set(target);
  for (let k = 0; k < p.length; k++) loss -= positive.has(k) ? Math.log(Math.max(p[k]!, eps)) : Math.log(Math.max(1 - p[k]!, eps));
  return loss;
}

function evaluate(model: LinearModel, examples: readonly Example[], targets: Targets, classWeight: Float64Array | null): { loss: number; accuracy: number } {
  const buffer = new Float64Array(model.classes);
  let loss = 0;
  let right = 0;
  for (let i = 0; i < examples.length; i++) {
    const p = probabilitiesInPlace(model.kind, scoresInto(model, examples[i]!, buffer));
    loss += itemLoss(model.kind, p, targets[i]!, classWeight);
    const predicted = decide(model.kind, p);
    const truth = targets[i]!;
    if (predicted.length === truth.length && predicted.every((k) => truth.includes(k))) right++;
  }
  const n = Math.max(1, examples.length);
  return { loss: loss / n, accuracy: right / n };
}

function checkTargets(kind: HeadKind, classes: number, targets: Targets, n: number): void {
  if (targets.length !== n) throw new Error(`Got ${n} items but ${targets.length} label entries.`);
  for (const t of targets) {
    if (kind === 'softmax' && t.length !== 1) throw new Error('A single-label (softmax) model needs exactly one label per item.');
    for (const k of t) if (!Number.isInteger(k) || k < 0 || k >= classes) throw new Error(`Label index ${k} is outside 0…${classes - 1}.`);
  }
}

/**
 * Trains a linear model. Async only so that cancel messages can arrive between epochs (it
 * yields to the event loop after each epoch); the arithmetic is synchronous and deterministic.
 */
export async function trainLinear(
  shape: { kind: HeadKind; classes: number; sparseDim: number; denseDim: number },
  train: { examples: readonly Example[]; targets: Targets },
  validation: { examples: readonly Example[]; targets: Targets },
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const { kind, classes: c, sparseDim, denseDim } = shape;
  const schedule = options.schedule;
  const maxEpochs = schedule ? schedule.length : (options.maxEpochs ?? 100);
  const batchSize = Math.max(1, options.batchSize ?? 32);
  let learningRate = options.learningRate ?? 0.01;
  const l2 = options.l2 ?? 1e-5;
  const patience = schedule ? Infinity : (options.patience ?? 3);
  if (train.examples.length === 0) throw new Error('There are no labelled items to train on.');
  checkTargets(kind, c, train.targets, train.examples.length);
  checkTargets(kind, c, validation.targets, validation.examples.length);

  const rows = sparseDim + denseDim + 1;
  const model: LinearModel = { kind, classes: c, sparseDim, denseDim, weights: new Float32Array(rows * c) };
  const w = model.weights;
  const m = new Float32Array(rows * c);
  const v = new Float32Array(rows * c);
  const g = new Float32Array(rows * c);
  const stamp = new Int32Array(sparseDim).fill(-1);
  const touched: number[] = [];

  // Class weights: softmax weighs items by their class; sigmoid weighs positives/negatives per class.
  const counts = new Float64Array(c);
  for (const t of train.targets) for (const k of t) counts[k]!++;
  const n = train.examples.length;
  let itemWeight: Float64Array | null = null;
  let posWeight: Float64Array | null = null;
  let negWeight: Float64Array | null = null;
  if (options.classWeight === 'balanced') {
    if (kind === 'softmax') {
      const present = counts.filter((x) => x > 0).length;
      itemWeight = counts.map((x) => (x > 0 ? n / (present * x) : 0));
    } else {
      posWeight = counts.map((x) => (x > 0 ? n / (2 * x) : 0));
      negWeight = counts.map((x) => (x < n ? n / (2 * (n - x)) : 0));
    }
  }

  const random = seededRandom(options.seed ?? 1);
  const order = [...Array(n).keys()];
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  let step = 0;
  let correction1 = 1;
  let correction2 = 1;
  const scores = new Float64Array(c);
  const delta = new Float64Array(c);
  const target = new Uint8Array(c);

  const update = (row: number): void => {
    const base = row * c;
    const decay = row === rows - 1 ? 0 : l2;
    for (let k = 0; k < c; k++) {
      const i = base + k;
      const grad = g[i]! + decay * w[i]!;
      g[i] = 0;
      const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * grad);
      const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * grad * grad);
      w[i]! -= (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
    }
  };

  const epochs: EpochInfo[] = [];
  let best = Infinity;
  let bestAccuracy = -Infinity;
  const monitor = options.monitor ?? 'loss';
  const halveAfter = Math.max(1, options.halveAfter ?? 1);
  let bestEpoch = 0;
  let bestWeights: Float32Array = new Float32Array(w);
  let sinceBest = 0;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    hooks.checkCancel?.();
    if (schedule) learningRate = schedule[epoch - 1]!;
    shuffleInPlace(order, random);
    let trainLoss = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const scale = 1 / (end - start);
      step++;
      correction1 = 1 - beta1 ** step;
      correction2 = 1 - beta2 ** step;
      for (let b = start; b < end; b++) {
        const i = order[b]!;
        const example = train.examples[i]!;
        const truth = train.targets[i]!;
        const p = probabilitiesInPlace(kind, scoresInto(model, example, scores));
        target.fill(0);
        for (const k of truth) target[k] = 1;
        if (kind === 'softmax') {
          const y = truth[0]!;
          const weight = itemWeight ? itemWeight[y]! : 1;
          trainLoss += -Math.log(Math.max(p[y]!, 1e-12)) * weight;
          for (let k = 0; k < c; k++) delta[k] = (p[k]! - target[k]!) * weight * scale;
        } else {
          for (let k = 0; k < c; k++) {
            const weight = target[k] ? (posWeight ? posWeight[k]! : 1) : negWeight ? negWeight[k]! : 1;
            trainLoss -= weight * Math.log(Math.max(target[k] ? p[k]! : 1 - p[k]!, 1e-12));
            delta[k] = (p[k]! - target[k]!) * weight * scale;
          }
        }
        const { indices, values } = example.sparse;
        for (let j = 0; j < indices.length; j++) {
          const row = indices[j]!;
          if (stamp[row] !== step) {
            stamp[row] = step;
            touched.push(row);
          }
          const base = row * c;
          const x = values[j]!;
          for (let k = 0; k < c; k++) g[base + k]! += x * delta[k]!;
        }
        if (denseDim > 0) {
          const dense = example.dense;
          if (!dense || dense.length !== denseDim) throw new Error(`Every item needs ${denseDim} dense features, got ${dense ? dense.length : 'none'}.`);
          for (let j = 0; j < denseDim; j++) {
            const x = dense[j]!;
            if (x === 0) continue;
            const base = (sparseDim + j) * c;
            for (let k = 0; k < c; k++) g[base + k]! += x * delta[k]!;
          }
        }
        const biasBase = (rows - 1) * c;
        for (let k = 0; k < c; k++) g[biasBase + k]! += delta[k]!;
      }
      for (const row of touched) update(row);
      touched.length = 0;
      for (let j = 0; j < denseDim; j++) update(sparseDim + j);
      update(rows - 1);
      hooks.onProgress?.({ stage: 'training', done: end, total: n, epoch });
    }
    const scored = validation.examples.length > 0 ? evaluate(model, validation.examples, validation.targets, itemWeight) : { loss: trainLoss / n, accuracy: NaN };
    const byLoss = scored.loss < best - 1e-6;
    const byAccuracy = validation.examples.length > 0 && monitor === 'accuracy' ? scored.accuracy > bestAccuracy + 1e-9 || (scored.accuracy >= bestAccuracy - 1e-9 && byLoss) : byLoss;
    const improved = schedule ? true : byAccuracy;
    if (improved) {
      best = scored.loss;
      bestAccuracy = scored.accuracy;
      bestEpoch = epoch;
      if (!schedule) bestWeights = new Float32Array(w);
      else if (epoch === maxEpochs) bestWeights = w;
      sinceBest = 0;
    } else sinceBest++;
    const info: EpochInfo = { epoch, trainLoss: trainLoss / n, validationLoss: scored.loss, validationAccuracy: scored.accuracy, learningRate, improved };
    epochs.push(info);
    hooks.onEpoch?.(info);
    if (sinceBest >= patience) break;
    if (!improved && sinceBest % halveAfter === 0) learningRate *= 0.5;
    await yieldToEventLoop();
  }
  w.set(bestWeights);
  return { model, epochs, bestEpoch };
}

/**
 * Trains once per L2 value in `grid` (in order) and keeps the model with the best validation
 * accuracy (ties: lower validation loss, then the earlier grid value). Returns the chosen L2 too.
 */
export async function trainWithL2Grid(
  shape: { kind: HeadKind; classes: number; sparseDim: number; denseDim: number },
  train: { examples: readonly Example[]; targets: Targets },
  validation: { examples: readonly Example[]; targets: Targets },
  grid: readonly number[],
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainResult & { l2: number }> {
  if (grid.length === 0) throw new Error('The L2 grid is empty.');
  let chosen: (TrainResult & { l2: number }) | null = null;
  let chosenScore: [number, number] = [-Infinity, Infinity];
  for (const l2 of grid) {
    const result = await trainLinear(shape, train, validation, { ...options, l2 }, hooks);
    const best = result.epochs[result.bestEpoch - 1]!;
    const score: [number, number] = [best.validationAccuracy, best.validationLoss];
    if (!chosen || score[0] > chosenScore[0] || (score[0] === chosenScore[0] && score[1] < chosenScore[1])) {
      chosen = { ...result, l2 };
      chosenScore = score;
    }
  }
  return chosen!;
}

/**
 * Trains again on training + validation items with a kept run's L2 and its step sizes up to its
 * best epoch — using every labelled item once the validation split has chosen the settings.
 */
export async function refitOnAll(
  shape: { kind: HeadKind; classes: number; sparseDim: number; denseDim: number },
  train: { examples: readonly Example[]; targets: Targets },
  validation: { examples: readonly Example[]; targets: Targets },
  chosen: TrainResult & { l2: number },
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<LinearModel> {
  const schedule = chosen.epochs.slice(0, chosen.bestEpoch).map((e) => e.learningRate);
  const all = { examples: [...train.examples, ...validation.examples], targets: [...train.targets, ...validation.targets] };
  return (await trainLinear(shape, all, { examples: [], targets: [] }, { ...options, l2: chosen.l2, schedule }, hooks)).model;
}
