// Forecast benchmark: accuracy on the F1 sample (2019 and 2018 test years) and speed on 10,000 series.
// (Worker threads load TypeScript through the tsx bootstrap in forecastSpeedWorker.mjs.)
// Usage: npx tsx bench/forecast.ts [main.csv] [--lead lead.csv] [--speed] [--series N] [--threads N] [--global '{"epochs":20}'] [--no-global]
// (--tune: only the year before and the methods with the global model; --speed also trains the global model with the app's settings and runs the ensemble with it; --no-global skips that.)
import { seededRandom } from '../src/core/random.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { availableParallelism, loadavg } from 'node:os';
import { readSeriesBytes as readSeriesFileBytes } from '../src/core/series/read.ts';
import { formatDate, type SeriesSet } from '../src/core/series/seriesSet.ts';
import { appGlobalOptions, globalCuts } from '../src/core/forecast/globalSaved.ts';
import { alignLead, DEFAULT_ENSEMBLE, forecastSeries, globalForecast, GLOBAL_QUANTILES, intervalCoverage, mape, mase, maseScale, pickGlobal, pinballLoss, runModel, seasonalNaiveForecast, smape, trainGlobalModels, type GlobalModels, type GlobalOptions } from '../src/core/forecast/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--lead', '--series', '--threads', '--global'].includes(argv[i - 1]!)));
const globalOptions: Partial<GlobalOptions> = JSON.parse(option('global') ?? '{}');
const mainPath = resolve(positional[0] ?? join(here, '../../shared/data/trend-series/f1_main_100_sequences.csv'));
const defaultLead = mainPath.replace('f1_main_100_sequences', 'f1_fashion_forward_100_sequences');
const leadPath = option('lead') ?? (defaultLead !== mainPath && existsSync(defaultLead) ? defaultLead : undefined);
const HORIZON = 52;
const PERIOD = 52;

const main = await readSeriesFileBytes(readFileSync(mainPath));
const leads = leadPath ? await readSeriesFileBytes(readFileSync(leadPath)) : undefined;

interface Scores {
  mase: number;
  mape: number;
  smape: number;
  coverage80?: number;
  /** 95% coverage in each quarter of the horizon (weeks 1–13, 14–26, 27–39, 40–52). */
  coverage95ByQuarter?: number[];
  coverage95?: number;
  /** 80% coverage in each quarter of the horizon. */
  coverage80ByQuarter?: number[];
  /** Scaled quantile loss: pinball loss at 2.5/10/50/90/97.5 % (interval bounds and point), averaged over levels and steps, divided by the MASE scale; mean over series. */
  quantileLoss?: number;
}

/** Scores one method over every series for the test year ending `testEnd` (exclusive). */
function evaluate(testEnd: number, method: (train: Float64Array, lead: Float64Array | undefined, name: string) => { point: Float64Array; lo80?: Float64Array; hi80?: Float64Array; lo95?: Float64Array; hi95?: Float64Array }): Scores {
  const sums = { mase: 0, mape: 0, smape: 0, c80: 0, c95: 0, mapeCount: 0, intervals: 0 };
  const quarterInside = [0, 0, 0, 0];
  const quarterInside80 = [0, 0, 0, 0];
  let quantileLoss = 0;
  for (const series of main.series) {
    const train = series.values.slice(0, testEnd - HORIZON);
    const actual = series.values.slice(testEnd - HORIZON, testEnd);
    const lead = leads ? alignLead(main, leads, series.name)?.slice(0, testEnd - HORIZON) : undefined;
    const f = method(train, lead, series.name);
    sums.mase += mase(actual, f.point, train, PERIOD);
    const m = mape(actual, f.point);
    if (Number.isFinite(m)) {
      sums.mape += m;
      sums.mapeCount++;
    }
    sums.smape += smape(actual, f.point);
    if (f.lo80 && f.hi80 && f.lo95 && f.hi95) {
      sums.c80 += intervalCoverage(actual, f.lo80, f.hi80);
      for (let h = 0; h < HORIZON; h++) if (actual[h]! >= f.lo95[h]! && actual[h]! <= f.hi95[h]!) quarterInside[Math.floor((4 * h) / HORIZON)]!++;
      for (let h = 0; h < HORIZON; h++) if (actual[h]! >= f.lo80[h]! && actual[h]! <= f.hi80[h]!) quarterInside80[Math.floor((4 * h) / HORIZON)]!++;
      const levels = [f.lo95, f.lo80, f.point, f.hi80, f.hi95];
      let loss = 0;
      GLOBAL_QUANTILES.forEach((level, k) => (loss += pinballLoss(actual, levels[k]!, level) / GLOBAL_QUANTILES.length));
      quantileLoss += loss / maseScale(train, PERIOD);
      sums.c95 += intervalCoverage(actual, f.lo95, f.hi95);
      sums.intervals++;
    }
  }
  const n = main.series.length;
  const scores: Scores = { mase: sums.mase / n, mape: sums.mape / sums.mapeCount, smape: sums.smape / n };
  if (sums.intervals > 0) {
    scores.coverage80 = sums.c80 / sums.intervals;
    scores.coverage95 = sums.c95 / sums.intervals;
    scores.coverage95ByQuarter = quarterInside.map((inside) => inside / ((sums.intervals * HORIZON) / 4));
    scores.coverage80ByQuarter = quarterInside80.map((inside) => inside / ((sums.intervals * HORIZON) / 4));
    scores.quantileLoss = quantileLoss / sums.intervals;
  }
  return scores;
}

