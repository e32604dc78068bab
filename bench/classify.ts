/**
 * `npm run bench:classify`: the same shipped model labels the same catalogue items in headless
 * Chromium (onnxruntime-web, WASM, multi-threaded, inside the app's inference worker) and in Node
 * (onnxruntime-node), in one run. Prints items/s for each, the browser/native ratio, and the time
 * from page load to the first labelled batch with a warm HTTP cache. One JSON line at the end.
 * Figures only; never pass/fail.
 *
 * Options: ITEMS=20000 (product names from ../shared/data/fashion-products/styles.csv, or the demo
 * catalogue repeated when that file is absent), TEXT=descriptions (description-length items instead:
 * other shops' names with their descriptions, `<name> Details: <description>`), THREADS (browser WASM threads and ORT-node intra-op
 * threads; default: all cores), BROWSER_THREADS (browser WASM threads alone; default: the app's own choice).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';
import { describedItems, productNames } from './productNames.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ITEMS = Number(process.env.ITEMS ?? 20_000);
const THREADS = Number(process.env.THREADS ?? availableParallelism());
const BROWSER_THREADS = process.env.BROWSER_THREADS ? Number(process.env.BROWSER_THREADS) : process.env.THREADS ? THREADS : undefined;

const DESCRIPTIONS = process.env.TEXT === 'descriptions';
const { names, source } = (DESCRIPTIONS ? describedItems : productNames)('public/demo/catalogue-sample.csv');
const texts = Array.from({ length: ITEMS }, (_, i) => names[(i * 7919) % names.length]!);
const distinct = new Set(texts).size;

// Node: onnxruntime-node, same model, same texts, same de-duplication and bucketing code.
const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: THREADS });
await classifier.classifyItems(texts.slice(0, 64));
const n0 = performance.now();
await classifier.classifyItems(texts);
const nodeSeconds = (performance.now() - n0) / 1000;

// Browser: the built app's diagnostics page drives the real inference worker.
console.error('building the app…');
// Its own output folder, so the bench never overwrites dist/ while browser tests serve it.
const outDir = resolve(ROOT, 'bench/out/classify-dist');
await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({ root: ROOT, build: { outDir }, preview: { port: 4180, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
const url = 'http://127.0.0.1:4180/diagnostics.html';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  const run = await page.evaluate(async ({ items, threads }) => {
    const d = (globalThis as unknown as { trendloomDiagnostics: { load(b: string, threads?: number): Promise<{ backend: string; threads: number; loadMs: number; warmupMs: number }>; classify(t: string[]): Promise<{ wallMs: number; unique: number }> } }).trendloomDiagnostics;
    const info = await d.load('wasm', threads ?? undefined);
    const result = await d.classify(items);
    return { info, wallMs: result.wallMs, unique: result.unique, isolated: crossOriginIsolated };
  }, { items: texts, threads: BROWSER_THREADS ?? null });

  // First result after a page load with a warm HTTP cache: reload, load the model, label 64 items.
  await page.reload();
  const firstResult = await page.evaluate(async ({ items }) => {
    const d = (globalThis as unknown as { trendloomDiagnostics: { load(b: string): Promise<unknown>; classify(t: string[]): Promise<unknown> } }).trendloomDiagnostics;
    await d.load('wasm');
    await d.classify(items);
    return performance.now(); // ms since navigation start
  }, { items: texts.slice(0, 64) });

  const browserPerSecond = ITEMS / (run.wallMs / 1000);
  const nodePerSecond = ITEMS / nodeSeconds;
  const result = {
    bench: 'classify',
    text: DESCRIPTIONS ? 'name + description' : 'product name',
    source,
    items: ITEMS,
    distinct,
    threads: THREADS,
    browser_backend: run.info.backend,
    browser_threads: run.info.threads,
    cross_origin_isolated: run.isolated,
    browser_items_per_s: Math.round(browserPerSecond),
    node_items_per_s: Math.round(nodePerSecond),
    browser_over_node: Number((browserPerSecond / nodePerSecond).toFixed(2)),
    model_load_ms: Math.round(run.info.loadMs),
    first_result_after_load_ms: Math.round(firstResult),
  };
  console.log(`items: ${ITEMS} ${DESCRIPTIONS ? 'names with descriptions' : 'product names'} (${distinct} distinct) from ${source}`);
  console.log(`browser (onnxruntime-web ${run.info.backend}, ${run.info.threads} threads, isolated=${run.isolated}): ${result.browser_items_per_s} items/s`);
  console.log(`node (onnxruntime-node, ${THREADS} threads): ${result.node_items_per_s} items/s`);
  console.log(`browser / node: ${result.browser_over_node}`);
  console.log(`first labelled batch after page load (warm cache): ${result.first_result_after_load_ms} ms`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
