// Throughput of the shipped classifier in Node (onnxruntime-node, int8 model): items/s for
// `Classifier.classifyTexts` on product names from the styles catalogue, against a baseline measured
// in the same run (one item per model call, no bucketing). Prints figures and one JSON line.
// usage: npm run bench:classify-node [-- --items 10000 --threads 1]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildInputText } from '../src/model/inputText.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';
import { productNames } from './productNames.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const items = option('items', 10_000);
const threads = option('threads', 1);
const baselineItems = option('baseline-items', 500);
const { names, source } = productNames('test/fixtures/classifier/catalogue-heldout-sample.csv', 'test fixture');
const sample: string[] = [];
for (let i = 0; sample.length < items; i++) sample.push(names[(i * 7919) % names.length]!);
const texts = sample.map((name) => buildInputText(name));

const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads });
await classifier.classifyTexts(texts.slice(0, 64)); // warm-up

const t0 = performance.now();
await classifier.classifyTexts(texts, { maxBatch: 64 });
const batchedSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
await classifier.classifyTexts(texts.slice(0, baselineItems), { maxBatch: 1 });
const baselineSeconds = (performance.now() - t1) / 1000;

const result = {
  bench: 'classify-node',
  source,
  items,
  distinct: new Set(texts).size,
  threads,
  batched_items_per_s: items / batchedSeconds,
  baseline_one_per_call_items_per_s: baselineItems / baselineSeconds,
  speedup: items / batchedSeconds / (baselineItems / baselineSeconds),
  model_bytes: readFileSync(join(DEFAULT_MODEL_DIR, classifier.config.onnx.model_file)).length,
};
console.log(`classify (bucketed batches of ≤64, identical texts once): ${items} items in ${batchedSeconds.toFixed(1)} s = ${result.batched_items_per_s.toFixed(0)} items/s`);
console.log(`baseline (one item per call): ${baselineItems} items in ${baselineSeconds.toFixed(1)} s = ${result.baseline_one_per_call_items_per_s.toFixed(0)} items/s`);
console.log(`speed-up ×${result.speedup.toFixed(1)} (${threads} ORT thread(s))`);
console.log(JSON.stringify(result));
