/**
 * Fine-tuning benchmark: splits a catalogue's labelled rows 80/20 (stratified, fixed seed),
 * trains the TF-IDF + logistic-regression baseline and the head variants on the same 80%, and
 * prints accuracy and macro-F1 of each on the 20% (plus a JSON line). Never pass/fail.
 *
 *   npm run bench:finetune -- <file.csv> --text <cols> --label <col> [--sep '|']
 *     [--rewrite]              rewrite every text as another shop's description (src/core/finetune/rewrite.ts)
 *     [--only-ids <file>]      keep only rows whose --id-column value is listed (e.g. the model's held-out rows)
 *     [--id-column id] [--limit n] [--seed 42] [--embedding auto|none] [--model <dir>]
 *     [--dump-split <dir>]     also write the exact train/test rows as CSV (for outside reference checks)
 *     [--baseline-only]        train only the baseline
 *     [--variants a,b,…]       head variants to train: ngrams, embedding, embedding+ngrams, embedding+probs+ngrams (default all)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { predictTfidfLogReg, trainTfidfLogReg } from '../src/core/finetune/baseline.ts';
import { readCsvRows, writeCsvRows } from '../src/core/csv/textRows.ts';
import { loadHead, predictWithHead, trainHead, type EmbedFn, type HeadTrainOptions } from '../src/core/finetune/head.ts';
import { rewriteAsDescription } from '../src/core/finetune/rewrite.ts';
import { multiLabelReport, singleLabelReport, type ClassificationReport } from '../src/core/metrics/classification.ts';
import { stratifiedSplit } from '../src/core/metrics/split.ts';
import { parseArgs, optionValue } from '../src/cli/io.ts';
import { textsAndLabels } from '../src/cli/trainHead.ts';
import { loadModelEmbedder } from '../src/model/head/loadEmbedder.node.ts';

interface Row {
  name: string;
  /** Test items this method gets right and the baseline wrong, and the reverse. */
  wins: number;
  losses: number;
  /** Two-sided McNemar p-value of the difference to the baseline (continuity-corrected). */
  pValue: number;
  accuracy: number;
  macroF1: number;
  microF1: number;
  trainSeconds: number;
  note: string;
}

const args = parseArgs(process.argv.slice(2), { flags: ['rewrite', 'baseline-only'], values: ['text', 'label', 'sep', 'seed', 'only-ids', 'id-column', 'limit', 'dump-split', 'variants', 'embedding', 'model'] });
const file = args.positional[0];
const text = optionValue(args, 'text');
const label = optionValue(args, 'label');
if (!file || !text || !label) {
  console.error('Usage: npm run bench:finetune -- <file.csv> --text <cols> --label <col> [--sep s] [--rewrite] [--only-ids file] [--limit n] [--seed n] [--embedding auto|none] [--model dir]');
  process.exit(2);
}
const sep = optionValue(args, 'sep') ?? null;
const seed = Number(optionValue(args, 'seed') ?? 42);
const rewrite = optionValue(args, 'rewrite') === 'true';
const textColumns = text.split(',');
const table = readCsvRows(readFileSync(file, 'utf8'));
const onlyIds = optionValue(args, 'only-ids');
if (onlyIds) {
  const keep = new Set(readFileSync(onlyIds, 'utf8').split(/\s+/).filter(Boolean));
  const idx = table.columns.indexOf(optionValue(args, 'id-column') ?? 'id');
  if (idx < 0) throw new Error('The file has no id column for --only-ids.');
  table.rows = table.rows.filter((r) => keep.has(r[idx]!));
}
const all = textsAndLabels(table, textColumns, label, sep);
let items = all.texts.map((t, i) => ({ text: rewrite ? rewriteAsDescription(t) : t, labels: all.labels[i]! })).filter((x) => x.labels.length > 0 && x.text.length > 0);
const limit = optionValue(args, 'limit');
if (limit) items = items.slice(0, Number(limit));
const split = stratifiedSplit(items.map((x) => [...x.labels].sort().join('|')), { test: 0.2, seed });
const train = split.train.map((i) => items[i]!);
const test = split.test.map((i) => items[i]!);
const multi = sep !== null;
const classes = new Set(items.flatMap((x) => x.labels)).size;
const score = (predicted: string[][]): ClassificationReport =>
  multi ? multiLabelReport(test.map((x) => x.labels), predicted) : singleLabelReport(test.map((x) => x.labels[0]!), predicted.map((p) => p[0]!));

console.log(`Fine-tuning bench: ${file}${onlyIds ? ` (rows listed in ${onlyIds})` : ''}, text ${textColumns.join('+')}${rewrite ? ' rewritten as descriptions' : ''}, label ${label}${multi ? ` (lists split on '${sep}')` : ''}`);
console.log(`${items.length} labelled rows, ${classes} labels; train ${train.length}, test ${test.length} (seed ${seed}). Node ${process.version}.`);
if (rewrite) console.log(`  e.g. "${all.texts[0]}" → "${rewriteAsDescription(all.texts[0]!)}"`);

const dumpDir = optionValue(args, 'dump-split');
if (dumpDir) {
  // The exact train/test rows, for checking the baseline against another implementation.
  mkdirSync(dumpDir, { recursive: true });
  for (const [name, part] of [['train', train], ['test', test]] as const) {
    writeFileSync(join(dumpDir, `${name}.csv`), writeCsvRows({ columns: ['text', 'label'], rows: part.map((x) => [x.text, x.labels.join(sep ?? '|')]) }));
  }
  console.log(`  wrote ${dumpDir}/train.csv and test.csv`);
}

