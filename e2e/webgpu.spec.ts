import { expect, test } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

// The shipped model's "sure" thresholds per head.
const config = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'config.json'), 'utf8')) as { unsure: { min_probability: Record<string, number> } };

// Headless Chromium here has only a software WebGPU adapter (SwiftShader): it computes correctly
// but slowly, so this checks the WebGPU path's correctness on a small batch, never its speed.
const texts = ['Turtle Check Men Navy Blue Shirt', 'Puma Women Black Running Shoes', 'Biba Women Red Kurta', 'Relaxed linen shirt with a camp collar', 'Fossil Men Brown Leather Watch', 'Nike Unisex White Cap'];

test('the WebGPU path gives the same labels as WASM', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/diagnostics.html');
  const outcome = await page.evaluate(async (items) => {
    const d = (globalThis as unknown as { trendloomDiagnostics: { load(b: string): Promise<{ backend: string; reason: string; labels: Record<string, string[]> }>; classify(t: string[]): Promise<{ heads: string[]; codes: Record<string, Int32Array>; probabilities: Record<string, Float32Array> }> } }).trendloomDiagnostics;
    const auto = await d.load('auto');
    const wasmInfo = await d.load('wasm');
    const wasm = await d.classify(items);
    const gpuInfo = await d.load('webgpu');
    const gpu = await d.classify(items);
    const label = (r: typeof wasm, info: typeof wasmInfo) => Object.fromEntries(r.heads.map((h) => [h, Array.from(r.codes[h]!, (c) => info.labels[h]![c])]));
    let maxProbabilityGap = 0;
    for (const h of wasm.heads) for (let i = 0; i < items.length; i++) maxProbabilityGap = Math.max(maxProbabilityGap, Math.abs(wasm.probabilities[h]![i]! - gpu.probabilities[h]![i]!));
    const gpuProbabilities = Object.fromEntries(gpu.heads.map((h) => [h, Array.from(gpu.probabilities[h]!)]));
    const wasmProbabilities = Object.fromEntries(wasm.heads.map((h) => [h, Array.from(wasm.probabilities[h]!)]));
    return { autoBackend: auto.backend, autoReason: auto.reason, gpuBackend: gpuInfo.backend, wasm: label(wasm, wasmInfo), gpu: label(gpu, gpuInfo), maxProbabilityGap, gpuProbabilities, wasmProbabilities };
  }, texts);
  // The same WebGPU graph run by onnxruntime-node on the CPU: WebGPU must compute what its graph says.
  const reference = await (await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1, onnxFile: 'onnx/model_quantized_webgpu.onnx' })).classifyItems(texts);
  let maxGapToReference = 0;
  for (const [head, probabilities] of Object.entries(outcome.gpuProbabilities)) {
    probabilities.forEach((p, i) => {
      maxGapToReference = Math.max(maxGapToReference, Math.abs(p - reference[i]!.heads[head]!.probability));
    });
  }
  // A software adapter counts as "no GPU": auto picks WASM and says why.
  expect(outcome.autoBackend).toBe('wasm');
  expect(outcome.autoReason).toMatch(/software/i);
  expect(outcome.gpuBackend).toBe('webgpu');
  expect(maxGapToReference).toBeLessThan(0.002);
  // WASM runs the CPU graph (int8 x int8 products), WebGPU the weight-only graph: two quantisations of
  // the same weights, each within the parity limits of fp32, so their probabilities differ a little
  // (under 0.05) and a label can differ only where the model is torn between two labels. So: every
  // label the model is sure of is the same on both paths, and at most one of the 42 labels differs,
  // and only as an unsure near-tie (the longer-trained model, 5 Dec, flips "Relaxed linen shirt with
  // a camp collar" between Pink and White: a colour the text never names).
  const sureFrom = config.unsure.min_probability;
  const differing: string[] = [];
  for (const head of Object.keys(outcome.wasm)) {
    outcome.wasm[head]!.forEach((label, i) => {
      if (label === outcome.gpu[head]![i]) return;
      differing.push(`${head} of '${texts[i]}': ${label} (${outcome.wasmProbabilities[head]![i]!.toFixed(3)}) vs ${outcome.gpu[head]![i]} (${outcome.gpuProbabilities[head]![i]!.toFixed(3)})`);
      expect(outcome.wasmProbabilities[head]![i]!, `WASM is unsure of ${head} of '${texts[i]}'`).toBeLessThan(sureFrom[head] ?? 0.85);
      expect(outcome.gpuProbabilities[head]![i]!, `WebGPU is unsure of ${head} of '${texts[i]}'`).toBeLessThan(sureFrom[head] ?? 0.85);
    });
  }
  if (differing.length) console.log(`labels that differ between WASM and WebGPU (unsure near-ties): ${differing.join('; ')}`);
  expect(differing.length).toBeLessThanOrEqual(1);
  expect(outcome.maxProbabilityGap).toBeLessThan(0.05);
});
