/**
 * Nearest neighbours of item embeddings by cosine similarity (issue 14, part 3). Embeddings are
 * kept compactly: each row is scaled to unit length, then stored as int8 with one float scale per
 * row (160 bytes + 4 for a 160-d row instead of 640). Two ways to search:
 * - a flat scan of every int8 row (exact for the stored rows: used up to FLAT_LIMIT rows);
 * - an inverted file (IVF) over a two-level coarse quantiser: rows are grouped under 32 spherical
 *   k-means centroids, each group under up to 32 more, so a query scores ~1,000 centroids and scans
 *   the rows of the `probes` closest lists only (rows are stored list by list, so each list is one
 *   contiguous run of memory).
 * Pure: no DOM; runs in the inference worker and in Node (bench/neighbours.ts, tests).
 */
import { seededRandom } from '../random.ts';

/** Rows up to which `NeighbourIndex` scans every row instead of building the IVF. */
export const FLAT_LIMIT = 60_000;

/** Int8 rows with a scale each: row r ≈ codes[r·dim … (r+1)·dim) × scales[r], of unit length. */
export interface QuantisedRows {
  /** Vector length. */
  dim: number;
  /** rows × dim int8 codes. */
  codes: Int8Array;
  /** One scale per row (0 for a zero vector). */
  scales: Float32Array;
}

/** Scales `vector` to unit length and writes its int8 codes into `codes` at `offset`; returns the row's scale. */
export function quantiseInto(vector: ArrayLike<number>, codes: Int8Array, offset: number): number {
  const dim = vector.length;
  let norm = 0;
  let max = 0;
  for (let j = 0; j < dim; j++) {
    const v = vector[j]!;
    norm += v * v;
    if (Math.abs(v) > max) max = Math.abs(v);
  }
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm)) {
    codes.fill(0, offset, offset + dim);
    return 0;
  }
  const step = max / norm / 127;
  for (let j = 0; j < dim; j++) codes[offset + j] = Math.round(vector[j]! / norm / step);
  return step;
}

/** Quantises `rows` row-major float vectors of length `dim`. */
export function quantiseRows(data: Float32Array, dim: number): QuantisedRows {
  if (dim <= 0 || data.length % dim !== 0) throw new Error(`Embeddings of ${data.length} numbers cannot be rows of ${dim}.`);
  const rows = data.length / dim;
  const codes = new Int8Array(data.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) scales[r] = quantiseInto(data.subarray(r * dim, (r + 1) * dim), codes, r * dim);
  return { dim, codes, scales };
}

/** The k best (highest score) of what is offered, kept sorted best first. */
export class TopK {
  /** Ids, best first (only the first `size` are filled). */
  readonly ids: Int32Array;
  /** Scores, best first. */
  readonly scores: Float32Array;
  /** How many are filled. */
  size = 0;
  constructor(readonly k: number) {
    this.ids = new Int32Array(k);
    this.scores = new Float32Array(k).fill(Number.NEGATIVE_INFINITY);
  }

  /** The score a new entry must beat. */
  get threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[this.k - 1]!;
  }

  /** Offers one entry (ties keep the one offered first). */
  push(id: number, score: number): void {
    if (this.k === 0 || (this.size === this.k && !(score > this.scores[this.k - 1]!))) return;
    let i = this.size < this.k ? this.size++ : this.k - 1;
    while (i > 0 && score > this.scores[i - 1]!) {
      this.scores[i] = this.scores[i - 1]!;
      this.ids[i] = this.ids[i - 1]!;
      i--;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }

  /** The entries, best first. */
  result(): Neighbours {
    return { ids: this.ids.slice(0, this.size), scores: this.scores.slice(0, this.size) };
  }
}

/** Neighbours found: row ids and cosine similarities, most similar first. */
export interface Neighbours {
  /** Row ids (positions in the rows the index was built from). */
  ids: Int32Array;
  /** Cosine similarity of each (from the int8 rows: within about 0.01 of the float one). */
  scores: Float32Array;
}