const results: Row[] = [];
const grid = [1e-6, 1e-5, 1e-4];
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await f();
  return [value, (performance.now() - start) / 1000];
};
// erfc by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a p-value.
const erfc = (x: number): number => {
  const t = 1 / (1 + 0.3275911 * x);
  return t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
};
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
let baselinePredicted: string[][] = [];
const record = (name: string, predicted: string[][], seconds: number, note: string) => {
  const report = score(predicted);
  if (results.length === 0) baselinePredicted = predicted;
  let wins = 0;
  let losses = 0;
  test.forEach((x, i) => {
    const mine = same(predicted[i]!, x.labels);
    const theirs = same(baselinePredicted[i]!, x.labels);
    if (mine && !theirs) wins++;
    if (theirs && !mine) losses++;
  });
  const chi = wins + losses === 0 ? 0 : (Math.max(0, Math.abs(wins - losses) - 1) ** 2) / (wins + losses);
  const pValue = erfc(Math.sqrt(chi / 2));
  results.push({ name, wins, losses, pValue, accuracy: report.accuracy, macroF1: report.macro.f1, microF1: report.micro.f1, trainSeconds: seconds, note });
  const versus = results.length === 1 ? '' : `  vs baseline +${wins}/−${losses} items (McNemar p ${pValue.toFixed(3)})`;
  console.log(`  ${name.padEnd(38)} accuracy ${(report.accuracy * 100).toFixed(2).padStart(6)}%  macro-F1 ${(report.macro.f1 * 100).toFixed(2).padStart(6)}%  micro-F1 ${(report.micro.f1 * 100).toFixed(2).padStart(6)}%  train ${seconds.toFixed(1)} s  ${note}${versus}`);
};

// 1. The baseline.
{
  const [baseline, seconds] = await time(() => trainTfidfLogReg(train.map((x) => x.text), train.map((x) => x.labels), { multiLabel: multi, l2Grid: grid }));
  record('TF-IDF + logistic regression (baseline)', predictTfidfLogReg(baseline, test.map((x) => x.text)), seconds, `vocab ${baseline.vocabulary.index.size}, L2 ${baseline.l2}, epoch ${baseline.bestEpoch}`);
}

if (optionValue(args, 'baseline-only') === 'true') process.exit(0);

// 2. Head variants, same rows, same L2 grid.
const runHead = async (name: string, options: HeadTrainOptions, embed?: EmbedFn) => {
  const [result, seconds] = await time(() => trainHead(train.map((x) => x.text), train.map((x) => x.labels), { multiLabel: multi, l2Grid: grid, refit: true, ...options }, embed));
  const predictions = await predictWithHead(loadHead(result.head), test.map((x) => x.text), embed);
  const m = result.head.metrics;
  const bits = result.head.featureSpec.hashBits;
  record(name, predictions.map((p) => p.labels), seconds, `${bits > 0 ? `hash 2^${bits}` : 'no n-grams'}, L2 ${m.l2}, epoch ${m.bestEpoch}`);
};
const variants = new Set((optionValue(args, 'variants') ?? 'ngrams,embedding,embedding+ngrams,embedding+probs+ngrams').split(','));
if (variants.has('ngrams')) await runHead('head: hashed n-grams only', {});
const mode = optionValue(args, 'embedding') ?? 'auto';
const modelDir = resolve(optionValue(args, 'model') ?? 'public/models/trendloom-classifier');
let embeddingSeconds = 0;
if (mode !== 'none') {
  const plain = await loadModelEmbedder(modelDir);
  const withProbs = await loadModelEmbedder(modelDir, { headProbabilities: true });
  if (!plain || !withProbs) console.log(`  (no model in ${modelDir}: embedding variants skipped)`);
  else {
    const texts = items.map((x) => x.text);
    [, embeddingSeconds] = await time(() => plain.embed(texts));
    if (variants.has('embedding+probs+ngrams')) await withProbs.embed(texts);
    console.log(`  model features for ${texts.length} texts: ${embeddingSeconds.toFixed(1)} s (${(texts.length / embeddingSeconds).toFixed(0)} texts/s), not counted in train times`);
    if (variants.has('embedding')) await runHead('head: embedding only', { hashBits: 0 }, plain.embed);
    if (variants.has('embedding+ngrams')) await runHead('head: embedding + n-grams', {}, plain.embed);
    if (variants.has('embedding+probs+ngrams')) await runHead('head: embedding + model probs + n-grams', { embeddingFeatures: 'embedding+probabilities' }, withProbs.embed);
  }
}
const base = results[0]!;
const best = results.slice(1).reduce((a, b) => (b.accuracy > a.accuracy ? b : a), results[results.length - 1]!);
if (results.length > 1) console.log(`Best head: ${best.name}: accuracy ${((best.accuracy - base.accuracy) * 100).toFixed(2)} points, macro-F1 ${((best.macroF1 - base.macroF1) * 100).toFixed(2)} points vs the baseline.`);
console.log(JSON.stringify({ bench: 'finetune', file, onlyIds: onlyIds ?? null, text: textColumns, rewrite, label, sep, seed, rows: items.length, classes, train: train.length, test: test.length, embeddingSeconds, results }));
