/**
 * The model diagnostics page: loads the classifier in the inference worker on a chosen backend,
 * labels texts and reports throughput. Browser tests and `npm run bench:classify` drive it through
 * `window.trendloomDiagnostics`.
 */
import { WorkerClient } from './workers/client.ts';
import type { ModelClassifyResult, ModelGenerateParams, ModelGenerateResult, ModelInfo } from './workers/inferenceProtocol.ts';

/** What the page exposes to tests and benchmarks. */
export interface Diagnostics {
  /** Starts a fresh inference worker and loads the model on a backend. */
  load(backend: 'auto' | 'wasm' | 'webgpu', threads?: number): Promise<ModelInfo>;
  /** Labels texts (cache off unless asked) and returns the result with wall time. */
  classify(texts: string[], useCache?: boolean): Promise<ModelClassifyResult & { wallMs: number; firstProgressMs: number | null }>;
  /** Drafts design briefs (`model.generate`) and returns the result with wall time and the streamed token count. */
  generate(params: ModelGenerateParams): Promise<ModelGenerateResult & { wallMs: number; streamed: number }>;
}

let client: WorkerClient | undefined;

const diagnostics: Diagnostics = {
  async load(backend, threads) {
    client?.terminate();
    client = new WorkerClient(new Worker(new URL('./workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-inference' }));
    return client.request('model.load', threads === undefined ? { backend } : { backend, threads });
  },
  async classify(texts, useCache = false) {
    if (!client) throw new Error('Load the model first.');
    const started = performance.now();
    let firstProgressMs: number | null = null;
    const result = await client.request('model.classify', { texts, useCache }, {
      onProgress: (p) => {
        if (firstProgressMs === null && p.done > 0) firstProgressMs = performance.now() - started;
      },
    });
    return { ...result, wallMs: performance.now() - started, firstProgressMs };
  },
  async generate(params) {
    if (!client) throw new Error('Load the model first.');
    const started = performance.now();
    let streamed = 0;
    const result = await client.request('model.generate', params, { onProgress: (p) => void (p.draft && streamed++) });
    return { ...result, wallMs: performance.now() - started, streamed };
  },
};

(globalThis as unknown as { trendloomDiagnostics: Diagnostics }).trendloomDiagnostics = diagnostics;

const out = document.getElementById('out')!;
document.getElementById('run')?.addEventListener('click', () => {
  const backend = (document.getElementById('backend') as HTMLSelectElement).value as 'auto' | 'wasm' | 'webgpu';
  const count = Number((document.getElementById('count') as HTMLInputElement).value) || 2000;
  const texts = Array.from({ length: count }, (_, i) => `Sample item ${i} navy cotton shirt for men`);
  out.textContent = 'Loading…';
  diagnostics
    .load(backend)
    .then(async (info) => {
      const result = await diagnostics.classify(texts);
      out.textContent = `${info.backend} (${info.reason}), ${info.threads} threads\n${count} items in ${(result.wallMs / 1000).toFixed(2)} s = ${Math.round((count / result.wallMs) * 1000)} items/s`;
    })
    .catch((error: unknown) => (out.textContent = `Failed: ${(error as Error).message}`));
});
