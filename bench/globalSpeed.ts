// Global-model speed benchmark (issue 16): trains the global model of one cut-off with the app's settings on N series
// resampled from the F1 sample and forecasts every series at the forecast origin and the two backtest origins, on one
// thread; prints wall and CPU seconds of each part and a checksum of every forecast value's bits, so that two versions
// of the code can be compared for speed and for identical output in one run.
// Usage: npx tsx bench/globalSpeed.ts [--series N (trained on)] [--forecast-series N (forecast)] [--epochs N]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { seededRandom } from '../src/core/random.ts';
import { readSeriesBytes } from '../src/core/series/read.ts';
import { appGlobalOptions, globalCuts } from '../src/core/forecast/globalSaved.ts';
import { globalForecast, trainGlobalModels } from '../src/core/forecast/index.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = dirname(fileURLToPath(import.meta.url));
const set = await readSeriesBytes(readFileSync(join(here, '../../shared/data/trend-series/f1_main_100_sequences.csv')));
const count = Number(option('series') ?? 1000);
const forecastCount = Number(option('forecast-series') ?? count);
const length = set.dates.length;
const HORIZON = 52;
const PERIOD = 52;

// Same resampling as bench/forecast.ts --speed (seeded): a random series, scaled, with 5 % multiplicative noise.
const random = seededRandom(20191230);
const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const series: Float64Array[] = [];
for (let s = 0; s < Math.max(count, forecastCount); s++) {
  const source = set.series[Math.floor(random() * set.series.length)]!.values;
  const scale = Math.exp(0.3 * gauss());
  series.push(Float64Array.from({ length }, (_, t) => Math.max(0, source[t]! * scale * (1 + 0.05 * gauss()))));
}

const cuts = globalCuts(length, HORIZON, PERIOD).sort((a, b) => a - b);
const options = { ...appGlobalOptions(PERIOD, HORIZON), ...(option('epochs') ? { epochs: Number(option('epochs')) } : {}) };
const loadBefore = loadavg()[0]!;
const timed = <T>(run: () => T): { value: T; wall: number; cpu: number } => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = run();
  const cpu = process.cpuUsage(cpu0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
};
// One cut-off's model (the forecast origin's), as one worker of the --speed bench trains it.
const train = timed(() => trainGlobalModels(series.slice(0, count), PERIOD, [length], options));
const model = train.value.models[0]!;
// Checksum of the bits of every value: equal sums mean (almost surely) identical forecasts.
const bits = new Uint32Array(2);
const view = new Float64Array(bits.buffer);
let hash = 0;
const add = (values: Float64Array) => {
  for (const v of values) {
    view[0] = v;
    hash = (Math.imul(hash ^ bits[0]!, 0x9e3779b1) ^ Math.imul(bits[1]!, 0x85ebca77)) >>> 0;
  }
};
for (const p of model.members) add(p);
const trainHash = hash;
const forecast = timed(() => {
  for (let s = 0; s < forecastCount; s++)
    for (const end of cuts) {
      const f = globalForecast(model, series[s]!.subarray(0, end), HORIZON, 0);
      for (const q of f.quantiles) add(q);
    }
});
const loadAfter = loadavg()[0]!;
console.log(`global model alone: ${count} series × ${length} weeks, 1 thread, ${model.windows} training windows, ${model.members.length} members, ${options.epochs ?? 20} epochs`);
console.log(`  training (one cut-off):                     ${train.wall.toFixed(2)} s wall, ${train.cpu.toFixed(2)} s CPU`);
console.log(`  forecasting ${forecastCount} series × ${cuts.length} origins:        ${forecast.wall.toFixed(2)} s wall, ${forecast.cpu.toFixed(2)} s CPU`);
console.log(`  load (1-min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`);
console.log(`  weights checksum ${trainHash.toString(16)}, weights + forecasts checksum ${hash.toString(16)}`);
console.log(JSON.stringify({ bench: 'global-speed', series: count, forecastSeries: forecastCount, trainSeconds: train.wall, trainCpuSeconds: train.cpu, forecastSeconds: forecast.wall, forecastCpuSeconds: forecast.cpu, loadBefore, loadAfter, trainHash, hash }));
