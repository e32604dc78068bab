/**
 * The classifier in the browser: picks the execution provider (WebGPU on a real GPU, else
 * multi-threaded WASM), loads the shipped model folder from the app's own origin, and wraps it in
 * the same `Classifier` the CLI uses. Runs inside a worker.
 */
import type { DraftModel } from './briefs.ts';
import { Classifier, type ModelRuntime } from './classifier.ts';
import { parseClassifierConfig, type ClassifierConfig } from './config.ts';
import { hashBytes } from './hash.ts';
import { parseNgramHead, type NgramHead } from './ngramHead.ts';
import { LlamaTokenizer } from './tokenizer.ts';
import { coreMessage, englishText, type CoreMessage } from '../core/messages.ts';

/** Where the shipped model lives on the app's origin. */
export const MODEL_URL = '/models/trendloom-classifier/';

/** The execution backend in use. */
export type Backend = 'webgpu' | 'wasm';

/** Which backend was chosen and why (shown in the UI). */
export interface BackendChoice {
  /** The backend. */
  backend: Backend;
  /** Plain-language reason, e.g. "No GPU adapter is available." (English). */
  reason: string;
  /** The reason as a message code and parameters, for other languages. */
  reasonDetail?: CoreMessage;
  /** The GPU adapter's description when WebGPU was probed. */
  adapter?: string;
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** A backend choice with its reason in English and as a message code. */
function choose(backend: Backend, reasonDetail: CoreMessage, adapter?: string): BackendChoice {
  return { backend, reason: englishText(reasonDetail), reasonDetail, ...(adapter !== undefined ? { adapter } : {}) };
}

/**
 * Probes WebGPU once. A missing API, no adapter, or a software/fallback adapter (SwiftShader)
 * counts as "no GPU": WASM on the CPU is faster than emulated WebGPU.
 */
export async function chooseBackend(preference: 'auto' | Backend = 'auto'): Promise<BackendChoice> {
  if (preference === 'wasm') return choose('wasm', coreMessage('backend.wasm-requested'));
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean } | null> } }).gpu;
  if (!gpu) return preference === 'webgpu' ? choose('webgpu', coreMessage('backend.webgpu-requested-missing')) : choose('wasm', coreMessage('backend.no-webgpu'));
  let adapter: { info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean } | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return choose(preference === 'webgpu' ? 'webgpu' : 'wasm', coreMessage('backend.no-adapter'));
  const info = adapter.info ?? {};
  const named = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  // An adapter that names nothing: a message parameter (worded per language), English elsewhere.
  const adapterParam = named || coreMessage('backend.unknown-gpu');
  const description = named || englishText(coreMessage('backend.unknown-gpu'));
  const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  if (preference === 'webgpu') return choose('webgpu', fallback ? coreMessage('backend.webgpu-requested-software') : coreMessage('backend.webgpu-requested', { adapter: adapterParam }), description);
  if (fallback) return choose('wasm', coreMessage('backend.software-adapter', { adapter: adapterParam }), description);
  return choose('webgpu', coreMessage('backend.gpu-found', { adapter: adapterParam }), description);
}