const clip = (f: Float64Array) => f.map((v) => Math.max(0, v));
// Global models of the year being scored: trained at the forecast origin and at each backtest
// origin (cut-offs), each on every series up to its cut-off only; cached by cut-off across years.
let globals: GlobalModels = { cuts: [], models: [] };
const globalCache = new Map<number, GlobalModels['models'][number]>();
const withGlobal = !flag('no-global');
/** Trains (or reuses) the global models a test year ending at `testEnd` needs; returns the training seconds. */
function prepareGlobals(testEnd: number): number {
  const origin = testEnd - HORIZON;
  const cuts = [origin, origin - HORIZON, origin - 2 * HORIZON].filter((c) => c >= 2 * PERIOD);
  const start = performance.now();
  for (const cut of cuts)
    if (!globalCache.has(cut)) globalCache.set(cut, trainGlobalModels(main.series.map((s) => s.values), PERIOD, [cut], globalOptions, leads ? main.series.map((s) => alignLead(main, leads, s.name)) : undefined).models[0]!);
  const sorted = [...cuts].sort((a, b) => a - b);
  globals = { cuts: sorted, models: sorted.map((c) => globalCache.get(c)!) };
  return (performance.now() - start) / 1000;
}
const globalMethod = (train: Float64Array, lead: Float64Array | undefined) => {
  const model = pickGlobal(globals, train.length)!;
  const f = globalForecast(model, train, HORIZON, 0, lead);
  const [lo95, lo80, point, hi80, hi95] = f.quantiles.map(clip);
  return { point: point!, lo80, hi80, lo95, hi95 };
};
const methods = {
  'seasonal naive': (train: Float64Array) => ({ point: seasonalNaiveForecast(train, HORIZON, PERIOD) }),
  'ETS (AICc)': (train: Float64Array) => ({ point: clip(runModel('ets', { y: train, horizon: HORIZON, period: PERIOD })!) }),
  'Theta': (train: Float64Array) => ({ point: clip(runModel('theta', { y: train, horizon: HORIZON, period: PERIOD })!) }),
  'seasonal profile': (train: Float64Array) => ({ point: clip(runModel('profile', { y: train, horizon: HORIZON, period: PERIOD })!) }),
  'attention': (train: Float64Array) => ({ point: clip(runModel('attention', { y: train, horizon: HORIZON, period: PERIOD })!) }),
  'lead (profile×lead)': (train: Float64Array, lead: Float64Array | undefined) => ({ point: clip((lead && runModel('lead', { y: train, horizon: HORIZON, period: PERIOD, lead })) || seasonalNaiveForecast(train, HORIZON, PERIOD)) }),
  'ensemble, no lead': (train: Float64Array, _lead: Float64Array | undefined, name: string) => forecastSeries(name, train, { horizon: HORIZON, period: PERIOD }),
  ensemble: (train: Float64Array, lead: Float64Array | undefined, name: string) => forecastSeries(name, train, { horizon: HORIZON, period: PERIOD }, lead),
  'global attention': globalMethod,
  'ensemble + global': (train: Float64Array, lead: Float64Array | undefined, name: string) => forecastSeries(name, train, { horizon: HORIZON, period: PERIOD, global: globals, ensemble: { models: [...DEFAULT_ENSEMBLE.models, 'global'] } }, lead),
  // The same ensemble with the global model as one member like the others (globalShare 0, before 6 Dec 2026): the baseline of the share.
  'ens+global, share 0': (train: Float64Array, lead: Float64Array | undefined, name: string) => forecastSeries(name, train, { horizon: HORIZON, period: PERIOD, global: globals, ensemble: { models: [...DEFAULT_ENSEMBLE.models, 'global'], globalShare: 0 } }, lead),
  // The same ensemble with every interval sized from backtest errors (before issue 16's quantile intervals).
  'ens+global, bt int': (train: Float64Array, lead: Float64Array | undefined, name: string) => forecastSeries(name, train, { horizon: HORIZON, period: PERIOD, global: globals, ensemble: { models: [...DEFAULT_ENSEMBLE.models, 'global'], intervalSource: 'backtest' } }, lead),
};

