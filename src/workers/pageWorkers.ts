import { WorkerClient } from './client.ts';

/** Lazily started workers of the page, one per kind, shared by the whole app. */
const clients = new Map<string, WorkerClient>();

function lazyClient(key: string, start: () => Worker): WorkerClient {
  let client = clients.get(key);
  if (!client) {
    client = new WorkerClient(start());
    clients.set(key, client);
  }
  return client;
}

/** The worker that reads files into Arrow tables. */
export function intakeWorker(): WorkerClient {
  return lazyClient('intake', () => new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-intake' }));
}

/** The worker that forecasts trend series (models, backtests, intervals, signals). */
export function forecastWorker(): WorkerClient {
  return lazyClient('forecast', () => new Worker(new URL('./forecast.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-forecast' }));
}

/** The worker that runs the classifier (WebGPU or WASM). */
export function inferenceWorker(): WorkerClient {
  return lazyClient('inference', () => new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-inference' }));
}

/** The worker that trains and applies fine-tuned heads. */
export function finetuneWorker(): WorkerClient {
  return lazyClient('finetune', () => new Worker(new URL('./finetune.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-finetune' }));
}

/** Stops every started worker (used when the user clears everything). */
export function stopAllWorkers(): void {
  for (const client of clients.values()) client.terminate();
  clients.clear();
}
