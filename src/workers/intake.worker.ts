/** The intake worker: reads files into Arrow tables off the main thread (handlers in intakeHandlers.ts). */
import { serveInWorker } from './handlers.ts';
import { intakeHandlers } from './intakeHandlers.ts';

serveInWorker(intakeHandlers);