function accuracy(): void {
  const n = main.dates.length;
  // --tune: the year before only, and only the methods with the global model (settings are chosen there, never on the last year).
  const years = [
    { label: `${formatDate(main.dates[n - HORIZON]!).slice(0, 4)} test`, testEnd: n },
    { label: `${formatDate(main.dates[n - 2 * HORIZON]!).slice(0, 4)} test (year before)`, testEnd: n - HORIZON },
  ].slice(flag('tune') ? 1 : 0);
  const json: Record<string, Record<string, Scores & { seconds: number }>> = {};
  console.log(`Forecast accuracy on ${mainPath} (${main.series.length} series × ${n} ${main.frequency}s)${leadPath ? `, lead: ${leadPath}` : ''}`);
  for (const year of years) {
    console.log(`\n${year.label}: train ${formatDate(main.dates[0]!)} … ${formatDate(main.dates[year.testEnd - HORIZON - 1]!)}, forecast ${HORIZON} ${main.frequency}s`);
    json[year.label] = {};
    if (withGlobal) {
      const trainSeconds = prepareGlobals(year.testEnd);
      console.log(`global models trained at cut-offs ${globals.cuts.join(', ')} (${globals.models.map((m) => `${m.windows} windows, loss ${m.finalLoss.toFixed(4)}`).join('; ')}): ${trainSeconds.toFixed(1)} s (models reused from the other year are not retrained)${Object.keys(globalOptions).length ? `, options ${JSON.stringify(globalOptions)}` : ''}`);
    }
    console.log('method               MASE   MAPE%   sMAPE%  cover80  cover95   sQL   seconds');
    const quarterLines: string[] = [];
    for (const [name, method] of Object.entries(methods)) {
      if ((name === 'ensemble' || name.startsWith('lead')) && !leads) continue;
      if (name.includes('global') && !withGlobal) continue;
      if (flag('tune') && !name.includes('global')) continue;
      const start = performance.now();
      const s = evaluate(year.testEnd, method);
      const seconds = (performance.now() - start) / 1000;
      json[year.label]![name] = { ...s, seconds };
      const pct = (v?: number) => (v === undefined ? '      -' : `${(100 * v).toFixed(1).padStart(6)}%`);
      if (s.coverage95ByQuarter) quarterLines.push(`  ${name}: 80% / 95% coverage by quarter of the horizon ${s.coverage80ByQuarter!.map((c) => `${(100 * c).toFixed(0)}%`).join(' / ')}  |  ${s.coverage95ByQuarter.map((c) => `${(100 * c).toFixed(0)}%`).join(' / ')}`);
      const sql = s.quantileLoss === undefined ? '    - ' : s.quantileLoss.toFixed(3).padStart(6);
      console.log(`${name.padEnd(19)} ${s.mase.toFixed(3)}  ${s.mape.toFixed(1).padStart(6)}  ${s.smape.toFixed(1).padStart(6)}  ${pct(s.coverage80)}  ${pct(s.coverage95)}  ${sql}  ${seconds.toFixed(2).padStart(6)}`);
    }
    for (const line of quarterLines) console.log(line);
  }
  console.log(JSON.stringify({ bench: 'forecast-accuracy', file: mainPath, lead: leadPath ?? null, results: json }));
}


/** Resamples `count` series from the set: a random series, scaled, with multiplicative noise. */
function resample(set: SeriesSet, count: number): Float64Array {
  const length = set.dates.length;
  const random = seededRandom(20191230);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const out = new Float64Array(count * length);
  for (let s = 0; s < count; s++) {
    const source = set.series[Math.floor(random() * set.series.length)]!.values;
    const scale = Math.exp(0.3 * gauss());
    for (let t = 0; t < length; t++) out[s * length + t] = Math.max(0, source[t]! * scale * (1 + 0.05 * gauss()));
  }
  return out;
}