/** What loading produced: the classifier and the facts the UI shows. */
export interface LoadedWebClassifier {
  /** The classifier. */
  classifier: Classifier;
  /** The model's config. */
  config: ClassifierConfig;
  /** The backend actually used (WebGPU falls back to WASM if its session cannot be created). */
  choice: BackendChoice;
  /** WASM threads in use. */
  threads: number;
  /** Size of the ONNX file in bytes. */
  modelBytes: number;
  /** Identifies the model file (for cache keys). */
  modelId: string;
  /** Loads the design-brief generator on the same backend (undefined when the model ships none); called on the first draft only. */
  loadGenerator(): Promise<DraftModel | undefined>;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The model file ${url} could not be loaded (HTTP ${response.status}). Reload the page while online once so it is stored for offline use.`);
  return response;
}

/** Loads config, tokenizer and the quantised ONNX graph from `baseUrl` and creates a session on the chosen backend (WASM threads: `threadCount`, default all cores). */
export async function loadWebClassifier(baseUrl = MODEL_URL, preference: 'auto' | Backend = 'auto', threadCount?: number): Promise<LoadedWebClassifier> {
  const config = parseClassifierConfig(await (await fetchOk(`${baseUrl}config.json`)).json());
  const tokenizer = LlamaTokenizer.fromJson(await (await fetchOk(`${baseUrl}tokenizer.json`)).json());
  let choice = await chooseBackend(preference);
  const fetchGraph = async (backend: Backend) =>
    new Uint8Array(await (await fetchOk(`${baseUrl}${modelFileFor(config, backend)}`)).arrayBuffer());
  let modelBytes = await fetchGraph(choice.backend);
  // Threads need a cross-origin isolated page (SharedArrayBuffer).
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const threads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(8, threadCount ?? cores)) : 1;
  let runtime: ModelRuntime;
  try {
    runtime = await createWebRuntime(modelBytes, choice.backend, threads);
  } catch (error) {
    if (choice.backend !== 'webgpu') throw error;
    choice = choose('wasm', coreMessage('backend.webgpu-failed', { error: (error as Error).message }));
    modelBytes = await fetchGraph('wasm');
    runtime = await createWebRuntime(modelBytes, 'wasm', threads);
  }
  const backend = choice.backend;
  const loadGenerator = async (): Promise<DraftModel | undefined> => {
    const generator = config.generator;
    if (!generator) return undefined;
    const open = async (on: Backend) => {
      const file = on === 'webgpu' ? (generator.model_file_webgpu ?? generator.model_file) : generator.model_file;
      const bytes = new Uint8Array(await (await fetchOk(`${baseUrl}${file}`)).arrayBuffer());
      return createWebRuntime(bytes, on, threads);
    };
    // Like the classifier: a generator that WebGPU cannot run falls back to WASM.
    const runtime = backend === 'webgpu' ? await open('webgpu').catch(() => open('wasm')) : await open('wasm');
    return { runtime, maxLength: generator.max_length, ...(generator.brief_marker ? { briefMarker: generator.brief_marker } : {}) };
  };
  return { classifier: new Classifier(runtime, tokenizer, config, await fetchNgramHead(baseUrl, config)), config, choice, threads, modelBytes: modelBytes.byteLength, modelId: hashBytes(modelBytes), loadGenerator };
}

/** The n-gram head config.json names (`ngram_head`), fetched from the model folder; undefined when it names none. */
async function fetchNgramHead(baseUrl: string, config: ClassifierConfig): Promise<NgramHead | undefined> {
  const block = config.ngram_head;
  if (!block) return undefined;
  const [json, weights] = await Promise.all([
    fetchOk(`${baseUrl}${block.file}`).then((r) => r.json() as Promise<unknown>),
    fetchOk(`${baseUrl}${block.weights_file}`).then((r) => r.arrayBuffer()),
  ]);
  return parseNgramHead(json, weights);
}

/**
 * The ONNX graph for a backend: the weight-only int8 graph (float matrix products) on WebGPU, the
 * dynamic int8 graph (integer matrix products, about twice as fast on CPUs) on WASM.
 */
export function modelFileFor(config: ClassifierConfig, backend: Backend): string {
  return backend === 'webgpu' ? (config.onnx.model_file_webgpu ?? config.onnx.model_file) : config.onnx.model_file;
}

/** Creates an onnxruntime-web session on one backend. The WebGPU build is loaded only when used. */
async function createWebRuntime(model: Uint8Array, backend: Backend, threads: number): Promise<ModelRuntime> {
  const ort = backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false; // already in a worker
  const session = await ort.InferenceSession.create(model, {
    executionProviders: backend === 'webgpu' ? ['webgpu'] : ['wasm'],
    graphOptimizationLevel: 'all',
    // Keep DequantizeLinear→MatMul exact on CPU (no 8-bit activations): matches the fp32 reference.
    extra: { session: { qdq_matmulnbits_accuracy_level: '0' } },
  } as Parameters<typeof ort.InferenceSession.create>[1]);
  return {
    session: { run: (feeds) => session.run(feeds as Record<string, InstanceType<typeof ort.Tensor>>) as never },
    int64Tensor: (data, dims) => new ort.Tensor('int64', data, dims),
  };
}
