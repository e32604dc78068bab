// Worker thread for the forecast speed benchmark: forecasts a slice of series and reports the time.
import { parentPort, workerData } from 'node:worker_threads';
import { forecastSeries } from '../src/core/forecast/index.ts';
import { seasonalNaiveForecast } from '../src/core/forecast/models/seasonalNaive.ts';

const { values, length, horizon, period, baseline } = workerData as { values: Float64Array; length: number; horizon: number; period: number; baseline: boolean };
const count = values.length / length;
const start = performance.now();
let checksum = 0;
for (let s = 0; s < count; s++) {
  const y = values.subarray(s * length, (s + 1) * length);
  const point = baseline ? seasonalNaiveForecast(y, horizon, period) : forecastSeries(`s${s}`, y, { horizon, period }).point;
  checksum += point[0]!;
}
parentPort!.postMessage({ ms: performance.now() - start, count, checksum });
