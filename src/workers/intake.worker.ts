/**
 * The intake worker: reads files into Arrow tables off the main thread (handlers in
 * intakeHandlers.ts). For a large CSV it may start a helper worker (the same handlers, without a
 * helper of its own) that reads the second half of the file at the same time; see SPLIT_MIN_CORES.
 */
import { WorkerClient } from './client.ts';
import { serveInWorker } from './handlers.ts';
import { createIntakeHandlers, SPLIT_MIN_CORES } from './intakeHandlers.ts';

const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency ?? 1 : 1;
let helper: WorkerClient | null = null;
// Started on the first split read and kept for the session.
const startHelper = () => (helper ??= new WorkerClient(new Worker(new URL('./intakePart.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-intake-part' })));

serveInWorker(createIntakeHandlers({ helper: typeof Worker !== 'undefined' ? startHelper : undefined, splitByDefault: cores >= SPLIT_MIN_CORES }));
