/**
 * Label spreading over the user's own catalogue (transductive smoothing for the teach loop): a head
 * taught on a few dozen items guesses every item on its own; items that look alike should mostly
 * share a label, so each item's guess is pulled towards its most similar catalogue items' guesses,
 * and the taught items' labels spread to their look-alikes. Pure (no DOM).
 *
 *   references R: a seeded sample of the catalogue (≤ `references`), every taught item included
 *   W: each reference's k most similar other references, weight = cosine^power, rows summing to 1
 *   F ← α·W·F + (1 − α)·P on R, taught references clamped to their label, `iterations` times
 *   any item x: α·Σ w(x, j)·F_j over its k most similar references + (1 − α)·P_x (taught: its label)
 *
 * P is the head's probabilities; similarity is the cosine of the embeddings (centred on the
 * references' mean) or of TF-IDF n-grams (suggest's `buildFeatures`), text looked up through an
 * inverted index of the references' n-grams. Cost: (references + items) × the n-grams' postings.
 */
import { seededRandom } from '../random.ts';
import type { SparseVector } from './sparse.ts';
import { buildFeatures, sampleIndices, type Feature } from './suggest.ts';
import { temperProbabilities } from './temperature.ts';
import { DEFAULT_NGRAMS, type NgramSpec } from './text.ts';

/** Settings of `spreadLabels`. */
export interface SpreadOptions {
  /** Share of an item's result that comes from its neighbours (0 = the head alone). */
  alpha: number;
  /** Neighbours per item. */
  neighbours: number;
  /** Most reference items (a seeded sample of the catalogue; the taught items are always in it). */
  references: number;
  /** Propagation steps over the references. */
  iterations: number;
  /** Exponent of the cosine in the neighbour weights (higher: the closest neighbours count more). */
  power: number;
  /** Seed of the reference sample. */
  seed: number;
  /** The text n-grams similarity is measured on (when no embeddings are given). */
  ngrams: NgramSpec;
}

/** Default spreading settings. */
export const DEFAULT_SPREAD: SpreadOptions = { alpha: 0.5, neighbours: 10, references: 2000, iterations: 10, power: 3, seed: 1, ngrams: DEFAULT_NGRAMS };

/** What to spread over: the catalogue's texts (and embeddings), the head's probabilities, the taught labels. */
export interface SpreadInput {
  /** Every catalogue item's text. */
  texts: readonly string[];
  /** Every item's embedding; when given, similarity is measured on them, else on text n-grams. */
  embeddings?: readonly Float32Array[];
  /** The head's class probabilities per item (all the same length); needed for the references and the items asked for. */
  probabilities: readonly (Float32Array | undefined)[];
  /** Taught items: item index → class index. */
  taught: ReadonlyMap<number, number>;
  /** Items that may be references (default: every item); the taught items always are. */
  referenceCandidates?: readonly number[];
}

/**
 * Cosine similarity of any item to every reference at once. Text: an inverted index of the
 * references' n-grams (feature → the references that have it), so a query costs the postings of its
 * own n-grams rather than every reference's n-grams; embeddings: dot products.
 */
class ReferenceScores {
  private readonly start: Int32Array | null = null;
  private readonly postRef: Int32Array | null = null;
  private readonly postValue: Float32Array | null = null;
  private readonly scores: Float64Array;

  constructor(private readonly refFeatures: readonly Feature[], private readonly sparse: boolean) {
    this.scores = new Float64Array(refFeatures.length);
    if (!sparse) return;
    const feats = refFeatures as readonly SparseVector[];
    // Features are hashed into a bounded range: count postings per feature, then fill (CSR by feature).
    let maxFeature = 0;
    for (const f of feats) for (let k = 0; k < f.indices.length; k++) if (f.indices[k]! > maxFeature) maxFeature = f.indices[k]!;
    const start = new Int32Array(maxFeature + 2);
    for (const f of feats) for (let k = 0; k < f.indices.length; k++) start[f.indices[k]! + 1]!++;
    for (let i = 1; i < start.length; i++) start[i]! += start[i - 1]!;
    const fill = start.slice(0, -1);
    const postRef = new Int32Array(start[start.length - 1]!);
    const postValue = new Float32Array(postRef.length);
    feats.forEach((f, r) => {
      for (let k = 0; k < f.indices.length; k++) {
        const at = fill[f.indices[k]!]!++;
        postRef[at] = r;
        postValue[at] = f.values[k]!;
      }
    });
    this.start = start;
    this.postRef = postRef;
    this.postValue = postValue;
  }

