/**
 * Which items to label next (active learning for the teach loop): items the model is unsure about
 * AND that stand for many similar items, picked so one batch is diverse rather than n copies of
 * the same thing. Pure (no DOM); scales to 100k items by comparing items with a seeded sample of
 * reference items and scoring only the most uncertain candidates, never all pairs.
 *
 *   value(i)  = (1 − confidence(i)) × density(i)
 *   density(i) = mean cosine similarity of i to itself and its k most similar reference items
 *   pick      = greedy: the highest value × (1 − similarity to the closest item already picked,
 *               or already labelled when `labelled` is given)²
 *
 * Similarity is the cosine of the embeddings when they are given (centred on the reference
 * items' mean, so a model whose embeddings all point one way still tells items apart), otherwise
 * of hashed TF-IDF word 1–2-grams + character 3–5-grams (the head's own text features).
 */
import { seededRandom } from '../random.ts';
import { l2Normalize, type SparseVector } from './sparse.ts';
import { DEFAULT_NGRAMS, fitIdf, hashedBlockCounts, sumSparse, tfidfBlocks, type NgramSpec } from './text.ts';

/** The items to choose from: their text, the model's confidence, optionally their embeddings. */
export interface SuggestItems {
  /** Item texts (used for the similarity when no embeddings are given). */
  texts: readonly string[];
  /** Calibrated top-1 probability of the head being taught, 0..1 (0 when the item has no model label yet). */
  confidence: ArrayLike<number>;
  /** One embedding per item (all the same length); when given, similarity is measured on them. */
  embeddings?: readonly Float32Array[];
}

/** Options of `suggestItemsToLabel`. */
export interface SuggestOptions {
  /** Items never to suggest (e.g. already labelled). */
  exclude?: ReadonlySet<number>;
  /**
   * Items already labelled: never suggested, and a candidate similar to one of them is discounted as if that
   * item had been picked in this batch, so a new batch covers kinds of item the labels do not yet cover.
   */
  labelled?: readonly number[];
  /** Seed of the reference sample and of tie-breaking; the same seed and items give the same picks. */
  seed?: number;
  /** Neighbours averaged for an item's density (default 10). */
  neighbours?: number;
  /** Reference items sampled to measure density against (default 1,000). */
  references?: number;
  /** Most uncertain items scored in full (default the larger of 2,000 and 20 × n). */
  candidates?: number;
}

/** Default number of neighbours averaged for density. */
export const SUGGEST_NEIGHBOURS = 10;
/** Default size of the reference sample. */
export const SUGGEST_REFERENCES = 1000;
/** Default least number of candidates scored in full. */
export const SUGGEST_CANDIDATES = 2000;

/** 2^18 hashed text columns: few collisions, and the scatter buffer stays at 1 MB. */
const HASH_BITS = 18;
const HASH_SEED = 0x5eed;

/** An item's unit feature vector: dense (embedding) or sparse (text). */
export type Feature = Float32Array | SparseVector;

/** Similarity of unit vectors, with one side scattered into a dense buffer when sparse. */
class Similarity {
  private readonly buffer: Float32Array | null;
  private loaded: SparseVector | null = null;
  private dense: Float32Array | null = null;

  constructor(sparse: boolean) {
    this.buffer = sparse ? new Float32Array(2 ** HASH_BITS) : null;
  }

  /** Makes `a` the vector the next `to` calls compare against. */
  load(a: Feature): void {
    if (!this.buffer) {
      this.dense = a as Float32Array;
      return;
    }
    if (this.loaded) for (const i of this.loaded.indices) this.buffer[i] = 0;
    const s = a as SparseVector;
    for (let k = 0; k < s.indices.length; k++) this.buffer[s.indices[k]!] = s.values[k]!;
    this.loaded = s;
  }

  /** Cosine of the loaded vector with `b`. */
  to(b: Feature): number {
    let sum = 0;
    if (this.buffer) {
      const s = b as SparseVector;
      const buffer = this.buffer;
      for (let k = 0; k < s.indices.length; k++) sum += s.values[k]! * buffer[s.indices[k]!]!;
    } else {
      const a = this.dense!;
      const d = b as Float32Array;
      for (let j = 0; j < a.length; j++) sum += a[j]! * d[j]!;
    }
    return sum;
  }
}

/** Draws `count` distinct indices of 0..n−1 (all of them, in order, when count ≥ n). */
export function sampleIndices(n: number, count: number, random: () => number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates over a sparse map, so sampling 1,000 of 100k touches ~1,000 entries.
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(vj);
  }
  return out.sort((a, b) => a - b);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** Unit feature vectors of the items in `needed`, keyed by item index (embeddings centred on the references' mean, or TF-IDF n-grams with the references' IDF). */
