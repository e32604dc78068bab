/**
 * `npm run bench:classify-graphs`: the shipped model's two int8 graphs — the CPU graph
 * (`onnx/model_quantized.onnx`, int8 × int8 products with per-row activation scales) and the
 * weight-only WebGPU graph (`onnx/model_quantized_webgpu.onnx`, float products) — timed on the
 * same tokenised product names in onnxruntime-node (native) and in onnxruntime-web's WASM build
 * (the browser's CPU kernels, here run by Node), one thread each, in interleaved rounds so a busy
 * machine slows every variant alike. Prints items/s (best round) per runtime × graph, the speed-up
 * of the CPU graph, and WASM / native per thread. One JSON line at the end. Figures only.
 *
 * Options: ROUNDS=5, BATCHES=6 (batches of 64 names per round); COMPARE=<file.onnx> also times another
 * model's graph (e.g. an earlier release's CPU graph from git) as "other", for before/after figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { padBatch, planBatches } from '../src/model/batching.ts';
import { buildInputText } from '../src/model/inputText.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';
import { productNames } from './productNames.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BATCHES = Number(process.env.BATCHES ?? 6);

const { names } = productNames('public/demo/catalogue-sample.csv');

// Tokenise once with the app's tokenizer; cut length-bucketed batches of 64 as the app does.
const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1 });
const { config } = classifier;
const sequences = Array.from({ length: 64 * BATCHES }, (_, i) => classifier.encodeForClassifier(buildInputText(names[(i * 7919) % names.length]!)));
const batches = planBatches(sequences.map((s) => s.length), 64, 4096).map((b) => {
  const rows = b.members.map((m) => sequences[m]!);
  return { ...padBatch(rows, b.width, config.pad_token_id), dims: [rows.length, b.width] };
});
const items = sequences.length;
const meanTokens = sequences.reduce((sum, s) => sum + s.length, 0) / items;

const graphs: Record<string, string> = { cpu: config.onnx.model_file, webgpu: config.onnx.model_file_webgpu ?? config.onnx.model_file };
if (process.env.COMPARE) graphs.other = process.env.COMPARE;
ortWeb.env.wasm.numThreads = 1;
type Runner = () => Promise<void>;
const runners: Record<string, Runner> = {};
for (const [graph, file] of Object.entries(graphs)) {
  const path = graph === 'other' ? file : join(DEFAULT_MODEL_DIR, file);
  const options = { graphOptimizationLevel: 'all' as const, extra: { session: { qdq_matmulnbits_accuracy_level: '0' } } };
  const native = await ortNode.InferenceSession.create(path, { ...options, intraOpNumThreads: 1 });
  const wasm = await ortWeb.InferenceSession.create(readFileSync(path), { ...options, executionProviders: ['wasm'] });
  runners[`native ${graph}`] = async () => {
    for (const b of batches) await native.run({ input_ids: new ortNode.Tensor('int64', b.inputIds, b.dims), attention_mask: new ortNode.Tensor('int64', b.attentionMask, b.dims) });
  };
  runners[`wasm ${graph}`] = async () => {
    for (const b of batches) await wasm.run({ input_ids: new ortWeb.Tensor('int64', b.inputIds, b.dims), attention_mask: new ortWeb.Tensor('int64', b.attentionMask, b.dims) });
  };
}

const load0 = loadavg()[0]!;
const best: Record<string, number> = {};
for (const run of Object.values(runners)) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(runners)) {
    const t0 = performance.now();
    await run();
    best[name] = Math.min(best[name] ?? Infinity, performance.now() - t0);
  }
}
const load1 = loadavg()[0]!;
const perSecond = (name: string) => Math.round((items / best[name]!) * 1000);

console.log(`${items} product names (mean ${meanTokens.toFixed(1)} tokens), ${batches.length} batches, best of ${ROUNDS} interleaved rounds, 1 thread; load ${load0.toFixed(1)} → ${load1.toFixed(1)}`);
for (const name of Object.keys(runners)) console.log(`  ${name.padEnd(16)} ${String(perSecond(name)).padStart(6)} items/s`);
const result = {
  bench: 'classify-graphs',
  items,
  meanTokens: Number(meanTokens.toFixed(1)),
  rounds: ROUNDS,
  loadAverage: [Number(load0.toFixed(1)), Number(load1.toFixed(1))],
  itemsPerSecond: Object.fromEntries(Object.keys(runners).map((n) => [n, perSecond(n)])),
  cpuGraphSpeedup: { native: Number((perSecond('native cpu') / perSecond('native webgpu')).toFixed(2)), wasm: Number((perSecond('wasm cpu') / perSecond('wasm webgpu')).toFixed(2)) },
  wasmOverNative: { cpu: Number((perSecond('wasm cpu') / perSecond('native cpu')).toFixed(2)), webgpu: Number((perSecond('wasm webgpu') / perSecond('native webgpu')).toFixed(2)) },
  ...(graphs.other ? { compared: graphs.other, cpuGraphOverOther: { native: Number((perSecond('native cpu') / perSecond('native other')).toFixed(2)), wasm: Number((perSecond('wasm cpu') / perSecond('wasm other')).toFixed(2)) } } : {}),
};
console.log(`  CPU graph speed-up: native ×${result.cpuGraphSpeedup.native}, WASM ×${result.cpuGraphSpeedup.wasm}; WASM / native per thread: CPU graph ${result.wasmOverNative.cpu}, weight-only graph ${result.wasmOverNative.webgpu}`);
if (result.cpuGraphOverOther) console.log(`  shipped CPU graph / ${graphs.other}: native ×${result.cpuGraphOverOther.native}, WASM ×${result.cpuGraphOverOther.wasm}`);
console.log(JSON.stringify(result));
process.exit(0);