  /** Similarity of `query` to each reference (a buffer reused by the next call). */
  of(query: Feature): Float64Array {
    const scores = this.scores;
    if (this.sparse) {
      scores.fill(0);
      const q = query as SparseVector;
      const start = this.start!;
      const postRef = this.postRef!;
      const postValue = this.postValue!;
      for (let k = 0; k < q.indices.length; k++) {
        const f = q.indices[k]!;
        if (f + 1 >= start.length) continue;
        const v = q.values[k]!;
        for (let p = start[f]!; p < start[f + 1]!; p++) scores[postRef[p]!]! += v * postValue[p]!;
      }
      return scores;
    }
    const a = query as Float32Array;
    this.refFeatures.forEach((b, r) => {
      const d = b as Float32Array;
      let sum = 0;
      for (let j = 0; j < a.length; j++) sum += a[j]! * d[j]!;
      scores[r] = sum;
    });
    return scores;
  }
}

/** Each query's k most similar references (not itself) and their weights (cosine^power, summing to 1; empty when none is similar). */
function neighbourWeights(query: Feature, self: number, references: readonly number[], scorer: ReferenceScores, k: number, power: number): { index: Int32Array; weight: Float64Array } {
  const topSim = new Float64Array(k);
  const topRef = new Int32Array(k).fill(-1);
  const scores = scorer.of(query);
  for (let r = 0; r < references.length; r++) {
    if (references[r] === self) continue;
    const s = scores[r]!;
    if (!(s > topSim[k - 1]!)) continue;
    let p = k - 1;
    while (p > 0 && topSim[p - 1]! < s) {
      topSim[p] = topSim[p - 1]!;
      topRef[p] = topRef[p - 1]!;
      p--;
    }
    topSim[p] = s;
    topRef[p] = r;
  }
  let count = 0;
  while (count < k && topRef[count]! >= 0) count++;
  const weight = new Float64Array(count);
  let sum = 0;
  for (let j = 0; j < count; j++) sum += weight[j] = Math.min(1, topSim[j]!) ** power;
  if (sum > 0) for (let j = 0; j < count; j++) weight[j]! /= sum;
  return { index: topRef.slice(0, count), weight };
}

/** The reference items of a spreading (sorted): every taught item, then a seeded sample of the candidates up to `references`. */
export function spreadReferences(total: number, taught: ReadonlyMap<number, number>, options: Partial<SpreadOptions> = {}, candidates?: readonly number[]): number[] {
  const o = { ...DEFAULT_SPREAD, ...options };
  const pool = candidates ? candidates.filter((i) => !taught.has(i)) : null;
  const room = Math.max(0, o.references - taught.size);
  const random = seededRandom(o.seed);
  let others: number[];
  if (pool) others = sampleIndices(pool.length, room, random).map((k) => pool[k]!);
  else others = sampleIndices(total, Math.min(total, room + taught.size), random).filter((i) => !taught.has(i)).slice(0, room);
  return [...new Set([...taught.keys(), ...others])].sort((a, b) => a - b);
}

/**
 * The reference items of a spreading with their features and similarity graph (each reference's
 * neighbours among the others): what does not depend on the taught labels or the head's
 * probabilities, so spreadings over the same catalogue with other taught items or another head (a
 * teach round's cross-validation folds and the round itself) build it once.
 */
