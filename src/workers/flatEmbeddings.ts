/**
 * Per-item embeddings as one flat buffer and back: how they cross between the page and the
 * inference and fine-tuning workers (one transferable buffer instead of one array per item).
 */
import type { FlatEmbeddings } from './finetuneProtocol.ts';

/** Splits a flat embeddings buffer into one vector per item, checking its size. */
export function unflattenEmbeddings(flat: FlatEmbeddings, count: number): Float32Array[] {
  if (flat.dim <= 0 || flat.data.length !== flat.dim * count) throw new Error(`Expected ${count} embeddings of length ${flat.dim} (${flat.dim * count} numbers), got ${flat.data.length} numbers.`);
  return Array.from({ length: count }, (_, i) => flat.data.subarray(i * flat.dim, (i + 1) * flat.dim));
}

/** Joins per-item embeddings into one flat buffer (to transfer to a worker). */
export function flattenEmbeddings(vectors: readonly Float32Array[]): FlatEmbeddings {
  const dim = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new Error(`Embeddings differ in length (${v.length} vs ${dim}).`);
    data.set(v, i * dim);
  });
  return { dim, data };
}