/** Brute force in float32: the k rows of `data` with the highest cosine similarity to `query` (the reference the index is checked against). */
export function bruteForceNeighbours(data: Float32Array, dim: number, query: ArrayLike<number>, k: number, exclude = -1): Neighbours {
  const rows = data.length / dim;
  let qn = 0;
  for (let j = 0; j < dim; j++) qn += query[j]! * query[j]!;
  qn = Math.sqrt(qn) || 1;
  const top = new TopK(k);
  for (let r = 0, o = 0; r < rows; r++, o += dim) {
    if (r === exclude) continue;
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = data[o + j]!;
      dot += v * query[j]!;
      norm += v * v;
    }
    top.push(r, norm > 0 ? dot / (Math.sqrt(norm) * qn) : 0);
  }
  return top.result();
}

/** Dot product of int8 row `row` (offset o) with the int8 query. */
function dot8(codes: Int8Array, o: number, q: Int8Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += codes[o + j]! * q[j]!;
    s1 += codes[o + j + 1]! * q[j + 1]!;
    s2 += codes[o + j + 2]! * q[j + 2]!;
    s3 += codes[o + j + 3]! * q[j + 3]!;
  }
  for (; j < dim; j++) s0 += codes[o + j]! * q[j]!;
  return s0 + s1 + s2 + s3;
}

/** Spherical k-means on `count` unit rows of `rows` (row-major, length dim): `k` unit centroids. */
export function sphericalKMeans(rows: Float32Array, dim: number, k: number, iterations: number, seed: number): Float32Array {
  const count = rows.length / dim;
  const random = seededRandom(seed);
  const centroids = new Float32Array(k * dim);
  // Start from k distinct random rows.
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let r = Math.floor(random() * count);
    for (let tries = 0; picked.has(r) && tries < 8; tries++) r = Math.floor(random() * count);
    picked.add(r);
    centroids.set(rows.subarray(r * dim, (r + 1) * dim), c * dim);
  }
  const sums = new Float64Array(k * dim);
  const assigned = new Int32Array(count);
  for (let it = 0; it < iterations; it++) {
    sums.fill(0);
    for (let r = 0; r < count; r++) {
      const c = nearestCentroid(centroids, k, dim, rows, r * dim);
      assigned[r] = c;
      for (let j = 0; j < dim; j++) sums[c * dim + j]! += rows[r * dim + j]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += sums[c * dim + j]! ** 2;
      norm = Math.sqrt(norm);
      // An empty centroid restarts at a random row.
      if (norm === 0) {
        const r = Math.floor(random() * count);
        centroids.set(rows.subarray(r * dim, (r + 1) * dim), c * dim);
        continue;
      }
      for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j]! / norm;
    }
  }
  return centroids;
}

/** The centroid with the highest dot product with rows[o … o+dim). */
function nearestCentroid(centroids: Float32Array, k: number, dim: number, rows: Float32Array, o: number): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    let s = 0;
    const co = c * dim;
    for (let j = 0; j < dim; j++) s += centroids[co + j]! * rows[o + j]!;
    if (s > bestScore) (bestScore = s), (best = c);
  }
  return best;
}

/** The int8 centroid (of `k`, quantised with `quantiseRows`) with the highest cosine to int8 row o of `codes`. */
function nearestCentroid8(centroids: QuantisedRows, k: number, codes: Int8Array, o: number): number {
  const dim = centroids.dim;
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const cc = centroids.codes;
  for (let c = 0; c < k; c++) {
    let s0 = 0;
    let s1 = 0;
    const co = c * dim;
    let j = 0;
    for (; j + 1 < dim; j += 2) {
      s0 += cc[co + j]! * codes[o + j]!;
      s1 += cc[co + j + 1]! * codes[o + j + 1]!;
    }
    if (j < dim) s0 += cc[co + j]! * codes[o + j]!;
    const s = (s0 + s1) * centroids.scales[c]!;
    if (s > bestScore) (bestScore = s), (best = c);
  }
  return best;
}

/** Options of the IVF. */
export interface IvfOptions {
  /** Top-level centroids (default 32). */
  groups?: number;
  /** Most lists per group (default 32). */
  listsPerGroup?: number;
  /** Groups whose lists are considered per query (default 8). */
  groupProbes?: number;
  /** Lists scanned per query (default 32). */
  probes?: number;
  /** k-means rounds (default 6). */
  iterations?: number;
  /** Seed of the k-means starts (default 1). */
  seed?: number;
  /** Rows sampled to train the top level (default 16,000). */
  sample?: number;
}

/**
 * An index over quantised rows: a flat scan up to `flatLimit` rows, an IVF above. Rows are
 * copied into the index (list by list for the IVF); ids in results are the given rows' positions.
 */
