/** The inference worker: the shipped classifier on WebGPU or WASM (handlers in inferenceHandlers.ts). */
import { loadWebClassifier } from '../model/session.web.ts';
import { serveInWorker } from './handlers.ts';
import { createInferenceHandlers } from './inferenceHandlers.ts';
import { IndexedDbPredictionCache, MemoryPredictionCache } from './predictionCache.ts';

const cache = typeof indexedDB === 'undefined' ? new MemoryPredictionCache() : new IndexedDbPredictionCache();
serveInWorker(createInferenceHandlers((baseUrl, backend, threads) => loadWebClassifier(baseUrl, backend, threads), cache));
