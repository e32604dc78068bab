/** The intake worker's helper: reads the second part of a large CSV (`intake.part`) while the intake worker reads the first. */
import { serveInWorker } from './handlers.ts';
import { intakeHandlers } from './intakeHandlers.ts';

serveInWorker(intakeHandlers);