export interface SpreadIndex {
  /** The catalogue texts it was built for (spreading checks it is given the same array). */
  readonly texts: readonly string[];
  /** Whether similarity is on embeddings (else text n-grams). */
  readonly onEmbeddings: boolean;
  /** The reference items, sorted. */
  readonly references: readonly number[];
  /** Neighbours per item and the cosine's exponent it was built with. */
  readonly neighbours: number;
  readonly power: number;
  /** The n-grams it was built on. */
  readonly ngrams: NgramSpec;
  /** Each reference's features, by item index. */
  readonly features: ReadonlyMap<number, Feature>;
  /** Similarity of any item to every reference. */
  readonly scorer: ReferenceScores;
  /** Each reference's nearest other references (positions in `references`) and their weights. */
  readonly graph: readonly { index: Int32Array; weight: Float64Array }[];
}

/**
 * Builds the reference graph of a spreading over `items` (texts, and embeddings when similarity is
 * on them) for the given references (spreadReferences; every item that will be taught must be among them).
 */
export function buildSpreadIndex(items: { texts: readonly string[]; embeddings?: readonly Float32Array[] }, references: readonly number[], options: Partial<SpreadOptions> = {}): SpreadIndex {
  const o = { ...DEFAULT_SPREAD, ...options };
  const sorted = [...references].sort((a, b) => a - b);
  const featureItems = { texts: items.texts, confidence: new Float32Array(0), ...(items.embeddings ? { embeddings: items.embeddings } : {}) };
  const features = buildFeatures(featureItems, sorted, sorted, o.ngrams);
  const refFeatures = sorted.map((r) => features.get(r)!);
  const scorer = new ReferenceScores(refFeatures, !items.embeddings);
  const k = Math.max(1, Math.min(o.neighbours, sorted.length - 1));
  const graph = sorted.map((r, a) => neighbourWeights(refFeatures[a]!, r, sorted, scorer, k, o.power));
  return { texts: items.texts, onEmbeddings: !!items.embeddings, references: sorted, neighbours: o.neighbours, power: o.power, ngrams: o.ngrams, features, scorer, graph };
}

/**
 * Every item's class probabilities after spreading (items in `items`, or all): the head's
 * probabilities pulled towards those of similar catalogue items, taught items fixed to their label.
 * `given` saves work: the references (from spreadReferences, with the same taught items), or a
 * SpreadIndex built with the same settings whose references hold every taught item.
 */
export function spreadLabels(input: SpreadInput, options: Partial<SpreadOptions> = {}, items?: readonly number[], given?: readonly number[] | SpreadIndex): Float32Array[] {
  const out: Float32Array[] = [];
  spreadEach(input, options, items, given, (_, p) => out.push(p));
  return out;
}

/**
 * As spreadLabels, but only each item's most probable class and its probability, at `temperature`
 * (no per-item arrays kept: for large catalogues); `checkCancel` runs between chunks of items and may throw to stop.
 */
export function spreadTopLabels(input: SpreadInput, options: Partial<SpreadOptions> = {}, items?: readonly number[], given?: readonly number[] | SpreadIndex, temperature = 1, checkCancel?: () => void): { codes: Int32Array; probabilities: Float32Array } {
  const count = items?.length ?? input.texts.length;
  const codes = new Int32Array(count).fill(-1);
  const probabilities = new Float32Array(count);
  spreadEach(input, options, items, given, (k, spread) => {
    const p = temperature === 1 ? spread : temperProbabilities(spread, temperature);
    let best = -1;
    for (let c = 0; c < p.length; c++) if (best < 0 || p[c]! > p[best]!) best = c;
    codes[k] = best;
    probabilities[k] = best >= 0 ? p[best]! : 0;
  }, checkCancel);
  return { codes, probabilities };
}

/** Items whose features are built at a time when spreading to many items (bounds the memory of a large catalogue). */
const FEATURE_CHUNK = 8192;

