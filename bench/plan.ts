// Season-plan benchmark (issue 15): the F1 weekly trend series treated as unit sales, planned
// 26 weeks ahead from rolling origins. Groups = the 100 series, sub-totals = their region (the
// name's first part, e.g. "br"), one total. Measures, over every series and origin:
//   - coverage of the plan quantities at 80 % and 95 % (actual season total ≤ quantity), and of
//     the 80 % / 95 % ranges (goal: within ±5 points of nominal);
//   - pinball loss at 0.8 of the plan quantity against "same season last year" and against the
//     plain sum of the 26 weekly 0.8-quantiles of the same engine (goal: lower than both);
//   - coherence: largest |sub-total or total − sum of its groups| (goal: 0 up to rounding).
// Usage: npx tsx bench/plan.ts [series.csv] [--origins 4] [--series N]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeriesBytes as readSeriesFileBytes } from '../src/core/series/read.ts';
import { formatDate } from '../src/core/series/seriesSet.ts';
import { pinballLoss, planSeason, sameSeasonLastYear, seasonQuantile, summedPeriodQuantile, type PlanGroupInput } from '../src/core/plan/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]!.startsWith('--')));
const path = resolve(positional[0] ?? join(here, '../../shared/data/trend-series/f1_main_100_sequences.csv'));
const SEASON = 26;
const PERIOD = 52;
const originsWanted = Number(option('origins') ?? 4);
const set = await readSeriesFileBytes(readFileSync(path));
const series = set.series.slice(0, Number(option('series') ?? set.series.length));
const n = set.dates.length;
// Origins: the last test season ends at the last week; earlier ones step back a season each.
const origins = Array.from({ length: originsWanted }, (_, k) => n - SEASON * (k + 1)).reverse();

