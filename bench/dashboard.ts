/**
 * `npm run bench:dashboard`: how fast the dashboard answers a filter change on a 1M-item catalogue.
 *
 * 1. Node, same run: the dashboard's counting path (columns coded once, then integer counting per
 *    filter change — `PreparedDataset.trends`) against a baseline that recounts from the label
 *    strings (`aggregateTrends` in src/core/aggregate, the straightforward way), for the same
 *    filter changes on the same table.
 * 2. Headless Chromium, the built app: open the file, skip labelling (cancel), then change the
 *    region filter repeatedly; each time is from the change event to the second animation frame
 *    after it (React commits synchronously for a select change, so this covers recount + render +
 *    paint of the chart). Median and worst are printed.
 * Figures only; never pass/fail. Options: ROWS=1000000.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { aggregateTrends } from '../src/core/aggregate/items.ts';
import { bytesSource, intake } from '../src/core/intake/intake.ts';
import { PreparedDataset } from '../src/state/prepared.ts';
import type { DashboardSpec } from '../src/state/store.ts';
import { writeCatalogue } from './ingestData.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROWS = Number(process.env.ROWS ?? 1_000_000);
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
  prepared.trends({ ...spec, filters: { [regionColumn]: [region] } });
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
  aggregateTrends({ dates, labels, fields: { region: regionField } }, { period: 'week', filter: { region: [region] } });
  baselineTimes.push(performance.now() - t);
}

// --- Browser: the built app, filter change → redraw ----------------------------------------
console.error('building the app…');
await build({ root: ROOT, logLevel: 'error' });
const server = await preview({ root: ROOT, preview: { port: 4181, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let redraws: number[] = [];
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
  const testId = `filter-${regionColumn}`;
  // Passed as source text: tsx would otherwise wrap named helpers in `__name`, unknown in the page.
  redraws = await page.evaluate(`(async () => {
    const select = document.querySelector('[data-testid="${testId}"]');
    const out = [];
    for (const value of ${JSON.stringify([...regions, '', ...regions, ''])}) {
      await new Promise((r) => requestAnimationFrame(() => r()));
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      await new Promise((r) => requestAnimationFrame(() => r()));
      out.push(performance.now() - t0);
    }
    return out;
  })()`);
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
};
console.log(`${result.rows.toLocaleString('en-GB')} items; facet "${facet}" by week; filter "${regionColumn}" changed ${redraws.length} times`);
console.log(`node: recount on coded columns ${result.node_coded_recount_median_ms} ms (median) vs recount from strings ${result.node_string_recount_baseline_median_ms} ms (baseline, same run): ×${result.node_speedup}; one-off coding ${result.node_setup_ms} ms`);
console.log(`browser: filter change → redrawn chart ${result.browser_filter_to_redraw_median_ms} ms median, ${result.browser_filter_to_redraw_max_ms} ms worst; file → dashboard ${result.browser_open_to_dashboard_s} s`);
console.log(JSON.stringify(result));
