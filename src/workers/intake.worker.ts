/**
 * The intake worker: reads files into Arrow tables off the main thread (handlers in
 * intakeHandlers.ts). Where there is more than one core, it starts a helper worker (the same
 * handlers, without a helper of its own) that reads the second half of a large CSV at the same time.
 */
import { WorkerClient } from './client.ts';
import { serveInWorker } from './handlers.ts';
import { createIntakeHandlers } from './intakeHandlers.ts';

const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency ?? 1 : 1;
// Started with the intake worker (once per session), so its module is loaded before a file comes.
const helper = cores >= 2 && typeof Worker !== 'undefined' ? new WorkerClient(new Worker(new URL('./intakePart.worker.ts', import.meta.url), { type: 'module', name: 'trendloom-intake-part' })) : null;

serveInWorker(createIntakeHandlers({ helper }));
