/**
 * `npm run bench:dashboard`: how fast the dashboard answers a filter change on a 1M-item catalogue.
 *
 * 1. Node, same run: the dashboard's counting path (columns coded once, then integer counting per
 *    filter change — `PreparedDataset.trends`) against a baseline that recounts from the label
 *    strings (`recountFromStrings` in bench/stringRecount.ts, the straightforward way), for the same
 *    filter changes on the same table.
 * 2. Headless Chromium, the built app: open the file, skip labelling (cancel), then change the
 *    region filter repeatedly; each time is from the change event until the open view has been
 *    rendered for the new filters (its `data-filter-<column>` attribute says so) and two animation frames
 *    have passed (recount + render + paint of the chart). Median and worst are printed, and so is
 *    the longest main-thread task (PerformanceObserver 'longtask') during the changes and the
 *    forecasts that arrive after them: that is the longest the page could not answer the user.
 *    The changes start once the dashboard has settled (weekly forecasts in, no long task for 2 s);
 *    Most changes follow at once; after some the bench pauses like a user looking at the chart
 *    (0.6 s, so that selection's forecast run is under way at the next change; or until its
 *    forecasts are drawn), so forecasts are computed and arrive between and after the changes.
 * Figures only; never pass/fail. Options: ROWS=1000000; PROFILE=1 builds unminified and prints
 * the page functions with the most self time during the changes (Chrome's CPU profiler).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { recountFromStrings } from './stringRecount.ts';
import { bytesSource, intake } from '../src/core/intake/intake.ts';
import { PreparedDataset } from '../src/core/dashboard/prepared.ts';
import type { DashboardSpec } from '../src/core/dashboard/spec.ts';
import { writeCatalogue } from './ingestData.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const PROFILE = process.env.PROFILE === '1';
const OUT = join(ROOT, 'bench', 'out');
const CSV = join(OUT, `catalogue-${ROWS}.csv`);
mkdirSync(OUT, { recursive: true });
if (!existsSync(CSV)) await writeCatalogue(CSV, ROWS);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// --- Node: coded counting vs recounting strings -------------------------------------------
const parsed = await intake(bytesSource(new Uint8Array(readFileSync(CSV)), 'catalogue.csv'));
const dataset = { fileName: 'catalogue.csv', fileSize: 0, table: parsed.table, columns: parsed.columns.map((c) => ({ name: c.name, type: c.type, role: c.role })), problems: [], notes: [] };
const prepared = new PreparedDataset(dataset);
const regionColumn = dataset.columns.find((c) => c.role === 'region')!.name;
const facet = dataset.columns.find((c) => c.role === 'styles')?.name ?? dataset.columns.find((c) => c.role === 'category')!.name;
const regions = prepared.coded(regionColumn).values;
const spec: DashboardSpec = { facet, grain: 'week', measure: 'items', filters: {}, horizon: 4, minSupport: 20, topN: 8 };
const s0 = performance.now();
prepared.trends(spec); // codes the columns once (part of opening the dashboard)
const setupMs = performance.now() - s0;
const codedTimes: number[] = [];
for (const region of [...regions, ...regions]) {
  const t = performance.now();
  prepared.countTrends({ ...spec, filters: { [regionColumn]: [region] } }); // counted afresh: the page caches results
  codedTimes.push(performance.now() - t);
}
// Baseline inputs (label lists and fields as strings) are built once, outside the timing.
const facetCoded = prepared.coded(facet);
const labels: string[][] = [];
const labelCodes = facetCoded.labels;
for (let i = 0; i < prepared.itemCount; i++) {
  if (labelCodes.kind === 'single') labels.push(labelCodes.codes[i]! >= 0 ? [facetCoded.values[labelCodes.codes[i]!]!] : []);
  else labels.push(Array.from(labelCodes.codes.subarray(labelCodes.offsets[i]!, labelCodes.offsets[i + 1]!), (c) => facetCoded.values[c]!));
}
const regionCoded = prepared.coded(regionColumn);
const regionField = Array.from((regionCoded.labels as { codes: Int32Array }).codes, (c) => (c >= 0 ? regionCoded.values[c]! : null));
const dates = Float64Array.from(prepared.dates()!);
const baselineTimes: number[] = [];
for (const region of regions.slice(0, 4)) {
  const t = performance.now();
  recountFromStrings({ dates, labels, fields: { region: regionField } }, 'week', { region: [region] });
  baselineTimes.push(performance.now() - t);
}

// --- Browser: the built app, filter change → redraw ----------------------------------------
console.error('building the app…');
await build({ root: ROOT, logLevel: 'error', ...(PROFILE ? { build: { minify: false } } : {}) });
const server = await preview({ root: ROOT, preview: { port: 4181, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
/** A pause the bench made after a change: 'run' (0.6 s, a forecast run under way at the next change) or 'arrive' (until its forecasts were drawn). */
interface Pause { after: number; kind: 'run' | 'arrive'; forecastsIn: boolean; waitedMs?: number }
let redraws: number[] = [];
let committedMs: number[] = [];
let recountMs: number[] = [];
let pauses: Pause[] = [];
let longTasks: number[] = [];
let profileTop: string[] = [];
let openSeconds = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto('http://127.0.0.1:4181/');
  const t = performance.now();
  await page.getByTestId('file-input').setInputFiles(CSV);
  await page.getByTestId('confirm-mapping').click({ timeout: 300_000 });
  await page.getByTestId('cancel').click({ timeout: 120_000 }); // skip labelling: facets from the file's own columns
  await page.getByTestId('dashboard').waitFor({ timeout: 300_000 });
  await page.getByTestId('trend-chart').locator('svg.recharts-surface[role="application"]').waitFor({ timeout: 120_000 });
  openSeconds = (performance.now() - t) / 1000;
  await page.getByTestId('grain').selectOption('week');
  // Measure a settled dashboard: the weekly forecasts are in, and the main thread has had no long
  // task for 2 s (opening also saves the table to this browser's storage). Each change below
  // still overlaps the forecasts of the changes before it.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-testid="mase"]')];
    return cells.length > 0 && cells.every((cell) => cell.textContent !== '…');
  }, undefined, { timeout: 300_000 });
  const settleSeconds = (await page.evaluate(`(async () => {
    const start = performance.now();
    let last = start;
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) last = Math.max(last, e.startTime + e.duration); });
    observer.observe({ type: 'longtask', buffered: true });
    while (performance.now() - last < 2000 && performance.now() - start < 60000) await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    return (performance.now() - start) / 1000;
  })()`)) as number;
  console.error(`dashboard settled after ${settleSeconds.toFixed(1)} s`);
  const testId = `filter-${regionColumn}`;
  const cdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // Passed as source text: tsx would otherwise wrap named helpers in `__name`, unknown in the page.
  const measured = (await page.evaluate(`(async () => {
    const select = document.querySelector('[data-testid="${testId}"]');
    const view = document.querySelector('[data-testid="dashboard"] [role="tabpanel"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    const out = [];
    const committed = [];
    const recounts = [];
    const pauses = [];
    const forecastsIn = () => {
      const cells = [...document.querySelectorAll('[data-testid="mase"]')];
      return cells.length > 0 && cells.every((cell) => cell.textContent !== '…');
    };
    const values = ${JSON.stringify([...regions, '', ...regions, ''])};
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      await frame();
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      // Rendered for this filter: the view's data-filter-<column> names the values it was drawn for.
      const want = JSON.stringify(value ? [value] : []);
      // (A build without the attribute rendered synchronously in the change event: nothing to wait for.)
      while (view.hasAttribute('data-filter-${regionColumn}') && view.getAttribute('data-filter-${regionColumn}') !== want) await new Promise((r) => setTimeout(r, 0));
      const t1 = performance.now();
      // The recounts done for this change (user-timing entries the dashboard writes).
      recounts.push(performance.getEntriesByName('trendloom:recount').filter((e) => e.startTime >= t0).reduce((sum, e) => sum + e.duration, 0));
      await frame();
      await frame();
      out.push(performance.now() - t0);
      committed.push(t1 - t0);
      // Like a user who looks at some selections: after every third change the next one comes 0.6 s
      // later (that selection's forecast run is under way in the worker during the next change), and
      // after the one after it the next waits until its forecasts are drawn. The others follow at once.
      if (i % 3 === 1) {
        await new Promise((r) => setTimeout(r, 600));
        pauses.push({ after: i, kind: 'run', forecastsIn: forecastsIn() });
      } else if (i % 3 === 2 && i < values.length - 1) {
        const start = performance.now();
        while (!forecastsIn() && performance.now() - start < 60000) await new Promise((r) => setTimeout(r, 50));
        pauses.push({ after: i, kind: 'arrive', forecastsIn: forecastsIn(), waitedMs: Math.round(performance.now() - start) });
      }
    }
    // Forecasts of the last selections arrive after the loop: their renders count as long tasks too.
    await new Promise((r) => setTimeout(r, 3000));
    await new Promise((r) => setTimeout(r, 0));
    observer.disconnect();
    return { out, committed, recounts, pauses, longTasks };
  })()`)) as { out: number[]; committed: number[]; recounts: number[]; pauses: Pause[]; longTasks: number[] };
  redraws = measured.out;
  committedMs = measured.committed;
  recountMs = measured.recounts;
  pauses = measured.pauses;
  longTasks = measured.longTasks;
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    profileTop = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`);
    // The same samples by source module: the unminified bundle marks each module with a comment.
    const modules = new Map<string, number>();
    const regions = new Map<string, [number, string][]>();
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      let module = functionName.startsWith('(') ? functionName : url ? 'other page code' : `native ${functionName}`;
      const file = url.replace(/^.*\/assets\//, '');
      if (url.includes('/assets/')) {
        if (!regions.has(file)) {
          const lines = readFileSync(join(ROOT, 'dist', 'assets', file), 'utf8').split('\n');
          regions.set(file, lines.flatMap((l, n) => (/^\/\/ (node_modules|src)\//.test(l) ? [[n, l.slice(3).replace(/^node_modules\/([^/]+)\/.*$/, '$1')] as [number, string]] : [])));
        }
        const marks = regions.get(file)!;
        let lo = 0;
        for (let hi = marks.length - 1; lo < hi; ) {
          const mid = (lo + hi + 1) >> 1;
          if (marks[mid]![0] <= lineNumber) lo = mid;
          else hi = mid - 1;
        }
        if (marks[lo] && marks[lo]![0] <= lineNumber) module = marks[lo]![1];
      }
      modules.set(module, (modules.get(module) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    profileTop.push('by module:', ...[...modules.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`));
  }
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}

