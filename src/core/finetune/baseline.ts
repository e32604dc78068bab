/**
 * The baseline a head must beat: TF-IDF (word 1–2-grams + character 3–5-grams within word
 * boundaries, fitted vocabulary, sublinear tf, smoothed idf, each block L2-normalised) + L2-regularised
 * logistic regression (multinomial, or one-vs-rest sigmoid for label lists), with the L2
 * strength tuned on an inner validation split — the usual strong text-classification baseline.
 */
import { stratifiedSplit } from '../metrics/split.ts';
import { decide, predictProbabilities, refitOnAll, trainWithL2Grid, type HeadKind, type LinearModel, type TrainHooks, type TrainOptions } from './linear.ts';
import { DEFAULT_NGRAMS, fitIdf, fitVocabulary, sumSparse, tfidfBlocks, vocabularyBlockCounts, type NgramSpec, type Vocabulary } from './text.ts';

/** Options of the baseline. */
export interface BaselineOptions extends TrainOptions {
  /** Force one-vs-rest sigmoid (label lists). */
  multiLabel?: boolean;
  /** N-gram lengths (default words 1–2, characters 3–5). */
  ngrams?: NgramSpec;
  /** Keep terms found in at least this many training texts (default 1). */
  minDf?: number;
  /** Inner validation share used for early stopping and L2 tuning (default 0.15). */
  validation?: number;
  /** Seed of the inner split. */
  splitSeed?: number;
  /** L2 values tried (default [1e-6, 1e-5, 1e-4]). */
  l2Grid?: number[];
  /** After choosing settings on the inner validation split, retrain on all rows (default true). */
  refit?: boolean;
  /**
   * Texts the vocabulary and IDF are fitted on instead of the training texts (no labels read): e.g.
   * the whole catalogue, to see how much of a head's gain any method using the unlabelled items could have.
   */
  corpus?: readonly string[];
}

/** A trained TF-IDF + logistic-regression classifier. */
export interface TfidfLogReg {
  /** Softmax or sigmoid. */
  kind: HeadKind;
  /** Class names in column order. */
  labels: string[];
  /** The fitted vocabulary. */
  vocabulary: Vocabulary;
  /** IDF per vocabulary column. */
  idf: Float32Array;
  /** The linear model. */
  model: LinearModel;
  /** The L2 value chosen on validation. */
  l2: number;
  /** Best epoch of the chosen run. */
  bestEpoch: number;
}

/** Trains the TF-IDF + logistic-regression baseline on texts and their label sets. */
export async function trainTfidfLogReg(texts: readonly string[], labels: readonly (readonly string[])[], options: BaselineOptions = {}, hooks: TrainHooks = {}): Promise<TfidfLogReg> {
  if (texts.length !== labels.length) throw new Error(`Got ${texts.length} texts but ${labels.length} labels.`);
  const kind: HeadKind = options.multiLabel || labels.some((l) => l.length !== 1) ? 'sigmoid' : 'softmax';
  const names = [...new Set(labels.flat())].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const targets = labels.map((set) => [...new Set(set)].map((l) => index.get(l)!).sort((a, b) => a - b));
  const split = stratifiedSplit(labels.map((l) => [...l].sort().join('\u0000')), { validation: options.validation ?? 0.15, seed: options.splitSeed ?? 42 });
  if (split.validation.length === 0) split.validation = split.train.splice(-1, 1);
  // Vocabulary and idf use every training text (no labels), as a vectorizer fitted on the training set does (or the corpus given).
  const corpus = options.corpus ?? texts;
  const vocabulary = fitVocabulary(corpus, options.ngrams ?? DEFAULT_NGRAMS, options.minDf ?? 1);
  const corpusBlocks = corpus.map((t) => vocabularyBlockCounts(t, vocabulary));
  const idf = fitIdf(corpusBlocks.map((b) => sumSparse(b)), vocabulary.index.size);
  const blocks = options.corpus ? texts.map((t) => vocabularyBlockCounts(t, vocabulary)) : corpusBlocks;
  const examples = blocks.map((b) => ({ sparse: tfidfBlocks(b, idf, true) }));
  const pick = (ids: number[]) => ({ examples: ids.map((i) => examples[i]!), targets: ids.map((i) => targets[i]!) });
  const shape = { kind, classes: names.length, sparseDim: vocabulary.index.size, denseDim: 0 };
  const result = await trainWithL2Grid(shape, pick(split.train), pick(split.validation), options.l2Grid ?? [1e-6, 1e-5, 1e-4], options, hooks);
  const model = options.refit === false ? result.model : await refitOnAll(shape, pick(split.train), pick(split.validation), result, options, hooks);
  return { kind, labels: names, vocabulary, idf, model, l2: result.l2, bestEpoch: result.bestEpoch };
}

/** Predicted label sets of the baseline for texts. */
export function predictTfidfLogReg(baseline: TfidfLogReg, texts: readonly string[]): string[][] {
  return texts.map((text) => decide(baseline.kind, baselineProbabilities(baseline, text)).map((k) => baseline.labels[k]!));
}

/** The baseline's probability of every class (in `baseline.labels` order) for each text. */
export function tfidfLogRegProbabilities(baseline: TfidfLogReg, texts: readonly string[]): Float32Array[] {
  return texts.map((text) => Float32Array.from(baselineProbabilities(baseline, text)));
}

function baselineProbabilities(baseline: TfidfLogReg, text: string): Float64Array {
  return predictProbabilities(baseline.model, { sparse: tfidfBlocks(vocabularyBlockCounts(text, baseline.vocabulary), baseline.idf, true) });
}
