/**
 * Text features in pure TypeScript: words, word n-grams and character n-grams inside word
 * boundaries, mapped to a fixed-size sparse vector by feature hashing (or to a fitted
 * vocabulary), then TF-IDF weighted and L2-normalised — the features of scikit-learn's
 * TfidfVectorizer(word, 1–2) + TfidfVectorizer(char_wb, 3–5), written from their definitions.
 */
import { l2Normalize, sparseCounts, sparseFromMap, type SparseVector } from './sparse.ts';

/** Which n-grams a text turns into. */
export interface NgramSpec {
  /** Word n-gram lengths, inclusive [min, max]; e.g. [1, 2] for words and word pairs. */
  word: [number, number];
  /** Character n-gram lengths within each word padded by spaces, e.g. [3, 5]; null for none. */
  char: [number, number] | null;
}

/** The default n-grams: words and word pairs, character 3–5-grams. */
export const DEFAULT_NGRAMS: NgramSpec = { word: [1, 2], char: [3, 5] };

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower-cases, strips accents and splits a text into words of letters and digits. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/**
 * The terms of a text, each prefixed by its kind so kinds never collide: `w:` word n-grams
 * (words joined by a space), `c:` character n-grams of ` word ` (space-padded, like char_wb).
 */
export function textTerms(text: string, spec: NgramSpec = DEFAULT_NGRAMS): string[] {
  return termBlocks(text, spec).flat();
}

/** The terms of a text in two blocks, word n-grams then character n-grams (see textTerms). */
export function termBlocks(text: string, spec: NgramSpec = DEFAULT_NGRAMS): [string[], string[]] {
  const words = tokenize(text);
  const terms: string[] = [];
  const chars: string[] = [];
  const [wMin, wMax] = spec.word;
  for (let n = Math.max(1, wMin); n <= wMax; n++) {
    for (let i = 0; i + n <= words.length; i++) terms.push(`w:${words.slice(i, i + n).join(' ')}`);
  }
  if (spec.char) {
    const [cMin, cMax] = spec.char;
    for (const word of words) {
      const padded = ` ${word} `;
      for (let n = cMin; n <= cMax; n++) {
        // A padded word no longer than n yields itself once, and no longer n-grams (as char_wb).
        if (padded.length <= n) {
          chars.push(`c:${padded}`);
          break;
        }
        for (let i = 0; i + n <= padded.length; i++) chars.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return [terms, chars];
}

/** A seeded 32-bit string hash: FNV-1a over UTF-16 code units, then murmur3's finaliser. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Term counts of a text hashed into 2^bits buckets with a fixed seed. */
export function hashedCounts(text: string, bits: number, seed: number, spec: NgramSpec = DEFAULT_NGRAMS): SparseVector {
  const mask = 2 ** bits - 1;
  return sparseCounts(textTerms(text, spec).map((term) => hashString(term, seed) & mask));
}

/** Hashed term counts of a text per block: [word n-grams, character n-grams]. */
export function hashedBlockCounts(text: string, bits: number, seed: number, spec: NgramSpec = DEFAULT_NGRAMS): SparseVector[] {
  const mask = 2 ** bits - 1;
  return termBlocks(text, spec).map((terms) => sparseCounts(terms.map((term) => hashString(term, seed) & mask)));
}

/** A fitted term → column map (terms seen in at least `minDf` training texts). */
export interface Vocabulary {
  /** Column of each kept term. */
  index: Map<string, number>;
  /** The n-grams it was fitted with. */
  spec: NgramSpec;
}

/** Fits a vocabulary on training texts, keeping terms found in at least `minDf` of them. */
export function fitVocabulary(texts: readonly string[], spec: NgramSpec = DEFAULT_NGRAMS, minDf = 1): Vocabulary {
  const df = new Map<string, number>();
  for (const text of texts) for (const term of new Set(textTerms(text, spec))) df.set(term, (df.get(term) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, n]) => n >= minDf).map(([term]) => term).sort();
  return { index: new Map(kept.map((term, i) => [term, i])), spec };
}

/** Term counts of a text over a fitted vocabulary (unknown terms dropped). */
export function vocabularyCounts(text: string, vocabulary: Vocabulary): SparseVector {
  const columns: number[] = [];
  for (const term of textTerms(text, vocabulary.spec)) {
    const column = vocabulary.index.get(term);
    if (column !== undefined) columns.push(column);
  }
  return sparseCounts(columns);
}

/** Term counts of a text over a fitted vocabulary per block: [word n-grams, character n-grams]. */
export function vocabularyBlockCounts(text: string, vocabulary: Vocabulary): SparseVector[] {
  return termBlocks(text, vocabulary.spec).map((terms) => {
    const columns: number[] = [];
    for (const term of terms) {
      const column = vocabulary.index.get(term);
      if (column !== undefined) columns.push(column);
    }
    return sparseCounts(columns);
  });
}

/** Sums sparse vectors (indices may overlap) into one. */
export function sumSparse(vectors: readonly SparseVector[]): SparseVector {
  if (vectors.length === 1) return vectors[0]!;
  const total = new Map<number, number>();
  for (const v of vectors) for (let k = 0; k < v.indices.length; k++) total.set(v.indices[k]!, (total.get(v.indices[k]!) ?? 0) + v.values[k]!);
  return sparseFromMap(total);
}

/**
 * TF-IDF of each block, each L2-normalised on its own, then summed — like stacking a word and a
 * character TfidfVectorizer side by side, so neither kind drowns the other.
 */
export function tfidfBlocks(blocks: readonly SparseVector[], idf: Float32Array, sublinear = true): SparseVector {
  return sumSparse(blocks.filter((b) => b.indices.length > 0).map((b) => tfidf(b, idf, sublinear)));
}

/**
 * Smoothed inverse document frequency per column: ln((1 + n) / (1 + df)) + 1. With `unseenZero`,
 * columns no text has get 0, so a later text's unseen n-grams weigh nothing, not even in its length
 * normalisation (as with a vocabulary fitted on these texts).
 */
export function fitIdf(counts: readonly SparseVector[], dimension: number, unseenZero = false): Float32Array {
  const df = new Float64Array(dimension);
  for (const vector of counts) for (const i of vector.indices) df[i]!++;
  const n = counts.length;
  const idf = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) idf[i] = unseenZero && df[i] === 0 ? 0 : Math.log((1 + n) / (1 + df[i]!)) + 1;
  return idf;
}

/** TF-IDF weights (tf = count, or 1 + ln(count) when sublinear), L2-normalised. */
export function tfidf(counts: SparseVector, idf: Float32Array, sublinear = true): SparseVector {
  const values = new Float32Array(counts.values.length);
  for (let k = 0; k < values.length; k++) {
    const tf = sublinear ? 1 + Math.log(counts.values[k]!) : counts.values[k]!;
    values[k] = tf * idf[counts.indices[k]!]!;
  }
  return l2Normalize({ indices: counts.indices, values });
}
