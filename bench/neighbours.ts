// Nearest-neighbour benchmark (issue 14, part 3): N synthetic 160-d item embeddings (clustered:
// 50 families × 40 styles each, items scattered around their style — not uniform noise), then
// per query the 10 most similar items by cosine similarity:
//   - baseline: brute-force float32 flat scan (the truth);
//   - int8 flat scan (the index's exact path, NeighbourIndex with the IVF turned off);
//   - the IVF index (two-level coarse quantiser over int8 rows, what the app builds above 60,000 items).
// Prints ms/query (median and 95th percentile), recall@10 against the float32 scan, build time and
// memory, with the load average before and after. The goal: ≤ 100 ms per query at 1M items.
// Usage: npx tsx bench/neighbours.ts [--items 1000000] [--queries 50] [--probes 32]
import { loadavg } from 'node:os';
import { runNeighboursBench } from './neighboursRun.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const load0 = loadavg().map((l) => l.toFixed(2)).join(' ');
runNeighboursBench({ items: option('items', 1_000_000), queries: option('queries', 50), probes: option('probes', 32) }, (line) => console.log(line));
console.log(`node ${process.version}; load average ${load0} before, ${loadavg().map((l) => l.toFixed(2)).join(' ')} after`);
