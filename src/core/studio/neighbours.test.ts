import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { bruteForceNeighbours, NeighbourIndex, quantiseRows, recallAt, TopK } from './neighbours.ts';

/** `n` clustered rows of length `dim` (20 centres, items scattered around them). */
function clustered(n: number, dim: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: 20 }, () => Float32Array.from({ length: dim }, gauss));
  const data = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const c = centres[Math.floor(random() * centres.length)]!;
    for (let j = 0; j < dim; j++) data[r * dim + j] = c[j]! + 0.5 * gauss();
  }
  return data;
}

describe('TopK', () => {
  it('keeps the k best, best first, the first offered on ties', () => {
    const top = new TopK(3);
    [5, 1, 9, 5, 7, 2].forEach((score, id) => top.push(id, score));
    expect(Array.from(top.result().ids)).toEqual([2, 4, 0]);
    expect(Array.from(top.result().scores)).toEqual([9, 7, 5]);
  });
});

describe('NeighbourIndex', () => {
  const dim = 16;
  const data = clustered(3000, dim, 3);
  const rows = quantiseRows(data, dim);

  it('flat path: exactly the brute-force scan of the int8 rows it keeps', () => {
    const index = new NeighbourIndex(rows);
    expect(index.kind).toBe('flat');
    // Brute force over the decoded int8 rows finds the same ids and scores.
    const decoded = new Float32Array(data.length);
    for (let r = 0; r < 3000; r++) decoded.set(index.vectorOf(r), r * dim);
    for (const q of [0, 17, 1234, 2999]) {
      // The query as stored (its int8 codes), so both sides score the very same numbers.
      const found = index.search(index.vectorOf(q), 10, new Set([q]));
      // Plain dot products of the stored rows (they are unit length as stored).
      const query = index.vectorOf(q);
      const top = new TopK(10);
      for (let r = 0; r < 3000; r++) {
        if (r === q) continue;
        let dot = 0;
        for (let j = 0; j < dim; j++) dot += decoded[r * dim + j]! * query[j]!;
        top.push(r, dot);
      }
      const truth = top.result();
      expect(Array.from(found.ids)).toEqual(Array.from(truth.ids));
      for (let i = 0; i < 10; i++) expect(found.scores[i]).toBeCloseTo(truth.scores[i]!, 2);
      expect(found.ids).not.toContain(q);
    }
  });

  it('flat path: recall@10 ≥ 0.9 against float32 brute force; IVF path: ≥ 0.85', () => {
    const flat = new NeighbourIndex(rows);
    const ivf = new NeighbourIndex(rows, { flatLimit: 0, groups: 8, listsPerGroup: 8, groupProbes: 3, probes: 8 });
    expect(ivf.kind).toBe('ivf');
    expect(ivf.lists).toBeGreaterThan(8);
    let flatRecall = 0;
    let ivfRecall = 0;
    const queries = Array.from({ length: 40 }, (_, i) => i * 71);
    for (const q of queries) {
      const query = data.subarray(q * dim, (q + 1) * dim);
      const truth = bruteForceNeighbours(data, dim, query, 10, q).ids;
      flatRecall += recallAt(flat.search(query, 10, new Set([q])).ids, truth) / queries.length;
      ivfRecall += recallAt(ivf.search(query, 10, new Set([q])).ids, truth) / queries.length;
    }
    expect(flatRecall).toBeGreaterThanOrEqual(0.9);
    expect(ivfRecall).toBeGreaterThanOrEqual(0.85);
  });

  it('IVF keeps row ids: a row is its own nearest neighbour', () => {
    const ivf = new NeighbourIndex(rows, { flatLimit: 0, groups: 8, listsPerGroup: 8 });
    for (const q of [5, 500, 2500]) expect(ivf.search(data.subarray(q * dim, (q + 1) * dim), 1).ids[0]).toBe(q);
  });

  it('says what is wrong with a query of the wrong length or bad rows', () => {
    expect(() => new NeighbourIndex(rows).search([1, 2], 3)).toThrow(/2 numbers does not fit embeddings of 16/);
    expect(() => quantiseRows(new Float32Array(10), 3)).toThrow(/10 numbers cannot be rows of 3/);
  });
});
