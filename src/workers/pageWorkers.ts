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

/** Stops every started worker (used when the user clears everything). */
export function stopAllWorkers(): void {
  for (const client of clients.values()) client.terminate();
  clients.clear();
}
