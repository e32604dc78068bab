/**
 * The fine-tuned head: a softmax (one label) or sigmoid (several labels) layer over the frozen
 * classifier's embedding (standardised, dense) beside hashed TF-IDF word/char n-grams (sparse).
 * Trained with a validation split and early stopping; saved as JSON with its weights in base64
 * Float32, so a reloaded head predicts exactly what the trained one did.
 */
import { confusionMatrix, multiLabelReport, singleLabelReport, type ClassificationReport, type ConfusionMatrix } from '../metrics/classification.ts';
import { seededRandom, shuffleInPlace, stratifiedSplit } from '../metrics/split.ts';
import { mostlyChineseShare } from '../script.ts';
import { base64ToFloat32, float32ToBase64 } from './base64.ts';
import { decide, predictProbabilities, refitOnAll, trainWithL2Grid, type EpochInfo, type Example, type HeadKind, type LinearModel, type TrainHooks, type TrainOptions, type TrainResult } from './linear.ts';
import { crossValidateCandidates, DEFAULT_CV_DENSE_WEIGHTS, DEFAULT_CV_L2, trainWithTuned, type TuneCandidate } from './tune.ts';
import { DEFAULT_NGRAMS, fitIdf, hashedBlockCounts, hashedCounts, tfidfBlocks, type NgramSpec } from './text.ts';

/** Computes one embedding per text with the frozen model (the injected feature source). */
export type EmbedFn = (texts: string[]) => Promise<Float32Array[]>;

/** The head JSON format version this code writes and reads. */
export const HEAD_FORMAT_VERSION = 1;

/** How a head turns text (and the model's embedding) into features; saved with the head. */
export interface HeadFeatureSpec {
  /** Word and character n-gram lengths. */
  ngrams: NgramSpec;
  /** The sparse block has 2^hashBits hashed columns (0 disables n-grams). */
  hashBits: number;
  /** Seed of the feature hash. */
  hashSeed: number;
  /** Whether term counts are dampened to 1 + ln(count). */
  sublinearTf: boolean;
  /** Inverse document frequency per hashed column (base64 Float32), or null without n-grams. */
  idf: string | null;
  /** The dense embedding block, or null when the head uses text n-grams only. */
  embedding: {
    /** Length of the model's embedding. */
    dim: number;
    /** Which model produced it (its folder or id), so heads are applied with the same model. */
    source: string;
    /** What the vector holds: the pooled embedding, or the embedding then every model-head probability. */
    features?: 'embedding' | 'embedding+probabilities';
    /** Per-dimension training mean (base64 Float32). */
    mean: string;
    /** Per-dimension training standard deviation (base64 Float32). */
    std: string;
    /** Factor applied after standardising, balancing the dense block against the sparse one. */
    scale: number;
  } | null;
}

/** Validation figures stored with a head. */
export interface HeadMetrics {
  /** Items trained on. */
  trainCount: number;
  /** Items in the validation split. */
  validationCount: number;
  /** Accuracy on the validation split (exact-set for multi-label). */
  accuracy: number;
  /** Micro-averaged precision, recall, F1 on validation. */
  micro: { precision: number; recall: number; f1: number };
  /** Macro-averaged precision, recall, F1 on validation. */
  macro: { precision: number; recall: number; f1: number };
  /** The epoch whose weights were kept. */
  bestEpoch: number;
  /** The L2 penalty chosen. */
  l2: number;
  /**
   * Folds, when the settings were chosen by k-fold cross-validation (tuning 'cv'): then the
   * figures above are out-of-fold (every labelled row checked once by a head that never saw it),
   * trainCount and validationCount are both the labelled rows, and bestEpoch is the epoch count.
   */
  folds?: number;
}