export function buildFeatures(items: SuggestItems, needed: readonly number[], references: readonly number[], ngrams: NgramSpec = DEFAULT_NGRAMS): Map<number, Feature> {
  const out = new Map<number, Feature>();
  if (items.embeddings) {
    const { embeddings } = items;
    if (embeddings.length !== items.texts.length) throw new Error(`Got ${embeddings.length} embeddings for ${items.texts.length} items; give one embedding per item.`);
    const dim = embeddings[references[0] ?? 0]?.length ?? 0;
    const mean = new Float64Array(dim);
    for (const r of references) {
      const e = embeddings[r]!;
      if (e.length !== dim) throw new Error(`Embeddings differ in length (${e.length} and ${dim}); they must all come from the same model.`);
      for (let j = 0; j < dim; j++) mean[j]! += e[j]! / references.length;
    }
    for (const i of needed) {
      const e = embeddings[i]!;
      if (e.length !== dim) throw new Error(`Embeddings differ in length (${e.length} and ${dim}); they must all come from the same model.`);
      const v = new Float32Array(dim);
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        v[j] = e[j]! - mean[j]!;
        norm += v[j]! * v[j]!;
      }
      if (norm > 0 && Number.isFinite(norm)) {
        const scale = 1 / Math.sqrt(norm);
        for (let j = 0; j < dim; j++) v[j]! *= scale;
      } else v.fill(0);
      out.set(i, v);
    }
    return out;
  }
  // Text: hashed word and character n-grams, IDF from the reference sample (no labels involved).
  const counts = new Map<number, SparseVector[]>();
  const countsOf = (i: number) => {
    let c = counts.get(i);
    if (!c) {
      c = hashedBlockCounts(items.texts[i] ?? '', HASH_BITS, HASH_SEED, ngrams);
      counts.set(i, c);
    }
    return c;
  };
  const idf = fitIdf(references.map((r) => sumSparse(countsOf(r))), 2 ** HASH_BITS);
  for (const i of needed) out.set(i, l2Normalize(tfidfBlocks(countsOf(i), idf, true)));
  return out;
}

/** Indices of the items most worth labelling next, most valuable first. */
export function suggestItemsToLabel(items: SuggestItems, n: number, options: SuggestOptions = {}): number[] {
  const total = items.texts.length;
  if (items.confidence.length !== total) throw new Error(`Got ${items.confidence.length} confidences for ${total} items; give one confidence per item.`);
  if (!Number.isFinite(n) || n < 0) throw new Error(`The number of items to suggest must be 0 or more (got ${n}).`);
  const labelled = (options.labelled ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < total);
  const exclude = labelled.length ? new Set([...(options.exclude ?? []), ...labelled]) : (options.exclude ?? new Set<number>());
  const eligible: number[] = [];
  for (let i = 0; i < total; i++) if (!exclude.has(i)) eligible.push(i);
  const want = Math.min(Math.floor(n), eligible.length);
  if (want === 0) return [];

  const random = seededRandom(options.seed ?? 1);
  // A seeded rank per item breaks ties, so equal values do not favour the top of the file.
  const tieRank = new Float64Array(total);
  for (let i = 0; i < total; i++) tieRank[i] = random();
  const uncertainty = (i: number) => 1 - clamp01(items.confidence[i]!);

  // Candidates: every eligible item, or the most uncertain ones when there are many.
  const candidateCount = Math.max(want, options.candidates ?? Math.max(SUGGEST_CANDIDATES, 20 * want));
  let candidates = eligible;
  if (eligible.length > candidateCount) {
    candidates = [...eligible].sort((a, b) => uncertainty(b) - uncertainty(a) || tieRank[a]! - tieRank[b]!).slice(0, candidateCount);
  }
  // References: a seeded sample of the whole catalogue (labelled items included: they are part of it).
  const references = sampleIndices(total, Math.max(1, options.references ?? SUGGEST_REFERENCES), random);
  const features = buildFeatures(items, [...new Set([...candidates, ...references, ...labelled])], references);
  const similarity = new Similarity(!items.embeddings);
  const refFeatures = references.map((r) => features.get(r)!);

  // Density: mean similarity (clipped at 0) to itself and the k most similar references other than itself.
  const k = Math.max(1, Math.min(options.neighbours ?? SUGGEST_NEIGHBOURS, references.length - 1));
  const top = new Float64Array(k);
  const value = new Float64Array(candidates.length);
  candidates.forEach((c, ci) => {
    similarity.load(features.get(c)!);
    top.fill(0);
    for (let r = 0; r < references.length; r++) {
      if (references[r] === c) continue;
      const s = similarity.to(refFeatures[r]!);
      if (s <= top[k - 1]!) continue;
      // Insert into the descending top-k list.
      let p = k - 1;
      while (p > 0 && top[p - 1]! < s) {
        top[p] = top[p - 1]!;
        p--;
      }
      top[p] = s;
    }
    // The item stands for itself too, so a one-off keeps a little value (1 / (k + 1)).
    let sum = 1;
    for (let j = 0; j < k; j++) sum += top[j]!;
    value[ci] = uncertainty(c) * Math.min(1, sum / (k + 1));
  });

  // Greedy batch: each pick discounts the candidates similar to it (squared, so a near-copy at
  // similarity 0.85 keeps only 2 % of its value and the batch moves on to other kinds of item).
  const closest = new Float64Array(candidates.length);
  const taken = new Uint8Array(candidates.length);
  const discountBy = (item: number) => {
    similarity.load(features.get(item)!);
    for (let ci = 0; ci < candidates.length; ci++) {
      if (taken[ci]) continue;
      const s = Math.min(1, Math.max(0, similarity.to(features.get(candidates[ci]!)!)));
      if (s > closest[ci]!) closest[ci] = s;
    }
  };
  for (const item of labelled) discountBy(item);
  const picked: number[] = [];
  for (let step = 0; step < want; step++) {
    let best = -1;
    let bestGain = -Infinity;
    for (let ci = 0; ci < candidates.length; ci++) {
      if (taken[ci]) continue;
      const gain = value[ci]! * (1 - closest[ci]!) ** 2;
      if (best < 0 || gain > bestGain || (gain === bestGain && (value[ci]! > value[best]! || (value[ci] === value[best] && tieRank[candidates[ci]!]! < tieRank[candidates[best]!]!)))) {
        best = ci;
        bestGain = gain;
      }
    }
    taken[best] = 1;
    picked.push(candidates[best]!);
    if (step + 1 === want) break;
    discountBy(candidates[best]!);
  }
  return picked;
}