console.log(`plan bench: ${series.length} weekly series from ${path.split('/').pop()}, ${n} weeks (${formatDate(set.dates[0]!)} … ${formatDate(set.dates[n - 1]!)}), season ${SEASON} weeks`);
console.log(`origins (first test week): ${origins.map((o) => formatDate(set.dates[o]!)).join(', ')}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

interface Tally {
  count: number;
  below80: number;
  below95: number;
  in80: number;
  in95: number;
  pinPlan: number;
  pinBase: number;
  pinLastYear: number;
  pinSummed: number;
  actual: number;
}
const tally = (): Tally => ({ count: 0, below80: 0, below95: 0, in80: 0, in95: 0, pinPlan: 0, pinBase: 0, pinLastYear: 0, pinSummed: 0, actual: 0 });
const byLevel = { group: tally(), subtotal: tally(), total: tally() };
let lastYearMissing = 0;
let worstIncoherence = 0;
const started = performance.now();
const before = tally();
for (const origin of origins) {
  const groups: PlanGroupInput[] = series.map((s) => ({ key: [s.name.split('_')[0]!, s.name.split('_').slice(1).join('_')], units: s.values.slice(0, origin) }));
  const plan = planSeason(groups, { horizon: SEASON, period: PERIOD, serviceLevel: 0.8 });
  const leaves = plan.rows.filter((r) => r.level === 'group');
  for (const row of plan.rows) {
    // The row's actual season: its groups' units over the test weeks.
    const members = row.level === 'group' ? [row] : leaves.filter((g) => row.key.every((k, i) => k === '' || k === g.key[i]));
    const memberSum = members.reduce((s, g) => s + g.forecastUnits, 0);
    worstIncoherence = Math.max(worstIncoherence, Math.abs(row.forecastUnits - memberSum) / Math.max(1e-12, Math.abs(memberSum)));
    let actual = 0;
    let lastYear = 0;
    for (const g of members) {
      const s = series.find((x) => x.name === `${g.key[0]}_${g.key[1]}`)!;
      for (let t = origin; t < origin + SEASON; t++) actual += Number.isFinite(s.values[t]!) ? s.values[t]! : 0;
      lastYear += sameSeasonLastYear(s.values.slice(0, origin), SEASON, PERIOD);
    }
    if (!Number.isFinite(lastYear)) {
      lastYearMissing++;
      continue;
    }
    const t = byLevel[row.level];
    const q80 = row.serviceQuantile;
    const q95 = seasonQuantile(row.forecastUnits, row.spread, 0.95);
    t.count++;
    t.actual += actual;
    if (actual <= q80) t.below80++;
    if (actual <= q95) t.below95++;
    if (actual >= row.lo80 && actual <= row.hi80) t.in80++;
    if (actual >= row.lo95 && actual <= row.hi95) t.in95++;
    t.pinPlan += pinballLoss(actual, q80, 0.8);
    t.pinBase += pinballLoss(actual, seasonQuantile(row.baseForecast, row.spread, 0.8), 0.8);
    t.pinLastYear += pinballLoss(actual, lastYear, 0.8);
    t.pinSummed += pinballLoss(actual, summedPeriodQuantile(row.season.periodPoint, row.season.periodHi80, 0.8), 0.8);
  }
  const g = byLevel.group;
  const share = (a: number, b: number) => (b > 0 ? (100 * a) / b : NaN);
  const seen = { count: g.count - before.count, below80: g.below80 - before.below80, pinPlan: g.pinPlan - before.pinPlan, pinLastYear: g.pinLastYear - before.pinLastYear, pinSummed: g.pinSummed - before.pinSummed, actual: g.actual - before.actual };
  Object.assign(before, g);
  const pairs = leaves.reduce((s, r) => s + r.season.pairs.length, 0);
  console.log(
    `  origin ${formatDate(set.dates[origin]!)} (${origin} weeks of history, ${pairs} past season errors): groups ≤Q80 ${share(seen.below80, seen.count).toFixed(1)} %, ` +
      `pinball % plan ${share(seen.pinPlan, seen.actual).toFixed(2)} | last year ${share(seen.pinLastYear, seen.actual).toFixed(2)} | weekly Q80 ${share(seen.pinSummed, seen.actual).toFixed(2)}; ${plan.reconciliation.split(':')[0]}; ${((performance.now() - started) / 1000).toFixed(0)} s so far`,
  );
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '—');
const rel = (loss: number, t: Tally) => (t.actual > 0 ? ((100 * loss) / t.actual).toFixed(2) : '—');
console.log('');
console.log('level     n    ≤Q80      ≤Q95      in 80%    in 95%    pinball@0.8 as % of actual units: plan (MinT) | base (unreconciled) | same season last year | sum of weekly Q80');
for (const [level, t] of Object.entries(byLevel)) {
  if (t.count === 0) continue;
  console.log(`${level.padEnd(9)} ${String(t.count).padEnd(4)} ${pct(t.below80, t.count).padEnd(9)} ${pct(t.below95, t.count).padEnd(9)} ${pct(t.in80, t.count).padEnd(9)} ${pct(t.in95, t.count).padEnd(9)} ${rel(t.pinPlan, t)} | ${rel(t.pinBase, t)} | ${rel(t.pinLastYear, t)} | ${rel(t.pinSummed, t)}`);
}
const g = byLevel.group;
const within = (share: number, nominal: number) => Math.abs(100 * share - nominal) <= 5;
console.log('');
console.log(`coherence: largest |total − sum of its groups| / sum = ${worstIncoherence.toExponential(1)} (goal: 0 up to rounding)`);
console.log(`goal coverage (groups, ±5 points): Q80 ${within(g.below80 / g.count, 80) ? 'met' : 'NOT met'}, Q95 ${within(g.below95 / g.count, 95) ? 'met' : 'NOT met'}, 80 % range ${within(g.in80 / g.count, 80) ? 'met' : 'NOT met'}, 95 % range ${within(g.in95 / g.count, 95) ? 'met' : 'NOT met'}`);
console.log(`goal pinball (groups): plan ${g.pinPlan < g.pinLastYear ? 'beats' : 'does NOT beat'} same season last year (${(g.pinPlan / g.pinLastYear).toFixed(3)}×), ${g.pinPlan < g.pinSummed ? 'beats' : 'does NOT beat'} the sum of weekly quantiles (${(g.pinPlan / g.pinSummed).toFixed(3)}×)`);
if (lastYearMissing > 0) console.log(`(${lastYearMissing} rows without a full same-season-last-year were left out)`);
console.log(`time ${((performance.now() - started) / 1000).toFixed(1)} s; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
