// Forecast worker entry: only wires messages to the handlers (tests call the handlers directly).
import { serveInWorker } from './handlers.ts';
import { forecastHandlers } from './forecastHandlers.ts';

serveInWorker(forecastHandlers);