/** Runs the series over worker threads; returns wall seconds and the CPU seconds the whole process used (all threads). */
async function runThreads(values: Float64Array, length: number, threads: number, mode: 'baseline' | 'ensemble' | 'global', globals?: GlobalModels): Promise<{ seconds: number; cpuSeconds: number }> {
  const count = values.length / length;
  const per = Math.ceil(count / threads);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await Promise.all(
    Array.from({ length: threads }, (_, k) => {
      const slice = values.slice(k * per * length, Math.min(count, (k + 1) * per) * length);
      return new Promise<void>((done, fail) => {
        const worker = new Worker(new URL('./forecastSpeedWorker.mjs', import.meta.url), { workerData: { values: slice, length, horizon: HORIZON, period: PERIOD, mode, globals }, transferList: [slice.buffer] });
        worker.once('message', () => done());
        worker.once('error', fail);
      });
    }),
  );
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Trains the global models of `cuts` on every series, the cut-offs spread over worker threads; returns them with wall and CPU seconds. */
async function trainThreads(values: Float64Array, length: number, threads: number, cuts: number[], options: Partial<GlobalOptions>): Promise<{ globals: GlobalModels; seconds: number; cpuSeconds: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const parts = await Promise.all(
    Array.from({ length: Math.min(threads, cuts.length) }, (_, k) => {
      const mine = cuts.filter((_, i) => i % threads === k);
      return new Promise<GlobalModels>((done, fail) => {
        const worker = new Worker(new URL('./forecastSpeedWorker.mjs', import.meta.url), { workerData: { values, length, horizon: HORIZON, period: PERIOD, mode: 'train', cuts: mine, options } });
        worker.once('message', (m: { trained: GlobalModels }) => done(m.trained));
        worker.once('error', fail);
      });
    }),
  );
  const pairs = parts.flatMap((p) => p.cuts.map((cut, i) => [cut, p.models[i]!] as const)).sort((a, b) => a[0] - b[0]);
  const cpu = process.cpuUsage(cpuStart);
  return { globals: { cuts: pairs.map((p) => p[0]), models: pairs.map((p) => p[1]) }, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function speed(): Promise<void> {
  const count = Number(option('series') ?? 10_000);
  const threads = Number(option('threads') ?? availableParallelism());
  const length = main.dates.length;
  const values = resample(main, count);
  const loadBefore = loadavg()[0]!;
  console.log(`Forecast speed: ${count} resampled series × ${length} ${main.frequency}s, horizon ${HORIZON}, full ensemble with backtests, ${threads} worker thread(s)`);
  const { seconds: baselineSeconds } = await runThreads(values, length, threads, 'baseline');
  const { seconds, cpuSeconds } = await runThreads(values, length, threads, 'ensemble');
  let global: { trainSeconds: number; trainCpuSeconds: number; forecastSeconds: number; forecastCpuSeconds: number; windows: number[]; options: Partial<GlobalOptions> } | undefined;
  if (withGlobal) {
    // The app's settings (at most APP_MAX_WINDOWS sampled windows per model) unless --global overrides them.
    const options = { ...appGlobalOptions(PERIOD, HORIZON), ...globalOptions };
    const trained = await trainThreads(values, length, threads, globalCuts(length, HORIZON, PERIOD), options);
    const run = await runThreads(values, length, threads, 'global', trained.globals);
    global = { trainSeconds: trained.seconds, trainCpuSeconds: trained.cpuSeconds, forecastSeconds: run.seconds, forecastCpuSeconds: run.cpuSeconds, windows: trained.globals.models.map((m) => m.windows), options };
  }
  const loadAfter = loadavg()[0]!;
  console.log(`machine load (1-min average) before/after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} on ${availableParallelism()} cores — other work on the machine slows this down`);
  console.log(`seasonal naive baseline: ${baselineSeconds.toFixed(2)} s (includes starting ${threads} threads)`);
  console.log(`full ensemble:           ${seconds.toFixed(2)} s  (${((1000 * seconds) / count).toFixed(2)} ms per series, ${(seconds / baselineSeconds).toFixed(1)}× the baseline)`);
  // CPU time is what the run costs whatever else the machine is doing; divided by the threads it
  // estimates the wall time on an otherwise idle machine with that many cores.
  console.log(`CPU time, all threads:   ${cpuSeconds.toFixed(2)} s  (≈ ${(cpuSeconds / threads).toFixed(1)} s of wall time on ${threads} idle cores)`);
  if (global) {
    console.log(`with the global model (${JSON.stringify(global.options)}; ${global.windows.join(' / ')} training windows at cut-offs ${globalCuts(length, HORIZON, PERIOD).sort((a, b) => a - b).join(', ')}):`);
    console.log(`  training, cut-offs over ${threads} thread(s): ${global.trainSeconds.toFixed(2)} s  (CPU ${global.trainCpuSeconds.toFixed(2)} s)`);
    console.log(`  full ensemble + global:                  ${global.forecastSeconds.toFixed(2)} s  (CPU ${global.forecastCpuSeconds.toFixed(2)} s)`);
    console.log(`  total:                                   ${(global.trainSeconds + global.forecastSeconds).toFixed(2)} s  (${((1000 * (global.trainSeconds + global.forecastSeconds)) / count).toFixed(2)} ms per series)`);
  }
  console.log(JSON.stringify({ bench: 'forecast-speed', cpuSeconds, series: count, length, horizon: HORIZON, threads, seconds, baselineSeconds, msPerSeries: (1000 * seconds) / count, loadBefore, loadAfter, cores: availableParallelism(), ...(global ? { global } : {}) }));
}

if (flag('speed')) await speed();
else accuracy();
