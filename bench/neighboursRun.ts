// The nearest-neighbour benchmark itself (issue 14, part 3), shared by bench/neighbours.ts (Node)
// and bench/neighboursBrowser.ts (the same code bundled into a Chromium page). See bench/neighbours.ts.
import { bruteForceNeighbours, NeighbourIndex, quantiseRows, recallAt } from '../src/core/studio/neighbours.ts';
import { seededRandom } from '../src/core/random.ts';

/** What to run. */
export interface NeighboursBenchOptions {
  /** Items (default 1,000,000). */
  items: number;
  /** Queries (default 50). */
  queries: number;
  /** IVF lists scanned per query (default 32). */
  probes: number;
}

/** Runs the benchmark, writing its lines (a Markdown table) with `log`. */
export function runNeighboursBench({ items: N, queries: Q, probes }: NeighboursBenchOptions, log: (line: string) => void): void {
  const DIM = 160;
  const K = 10;
  const random = seededRandom(14);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  // Families and styles: style centre = family centre + spread; item = style centre + noise.
  const families = 50;
  const stylesPer = 40;
  const centres = new Float32Array(families * stylesPer * DIM);
  for (let f = 0; f < families; f++) {
    const family = Float32Array.from({ length: DIM }, gauss);
    for (let s = 0; s < stylesPer; s++) for (let j = 0; j < DIM; j++) centres[(f * stylesPer + s) * DIM + j] = family[j]! + 0.7 * gauss();
  }
  let t = performance.now();
  const data = new Float32Array(N * DIM);
  for (let r = 0; r < N; r++) {
    const c = Math.floor(random() * families * stylesPer);
    for (let j = 0; j < DIM; j++) data[r * DIM + j] = centres[c * DIM + j]! + 0.6 * gauss();
  }
  log(`generated ${N.toLocaleString('en')} × ${DIM} embeddings in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const rows = quantiseRows(data, DIM);
  const quantiseMs = performance.now() - t;
  const flat = new NeighbourIndex(rows, { flatLimit: Number.POSITIVE_INFINITY });
  t = performance.now();
  const ivf = new NeighbourIndex(rows, { flatLimit: 0, probes });
  const buildMs = performance.now() - t;
  log(`quantised in ${(quantiseMs / 1000).toFixed(1)} s; IVF (${ivf.lists} lists) built in ${(buildMs / 1000).toFixed(1)} s`);

  const queries = Array.from({ length: Q }, () => Math.floor(random() * N));
  const timeEach = (run: (row: number) => Int32Array) => {
    const ms: number[] = [];
    const found: Int32Array[] = [];
    for (const row of queries) {
      const start = performance.now();
      found.push(run(row));
      ms.push(performance.now() - start);
    }
    const sorted = [...ms].sort((a, b) => a - b);
    return { found, median: sorted[Math.floor(Q / 2)]!, p95: sorted[Math.min(Q - 1, Math.floor(Q * 0.95))]! };
  };
  const queryOf = (row: number) => data.subarray(row * DIM, (row + 1) * DIM);
  const truth = timeEach((row) => bruteForceNeighbours(data, DIM, queryOf(row), K, row).ids);
  const int8 = timeEach((row) => flat.search(queryOf(row), K, new Set([row])).ids);
  const approx = timeEach((row) => ivf.search(queryOf(row), K, new Set([row])).ids);
  const recall = (found: Int32Array[]) => found.reduce((sum, f, i) => sum + recallAt(f, truth.found[i]!), 0) / Q;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  log(`\n| method | ms/query (median) | ms/query (p95) | recall@${K} vs float32 | memory |`);
  log('| --- | --- | --- | --- | --- |');
  log(`| float32 flat scan (baseline) | ${truth.median.toFixed(1)} | ${truth.p95.toFixed(1)} | 1 | ${mb(data.byteLength)} |`);
  log(`| int8 flat scan | ${int8.median.toFixed(1)} | ${int8.p95.toFixed(1)} | ${recall(int8.found).toFixed(3)} | ${mb(flat.bytes)} |`);
  log(`| IVF, ${ivf.lists} lists, ${probes} probed | ${approx.median.toFixed(1)} | ${approx.p95.toFixed(1)} | ${recall(approx.found).toFixed(3)} | ${mb(ivf.bytes)} |`);
  log(`\n${N.toLocaleString('en')} items, ${Q} queries`);
}
