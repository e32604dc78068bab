// How the ensemble's settings were chosen: compares combination rules on the 2018 test year only
// (train 2015–2017), so the 2019 figures of bench/forecast.ts stay an honest out-of-sample test.
// Usage: npx tsx bench/forecastSelect.ts [main.csv] [lead.csv]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeriesBytes as readSeriesFileBytes } from '../src/core/series/read.ts';
import { alignLead, DEFAULT_ENSEMBLE, intervalCoverage, mase, runEnsemble, type EnsembleOptions } from '../src/core/forecast/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const mainPath = process.argv[2] ?? join(here, '../../shared/data/trend-series/f1_main_100_sequences.csv');
const leadPath = process.argv[3] ?? mainPath.replace('f1_main_100_sequences', 'f1_fashion_forward_100_sequences');
const main = await readSeriesFileBytes(readFileSync(mainPath));
const leads = await readSeriesFileBytes(readFileSync(leadPath));
const testEnd = main.dates.length - 52; // the year before the last: 2018 on the F1 sample
const variants: [string, Partial<EnsembleOptions>][] = [
  ['best single model per series', { combination: 'best' }],
  ['inverse-error², top 3', { combination: 'inverse-error', topK: 3 }],
  ['inverse-error², all', { combination: 'inverse-error', topK: 6 }],
  ['median of all', { combination: 'median' }],
  ['mean of all', { combination: 'mean' }],
  ['trimmed mean (≤1.3× best)', { combination: 'trimmed-mean', trimRatio: 1.3 }],
  ['trimmed mean (≤2× best), flat intervals [default]', { combination: 'trimmed-mean', trimRatio: 2, intervalShape: 'flat' }],
  ['trimmed mean (≤2× best), widening intervals', { combination: 'trimmed-mean', trimRatio: 2, intervalShape: 'linear' }],
];
console.log('Ensemble combination rules on the 2018 test year (train 2015–2017), 100 series');
console.log(`${'rule'.padEnd(54)} MASE   cover80  cover95`);
const json: Record<string, { mase: number; coverage80: number; coverage95: number }> = {};
for (const [name, v] of variants) {
  let total = 0;
  let c80 = 0;
  let c95 = 0;
  for (const s of main.series) {
    const train = s.values.slice(0, testEnd - 52);
    const actual = s.values.slice(testEnd - 52, testEnd);
    const lead = alignLead(main, leads, s.name)?.slice(0, testEnd - 52);
    const r = runEnsemble({ y: train, horizon: 52, period: 52, lead }, { ...DEFAULT_ENSEMBLE, ...v });
    total += mase(actual, r.point.map((x) => Math.max(0, x)), train, 52);
    c80 += intervalCoverage(actual, r.lo80!, r.hi80!);
    c95 += intervalCoverage(actual, r.lo95!, r.hi95!);
  }
  const n = main.series.length;
  json[name] = { mase: total / n, coverage80: c80 / n, coverage95: c95 / n };
  console.log(`${name.padEnd(54)} ${(total / n).toFixed(3)}  ${((100 * c80) / n).toFixed(1).padStart(6)}%  ${((100 * c95) / n).toFixed(1).padStart(6)}%`);
}
console.log(JSON.stringify({ bench: 'forecast-select-2018', results: json }));