/** A head as saved to disk / IndexedDB / exported JSON. */
export interface HeadJSON {
  /** Format version (HEAD_FORMAT_VERSION). */
  version: number;
  /** 'softmax' for one label per item, 'sigmoid' for label lists. */
  kind: HeadKind;
  /** Class names, in weight-column order. */
  labels: string[];
  /** Name of the label column it was trained on (its output columns are pred_/prob_<name>). */
  labelColumn: string;
  /** Separator of label lists (sigmoid heads), e.g. '|'; null for single labels. */
  separator: string | null;
  /** Text columns joined (with a space) to make each item's text. */
  textColumns: string[];
  /** Feature recipe. */
  featureSpec: HeadFeatureSpec;
  /** (2^hashBits + embedding dim + 1) × labels weights, row-major, base64 Float32 little-endian. */
  weights: string;
  /** Sigmoid heads: a label is predicted at or above this probability. */
  threshold: number;
  /** Validation figures. */
  metrics: HeadMetrics;
  /** ISO time of training. */
  createdAt: string;
  /**
   * A second linear model over the n-gram block only (no embedding), trained on the same rows,
   * whose class probabilities are averaged with the head's: (1 − weight) · head + weight · n-grams.
   * Absent in heads trained without it (and in heads saved before it existed).
   */
  ngramModel?: {
    /** (2^hashBits + 1) × labels weights, row-major, base64 Float32 little-endian. */
    weights: string;
    /** Its share of the averaged probabilities (0…1). */
    weight: number;
    /** The L2 penalty chosen for it. */
    l2: number;
  };
  /** Share of the training items written mostly in Chinese (absent in heads saved before it was recorded). */
  chineseShare?: number;
}

/** Options of `trainHead`. */
export interface HeadTrainOptions extends TrainOptions {
  /** Force a multi-label (sigmoid) head even when every item has one label. */
  multiLabel?: boolean;
  /** Share of labelled items held out for validation / early stopping (default 0.15). */
  validation?: number;
  /** Seed of the train/validation split. */
  splitSeed?: number;
  /** 2^hashBits n-gram columns (default: defaultHashBits(labels); 0 for none). */
  hashBits?: number;
  /** Seed of the feature hash. */
  hashSeed?: number;
  /** N-gram lengths. */
  ngrams?: NgramSpec;
  /** Source name recorded for the embedding (e.g. the model folder). */
  embeddingSource?: string;
  /** What the injected embedding holds (recorded so the head is applied with the same features). */
  embeddingFeatures?: 'embedding' | 'embedding+probabilities';
  /** Multiplier of the standardised embedding (default 1/√dim, so the block has norm ≈ 1). */
  embeddingScale?: number;
  /** L2 values tried; the best on validation is kept (default [1e-5]). */
  l2Grid?: number[];
  /** Sigmoid threshold (default 0.5). */
  threshold?: number;
  /** Name of the label column. */
  labelColumn?: string;
  /** Text columns the texts were made from. */
  textColumns?: string[];
  /** Separator of label lists. */
  separator?: string | null;
  /** Most distinct labels allowed (default MAX_HEAD_LABELS); more is refused before any work (HeadLabelsError). */
  maxLabels?: number;
  /**
   * How the L2 penalty, the embedding block's weight and the epoch count are chosen: 'validation'
   * (default: one stratified validation split, early stopping, then `refit` or not) or 'cv' (k-fold
   * cross-validation over every labelled row, then one fit on all of them; see tune.ts) — what a
   * few taught labels need, at the cost of folds × candidates small fits.
   */
  tuning?: 'validation' | 'cv';
  /**
   * Share (0…1) of an n-gram-only model in the head's averaged probabilities (default 0: none).
   * Used when the head has both an embedding and n-grams; that model is trained on the same rows
   * like the TF-IDF baseline (its L2 from NGRAM_L2_GRID on the validation split) and stored with the head.
   */
  ngramEnsemble?: number;
  /**
   * N-grams none of the texts the IDF is measured on has: 'keep' (default) weighs them by the
   * largest IDF, so in a new item they take a share of its n-gram block's length normalisation
   * although the head has no weight for them; 'drop' gives them weight 0, as a vocabulary fitted on
   * the labelled texts does (TF-IDF + LR's).
   */
  unseenNgrams?: 'keep' | 'drop';
  /** Folds of 'cv' tuning (default 5). */
  folds?: number;
  /** L2 penalties tried by 'cv' tuning (default DEFAULT_CV_L2). */
  cvL2?: readonly number[];
  /** Weights of the embedding block tried by 'cv' tuning, times embeddingScale (default DEFAULT_CV_DENSE_WEIGHTS). */
  cvDenseWeights?: readonly number[];
  /**
   * After validation has chosen the epoch count and L2, retrain on all labelled rows (default
   * false). The stored metrics stay those measured on the validation split before the refit.
   */
  refit?: boolean;
  /**
   * Every item of the catalogue the head is for, labelled or not (no label is read): when given,
   * the n-gram IDF and the embedding's per-dimension mean and spread are measured on these items
   * (a seeded sample of CATALOGUE_STATISTICS_SAMPLE when there are more) instead of on the labelled
   * rows alone, which a few taught labels are too few to measure them on. `embeddings` line up with `texts`.
   */
  catalogue?: { texts: readonly string[]; embeddings?: readonly Float32Array[] };
}

