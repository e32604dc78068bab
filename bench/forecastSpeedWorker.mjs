// Worker-thread entry for the forecast speed benchmark: loads TypeScript through tsx, then the real worker.
import { register } from 'tsx/esm/api';
register();
await import('./forecastSpeedWorker.ts');