/** The spreading itself: calls `emit(k, probabilities)` for the k-th wanted item, in order (the array is the caller's to keep). */
function spreadEach(input: SpreadInput, options: Partial<SpreadOptions>, items: readonly number[] | undefined, given: readonly number[] | SpreadIndex | undefined, emit: (k: number, probabilities: Float32Array) => void, checkCancel?: () => void): void {
  const o = { ...DEFAULT_SPREAD, ...options };
  const total = input.texts.length;
  if (input.probabilities.length !== total) throw new Error(`Got ${input.probabilities.length} probability rows for ${total} items; give one per item.`);
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw new Error(`The spreading share must be between 0 and 1 (got ${o.alpha}).`);
  const classes = input.probabilities.find((p) => p !== undefined)?.length ?? 0;
  const wanted = items ?? Array.from({ length: total }, (_, i) => i);
  const onehot = (c: number) => {
    const v = new Float32Array(classes);
    v[c] = 1;
    return v;
  };
  if (o.alpha === 0 || total < 2) {
    wanted.forEach((i, k) => emit(k, input.taught.has(i) ? onehot(input.taught.get(i)!) : Float32Array.from(input.probabilities[i] ?? [])));
    return;
  }

  const probabilityOf = (i: number) => {
    const p = input.probabilities[i];
    if (!p || p.length !== classes) throw new Error(`Item ${i} has no head probabilities of ${classes} classes; give them for every reference and every item asked for.`);
    return p;
  };
  const index = given && !Array.isArray(given) ? (given as SpreadIndex) : buildSpreadIndex(input, (given as readonly number[] | undefined) ?? spreadReferences(total, input.taught, o, input.referenceCandidates), o);
  if (index.texts !== input.texts || index.onEmbeddings !== !!input.embeddings) throw new Error('This spreading index was built for other items (or another similarity); build it for these.');
  if (index.neighbours !== o.neighbours || index.power !== o.power || JSON.stringify(index.ngrams) !== JSON.stringify(o.ngrams)) throw new Error('This spreading index was built with other neighbour settings; build it with these.');
  const { references, scorer, graph } = index;
  const referencePosition = new Map(references.map((r, a) => [r, a]));
  for (const i of input.taught.keys()) if (!referencePosition.has(i)) throw new Error(`Taught item ${i} is not among the spreading's references; build the index with every taught item.`);
  const featureItems = { texts: input.texts, confidence: new Float32Array(0), ...(input.embeddings ? { embeddings: input.embeddings } : {}) };
  const k = Math.max(1, Math.min(o.neighbours, references.length - 1));

  // Propagate over the references' graph.
  const prior = references.map((r) => (input.taught.has(r) ? onehot(input.taught.get(r)!) : probabilityOf(r)));
  let current = prior.map((p) => Float64Array.from(p));
  for (let step = 0; step < o.iterations; step++) {
    current = references.map((r, a) => {
      if (input.taught.has(r)) return current[a]!;
      const next = new Float64Array(classes);
      const { index, weight } = graph[a]!;
      for (let j = 0; j < index.length; j++) {
        const f = current[index[j]!]!;
        for (let c = 0; c < classes; c++) next[c]! += o.alpha * weight[j]! * f[c]!;
      }
      const share = index.length > 0 ? 1 - o.alpha : 1;
      for (let c = 0; c < classes; c++) next[c]! += share * prior[a]![c]!;
      return next;
    });
  }

  // Every wanted item: its own guess and its neighbours' spread guesses (features built a chunk at a time).
  for (let from = 0; from < wanted.length; from += FEATURE_CHUNK) {
    checkCancel?.();
    const chunk = wanted.slice(from, from + FEATURE_CHUNK);
    // A reference's own features and neighbours are in the index already.
    const features = buildFeatures(featureItems, chunk.filter((i) => !input.taught.has(i) && !referencePosition.has(i)), references, o.ngrams);
    chunk.forEach((i, c) => {
      if (input.taught.has(i)) {
        emit(from + c, onehot(input.taught.get(i)!));
        return;
      }
      const at = referencePosition.get(i);
      const { index, weight } = at !== undefined ? graph[at]! : neighbourWeights(features.get(i)!, i, references, scorer, k, o.power);
      const out = new Float32Array(classes);
      const own = probabilityOf(i);
      const share = index.length > 0 ? 1 - o.alpha : 1;
      for (let cl = 0; cl < classes; cl++) out[cl] = share * own[cl]!;
      for (let j = 0; j < index.length; j++) {
        const f = current[index[j]!]!;
        for (let cl = 0; cl < classes; cl++) out[cl]! += o.alpha * weight[j]! * f[cl]!;
      }
      emit(from + c, out);
    });
  }
}
