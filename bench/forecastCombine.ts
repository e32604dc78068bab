// How far can combining today's forecasters go? On the F1 sample's 2019 and 2018 test years, every
// member's forecast at the test origin, today's ensemble + global, and two upper bounds that look at
// the test year itself (so they are bounds, never methods): the best fixed convex weights of the
// members for all series, and the best single member per series.
// Usage: npx tsx bench/forecastCombine.ts [main.csv]   (lead panel beside it, as bench/forecast.ts)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { readSeriesBytes } from '../src/core/series/read.ts';
import { formatDate } from '../src/core/series/seriesSet.ts';
import { alignLead, DEFAULT_ENSEMBLE, forecastSeries, globalForecast, mase, maseScale, meanAbsoluteError, runModel, seasonalNaiveForecast, trainGlobalModels } from '../src/core/forecast/index.ts';

const HORIZON = 52;
const PERIOD = 52;
const here = dirname(fileURLToPath(import.meta.url));
const mainPath = resolve(process.argv[2] ?? join(here, '../../shared/data/trend-series/f1_main_100_sequences.csv'));
const main = await readSeriesBytes(readFileSync(mainPath));
const leads = await readSeriesBytes(readFileSync(mainPath.replace('f1_main_100_sequences', 'f1_fashion_forward_100_sequences')));
const MEMBERS = ['seasonal naive', 'ETS', 'Theta', 'seasonal profile', 'attention', 'lead', 'global'] as const;

/** One series' members (members[m][h]) combined with weights[m]. */
function combine(members: number[][], weights: number[]): Float64Array {
  const point = new Float64Array(HORIZON);
  members.forEach((f, m) => {
    for (let h = 0; h < HORIZON; h++) point[h]! += weights[m]! * f[h]!;
  });
  return point;
}

/** Mean MASE over series of the weighted combination of member forecasts (forecasts[s][m][h]). */
function combinedMase(forecasts: number[][][], actuals: number[][], scales: number[], weights: number[]): number {
  let total = 0;
  forecasts.forEach((members, s) => (total += meanAbsoluteError(actuals[s]!, combine(members, weights)) / scales[s]!));
  return total / forecasts.length;
}

/** The convex weights with the lowest combinedMase: exponentiated subgradient descent from several starts, best iterate kept. */
function bestConvexWeights(forecasts: number[][][], actuals: number[][], scales: number[]): { weights: number[]; mase: number } {
  const count = forecasts[0]!.length;
  let best = { weights: new Array(count).fill(1 / count) as number[], mase: Infinity };
  for (let start = 0; start <= count; start++) {
    // Starts: uniform, then each member leaning 0.7.
    let w = Array.from({ length: count }, (_, m) => (start === 0 ? 1 / count : m === start - 1 ? 0.7 : 0.3 / (count - 1)));
    for (let step = 0; step < 3000; step++) {
      const value = combinedMase(forecasts, actuals, scales, w);
      if (value < best.mase) best = { weights: [...w], mase: value };
      const gradient = new Array(count).fill(0) as number[];
      forecasts.forEach((members, s) => {
        const point = combine(members, w);
        for (let h = 0; h < HORIZON; h++) {
          const sign = Math.sign(point[h]! - actuals[s]![h]!) / HORIZON / scales[s]! / forecasts.length;
          members.forEach((f, m) => (gradient[m]! += sign * f[h]!));
        }
      });
      const rate = 0.5 / Math.sqrt(step + 1);
      w = w.map((x, m) => x * Math.exp(-rate * gradient[m]!));
      const sum = w.reduce((a, b) => a + b, 0);
      w = w.map((x) => x / sum);
    }
  }
  return best;
}

const n = main.dates.length;
console.log(`${mainPath}: ${main.series.length} series × ${n} weeks; load ${loadavg()[0]!.toFixed(1)}`);
for (const testEnd of [n, n - HORIZON]) {
  const origin = testEnd - HORIZON;
  const start = performance.now();
  const cuts = [origin - 2 * HORIZON, origin - HORIZON, origin].filter((c) => c >= 2 * PERIOD);
  const globals = trainGlobalModels(main.series.map((s) => s.values), PERIOD, cuts, {});
  const forecasts: number[][][] = [];
  const actuals: number[][] = [];
  const trains: Float64Array[] = [];
  const scales: number[] = [];
  let ensembleMase = 0;
  for (const series of main.series) {
    const train = series.values.slice(0, origin);
    const actual = Array.from(series.values.slice(origin, testEnd));
    const lead = alignLead(main, leads, series.name)?.slice(0, origin);
    const naive = seasonalNaiveForecast(train, HORIZON, PERIOD);
    const clip = (f: ArrayLike<number> | null | undefined) => Array.from(f ?? naive, (v) => Math.max(0, v));
    const input = { y: train, horizon: HORIZON, period: PERIOD };
    forecasts.push([
      clip(naive),
      clip(runModel('ets', input)),
      clip(runModel('theta', input)),
      clip(runModel('profile', input)),
      clip(runModel('attention', input)),
      clip(lead ? runModel('lead', { ...input, lead }) : undefined),
      clip(globalForecast(globals.models[globals.models.length - 1]!, train, HORIZON, 0).quantiles[2]),
    ]);
    actuals.push(actual);
    trains.push(train);
    scales.push(maseScale(train, PERIOD));
    const ensemble = clip(forecastSeries(series.name, train, { horizon: HORIZON, period: PERIOD, global: globals, ensemble: { models: [...DEFAULT_ENSEMBLE.models, 'global'] } }, lead).point);
    ensembleMase += mase(actual, ensemble, train, PERIOD);
  }
  const single = MEMBERS.map((_, m) => combinedMase(forecasts, actuals, scales, MEMBERS.map((__, k) => (k === m ? 1 : 0))));
  const bound = bestConvexWeights(forecasts, actuals, scales);
  const perSeriesBest = forecasts.reduce((sum, members, s) => sum + Math.min(...members.map((f) => mase(actuals[s]!, f, trains[s]!, PERIOD))), 0) / forecasts.length;
  console.log(`\n${formatDate(main.dates[origin]!).slice(0, 4)} test (${((performance.now() - start) / 1000).toFixed(0)} s):`);
  MEMBERS.forEach((name, m) => console.log(`  ${name.padEnd(18)} MASE ${single[m]!.toFixed(3)}`));
  console.log(`  ensemble + global (today's method)   MASE ${(ensembleMase / forecasts.length).toFixed(3)}`);
  console.log(`  bound: best fixed convex weights, chosen on this test year   MASE ${bound.mase.toFixed(4)}  (${MEMBERS.map((name, m) => `${name} ${bound.weights[m]!.toFixed(2)}`).join(', ')})`);
  console.log(`  bound: best single member per series, chosen on this test year   MASE ${perSeriesBest.toFixed(3)}`);
}