export class NeighbourIndex {
  /** 'flat' (every row scanned) or 'ivf'. */
  readonly kind: 'flat' | 'ivf';
  /** Rows indexed. */
  readonly size: number;
  /** Vector length. */
  readonly dim: number;
  private readonly codes: Int8Array;
  private readonly scales: Float32Array;
  // IVF only: row id of each stored position, list starts (lists + 1), centroids.
  private readonly ids?: Int32Array;
  private readonly listStart?: Int32Array;
  private readonly groupCentroids?: Float32Array;
  private readonly listCentroids?: Float32Array;
  private readonly groupLists?: Int32Array;
  private readonly options: Required<IvfOptions>;
  // Where each row id sits in storage (IVF), for queries by row.
  private readonly positionOf?: Int32Array;

  constructor(rows: QuantisedRows, options: IvfOptions & { flatLimit?: number } = {}) {
    this.dim = rows.dim;
    this.size = rows.scales.length;
    this.options = { groups: 32, listsPerGroup: 32, groupProbes: 8, probes: 32, iterations: 6, seed: 1, sample: 16_000, ...options };
    if (this.size <= (options.flatLimit ?? FLAT_LIMIT)) {
      this.kind = 'flat';
      this.codes = rows.codes;
      this.scales = rows.scales;
      return;
    }
    this.kind = 'ivf';
    const { dim, size } = this;
    const o = this.options;
    const random = seededRandom(o.seed + 7);
    const decode = (r: number, out: Float32Array, at: number) => {
      const s = rows.scales[r]!;
      for (let j = 0; j < dim; j++) out[at + j] = rows.codes[r * dim + j]! * s;
    };
    // Top level: k-means on a sample, then every row to its group.
    const sampleSize = Math.min(size, o.sample);
    const sample = new Float32Array(sampleSize * dim);
    for (let i = 0; i < sampleSize; i++) decode(Math.floor(random() * size), sample, i * dim);
    const groups = Math.min(o.groups, sampleSize);
    this.groupCentroids = sphericalKMeans(sample, dim, groups, o.iterations, o.seed);
    // Rows are assigned in int8 (no decoding): the centroids are quantised too.
    const groups8 = quantiseRows(this.groupCentroids, dim);
    const groupOf = new Int32Array(size);
    const groupSize = new Int32Array(groups);
    for (let r = 0; r < size; r++) {
      const g = nearestCentroid8(groups8, groups, rows.codes, r * dim);
      groupOf[r] = g;
      groupSize[g]!++;
    }
    const members: Int32Array[] = Array.from(groupSize, (n) => new Int32Array(n));
    const filled = new Int32Array(groups);
    for (let r = 0; r < size; r++) members[groupOf[r]!]![filled[groupOf[r]!]!++] = r;
    // Second level: per group, k-means on (a sample of) its rows, then its rows to its lists.
    const listCentroids: Float32Array[] = [];
    const groupLists = new Int32Array(groups + 1);
    const listOf = new Int32Array(size);
    let lists = 0;
    for (let g = 0; g < groups; g++) {
      groupLists[g] = lists;
      const m = members[g]!;
      const k = Math.max(1, Math.min(o.listsPerGroup, Math.ceil(m.length / 64)));
      const take = Math.min(m.length, k * 40);
      const sub = new Float32Array(Math.max(1, take) * dim);
      for (let i = 0; i < take; i++) decode(m[Math.floor(random() * m.length)]!, sub, i * dim);
      const centroids = take > 0 ? sphericalKMeans(sub, dim, Math.min(k, take), o.iterations, o.seed + g + 1) : this.groupCentroids.slice(g * dim, (g + 1) * dim);
      const kk = centroids.length / dim;
      const centroids8 = quantiseRows(centroids, dim);
      for (const r of m) listOf[r] = lists + nearestCentroid8(centroids8, kk, rows.codes, r * dim);
      listCentroids.push(centroids);
      lists += kk;
    }
    groupLists[groups] = lists;
    this.groupLists = groupLists;
    this.listCentroids = new Float32Array(lists * dim);
    let at = 0;
    for (const c of listCentroids) this.listCentroids.set(c, at), (at += c.length);
    // Store rows list by list.
    const listStart = new Int32Array(lists + 1);
    for (let r = 0; r < size; r++) listStart[listOf[r]! + 1]!++;
    for (let l = 0; l < lists; l++) listStart[l + 1]! += listStart[l]!;
    const next = listStart.slice(0, lists);
    this.ids = new Int32Array(size);
    this.positionOf = new Int32Array(size);
    this.codes = new Int8Array(size * dim);
    this.scales = new Float32Array(size);
    for (let r = 0; r < size; r++) {
      const p = next[listOf[r]!]!++;
      this.ids[p] = r;
      this.positionOf[r] = p;
      this.codes.set(rows.codes.subarray(r * dim, (r + 1) * dim), p * dim);
      this.scales[p] = rows.scales[r]!;
    }
    this.listStart = listStart;
  }

