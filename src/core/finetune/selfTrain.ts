/**
 * Self-training for heads taught with few labels: a head is trained on the labelled items, guesses
 * the unlabelled ones (a seeded sample of them on big catalogues), and is trained again with its
 * most confident guesses of each label added as labels. The unlabelled items are the user's own
 * catalogue, so this uses nothing but their data. Pure and deterministic for a seed.
 */
import { seededRandom, shuffleInPlace } from '../metrics/split.ts';
import { loadHead, predictWithHead, trainHead, type EmbedFn, type HeadTrainOptions, type TrainHeadResult } from './head.ts';
import type { TrainHooks } from './linear.ts';

/** How self-training picks its extra labels. */
export interface SelfTrainOptions {
  /** Confident guesses added per label (default 10; 0 turns self-training off). */
  perLabel?: number;
  /** Unlabelled items guessed at most (a seeded sample beyond that; default 5,000). */
  maxGuessed?: number;
  /** Self-training is skipped from this many labelled items on (default 300): then the labels speak for themselves. */
  maxLabelled?: number;
  /** Seed of the sample of unlabelled items. */
  seed?: number;
}

/** A self-trained head, with the labels its second round added. */
export interface SelfTrainResult extends TrainHeadResult {
  /** Item index → label the first head guessed confidently and the second was trained on. */
  added: Map<number, string>;
}

/** Extra labels per label when not given (the best of 10 / 30 on the Amazon development catalogue: docs/BENCHMARKS.md, issue 13). */
export const DEFAULT_SELF_TRAIN_PER_LABEL = 10;

/**
 * Trains a head on the labelled rows of `texts`/`labels` (rows with no label are the unlabelled
 * pool), then — when there are between 2 and `maxLabelled` labelled rows, one label per row, and
 * unlabelled rows — guesses the unlabelled rows and trains again with the `perLabel` most
 * confident guesses of each label added. `embeddings` (every row's, in order) are needed when the
 * head uses the model's embedding. The returned head is the second one (the first when skipped);
 * its validation figures come from its own split, which may hold added rows.
 */
export async function selfTrainHead(
  texts: readonly string[],
  labels: readonly (readonly string[])[],
  options: HeadTrainOptions,
  embeddings?: readonly Float32Array[],
  selfOptions: SelfTrainOptions = {},
  hooks: TrainHooks = {},
): Promise<SelfTrainResult> {
  if (texts.length !== labels.length) throw new Error(`Got ${texts.length} texts but ${labels.length} labels.`);
  if (embeddings && embeddings.length !== texts.length) throw new Error(`Got ${embeddings.length} embeddings for ${texts.length} texts.`);
  const perLabel = selfOptions.perLabel ?? DEFAULT_SELF_TRAIN_PER_LABEL;
  if (!(Number.isInteger(perLabel) && perLabel >= 0)) throw new Error(`perLabel must be a whole number ≥ 0, not ${perLabel}.`);
  const embedFor = (rows: readonly (readonly string[])[]): EmbedFn | undefined => {
    if (!embeddings) return undefined;
    const vectors = embeddings.filter((_, i) => rows[i]!.length > 0);
    return async (subset) => {
      if (subset.length !== vectors.length) throw new Error('Embeddings do not line up with the labelled items.');
      return vectors;
    };
  };
  const first = await trainHead(texts, labels, options, embedFor(labels), hooks);
  const labelled = labels.filter((set) => set.length > 0).length;
  const unlabelled = labels.map((set, i) => (set.length === 0 && texts[i]!.trim() !== '' ? i : -1)).filter((i) => i >= 0);
  if (perLabel === 0 || labelled > (selfOptions.maxLabelled ?? 300) || first.head.kind !== 'softmax' || unlabelled.length === 0) return { ...first, added: new Map() };
  hooks.checkCancel?.();
  const maxGuessed = selfOptions.maxGuessed ?? 5000;
  const guessed = unlabelled.length > maxGuessed ? shuffleInPlace([...unlabelled], seededRandom(selfOptions.seed ?? 17)).slice(0, maxGuessed).sort((a, b) => a - b) : unlabelled;
  const predictions = await predictWithHead(loadHead(first.head), guessed.map((i) => texts[i]!), undefined, embeddings ? guessed.map((i) => embeddings[i]!) : undefined);
  // The most confident guesses of each label (ties: the earlier item).
  const byLabel = new Map<string, [number, number][]>();
  predictions.forEach((p, k) => {
    const label = p.labels[0]!;
    if (!byLabel.has(label)) byLabel.set(label, []);
    byLabel.get(label)!.push([guessed[k]!, p.probabilities[0]!]);
  });
  const added = new Map<number, string>();
  for (const label of [...byLabel.keys()].sort()) {
    const ranked = byLabel.get(label)!.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [i] of ranked.slice(0, perLabel)) added.set(i, label);
  }
  const extended = labels.map((set, i) => (added.has(i) ? [added.get(i)!] : set));
  hooks.checkCancel?.();
  const second = await trainHead(texts, extended, options, embedFor(extended), hooks);
  return { ...second, added };
}