const result = {
  bench: 'dashboard',
  rows: parsed.table.numRows,
  facet,
  filter: regionColumn,
  node_setup_ms: Math.round(setupMs),
  node_coded_recount_median_ms: Number(median(codedTimes).toFixed(1)),
  node_string_recount_baseline_median_ms: Number(median(baselineTimes).toFixed(1)),
  node_speedup: Number((median(baselineTimes) / median(codedTimes)).toFixed(1)),
  browser_open_to_dashboard_s: Number(openSeconds.toFixed(1)),
  browser_filter_to_redraw_median_ms: Number(median(redraws).toFixed(1)),
  browser_filter_to_redraw_max_ms: Number(Math.max(...redraws).toFixed(1)),
  browser_changes: redraws.length,
  browser_redraws_ms: redraws.map((ms) => Math.round(ms)),
  browser_rendered_ms: committedMs.map((ms) => Math.round(ms)),
  browser_recount_ms: recountMs.map((ms) => Math.round(ms)),
  browser_pauses: pauses.map((p) => `after ${p.after + 1}: ${p.kind}${p.waitedMs !== undefined ? ` ${p.waitedMs} ms` : ''}${p.forecastsIn ? ', forecasts in' : ''}`),
  browser_longest_task_ms: Number(Math.max(0, ...longTasks).toFixed(0)),
  browser_long_tasks_over_200ms: longTasks.filter((d) => d > 200).length,
  load_average: loadavg().map((l) => Number(l.toFixed(1))),
};
console.log(`${result.rows.toLocaleString('en-GB')} items; facet "${facet}" by week; filter "${regionColumn}" changed ${redraws.length} times`);
console.log(`node: recount on coded columns ${result.node_coded_recount_median_ms} ms (median) vs recount from strings ${result.node_string_recount_baseline_median_ms} ms (baseline, same run): ×${result.node_speedup}; one-off coding ${result.node_setup_ms} ms`);
console.log(`browser: filter change → redrawn chart ${result.browser_filter_to_redraw_median_ms} ms median, ${result.browser_filter_to_redraw_max_ms} ms worst; file → dashboard ${result.browser_open_to_dashboard_s} s`);
console.log(`browser: pauses ${pauses.filter((p) => p.kind === 'run').length}× 0.6 s, ${pauses.filter((p) => p.kind === 'arrive').length}× until forecasts were drawn (in: ${pauses.filter((p) => p.forecastsIn).length} of ${pauses.length}); change → view rendered (before paint) median ${median(committedMs).toFixed(0)} ms, of which recount ${median(recountMs).toFixed(0)} ms`);
console.log(`browser: longest main-thread task ${result.browser_longest_task_ms} ms; tasks over 200 ms: ${result.browser_long_tasks_over_200ms} (during the changes and 3 s after); load average ${result.load_average.join(' ')}`);
if (profileTop.length) console.log(`page self time during the changes (CPU profile):\n${profileTop.join('\n')}`);
console.log(JSON.stringify(result));