/** Most catalogue items whose n-grams and embeddings a head's feature statistics are measured on. */
export const CATALOGUE_STATISTICS_SAMPLE = 5000;

/** The items (indices into the catalogue) a head's feature statistics are measured on: all, or a seeded sample. */
export function catalogueStatisticsRows(count: number, seed = 29): number[] {
  const rows = Array.from({ length: count }, (_, i) => i);
  if (count <= CATALOGUE_STATISTICS_SAMPLE) return rows;
  return shuffleInPlace(rows, seededRandom(seed)).slice(0, CATALOGUE_STATISTICS_SAMPLE).sort((a, b) => a - b);
}

/** Per-dimension mean and standard deviation (1 where a dimension does not vary) of some vectors. */
export function embeddingStatistics(vectors: readonly Float32Array[]): { mean: Float32Array; std: Float32Array } {
  const dim = vectors[0]?.length ?? 0;
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (const e of vectors) {
    if (e.length !== dim) throw new Error(`Embeddings differ in length (${e.length} vs ${dim}).`);
    for (let j = 0; j < dim; j++) {
      sum[j]! += e[j]!;
      sq[j]! += e[j]! * e[j]!;
    }
  }
  const n = Math.max(1, vectors.length);
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    const mu = sum[j]! / n;
    mean[j] = mu;
    std[j] = Math.sqrt(Math.max(sq[j]! / n - mu * mu, 0)) || 1;
  }
  return { mean, std };
}

/** What training a head gives back. */
export interface TrainHeadResult {
  /** The saved form of the head. */
  head: HeadJSON;
  /** Full validation report (per class too). */
  report: ClassificationReport;
  /** Validation confusion matrix (top 10 + other) for single-label heads; null for multi-label. */
  confusion: ConfusionMatrix | null;
  /** Per-epoch figures of the kept run. */
  epochs: EpochInfo[];
}

/** A head decoded for prediction (weights and statistics as typed arrays). */
export interface LoadedHead {
  /** The JSON it came from. */
  json: HeadJSON;
  /** The linear model. */
  model: LinearModel;
  /** Decoded IDF (null without n-grams). */
  idf: Float32Array | null;
  /** Decoded embedding mean (null without embedding). */
  mean: Float32Array | null;
  /** Decoded embedding standard deviation (null without embedding). */
  std: Float32Array | null;
  /** The n-gram-only model averaged in, with its share (null without one). */
  ngram: { model: LinearModel; weight: number } | null;
}

/** One item's prediction. */
export interface HeadPrediction {
  /** Predicted labels (one for softmax heads). */
  labels: string[];
  /** The probability of each predicted label, same order. */
  probabilities: number[];
  /** Probability of every class, in head.labels order. */
  all: Float32Array;
}

const EMPTY_SPARSE = { indices: new Int32Array(0), values: new Float32Array(0) };

function denseFeatures(embedding: Float32Array, mean: Float32Array, std: Float32Array, scale: number): Float32Array {
  if (embedding.length !== mean.length) throw new Error(`The model gave embeddings of length ${embedding.length}, but this head expects ${mean.length}.`);
  const out = new Float32Array(embedding.length);
  for (let j = 0; j < out.length; j++) out[j] = ((embedding[j]! - mean[j]!) / std[j]!) * scale;
  return out;
}

async function embedAll(texts: string[], embed: EmbedFn): Promise<Float32Array[]> {
  const embeddings = await embed(texts);
  if (embeddings.length !== texts.length) throw new Error(`The embedding source returned ${embeddings.length} embeddings for ${texts.length} texts.`);
  return embeddings;
}

