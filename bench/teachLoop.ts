/**
 * The app's teach loop replayed in Node (issue 13, item 2): the shipped classifier labels a
 * catalogue, then 4 batches of 5 items chosen by `suggestItemsToLabel` (on the model's embeddings,
 * confidence from the current labels, the app's seeds) are taught with the catalogue's true labels
 * and each round runs `teachRound` + `mergeTaughtLabels` exactly as src/state/teach.ts does. Prints,
 * per round: the unsure share, how many head guesses became sure and how many of them are right,
 * and how right the sure labels are. With `--items N` it also times one round on N items (the
 * catalogue's texts repeated with a reference suffix, each with its original item's embedding).
 * Never pass/fail.
 *
 *   npx tsx bench/teachLoop.ts [--catalogue e2e/fixtures/other-shop-catalogue.csv] [--items 20000]
 *
 * The default catalogue's truth is its shop category mapped to the model's article types (the
 * mapping e2e/teach.spec.ts types in), so the figures are for that made-up catalogue only.
 */
import { readFileSync } from 'node:fs';
import { optionValue, parseArgs } from '../src/cli/io.ts';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { suggestItemsToLabel } from '../src/core/finetune/suggest.ts';
import { mergeTaughtLabels, teachRound, teachTrainingLabels, type ItemLabels } from '../src/core/finetune/teach.ts';
import { joinNameAndDescription } from '../src/model/inputText.ts';
import { loadNodeClassifier } from '../src/model/session.node.ts';

const args = parseArgs(process.argv.slice(2), { values: ['catalogue', 'items'] });
const file = optionValue(args, 'catalogue') ?? 'e2e/fixtures/other-shop-catalogue.csv';
const timedItems = optionValue(args, 'items') ? Number(optionValue(args, 'items')) : undefined;
// The settings of src/state/teach.ts.
const OPTIONS = { hashBits: 14, maxEpochs: 30, folds: 5 };
const MAX_PSEUDO = 500;
const HEAD = 'articleType';
const articleTypeOf: Record<string, string> = { 'Tops & blouses': 'Tops', Knitwear: 'Sweaters', Trousers: 'Trousers', Dresses: 'Dresses', Skirts: 'Skirts', Outerwear: 'Jackets', Shirts: 'Shirts', Denim: 'Jeans', Accessories: 'Scarves', Bags: 'Handbags', Shorts: 'Shorts' };

const csv = readCsvRows(readFileSync(file, 'utf8'));
const column = (name: string) => {
  const i = csv.columns.indexOf(name);
  if (i < 0) throw new Error(`${file} has no column '${name}' (it needs Product, Description and Category).`);
  return i;
};
const texts = csv.rows.map((r) => joinNameAndDescription(r[column('Product')]!, r[column('Description')]!));
const truth = csv.rows.map((r) => articleTypeOf[r[column('Category')]!] ?? r[column('Category')]!);
const classifier = await loadNodeClassifier();
const predictions = await classifier.classifyItems(texts, { embeddings: true });
const labels = classifier.labelsOf(HEAD);
const index = new Map(labels.map((l, i) => [l, i]));
const modelOf = (n: number, at: (i: number) => number): ItemLabels => ({
  labels,
  codes: Int32Array.from({ length: n }, (_, i) => index.get(predictions[at(i)]!.heads[HEAD]!.label)!),
  probabilities: Float32Array.from({ length: n }, (_, i) => predictions[at(i)]!.heads[HEAD]!.probability),
  sure: Uint8Array.from({ length: n }, (_, i) => (predictions[at(i)]!.heads[HEAD]!.sure ? 1 : 0)),
});
const model = modelOf(texts.length, (i) => i);
const embeddings = predictions.map((p) => p.embedding!);
const minProbability = classifier.calibration.heads.get(HEAD)!.minProbability;
const unsureGuesses = (m: ItemLabels, taught: ReadonlyMap<number, string>) => Array.from(m.sure.keys()).filter((i) => m.sure[i] === 0 && !taught.has(i));
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

function describe(title: string, labelsNow: ItemLabels, taught: ReadonlyMap<number, string>) {
  let sure = 0;
  let sureRight = 0;
  let right = 0;
  for (let i = 0; i < texts.length; i++) {
    const label = labelsNow.labels[labelsNow.codes[i]!];
    if (label === truth[i]) right++;
    if (labelsNow.sure[i] === 1 && !taught.has(i)) {
      sure++;
      if (label === truth[i]) sureRight++;
    }
  }
  const unsure = Array.from(labelsNow.sure).filter((f) => f === 0).length;
  console.log(`${title}: unsure ${pct(unsure, texts.length)} (${unsure}/${texts.length}); every label right ${pct(right, texts.length)}; sure labels of items not taught right ${sureRight}/${sure}`);
}

console.log(`${file}: ${texts.length} items, head ${HEAD}, sure from p ≥ ${minProbability}`);
describe('model alone', model, new Map());
const taught = new Map<number, string>();
let current = model;
for (let batch = 0; batch < 4; batch++) {
  const rows = suggestItemsToLabel({ texts, confidence: current.probabilities, embeddings }, 5, { exclude: new Set(taught.keys()), seed: batch });
  for (const row of rows) taught.set(row, truth[row]!);
  const started = performance.now();
  const round = await teachRound(texts, teachTrainingLabels(model, taught, MAX_PSEUDO), [...taught.keys()], { ...OPTIONS, guess: unsureGuesses(model, taught) }, embeddings);
  const seconds = (performance.now() - started) / 1000;
  current = mergeTaughtLabels(model, taught, round.guesses, minProbability);
  let made = 0;
  let madeRight = 0;
  for (let i = 0; i < texts.length; i++) {
    if (taught.has(i) || model.sure[i] !== 0 || current.sure[i] !== 1) continue;
    made++;
    if (current.labels[current.codes[i]!] === truth[i]) madeRight++;
  }
  console.log(`after ${taught.size} taught (round ${seconds.toFixed(1)} s): held-out ${round.heldOut.correct}/${round.heldOut.checked}; head guesses made sure ${made}, right ${madeRight}`);
  describe('  labels now', current, taught);
}

if (timedItems) {
  const at = (i: number) => i % texts.length;
  const many = Array.from({ length: timedItems }, (_, i) => `${texts[at(i)]} ref ${i}`);
  const manyModel = modelOf(timedItems, at);
  const manyEmbeddings = Array.from({ length: timedItems }, (_, i) => embeddings[at(i)]!);
  const manyTaught = new Map([...taught].map(([row, label]) => [row, label]));
  let started = performance.now();
  suggestItemsToLabel({ texts: many, confidence: manyModel.probabilities, embeddings: manyEmbeddings }, 5, { exclude: new Set(manyTaught.keys()) });
  const suggestSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await teachRound(many, teachTrainingLabels(manyModel, manyTaught, MAX_PSEUDO), [...manyTaught.keys()], { ...OPTIONS, guess: unsureGuesses(manyModel, manyTaught) }, manyEmbeddings);
  console.log(`${timedItems} items: suggesting 5 took ${suggestSeconds.toFixed(2)} s, one teach round (20 taught) ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
