/**
 * Calibration and "unsure" for the classifier's heads, from the `calibration` and `unsure` blocks of
 * config.json: the temperature-scaled softmax, the embedding's out-of-distribution (OOD) distance
 * to the training centroids, and the per-head sure decision. Without either block everything is as
 * before: temperature 1 and every item sure. Pure; no DOM.
 */
import type { ClassifierConfig } from './config.ts';
import { hashText } from './hash.ts';
import { softmax } from './postprocess.ts';

/** Softmax of `logits / temperature`; temperature 1 is exactly `softmax(logits)`. */
export function temperedSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (temperature === 1) return softmax(logits);
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) scaled[i] = logits[i]! / temperature;
  return softmax(scaled);
}

/** `vector / max(‖vector‖, 1e-9)` (a zero vector stays zero, as training/calibrate.py's `unit`). */
export function l2Normalise(vector: ArrayLike<number>): Float64Array {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i]! * vector[i]!;
  const norm = Math.max(Math.sqrt(squares), 1e-9);
  const out = new Float64Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

/**
 * OOD distance: 1 − the largest cosine similarity between the L2-normalised embedding and any of the
 * (already L2-normalised) centroids; in [0, 2]. NaN when the embedding holds NaN (never "sure").
 */
export function oodDistance(embedding: ArrayLike<number>, centroids: readonly ArrayLike<number>[]): number {
  if (centroids.length === 0) throw new Error('The OOD test needs at least one centroid.');
  const unit = l2Normalise(embedding);
  let best = -Infinity;
  for (const centroid of centroids) {
    if (centroid.length !== unit.length) throw new Error(`The embedding has ${unit.length} values but an OOD centroid has ${centroid.length}; config.json and the model do not match.`);
    let dot = 0;
    for (let k = 0; k < unit.length; k++) dot += unit[k]! * centroid[k]!;
    best = Math.max(best, dot);
  }
  return 1 - best;
}

/** The OOD part of a sure decision: an item's distance and the largest distance still in distribution. */
export interface OodCheck {
  /** The item's OOD distance (`oodDistance`). */
  distance: number;
  /** `unsure.ood.max_distance`. */
  maxDistance: number;
}

/** Sure when `probability ≥ minProbability` and, with an OOD check, `distance ≤ maxDistance` (NaN anywhere: not sure). */
export function isSure(probability: number, minProbability: number, ood?: OodCheck): boolean {
  return probability >= minProbability && (ood === undefined || ood.distance <= ood.maxDistance);
}

/** One head's calibration, ready to apply. */
export interface HeadCalibration {
  /** Softmax temperature (1 without a calibration block). */
  temperature: number;
  /** Smallest sure top-1 probability (0 without an unsure block). */
  minProbability: number;
}

/** A config's calibration and unsure rule in ready-to-use form (defaults where a block is absent). */
export interface CalibrationPlan {
  /** Per head in model order. */
  heads: ReadonlyMap<string, HeadCalibration>;
  /** Whether the config has an unsure block (without one every item is sure). */
  judgesSure: boolean;
  /** The OOD test, when the unsure block has one: centroids re-normalised exactly, and the threshold. */
  ood?: { centroids: Float64Array[]; maxDistance: number };
}

/** Builds the plan from a config (already checked by parseClassifierConfig); absent blocks give temperature 1 and all-sure. */
export function calibrationPlan(config: Pick<ClassifierConfig, 'head_order' | 'calibration' | 'unsure'>): CalibrationPlan {
  const heads = new Map<string, HeadCalibration>();
  for (const head of config.head_order) {
    heads.set(head, {
      temperature: config.calibration?.temperature[head] ?? 1,
      minProbability: config.unsure?.min_probability[head] ?? 0,
    });
  }
  const ood = config.unsure?.ood;
  return {
    heads,
    judgesSure: config.unsure !== undefined,
    ...(ood ? { ood: { centroids: ood.centroids.map((c) => l2Normalise(c)), maxDistance: ood.max_distance } } : {}),
  };
}

/** Whether one head's calibrated top-1 `probability` is sure under a plan (always true without an unsure block). */
export function sureUnder(plan: CalibrationPlan, head: string, probability: number, distance?: number): boolean {
  if (!plan.judgesSure) return true;
  const minProbability = plan.heads.get(head)?.minProbability;
  if (minProbability === undefined) throw new Error(`Unknown classifier head "${head}".`);
  if (plan.ood && distance === undefined) throw new Error('The OOD test needs the item\'s distance (the model\'s embedding output).');
  return isSure(probability, minProbability, plan.ood ? { distance: distance!, maxDistance: plan.ood.maxDistance } : undefined);
}

/** Identifies a config's calibration and unsure rule ('' when it has neither), so caches of calibrated results follow them. */
export function calibrationKey(config: Pick<ClassifierConfig, 'calibration' | 'unsure'>): string {
  if (config.calibration === undefined && config.unsure === undefined) return '';
  return hashText(JSON.stringify({ calibration: config.calibration ?? null, unsure: config.unsure ?? null }));
}