function buildExamples(texts: readonly string[], head: { spec: HeadFeatureSpec; idf: Float32Array | null; mean: Float32Array | null; std: Float32Array | null }, embeddings: Float32Array[] | null): Example[] {
  const { spec } = head;
  return texts.map((text, i) => ({
    sparse: spec.hashBits > 0 && head.idf ? tfidfBlocks(hashedBlockCounts(text, spec.hashBits, spec.hashSeed, spec.ngrams), head.idf, spec.sublinearTf) : EMPTY_SPARSE,
    dense: spec.embedding && embeddings ? denseFeatures(embeddings[i]!, head.mean!, head.std!, spec.embedding.scale) : null,
  }));
}

/** L2 penalties the n-gram-only model of an ensemble head tries (those of the TF-IDF baseline). */
export const NGRAM_L2_GRID = [1e-6, 1e-5, 1e-4];

/** (1 − weight) · a + weight · b, element by element, written into a. */
export function mixProbabilities(a: Float64Array, b: ArrayLike<number>, weight: number): Float64Array {
  for (let k = 0; k < a.length; k++) a[k] = (1 - weight) * a[k]! + weight * b[k]!;
  return a;
}

/** 2^16 hashed columns, fewer for many labels so the weights stay ≤ 2^22 numbers (16 MB, ~22 MB as JSON). */
export function defaultHashBits(labelCount: number): number {
  return Math.max(10, Math.min(16, Math.floor(Math.log2(2 ** 22 / Math.max(1, labelCount)))));
}

/** Distinct labels of all items, sorted, and each item's label indices. */
function indexLabels(labels: readonly (readonly string[])[]): { names: string[]; targets: number[][] } {
  const names = [...new Set(labels.flat())].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  return { names, targets: labels.map((set) => [...new Set(set)].map((l) => index.get(l)!).sort((a, b) => a - b)) };
}

/**
 * Most labels one head learns. The weights are (n-gram columns + embedding + 1) × labels numbers and
 * every training item touches every label, so memory and time grow with the label count: at 2,000
 * labels a head is about 2.4 M weights (10 MB) even with the fewest n-gram columns; 100,000 labels
 * needed ~2.9 GB and ran for hours.
 */
export const MAX_HEAD_LABELS = 2000;

/** Labelled rows a head needs per label on average (beyond a handful of labels) to learn anything. */
export const MIN_ROWS_PER_LABEL = 2;

/** Label counts at or below which the rows-per-label rule does not apply (tiny tables stay trainable). */
const FEW_LABELS = 10;

/** A label column a head cannot be trained on (too many labels, too few rows per label), told with the counts. */
export class HeadLabelsError extends Error {
  override name = 'HeadLabelsError';
  /** How many of the most frequent labels a head could learn from these rows (0: none, every label has one row). */
  readonly suggestedMax: number;
  constructor(message: string, suggestedMax: number) {
    super(message);
    this.suggestedMax = suggestedMax;
  }
}

