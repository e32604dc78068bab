/** The fine-tuning worker entry: wires messages to the fine-tuning handlers, nothing else. */
import { createFinetuneHandlers } from './finetuneHandlers.ts';
import { serveInWorker } from './handlers.ts';

serveInWorker(createFinetuneHandlers());
