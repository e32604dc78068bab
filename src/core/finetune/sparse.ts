/** A sparse vector type and the few operations the linear models need. */

/** A sparse vector: strictly increasing indices with their (non-zero) values. */
export interface SparseVector {
  /** Feature indices, ascending, no repeats. */
  indices: Int32Array;
  /** Values, one per index. */
  values: Float32Array;
}

/** Builds a sparse vector from index→value pairs (summing repeats, dropping zeros). */
export function sparseFromMap(entries: Map<number, number>): SparseVector {
  const keys = [...entries.keys()].filter((k) => entries.get(k) !== 0).sort((a, b) => a - b);
  const indices = new Int32Array(keys.length);
  const values = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    indices[i] = k;
    values[i] = entries.get(k)!;
  });
  return { indices, values };
}

/** Counts each index of a list of (possibly repeated) feature indices. */
export function sparseCounts(featureIndices: Iterable<number>): SparseVector {
  const counts = new Map<number, number>();
  for (const i of featureIndices) counts.set(i, (counts.get(i) ?? 0) + 1);
  return sparseFromMap(counts);
}

/** Scales a sparse vector to unit Euclidean length (returns it unchanged when it is all zero). */
export function l2Normalize(vector: SparseVector): SparseVector {
  let sum = 0;
  for (const v of vector.values) sum += v * v;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  return { indices: vector.indices, values: vector.values.map((v) => v * scale) };
}

/** The dot product of a sparse vector with a dense one. */
export function sparseDot(vector: SparseVector, dense: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += vector.values[k]! * dense[vector.indices[k]!]!;
  return sum;
}
