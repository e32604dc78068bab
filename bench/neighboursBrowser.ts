// The nearest-neighbour benchmark (bench/neighboursRun.ts) in Debian's Chromium: the same code,
// bundled with Vite, run in a page (plain JavaScript typed arrays, as in the app's inference worker).
// Usage: npx tsx bench/neighboursBrowser.ts [--items 1000000] [--queries 50] [--probes 32]
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, type Rollup } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const options = { items: option('items', 1_000_000), queries: option('queries', 50), probes: option('probes', 32) };
const load0 = loadavg().map((l) => l.toFixed(2)).join(' ');

// One self-contained script that puts runNeighboursBench on the page's globalThis.
const output = (await build({
  configFile: false,
  logLevel: 'warn',
  build: { write: false, minify: false, lib: { entry: join(here, 'neighboursRun.ts'), formats: ['iife'], name: 'neighboursBench' } },
})) as Rollup.RollupOutput[] | Rollup.RollupOutput;
const chunk = (Array.isArray(output) ? output[0]! : output).output.find((o) => o.type === 'chunk')!;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--js-flags=--max-old-space-size=4096'] });
const page = await browser.newPage();
await page.goto('about:blank');
await page.addScriptTag({ content: chunk.code });
const version = browser.version();
const lines = await page.evaluate((o) => {
  const out: string[] = [];
  (globalThis as unknown as { neighboursBench: { runNeighboursBench(o: unknown, log: (l: string) => void): void } }).neighboursBench.runNeighboursBench(o, (l) => out.push(l));
  return out;
}, options);
await browser.close();
for (const line of lines) console.log(line);
console.log(`Chromium ${version}; load average ${load0} before, ${loadavg().map((l) => l.toFixed(2)).join(' ')} after`);
