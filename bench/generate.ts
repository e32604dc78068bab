/**
 * `npm run bench:generate`: design-brief generation quality and speed in Node. 50 of the most
 * frequent Myntra (articleType, baseColour, usage) combinations × 10 drafts, unguided and guided
 * (src/model/briefs.ts), scored on tag adherence (the classifier reads the draft back with the
 * asked articleType / baseColour / usage), novelty (not a verbatim training/catalogue name),
 * diversity (distinct-2 within a combination) and tokens per second. Prints figures; never fails on them.
 *
 * Then the same drafting (unguided, the first 10 combinations) in Node and in Chromium (the built
 * app's diagnostics page drives the real inference worker on WASM, 1 thread), for tokens per second.
 *
 * Options: --combos N (default 50), --n N drafts (10), --seed S (1), --threads T (1), --no-browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { catalogueNameSet, DEFAULT_GUIDE, readNameHashes, draftBriefs, drafterOf, isVerbatimCopy, sampleDrafts, type BriefTags, type DraftBriefsOptions } from '../src/model/briefs.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier, loadNodeGenerator } from '../src/model/session.node.ts';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '..', 'shared/data/fashion-products/styles.csv');
const DEMO = resolve(ROOT, 'public/demo/catalogue-sample.csv');

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COMBOS = arg('combos', 50);
const N = arg('n', 10);
const SEED = arg('seed', 1);
const THREADS = arg('threads', 1);

/** Word bigrams of a name (lower case). */
function bigrams(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

/** distinct-2: distinct word bigrams / all word bigrams over the drafts of one combination. */
export function distinct2(texts: readonly string[]): number {
  const all = texts.flatMap(bigrams);
  return all.length ? new Set(all).size / all.length : 0;
}

const source = existsSync(SHARED) ? SHARED : DEMO;
const table = readCsvRows(readFileSync(source, 'utf8'));
const col = (name: string) => table.columns.indexOf(name);
const [at, bc, us, nm] = ['articleType', 'baseColour', 'usage', 'productDisplayName'].map(col) as [number, number, number, number];
const counts = new Map<string, number>();
for (const row of table.rows) {
  if (!row[at] || !row[bc] || !row[us]) continue;
  const key = `${row[at]}\u0000${row[bc]}\u0000${row[us]}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const combos: BriefTags[] = [...counts.entries()]
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .slice(0, COMBOS)
  .map(([key]) => {
    const [articleType, baseColour, usage] = key.split('\u0000');
    return { articleType, baseColour, usage };
  });
// Every training and demo name (the demo catalogue is a sample of the training catalogue).
const names = catalogueNameSet([...table.rows.map((r) => r[nm]!), ...readCsvRows(readFileSync(DEMO, 'utf8')).rows.map((r) => r[9]!)]);

// The generator's training briefs (training/data/myntra_briefs.csv), for the briefs' novelty.
const normaliseBrief = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const briefFile = resolve(ROOT, 'training/data/myntra_briefs.csv');
const briefTable = existsSync(briefFile) ? readCsvRows(readFileSync(briefFile, 'utf8')) : undefined;
const trainingBriefs = new Set(briefTable ? briefTable.rows.map((r) => normaliseBrief(r[briefTable.columns.indexOf('brief')]!)) : []);

// The shipped hashes of the training names, as the app and the CLI drop copies with them.
const shipped = readNameHashes(new Uint8Array(readFileSync(resolve(ROOT, 'public/briefs/training-names.u32'))));

const classifier = await loadNodeClassifier(undefined, { threads: THREADS });
// The shipped tag-conditioned generator (config.json `generator`), measured beside the classifier's own LM head.
const generator = await loadNodeGenerator(DEFAULT_MODEL_DIR, classifier.config, THREADS);
const drafters: [string, Pick<DraftBriefsOptions, 'generator'>][] = [
  ...(process.argv.includes('--generator-only') ? [] : [['classifier LM head', {}] as [string, Pick<DraftBriefsOptions, 'generator'>]]),
  ...(generator ? [['generator', { generator }] as [string, Pick<DraftBriefsOptions, 'generator'>]] : []),
];
console.log(`bench:generate — ${combos.length} combinations (most frequent articleType × baseColour × usage of ${source.replace(resolve(ROOT, '..') + '/', '../')}) × ${N} drafts, seed ${SEED}, ${THREADS} thread(s), ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

interface Figures {
  articleType: number;
  baseColour: number;
  usage: number;
  allThree: number;
  novelty: number;
  distinct2: number;
  drafts: number;
  tokens: number;
  seconds: number;
  redrafted: number;
  /** Briefs the model wrote (the rest are the template's), and of those: read alone, the asked articleType / baseColour; not a training brief; distinct-2 per combination. */
  briefs: { byModel: number; articleType: number; baseColour: number; asked: { articleType: number; baseColour: number }; novel: number; distinct2: number; rewritten: number; byType: Map<string, [number, number]> };
}

async function run(label: string, options: Omit<DraftBriefsOptions, 'n'>): Promise<Figures> {
  const f: Figures = { articleType: 0, baseColour: 0, usage: 0, allThree: 0, novelty: 0, distinct2: 0, drafts: 0, tokens: 0, seconds: 0, redrafted: 0, briefs: { byModel: 0, articleType: 0, baseColour: 0, asked: { articleType: 0, baseColour: 0 }, novel: 0, distinct2: 0, rewritten: 0, byType: new Map() } };
  let briefSeconds = 0;
  const started = performance.now();
  for (const tags of combos) {
    const result = await draftBriefs(classifier, tags, { ...options, n: N, seed: SEED });
    f.tokens += result.tokens;
    f.redrafted += result.redrafted + result.droppedRepeats + result.droppedCopies;
    for (const d of result.drafts) {
      f.drafts++;
      const ok = (t: 'articleType' | 'baseColour' | 'usage') => d.readBack[t]?.label === tags[t];
      if (ok('articleType')) f.articleType++;
      if (ok('baseColour')) f.baseColour++;
      if (ok('usage')) f.usage++;
      if (ok('articleType') && ok('baseColour') && ok('usage')) f.allThree++;
      if (!isVerbatimCopy(d.text, names)) f.novelty++;
    }
    f.distinct2 += distinct2(result.drafts.map((d) => d.text)) / combos.length;
    // The model's briefs, read alone by the classifier (not part of the timing: the app does not re-read them).
    const written = result.drafts.filter((d) => d.briefBy === 'model');
    f.briefs.rewritten += result.briefsRewritten;
    const typeCount = f.briefs.byType.get(tags.articleType!) ?? [0, 0];
    f.briefs.byType.set(tags.articleType!, [typeCount[0] + written.length, typeCount[1] + result.drafts.length]);
    if (written.length > 0) {
      const t0 = performance.now();
      const reads = await classifier.classifyItems(written.map((d) => ({ description: d.brief })));
      briefSeconds += (performance.now() - t0) / 1000;
      written.forEach((d, i) => {
        f.briefs.byModel++;
        for (const t of ['articleType', 'baseColour'] as const) {
          if (!tags[t]) continue;
          f.briefs.asked[t]++;
          if (reads[i]!.heads[t]?.label === tags[t]) f.briefs[t]++;
        }
        if (!trainingBriefs.has(normaliseBrief(d.brief))) f.briefs.novel++;
      });
      f.briefs.distinct2 += distinct2(written.map((d) => d.brief)) / combos.length;
    }
  }
  f.seconds = (performance.now() - started) / 1000 - briefSeconds;
  const pc = (k: number) => `${((100 * k) / f.drafts).toFixed(1)} %`;
  console.log(
    `${label.padEnd(56)} articleType ${pc(f.articleType)} · baseColour ${pc(f.baseColour)} · usage ${pc(f.usage)} · all three ${pc(f.allThree)} · novelty ${pc(f.novelty)} · distinct-2 ${f.distinct2.toFixed(3)} · ${f.drafts} drafts, ${f.redrafted} redrafted · ${f.seconds.toFixed(1)} s (${(f.tokens / f.seconds).toFixed(0)} tokens/s incl. read-back)`,
  );
  if (f.briefs.byModel > 0) {
    const b = f.briefs;
    const of = (k: number, n: number) => `${((100 * k) / Math.max(n, 1)).toFixed(1)} %`;
    console.log(
      `${''.padEnd(56)} by article type (model-written / drafts): ${[...b.byType].sort((x, y) => x[1][0] / x[1][1] - y[1][0] / y[1][1]).map(([t, [m, n]]) => `${t} ${m}/${n}`).join(', ')}\n` +
      `${''.padEnd(56)} briefs: ${b.byModel} of ${f.drafts} by the model (${of(b.byModel, f.drafts)}; ${b.rewritten} rewritten) · read alone: articleType ${of(b.articleType, b.asked.articleType)} · baseColour ${of(b.baseColour, b.asked.baseColour)} · not a training brief ${of(b.novel, b.byModel)} · distinct-2 ${b.distinct2.toFixed(3)}`,
    );
  }
  return f;
}

// Sampling speed alone (no read-back): one batch of N drafts per combination, per drafter.
for (const [name, drafter] of drafters) {
  const { runtime, maxLength } = drafterOf(classifier, drafter.generator);
  let tokens = 0;
  const started = performance.now();
  for (const tags of combos) tokens += (await sampleDrafts(runtime, classifier.tokenizer, classifier.config, tags, { n: N, seed: SEED, maxLength })).tokens;
  const s = (performance.now() - started) / 1000;
  console.log(`${name}, sampling only (batch of ${N}):            ${tokens} tokens in ${s.toFixed(2)} s = ${(tokens / s).toFixed(0)} tokens/s (Node, onnxruntime-node CPU)`);
  tokens = 0;
  const one = performance.now();
  for (const tags of combos.slice(0, 10)) tokens += (await sampleDrafts(runtime, classifier.tokenizer, classifier.config, tags, { n: 1, seed: SEED, maxLength })).tokens;
  const s1 = (performance.now() - one) / 1000;
  console.log(`${name}, sampling only (one draft at a time):    ${tokens} tokens in ${s1.toFixed(2)} s = ${(tokens / s1).toFixed(0)} tokens/s (10 combinations)`);
}

const settings: [string, Omit<DraftBriefsOptions, 'n'>][] = [
  ['unguided T=0.9', { temperature: 0.9 }],
  ['unguided T=1.2 (default sampling)', {}],
  ['guided T=0.9', { guide: DEFAULT_GUIDE, temperature: 0.9 }],
  ['guided T=1.2 (default)', { guide: DEFAULT_GUIDE }],
  ['guided T=1.2 + training-name filter', { guide: DEFAULT_GUIDE, knownHashes: shipped }],
  ['unguided T=1.2 + training-name filter', { knownHashes: shipped }],
  // The brief's temperature (the app: the drafts' T, at most BRIEF_MAX_TEMPERATURE = 0.8).
  ['guided T=1.2 + filter, briefs at T=0.6', { guide: DEFAULT_GUIDE, knownHashes: shipped, briefTemperature: 0.6 }],
  ['guided T=1.2 + filter, briefs at T=1.2 (no cap)', { guide: DEFAULT_GUIDE, knownHashes: shipped, briefTemperature: 1.2 }],
];
// --briefs: only the app's default and the brief-temperature rows (the drafts themselves are the same in all three).
const chosen = process.argv.includes('--briefs') ? settings.filter(([label]) => label.includes('filter') && label.startsWith('guided')) : settings;
for (const [name, drafter] of drafters) for (const [label, options] of chosen) await run(`${name}: ${label}`, { ...options, ...drafter });
console.log(`goals: articleType ≥ 90 %, baseColour ≥ 80 %, usage ≥ 80 %, novelty ≥ 95 %, distinct-2 ≥ 0.6; load after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// Node vs Chromium on the same work: unguided drafting (with read-back) of the first 10 combinations.
if (!process.argv.includes('--no-browser')) {
  const subset = combos.slice(0, 10);
  let nodeTokens = 0;
  const n0 = performance.now();
  // The same drafter as the app's worker: the generator when the model ships one.
  for (const tags of subset) nodeTokens += (await draftBriefs(classifier, tags, { n: N, seed: SEED, dropRepeats: false, ...(generator ? { generator } : {}) })).tokens;
  const nodeSeconds = (performance.now() - n0) / 1000;
  console.error('building the app…');
  const outDir = resolve(ROOT, 'bench/out/generate-dist');
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: ROOT, build: { outDir }, preview: { port: 4181, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:4181/diagnostics.html');
    const run = await page.evaluate(
      async ({ subset, n, seed }) => {
        type D = { load(b: string, threads?: number): Promise<{ backend: string; threads: number }>; generate(p: unknown): Promise<{ tokens: number; wallMs: number; streamed: number }> };
        const d = (globalThis as unknown as { trendloomDiagnostics: D }).trendloomDiagnostics;
        const info = await d.load('wasm', 1);
        let tokens = 0;
        let streamed = 0;
        const started = performance.now();
        for (const tags of subset) {
          const r = await d.generate({ tags, n, seed, guided: false });
          tokens += r.tokens;
          streamed += r.streamed;
        }
        return { info, tokens, streamed, ms: performance.now() - started };
      },
      { subset, n: N, seed: SEED },
    );
    const browserRate = run.tokens / (run.ms / 1000);
    const nodeRate = nodeTokens / nodeSeconds;
    console.log(`Node vs Chromium, unguided drafting with read-back, ${subset.length} combinations × ${N}:`);
    console.log(`  node (onnxruntime-node, ${THREADS} thread):            ${nodeTokens} tokens in ${nodeSeconds.toFixed(2)} s = ${nodeRate.toFixed(0)} tokens/s`);
    console.log(`  chromium (onnxruntime-web ${run.info.backend}, ${run.info.threads} thread): ${run.tokens} tokens in ${(run.ms / 1000).toFixed(2)} s = ${browserRate.toFixed(0)} tokens/s (${run.streamed} tokens streamed to the page); browser / node ${(browserRate / nodeRate).toFixed(2)}`);
    console.log(`  same drafts in both: ${run.tokens === nodeTokens ? 'same token count' : 'token counts differ (the WASM and CPU kernels round differently)'}; load now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