/** The label sets' distinct labels with the number of rows carrying each, most frequent first (ties by name). */
export function labelFrequencies(labels: readonly (readonly string[])[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const set of labels) for (const label of new Set(set)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Checks, before any work, that a head can learn these labels: at most `maxLabels` (default
 * MAX_HEAD_LABELS) distinct labels, and (beyond a handful) at least MIN_ROWS_PER_LABEL labelled
 * rows per label on average. Throws HeadLabelsError with the counts and what to do otherwise.
 */
export function checkHeadLabels(labels: readonly (readonly string[])[], options: { labelColumn?: string; maxLabels?: number } = {}): { labels: number; rows: number } {
  const maxLabels = options.maxLabels ?? MAX_HEAD_LABELS;
  const frequencies = labelFrequencies(labels);
  const rows = labels.filter((set) => set.length > 0).length;
  const distinct = frequencies.length;
  const column = options.labelColumn ? `'${options.labelColumn}'` : 'The label column';
  const once = frequencies.filter(([, n]) => n === 1).length;
  const onceText = once > 0 ? ` ${count(once)} of them appear in only one row.` : '';
  // The most frequent labels a head could learn: the largest k ≤ maxLabels whose k labels have
  // MIN_ROWS_PER_LABEL rows each on average (0 when every label has a single row).
  let suggested = 0;
  let covered = 0;
  frequencies.forEach(([, n], k) => {
    covered += n;
    if (k + 1 <= maxLabels && k + 1 >= 2 && covered >= MIN_ROWS_PER_LABEL * (k + 1)) suggested = k + 1;
  });
  const keep = suggested > 0
    ? `Keep only the ${count(suggested)} most frequent labels (they cover ${count(frequencies.slice(0, suggested).reduce((sum, [, n]) => sum + n, 0))} rows), group rare labels together`
    : 'There are too few rows per label to learn from; group the labels into fewer, broader ones';
  if (distinct > maxLabels) {
    throw new HeadLabelsError(
      `${column} has ${count(distinct)} different labels in ${count(rows)} labelled rows; a head can learn at most ${count(maxLabels)}.${onceText} ${keep}, or choose a column with fewer different values.`,
      suggested,
    );
  }
  if (distinct > FEW_LABELS && rows < MIN_ROWS_PER_LABEL * distinct) {
    throw new HeadLabelsError(
      `${column} has ${count(distinct)} different labels in only ${count(rows)} labelled rows (${(rows / distinct).toFixed(1)} rows per label); a head needs at least ${MIN_ROWS_PER_LABEL} rows per label on average to learn them.${onceText} ${keep}, or label more rows.`,
      suggested,
    );
  }
  return { labels: distinct, rows };
}

/** What `keepFrequentLabels` kept and left out. */
export interface LabelCap {
  /** The label sets with only the kept labels (a row left with none becomes unlabelled). */
  labels: string[][];
  /** Labels kept (the most frequent). */
  kept: number;
  /** Labels dropped. */
  dropped: number;
  /** Labelled rows that lost every label, so are no longer trained on. */
  rowsLeftOut: number;
}

/** Keeps the `max` most frequent labels (ties by name); other labels are removed from every row. */
export function keepFrequentLabels(labels: readonly (readonly string[])[], max: number): LabelCap {
  const frequencies = labelFrequencies(labels);
  const kept = new Set(frequencies.slice(0, max).map(([label]) => label));
  let rowsLeftOut = 0;
  const out = labels.map((set) => {
    const filtered = set.filter((label) => kept.has(label));
    if (set.length > 0 && filtered.length === 0) rowsLeftOut++;
    return filtered;
  });
  return { labels: out, kept: kept.size, dropped: frequencies.length - kept.size, rowsLeftOut };
}

/**
 * Trains a head on texts and their label sets (one label each for a softmax head). When `embed`
 * is given, the frozen model's embedding is a feature beside the n-grams; otherwise n-grams only.
 */
export async function trainHead(texts: readonly string[], labels: readonly (readonly string[])[], options: HeadTrainOptions = {}, embed?: EmbedFn, hooks: TrainHooks = {}): Promise<TrainHeadResult> {
  if (texts.length !== labels.length) throw new Error(`Got ${texts.length} texts but ${labels.length} labels.`);
  const keep = labels.map((set, i) => (set.length > 0 ? i : -1)).filter((i) => i >= 0);
  if (keep.length < 2) throw new Error('At least two labelled items are needed to train a head.');
  // Before any feature or weight is built: a head over too many labels would take gigabytes and hours.
  checkHeadLabels(labels, { labelColumn: options.labelColumn, maxLabels: options.maxLabels });
  const multi = options.multiLabel === true || keep.some((i) => labels[i]!.length !== 1);
  const kind: HeadKind = multi ? 'sigmoid' : 'softmax';
  const { names, targets: allTargets } = indexLabels(keep.map((i) => labels[i]!));
  if (names.length < 2) throw new Error(`Only one label ('${names[0]}') appears; a head needs at least two to tell apart.`);
  const itemTexts = keep.map((i) => texts[i]!);
  const keys = keep.map((i) => [...labels[i]!].sort().join('\u0000'));
  const cv = options.tuning === 'cv';
  if (options.tuning !== undefined && options.tuning !== 'cv' && options.tuning !== 'validation') throw new Error(`tuning must be 'validation' or 'cv', not '${String(options.tuning)}'.`);
  // With 'cv' every labelled row is trained on (and held out once, fold by fold): no fixed validation split.
  const split = cv ? { train: keep.map((_, k) => k), validation: [] as number[], test: [] as number[] } : stratifiedSplit(keys, { validation: options.validation ?? 0.15, seed: options.splitSeed ?? 42 });
  if (!cv && split.validation.length === 0) split.validation = split.train.splice(-1, 1);

  const hashBits = options.hashBits ?? defaultHashBits(names.length);
  const hashSeed = options.hashSeed ?? 0x7e4d;
  const ngrams = options.ngrams ?? DEFAULT_NGRAMS;
  const sublinearTf = true;
  const catalogue = options.catalogue;
  if (catalogue?.embeddings && catalogue.embeddings.length !== catalogue.texts.length) throw new Error(`The catalogue has ${catalogue.texts.length} texts but ${catalogue.embeddings.length} embeddings.`);
  const catalogueRows = catalogue ? catalogueStatisticsRows(catalogue.texts.length) : [];
  let idf: Float32Array | null = null;
  if (hashBits > 0) {
    // Document frequencies of every labelled text (no labels involved).
    hooks.onProgress?.({ stage: 'features', done: 0, total: itemTexts.length });
    const idfTexts = catalogue ? catalogueRows.map((i) => catalogue.texts[i]!) : itemTexts;
    idf = fitIdf(idfTexts.map((text) => hashedCounts(text, hashBits, hashSeed, ngrams)), 2 ** hashBits, options.unseenNgrams === 'drop');
  }
  let embeddings: Float32Array[] | null = null;
  let mean: Float32Array | null = null;
  let std: Float32Array | null = null;
  let embeddingSpec: HeadFeatureSpec['embedding'] = null;
  if (embed) {
    hooks.onProgress?.({ stage: 'embedding', done: 0, total: itemTexts.length });
    embeddings = await embedAll(itemTexts, embed);
    hooks.onProgress?.({ stage: 'embedding', done: itemTexts.length, total: itemTexts.length });
    const dim = embeddings[0]?.length ?? 0;
    if (embeddings.some((e) => e.length !== dim)) throw new Error(`Embeddings differ in length (${embeddings.find((e) => e.length !== dim)!.length} vs ${dim}).`);
    const statisticsRows = catalogue?.embeddings ? catalogueRows.map((i) => catalogue.embeddings![i]!) : split.train.map((i) => embeddings![i]!);
    // The labelled rows were checked just above; the catalogue's must match them.
    if (catalogue?.embeddings && statisticsRows.some((e) => e.length !== dim)) throw new Error(`The catalogue's embeddings have length ${statisticsRows.find((e) => e.length !== dim)!.length}, the labelled items' ${dim}.`);
    ({ mean, std } = embeddingStatistics(statisticsRows));
    embeddingSpec = { dim, source: options.embeddingSource ?? 'model', features: options.embeddingFeatures ?? 'embedding', mean: float32ToBase64(mean), std: float32ToBase64(std), scale: options.embeddingScale ?? 1 / Math.sqrt(Math.max(1, dim)) };
  }
  if (hashBits === 0 && !embed) throw new Error('A head needs n-grams (hashBits > 0) or an embedding source, or both.');
  const spec: HeadFeatureSpec = { ngrams, hashBits, hashSeed, sublinearTf, idf: idf ? float32ToBase64(idf) : null, embedding: embeddingSpec };
  const examples = buildExamples(itemTexts, { spec, idf, mean, std }, embeddings);
  hooks.onProgress?.({ stage: 'features', done: itemTexts.length, total: itemTexts.length });
  const pick = (indices: number[]) => ({ examples: indices.map((i) => examples[i]!), targets: indices.map((i) => allTargets[i]!) });
  const shape = { kind, classes: names.length, sparseDim: hashBits > 0 ? 2 ** hashBits : 0, denseDim: embeddingSpec?.dim ?? 0 };
  const threshold = options.threshold ?? 0.5;
  let truth: string[][];
  let predicted: string[][];
  let model: LinearModel;
  let chosen: { bestEpoch: number; l2: number; epochs: EpochInfo[]; folds?: number };
  const ensembleWeight = embeddingSpec && shape.sparseDim > 0 ? (options.ngramEnsemble ?? 0) : 0;
  if (!(ensembleWeight >= 0 && ensembleWeight <= 1)) throw new Error(`ngramEnsemble must be between 0 and 1, not ${options.ngramEnsemble}.`);
  let ngramModel: HeadJSON['ngramModel'];
  if (cv) {
    const denseWeights = embeddingSpec ? (options.cvDenseWeights ?? DEFAULT_CV_DENSE_WEIGHTS) : [1];
    const candidates: TuneCandidate[] = (options.cvL2 ?? DEFAULT_CV_L2).flatMap((l2) => denseWeights.map((denseWeight) => ({ l2, denseWeight })));
    const data = { examples, targets: allTargets, keys };
    const tuned = await crossValidateCandidates(shape, data, candidates, { ...options, folds: options.folds ?? 5, foldSeed: options.splitSeed ?? 42 }, hooks);
    model = await trainWithTuned(shape, data, tuned, options, hooks);
    if (embeddingSpec) embeddingSpec.scale *= tuned.candidate.denseWeight;
    truth = allTargets.map((t) => t.map((k) => names[k]!));
    predicted = tuned.heldOut.map((p) => p.map((k) => names[k]!));
    const epochs = Array.from({ length: tuned.epochs }, (_, e): EpochInfo => ({ epoch: e + 1, trainLoss: NaN, validationLoss: NaN, validationAccuracy: NaN, learningRate: tuned.learningRate, improved: true }));
    chosen = { bestEpoch: tuned.epochs, l2: tuned.candidate.l2, epochs, folds: tuned.folds };
  } else {
    const result = await trainWithL2Grid(shape, pick(split.train), pick(split.validation), options.l2Grid ?? [options.l2 ?? 1e-5], options, hooks);
    let ngram: (TrainResult & { l2: number }) | null = null;
    const sparseShape = { ...shape, denseDim: 0 };
    const pickSparse = (indices: number[]) => ({ examples: indices.map((i) => ({ sparse: examples[i]!.sparse })), targets: indices.map((i) => allTargets[i]!) });
    if (ensembleWeight > 0) ngram = await trainWithL2Grid(sparseShape, pickSparse(split.train), pickSparse(split.validation), NGRAM_L2_GRID, options, hooks);
    const validationProbabilities = (i: number) => {
      const p = predictProbabilities(result.model, examples[i]!);
      return ngram ? mixProbabilities(p, predictProbabilities(ngram.model, { sparse: examples[i]!.sparse }), ensembleWeight) : p;
    };
    truth = split.validation.map((i) => allTargets[i]!.map((k) => names[k]!));
    predicted = split.validation.map((i) => decide(kind, validationProbabilities(i), threshold).map((k) => names[k]!));
    model = options.refit ? await refitOnAll(shape, pick(split.train), pick(split.validation), result, options, hooks) : result.model;
    if (ngram) {
      const ngramFinal = options.refit ? await refitOnAll(sparseShape, pickSparse(split.train), pickSparse(split.validation), ngram, options, hooks) : ngram.model;
      ngramModel = { weights: float32ToBase64(ngramFinal.weights), weight: ensembleWeight, l2: ngram.l2 };
    }
    chosen = result;
  }
  const report = multi ? multiLabelReport(truth, predicted, names) : singleLabelReport(truth.map((t) => t[0]!), predicted.map((p) => p[0]!), names);
  const confusion = multi ? null : confusionMatrix(truth.map((t) => t[0]!), predicted.map((p) => p[0]!), 10);
  const strip = ({ precision, recall, f1 }: { precision: number; recall: number; f1: number }) => ({ precision, recall, f1 });
  const head: HeadJSON = {
    version: HEAD_FORMAT_VERSION,
    kind,
    labels: names,
    labelColumn: options.labelColumn ?? 'label',
    separator: multi ? (options.separator ?? '|') : null,
    textColumns: options.textColumns ?? [],
    featureSpec: spec,
    weights: float32ToBase64(model.weights),
    threshold,
    metrics: {
      trainCount: split.train.length,
      validationCount: cv ? keep.length : split.validation.length,
      accuracy: report.accuracy,
      micro: strip(report.micro),
      macro: strip(report.macro),
      bestEpoch: chosen.bestEpoch,
      l2: chosen.l2,
      ...(chosen.folds !== undefined ? { folds: chosen.folds } : {}),
    },
    createdAt: new Date().toISOString(),
    ...(ngramModel ? { ngramModel } : {}),
    chineseShare: Number(mostlyChineseShare(itemTexts).toFixed(4)),
  };
  return { head, report, confusion, epochs: chosen.epochs };
}

/** Checks a parsed head JSON and decodes it for prediction; plain-language errors when it is not a head. */
export function loadHead(input: HeadJSON | string): LoadedHead {
  const json = (typeof input === 'string' ? JSON.parse(input) : input) as HeadJSON;
  if (!json || typeof json !== 'object' || !Array.isArray(json.labels) || typeof json.weights !== 'string' || !json.featureSpec) throw new Error('This file is not a Trendloom head (labels, weights or featureSpec missing).');
  if (json.version !== HEAD_FORMAT_VERSION) throw new Error(`This head has format version ${json.version}; this Trendloom reads version ${HEAD_FORMAT_VERSION}.`);
  if (json.kind !== 'softmax' && json.kind !== 'sigmoid') throw new Error(`Unknown head kind '${String(json.kind)}'.`);
  const spec = json.featureSpec;
  const sparseDim = spec.hashBits > 0 ? 2 ** spec.hashBits : 0;
  const denseDim = spec.embedding?.dim ?? 0;
  const weights = base64ToFloat32(json.weights);
  const expected = (sparseDim + denseDim + 1) * json.labels.length;
  if (weights.length !== expected) throw new Error(`This head's weights hold ${weights.length} numbers; its shape needs ${expected}. The file may be damaged.`);
  let ngram: LoadedHead['ngram'] = null;
  if (json.ngramModel) {
    const ngramWeights = base64ToFloat32(json.ngramModel.weights);
    if (ngramWeights.length !== (sparseDim + 1) * json.labels.length) throw new Error(`This head's n-gram model holds ${ngramWeights.length} numbers; its shape needs ${(sparseDim + 1) * json.labels.length}. The file may be damaged.`);
    const weight = json.ngramModel.weight;
    if (!(weight >= 0 && weight <= 1)) throw new Error(`This head's n-gram model has the share ${String(weight)}; it must be between 0 and 1. The file may be damaged.`);
    ngram = { model: { kind: json.kind, classes: json.labels.length, sparseDim, denseDim: 0, weights: ngramWeights }, weight };
  }
  return {
    json,
    ngram,
    model: { kind: json.kind, classes: json.labels.length, sparseDim, denseDim, weights },
    idf: spec.idf ? base64ToFloat32(spec.idf) : null,
    mean: spec.embedding ? base64ToFloat32(spec.embedding.mean) : null,
    std: spec.embedding ? base64ToFloat32(spec.embedding.std) : null,
  };
}

/** Whether a head needs the model's embedding to predict. */
export function headNeedsEmbedding(head: LoadedHead | HeadJSON): boolean {
  return ('json' in head ? head.json : head).featureSpec.embedding !== null;
}

/**
 * Predicts labels and probabilities for texts. Pass `embed` (or precomputed `embeddings`) when
 * the head uses the model's embedding; a plain error says so when neither is given.
 */
export async function predictWithHead(head: LoadedHead, texts: readonly string[], embed?: EmbedFn, embeddings?: Float32Array[]): Promise<HeadPrediction[]> {
  let vectors: Float32Array[] | null = null;
  if (headNeedsEmbedding(head)) {
    if (embeddings) vectors = embeddings;
    else if (embed) vectors = await embedAll([...texts], embed);
    else throw new Error(`The head for '${head.json.labelColumn}' uses the classifier's embedding (${head.json.featureSpec.embedding!.source}); load the model to apply it.`);
  }
  const examples = buildExamples(texts, { spec: head.json.featureSpec, idf: head.idf, mean: head.mean, std: head.std }, vectors);
  return examples.map((example) => {
    const own = predictProbabilities(head.model, example);
    const p = head.ngram ? mixProbabilities(own, predictProbabilities(head.ngram.model, { sparse: example.sparse }), head.ngram.weight) : own;
    const chosen = decide(head.model.kind, p, head.json.threshold);
    const all = Float32Array.from(p);
    return { labels: chosen.map((k) => head.json.labels[k]!), probabilities: chosen.map((k) => all[k]!), all };
  });
}
