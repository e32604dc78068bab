// Worker thread for the forecast speed benchmark: forecasts a slice of series (seasonal naive,
// the full ensemble, or the full ensemble with given global models) or trains the global models
// of some cut-offs on every series, and reports the time.
import { parentPort, workerData } from 'node:worker_threads';
import { forecastSeries, DEFAULT_ENSEMBLE } from '../src/core/forecast/index.ts';
import { seasonalNaiveForecast } from '../src/core/forecast/models/seasonalNaive.ts';
import { trainGlobalModels, type GlobalModels, type GlobalOptions } from '../src/core/forecast/models/global.ts';

const { values, length, horizon, period, mode, globals, cuts, options } = workerData as {
  values: Float64Array;
  length: number;
  horizon: number;
  period: number;
  mode: 'baseline' | 'ensemble' | 'global' | 'train';
  globals?: GlobalModels;
  cuts?: number[];
  options?: Partial<GlobalOptions>;
};
const count = values.length / length;
const start = performance.now();
if (mode === 'train') {
  const series = Array.from({ length: count }, (_, s) => values.subarray(s * length, (s + 1) * length));
  const trained = trainGlobalModels(series, period, cuts!, options);
  parentPort!.postMessage({ ms: performance.now() - start, count, trained });
} else {
  let checksum = 0;
  const ensemble = mode === 'global' ? { models: [...DEFAULT_ENSEMBLE.models, 'global' as const] } : undefined;
  for (let s = 0; s < count; s++) {
    const y = values.subarray(s * length, (s + 1) * length);
    const point = mode === 'baseline' ? seasonalNaiveForecast(y, horizon, period) : forecastSeries(`s${s}`, y, { horizon, period, ...(mode === 'global' ? { global: globals, ensemble } : {}) }).point;
    checksum += point[0]!;
  }
  parentPort!.postMessage({ ms: performance.now() - start, count, checksum });
}
