// Peak memory of `trendloom classify` on a large catalogue: generates an N-row CSV (product names
// from the held-out fixture, D distinct items, the other columns varied), then runs the real CLI in
// a child process twice — `inspect` (reading the file alone: the same-run baseline) and
// `classify --out` — and reports each one's peak resident memory (the child's own maxRSS), time
// and the output's size. Prints figures and one JSON line; never fails on a figure.
// usage: npm run bench:classify-large [-- --rows 200000 --distinct 2000 --keep]
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { csvField } from '../src/core/csv/field.ts';
import { productNames } from './productNames.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const rows = option('rows', 200_000);
const distinct = option('distinct', 2_000);
const keep = process.argv.includes('--keep');
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'trendloom-classify-large-'));
const input = join(dir, 'catalogue.csv');
const output = join(dir, 'labelled.csv');

// 1. The catalogue, written in blocks so the generator itself stays small.
const { names, source } = productNames('test/fixtures/classifier/catalogue-heldout-sample.csv', 'test fixture');
const items = Array.from({ length: distinct }, (_, i) => `${names[i % names.length]}${i >= names.length ? ` ${Math.floor(i / names.length)}` : ''}`);
const colours = ['Navy Blue', 'Black', 'White', 'Red', 'Beige', 'Olive'];
const seasons = ['Summer', 'Winter', 'Spring', 'Fall'];
const fd = openSync(input, 'w');
writeSync(fd, 'id,productDisplayName,gender,baseColour,season,year,price\n');
for (let start = 0; start < rows; start += 10_000) {
  const lines: string[] = [];
  for (let i = start; i < Math.min(rows, start + 10_000); i++) {
    const item = items[(i * 7919) % distinct]!;
    lines.push([String(100000 + i), csvField(item), i % 3 ? 'Women' : 'Men', colours[i % colours.length]!, seasons[i % 4]!, String(2012 + (i % 8)), ((i % 997) / 10 + 5).toFixed(2)].join(','));
  }
  writeSync(fd, `${lines.join('\n')}\n`);
}
closeSync(fd);
const inputBytes = statSync(input).size;

/** Runs `trendloom <args>` in a child and returns its exit status, seconds and peak RSS (bytes). */
function runCli(args: string[]): Promise<{ code: number; seconds: number; maxRssBytes: number; stderr: string }> {
  const script = `
    const { register } = await import('tsx/esm/api');
    register();
    const { main } = await import(${JSON.stringify(pathToFileURL(join(root, 'src/cli/main.ts')).href)});
    const code = await main(${JSON.stringify(args)}, { out: () => {}, err: (t) => process.stderr.write(t) });
    process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n');
    process.exitCode = code;`;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const kb = Number(/MAXRSS_KB (\d+)/.exec(stderr)?.[1] ?? NaN);
      done({ code: code ?? -1, seconds: (performance.now() - started) / 1000, maxRssBytes: kb * 1024, stderr });
    });
  });
}

/** Newlines in a file, counted while streaming it. */
async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) for (const byte of chunk) if (byte === 10) count++;
  return count;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const baseline = await runCli(['inspect', input]);
const classify = await runCli(['classify', input, '--text', 'productDisplayName', '--out', output]);
if (classify.code !== 0) console.error(classify.stderr.slice(-2000));
const outputBytes = classify.code === 0 ? statSync(output).size : 0;
const outputLines = classify.code === 0 ? await countLines(output) : 0;
const result = {
  bench: 'classify-large',
  source,
  rows,
  distinct,
  input_bytes: inputBytes,
  output_bytes: outputBytes,
  output_rows_ok: outputLines === rows + 1,
  classify_exit: classify.code,
  classify_seconds: classify.seconds,
  classify_peak_rss_bytes: classify.maxRssBytes,
  baseline_inspect_seconds: baseline.seconds,
  baseline_inspect_peak_rss_bytes: baseline.maxRssBytes,
  rss_ratio_classify_to_inspect: classify.maxRssBytes / baseline.maxRssBytes,
};
console.log(`input: ${rows.toLocaleString('en')} rows, ${distinct.toLocaleString('en')} distinct items, ${mb(inputBytes)} MB (${source})`);
console.log(`baseline, inspect (reading alone): ${baseline.seconds.toFixed(1)} s, peak RSS ${mb(baseline.maxRssBytes)} MB`);
console.log(`classify --out: exit ${classify.code}, ${classify.seconds.toFixed(1)} s, peak RSS ${mb(classify.maxRssBytes)} MB (×${result.rss_ratio_classify_to_inspect.toFixed(2)} the baseline); output ${mb(outputBytes)} MB, ${outputLines.toLocaleString('en')} lines${result.output_rows_ok ? ' (every row)' : ' (ROWS MISSING)'}`);
console.log(JSON.stringify(result));
if (!keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
