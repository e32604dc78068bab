/** Params and results of the fine-tuning worker's requests (entries of RequestMap in protocol.ts). */
import type { ClassificationReport, ConfusionMatrix } from '../core/metrics/classification.ts';
import type { EpochInfo } from '../core/finetune/linear.ts';
import type { HeadJSON, HeadTrainOptions } from '../core/finetune/head.ts';
import type { HeldOutEstimate } from '../core/finetune/teach.ts';
import type { LabelPriorInput } from '../core/finetune/labelPrior.ts';

/** Embeddings of n items moved as one flat buffer: item i is data[i*dim … (i+1)*dim). */
export interface FlatEmbeddings {
  /** Length of each embedding. */
  dim: number;
  /** n × dim numbers (transfer its buffer). */
  data: Float32Array;
}

/** `finetune.train`: texts and label sets (empty set = unlabelled, skipped). */
export interface FinetuneTrainParams {
  /** One text per item (text columns already joined). */
  texts: string[];
  /** Label set per item: one label for single-label heads, several for label lists. */
  labels: string[][];
  /** Training options (split, n-grams, epochs…). */
  options?: HeadTrainOptions;
  /** The frozen model's embedding of every item, when the page computed it already. */
  embeddings?: FlatEmbeddings;
}

/** Result of `finetune.train`. */
export interface FinetuneTrainResult {
  /** The head, ready to save or export. */
  head: HeadJSON;
  /** Validation report (accuracy, micro/macro and per-class P/R/F1). */
  report: ClassificationReport;
  /** Validation confusion matrix (single-label heads), else null. */
  confusion: ConfusionMatrix | null;
  /** Figures of each epoch. */
  epochs: EpochInfo[];
}

/** `finetune.predict`: apply a head to texts. */
export interface FinetunePredictParams {
  /** The head JSON. */
  head: HeadJSON;
  /** One text per item. */
  texts: string[];
  /** The model's embeddings, required when the head uses them. */
  embeddings?: FlatEmbeddings;
}

/** Result of `finetune.predict`. */
export interface FinetunePredictResult {
  /** Predicted label set per item. */
  labels: string[][];
  /** Probability of each predicted label, per item. */
  probabilities: number[][];
  /** Every class probability: n × head.labels.length, row-major (transferred). */
  all: Float32Array;
}

/** `finetune.teach`: one round of the teach loop (cross-validate on the taught items, train, guess every item). */
export interface FinetuneTeachParams {
  /** One text per item. */
  texts: string[];
  /** Training label set per item: the taught items and the pseudo-labelled ones (empty = not trained on). */
  labels: string[][];
  /** Indices of the items a person taught (the held-out estimate is measured on these only). */
  taught: number[];
  /** Training options, the number of cross-validation folds, which items to guess (default all), and the label names and items as the model reads them (the label-name prior, labelPrior.ts). */
  options?: HeadTrainOptions & { folds?: number; guess?: number[]; labelPrior?: LabelPriorInput };
  /** The frozen model's embedding of every item. */
  embeddings?: FlatEmbeddings;
}

/** Result of `finetune.teach`. */
export interface FinetuneTeachResult {
  /** The head, or null when it could not be trained yet (see `reason`). */
  head: HeadJSON | null;
  /** Why no head was trained. */
  reason?: string;
  /** Cross-validated accuracy on the taught items. */
  heldOut: HeldOutEstimate;
  /** Top guess per item ('' = none), absent without a head. */
  guesses?: { labels: string[]; probabilities: Float32Array };
}