  /** Lists in the IVF (0 for a flat index). */
  get lists(): number {
    return this.listStart ? this.listStart.length - 1 : 0;
  }

  /** Bytes the index keeps (codes, scales, ids, centroids). */
  get bytes(): number {
    return this.codes.byteLength + this.scales.byteLength + (this.ids?.byteLength ?? 0) * 2 + (this.listStart?.byteLength ?? 0) + (this.listCentroids?.byteLength ?? 0) + (this.groupCentroids?.byteLength ?? 0);
  }

  /** The stored (unit, int8-rounded) vector of row id `row`. */
  vectorOf(row: number): Float32Array {
    if (row < 0 || row >= this.size) throw new Error(`There is no row ${row} (the index has ${this.size}).`);
    const p = this.positionOf ? this.positionOf[row]! : row;
    const out = new Float32Array(this.dim);
    const s = this.scales[p]!;
    for (let j = 0; j < this.dim; j++) out[j] = this.codes[p * this.dim + j]! * s;
    return out;
  }

  /** The k rows most similar to `query` (any float vector of length dim), leaving out the rows in `exclude`. */
  search(query: ArrayLike<number>, k: number, exclude: ReadonlySet<number> = new Set()): Neighbours {
    if (query.length !== this.dim) throw new Error(`A query of ${query.length} numbers does not fit embeddings of ${this.dim}.`);
    const q = new Int8Array(this.dim);
    const qScale = quantiseInto(query, q, 0);
    const top = new TopK(k + exclude.size);
    const { dim, codes, scales } = this;
    if (qScale === 0) return { ids: new Int32Array(0), scores: new Float32Array(0) };
    if (this.kind === 'flat') {
      for (let r = 0, o = 0; r < this.size; r++, o += dim) {
        const s = dot8(codes, o, q, dim) * scales[r]!;
        if (s > top.threshold) top.push(r, s);
      }
    } else {
      for (const list of this.probeLists(query)) {
        for (let p = this.listStart![list]!, end = this.listStart![list + 1]!; p < end; p++) {
          const s = dot8(codes, p * dim, q, dim) * scales[p]!;
          if (s > top.threshold) top.push(this.ids![p]!, s);
        }
      }
    }
    const found = top.result();
    const keep: number[] = [];
    for (let i = 0; i < found.ids.length && keep.length < k; i++) if (!exclude.has(found.ids[i]!)) keep.push(i);
    return { ids: Int32Array.from(keep, (i) => found.ids[i]!), scores: Float32Array.from(keep, (i) => found.scores[i]! * qScale) };
  }

  /** The lists an IVF query scans: the best `probes` lists of its best `groupProbes` groups. */
  private probeLists(query: ArrayLike<number>): number[] {
    const { dim } = this;
    const groups = this.groupLists!.length - 1;
    const score = (centroids: Float32Array, c: number) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += centroids[c * dim + j]! * query[j]!;
      return s;
    };
    const bestGroups = new TopK(Math.min(groups, this.options.groupProbes));
    for (let g = 0; g < groups; g++) bestGroups.push(g, score(this.groupCentroids!, g));
    const bestLists = new TopK(this.options.probes);
    for (const g of bestGroups.result().ids) for (let l = this.groupLists![g]!; l < this.groupLists![g + 1]!; l++) bestLists.push(l, score(this.listCentroids!, l));
    return Array.from(bestLists.result().ids);
  }
}

/** recall@k of `found` against `truth`: the share of the true neighbours found. */
export function recallAt(found: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (truth.length === 0) return 1;
  const want = new Set(Array.from(truth));
  let hit = 0;
  for (let i = 0; i < found.length; i++) if (want.has(found[i]!)) hit++;
  return hit / truth.length;
}
