/**
 * Teach-loop benchmark (issue 13, item 2): label efficiency on a catalogue the model was not
 * trained on. The catalogue's items are split into a pool and a held-out test set (stratified,
 * fixed seed); labels are taken from the pool, 20 → 50 → 100 → 200 of them, chosen
 *   - by `suggestItemsToLabel` in a teach loop: the first batch with no head (confidence 0: density
 *     and diversity only), each later batch from the confidence of the head taught on the labels so
 *     far (the app's own head training, `trainHead`, over the model's embedding + n-grams), with
 *     item similarity on text n-grams (what `trendloom suggest` uses) and, as a second variant, on
 *     the model's embedding (with --embedding-variant);
 *   - at random (nested: the first 20 of a shuffled pool, then the first 50, …);
 * and scored as the head's accuracy on the test set, for several seeds (mean, spread), beside the
 * TF-IDF + logistic-regression baseline (`baseline.ts`) trained on the same labels.
 *
 *   npm run bench:teach -- [--model <dir>] [--catalogue <file.csv>] [--text name,description]
 *     [--level 2] [--classes 10] [--sizes 20,50,100,200] [--seeds 5] [--test 0.25] [--pool <n>]
 *     [--embedding-variant] [--features embedding|embedding+probabilities] [--no-ceiling] [--json <file>]
 *     [--label <column>] [--rows <n>] [--tuning validation|cv] [--ensemble <share>] [--self-train <n>] [--fit-timing]
 *     [--catalogue-statistics on|off] [--head-l2 <l2,…>] [--embedding-weight <w>] [--baseline-pool]
 *     [--spread "alpha/k/power/emb|text|words[/references];…"] [--teach-spread on|off] [--unseen-ngrams keep|drop]
 *     [--cover on|off] [--cold-start <labels>] [--uncertainty top|margin] [--uncertainty-power <β>] [--batch <n>] [--head-settings app|default]
 *     [--label-prior on|off] [--label-prior-k <k>]
 *
 * `--label-prior on|off`: the teach loop reads the label names with the model as a prior (labelPrior.ts: master category's
 * and gender's agreement between item and label name, weighted per head on the cross-validated taught items, kept per
 * round only when that gets more of them right; the '… head alone' and '… always spread' columns then include it where it
 * was kept); default TEACH_LABEL_PRIOR (on), as the app. `--label-prior-k` is how many classes per model head each item
 * keeps (default LABEL_PRIOR_TOP_K, 3). docs/BENCHMARKS.md "The label names as a prior".
 *
 * `--cover`, `--cold-start`, `--uncertainty` and `--uncertainty-power` change how the loop's later batches are chosen (measured
 * and not kept, docs/BENCHMARKS.md "Three ways to choose the second batch"). `--batch n`: suggest picks n items at a time and
 * the loop is retrained after each batch (default TEACH_BATCH, 5, as the app's teach panel; 0: all of a measured size's new
 * items in one batch, as every run before 7 Dec 2026, 15:00 UTC).
 *
 * Development catalogue (to choose the head's settings without looking at Flipkart), e.g. Amazon's
 * titles with their own `category` column, scored with the fold trained without Amazon:
 *   npm run bench:teach -- --model training/out/teach/amazon_implicitave/export/ship \
 *     --catalogue ../shared/data/catalogues/amazon_implicitave_fashion.csv --text name --label category --rows 6400
 * and the women's-clothing reviews with their own garment classes (text = the review, read as a
 * description), with the fold trained without them (`bash training/teach_fold.sh womens_ecommerce_reviews`):
 *   npm run bench:teach -- --model training/out/teach/womens_ecommerce_reviews/export/ship \
 *     --catalogue ../shared/data/catalogues/womens_ecommerce_reviews.csv --text description --label category --rows 6400
 * and Myntra's product names with their own article types, a catalogue the teach loop's settings were never
 * chosen on, with the fold trained without Myntra (`bash training/teach_fold.sh myntra`):
 *   npm run bench:teach -- --model training/out/teach/myntra/export/ship \
 *     --catalogue ../shared/data/fashion-products/styles.csv --text productDisplayName --label articleType --rows 6400
 * `--label` takes the shop's labels from that column as they are (instead of the first `--level`
 * nodes of category_path); `--rows` keeps a seeded random sample of that many items (of the kept
 * classes) before the split; `--tuning` is the head's trainHead tuning ('validation': one split and
 * early stopping; 'cv': k-fold cross-validation of L2, embedding weight and epochs); `--ensemble` the
 * share of the head's n-gram-only model in its averaged probabilities and `--self-train` the confident
 * guesses per label self-training adds (defaults: the teach loop's, TEACH_NGRAM_ENSEMBLE and
 * TEACH_SELF_TRAIN_PER_LABEL, both 0; `--self-train 10 --ensemble 0.5` is the few-label head tried for issue 13).
 * `--catalogue-statistics on` measures the head's IDF and embedding mean / spread on the whole pool,
 * labelled or not; `off` (the teach loop's default, TEACH_CATALOGUE_STATISTICS) on the labelled
 * items only. `--head-l2 a,b,…` gives the head L2 penalties to choose from on its validation split
 * (default: trainHead's, 1e-5); `--embedding-weight w` multiplies the embedding block's default
 * weight 1/√dim. `--baseline-pool` adds TF-IDF + LR with its
 * vocabulary and IDF fitted on the whole pool too, trained on suggest's labels.
 * `--teach-spread on|off` turns the teach loop's label spreading (TEACH_SPREAD: each guess half from
 * its look-alikes in the pool, spread.ts, used when a 5-fold cross-validation on the labelled items
 * gets more of them right with it, as teachRound) on or off for the head rounds — on by default as in
 * the app; with it on, the test items' guesses and suggest's confidences are the loop's, and the
 * '… → head alone' / '… always spread' columns give the same heads without and with spreading. `--spread "alpha/k/power/emb|text|words[/references];…"`
 * scores more spreading settings on the same heads (each a column of its own) without changing the loop.
 * `--unseen-ngrams keep|drop` sets what the head does with n-grams no labelled item has (default the
 * teach loop's, TEACH_UNSEEN_NGRAMS: 'keep'; 'drop' gives them weight 0).
 * `--fit-timing` only times one teach-round fit with the app's settings, feature statistics from the
 * labelled items (before) and from the whole pool (after), and stops.
 *
 * Defaults: the leave-one-source-out model trained without Flipkart
 * (training/out/teach/flipkart_ecommerce_sample/export/ship/, made by `bash training/teach_fold.sh`) and Flipkart's own taxonomy, the
 * first `--level` nodes of its category tree (its departments: "Clothing > Women's Clothing",
 * "Jewellery > Rings", …), keeping the `--classes` largest (rows of smaller departments are left
 * out). Never pass/fail; prints a table and one JSON line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { optionValue, parseArgs } from '../src/cli/io.ts';
import { predictTfidfLogReg, tfidfLogRegProbabilities, trainTfidfLogReg } from '../src/core/finetune/baseline.ts';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { loadHead, predictWithHead, type HeadTrainOptions } from '../src/core/finetune/head.ts';
import { selfTrainHead } from '../src/core/finetune/selfTrain.ts';
import { spreadLabels, type SpreadOptions } from '../src/core/finetune/spread.ts';
import { temperProbabilities } from '../src/core/finetune/temperature.ts';
import { suggestItemsToLabel } from '../src/core/finetune/suggest.ts';
import { crossValidateTaught, TEACH_BATCH, TEACH_LABEL_PRIOR, TEACH_HEAD_SETTINGS, TEACH_CATALOGUE_STATISTICS, TEACH_NGRAM_ENSEMBLE, TEACH_SPREAD, TEACH_SELF_TRAIN_PER_LABEL, TEACH_UNSEEN_NGRAMS, teachHeadOptions, withCatalogueStatistics } from '../src/core/finetune/teach.ts';
import { expectedCalibrationError } from '../src/core/metrics/classification.ts';
import { seededRandom, shuffleInPlace, stratifiedSplit } from '../src/core/metrics/split.ts';
import { labelPriorHeads, modelEmbedFn, modelItemReadings, modelLabelReadings } from '../src/model/head/embedding.ts';
import { LABEL_PRIOR_TOP_K, labelPriorAdjuster, type LabelPriorInput } from '../src/core/finetune/labelPrior.ts';
import { joinNameAndDescription } from '../src/model/inputText.ts';
import { descriptionColumnsOf } from '../src/cli/classify.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

const FOLD_MODEL = 'training/out/teach/flipkart_ecommerce_sample/export/ship/';
const args = parseArgs(process.argv.slice(2), { flags: ['embedding-variant', 'no-ceiling', 'fit-timing', 'baseline-pool'], values: ['model', 'catalogue', 'text', 'level', 'classes', 'sizes', 'seeds', 'test', 'pool', 'json', 'label', 'rows', 'tuning', 'features', 'ensemble', 'self-train', 'catalogue-statistics', 'head-l2', 'embedding-weight', 'spread', 'teach-spread', 'unseen-ngrams', 'cover', 'cold-start', 'uncertainty', 'uncertainty-power', 'batch', 'head-settings', 'label-prior', 'label-prior-k'] });
const started = Date.now();
const load = loadavg();
let modelDir = optionValue(args, 'model') ?? FOLD_MODEL;
let modelNote = modelDir === FOLD_MODEL ? 'leave-one-source-out fold trained without Flipkart' : 'as given';
if (!existsSync(join(modelDir, 'config.json'))) {
  if (optionValue(args, 'model')) throw new Error(`No model in '${modelDir}' (config.json missing).`);
  console.error(`bench:teach: the fold model '${FOLD_MODEL}' is not there (a model folder like public/models/trendloom-classifier, trained without Flipkart: 'bash training/teach_fold.sh' makes it, about an hour on one core); pass --model <dir> for another one.`);
  console.error('bench:teach: falling back to the shipped model, which WAS trained on every catalogue source: these figures are not "not trained on".');
  modelDir = DEFAULT_MODEL_DIR;
  modelNote = 'shipped model (trained on this source too: not an unseen-catalogue figure)';
}
const cataloguePath = optionValue(args, 'catalogue') ?? '../shared/data/catalogues/flipkart_ecommerce_sample.csv';
const textColumns = (optionValue(args, 'text') ?? 'name,description').split(',');
const level = Number(optionValue(args, 'level') ?? 2);
const classCount = Number(optionValue(args, 'classes') ?? 10);
const sizes = (optionValue(args, 'sizes') ?? '20,50,100,200').split(',').map(Number);
const seedCount = Number(optionValue(args, 'seeds') ?? 5);
const testShare = Number(optionValue(args, 'test') ?? 0.25);
const poolLimit = optionValue(args, 'pool') ? Number(optionValue(args, 'pool')) : Infinity;
const labelColumn = optionValue(args, 'label');
const rowLimit = optionValue(args, 'rows') ? Number(optionValue(args, 'rows')) : Infinity;
if (!(rowLimit > 0)) throw new Error(`--rows must be a positive number, not '${optionValue(args, 'rows')}'.`);
const tuning = (optionValue(args, 'tuning') ?? 'validation') as 'validation' | 'cv';
// Confident guesses per label that self-training adds (the teach loop's default unless given; 0: off).
const selfTrainPerLabel = Number(optionValue(args, 'self-train') ?? TEACH_SELF_TRAIN_PER_LABEL);
if (!(Number.isInteger(selfTrainPerLabel) && selfTrainPerLabel >= 0)) throw new Error(`--self-train must be a whole number ≥ 0, not '${optionValue(args, 'self-train')}'.`);
const ngramEnsemble = optionValue(args, 'ensemble') === undefined ? undefined : Number(optionValue(args, 'ensemble'));
if (ngramEnsemble !== undefined && !(ngramEnsemble >= 0 && ngramEnsemble <= 1)) throw new Error(`--ensemble must be a share between 0 and 1, not '${optionValue(args, 'ensemble')}'.`);
if ((tuning as string) !== 'validation' && tuning !== 'cv') throw new Error(`--tuning must be validation or cv, not '${tuning}'.`);
const embeddingVariant = optionValue(args, 'embedding-variant') === 'true';
const catalogueStatisticsArg = optionValue(args, 'catalogue-statistics') ?? (TEACH_CATALOGUE_STATISTICS ? 'on' : 'off');
if (catalogueStatisticsArg !== 'on' && catalogueStatisticsArg !== 'off') throw new Error(`--catalogue-statistics must be on or off, not '${catalogueStatisticsArg}'.`);
const catalogueStatistics = catalogueStatisticsArg === 'on';
const ceiling = optionValue(args, 'no-ceiling') !== 'true';
// --teach-spread on|off: the teach loop's label spreading (TEACH_SPREAD) on the head's guesses, as teachRound; default: on when TEACH_SPREAD is set.
const teachSpreadArg = optionValue(args, 'teach-spread') ?? (TEACH_SPREAD ? 'on' : 'off');
if (teachSpreadArg !== 'on' && teachSpreadArg !== 'off') throw new Error(`--teach-spread must be on or off, not '${teachSpreadArg}'.`);
if (teachSpreadArg === 'on' && !TEACH_SPREAD) throw new Error('--teach-spread on needs the teach loop\'s spreading settings (TEACH_SPREAD in src/core/finetune/teach.ts), which are not set.');
const teachSpread = teachSpreadArg === 'on';
// The head's model features, as `trendloom train-head --features`: the embedding alone, or with every model head's probabilities.
// --cover on|off: suggest discounts candidates like the items already labelled (its `labelled` option), not only like this batch's picks.
const coverArg = optionValue(args, 'cover') ?? 'off';
if (coverArg !== 'on' && coverArg !== 'off') throw new Error(`--cover must be on or off, not '${coverArg}'.`);
const cover = coverArg === 'on';
// --cold-start N: while fewer than N items are labelled, suggest ignores the head's confidence (density and diversity only).
const coldStart = Number(optionValue(args, 'cold-start') ?? 0);
if (!(Number.isInteger(coldStart) && coldStart >= 0)) throw new Error(`--cold-start must be a whole number ≥ 0, not '${optionValue(args, 'cold-start')}'.`);
// --uncertainty top|margin: suggest's confidence is the top label's probability, or its margin over the second.
const uncertaintyArg = optionValue(args, 'uncertainty') ?? 'top';
if (uncertaintyArg !== 'top' && uncertaintyArg !== 'margin') throw new Error(`--uncertainty must be top or margin, not '${uncertaintyArg}'.`);
// --head-settings app|default: the teach loop's head size and epochs (TEACH_HEAD_SETTINGS: 2^14 n-gram columns, ≤ 30 epochs), as the app trains it, or trainHead's defaults (2^16 columns for ≤ 64 labels, ≤ 100 epochs; every run before 7 Dec 2026, 15:25 UTC).
const headSettings = optionValue(args, 'head-settings') ?? 'app';
if (headSettings !== 'app' && headSettings !== 'default') throw new Error(`--head-settings must be app or default, not '${headSettings}'.`);
// --batch n: suggest picks n items at a time and the loop is retrained after each batch; default TEACH_BATCH (5), as the app's teach panel; 0: each measured size's items in one batch (every run before 7 Dec 2026, 15:00 UTC).
const batchSize = Number(optionValue(args, 'batch') ?? TEACH_BATCH);
if (!(Number.isInteger(batchSize) && batchSize >= 0)) throw new Error(`--batch must be a whole number ≥ 0, not '${optionValue(args, 'batch')}'.`);
// --uncertainty-power β: suggest ranks by (1 − confidence)^β × density (β = 1 as the app; β < 1 weighs density more).
const uncertaintyPower = Number(optionValue(args, 'uncertainty-power') ?? 1);
if (!(Number.isFinite(uncertaintyPower) && uncertaintyPower > 0)) throw new Error(`--uncertainty-power must be a number above 0, not '${optionValue(args, 'uncertainty-power')}'.`);
const confidenceOf = (p: ArrayLike<number>): number => {
  let first = 0;
  let second = 0;
  for (let j = 0; j < p.length; j++) {
    const v = p[j]!;
    if (v > first) {
      second = first;
      first = v;
    } else if (v > second) second = v;
  }
  const confidence = uncertaintyArg === 'margin' ? first - second : first;
  return uncertaintyPower === 1 ? confidence : 1 - Math.pow(Math.max(0, 1 - confidence), uncertaintyPower);
};
const features = optionValue(args, 'features') ?? 'embedding';
if (features !== 'embedding' && features !== 'embedding+probabilities') throw new Error(`--features must be embedding or embedding+probabilities, not '${features}'.`);

// --- Items and the shop's own labels -------------------------------------------------------------
const table = readCsvRows(readFileSync(cataloguePath, 'utf8'));
const col = (name: string) => {
  const i = table.columns.indexOf(name);
  if (i < 0) throw new Error(`${cataloguePath} has no column '${name}'; its columns are ${table.columns.join(', ')}.`);
  return i;
};
// The item text as the app builds it (itemTexts): name columns first, then `Details:` and the description
// columns (told apart by header and cell length, as `trendloom classify` does: descriptionColumnsOf), the description cut as in training.
const textIdx = textColumns.map(col);
const descriptionSet = descriptionColumnsOf({ columns: table.columns, rowCount: table.rows.length, row: (r) => table.rows[r]! }, textIdx);
const nameIdx = textIdx.filter((i) => !descriptionSet.has(i));
const descriptionIdx = textIdx.filter((i) => descriptionSet.has(i));
const pathIdx = col(labelColumn ?? 'category_path');
const joinCells = (r: readonly string[], indices: number[]) => indices.map((i) => r[i] ?? '').filter(Boolean).join(' ');
const raw = table.rows.map((r) => ({
  text: joinNameAndDescription(joinCells(r, nameIdx), joinCells(r, descriptionIdx)),
  label: labelColumn ? (r[pathIdx] ?? '').trim() : (r[pathIdx] ?? '').split(' > ').slice(0, level).join(' > '),
}));
const counts = new Map<string, number>();
for (const x of raw) if (x.text && x.label) counts.set(x.label, (counts.get(x.label) ?? 0) + 1);
const kept = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, classCount);
const keptSet = new Set(kept.map(([l]) => l));
let items = raw.filter((x) => x.text && keptSet.has(x.label));
const keptRows = items.length;
// A seeded sample of the kept items, in file order (a development catalogue much larger than the test one).
if (items.length > rowLimit) {
  const sample = new Set(shuffleInPlace(items.map((_, i) => i), seededRandom(5)).slice(0, rowLimit));
  items = items.filter((_, i) => sample.has(i));
}
const split = stratifiedSplit(items.map((x) => x.label), { test: testShare, seed: 42 });
let poolIdx = split.train;
if (poolIdx.length > poolLimit) poolIdx = shuffleInPlace([...poolIdx], seededRandom(7)).slice(0, poolLimit).sort((a, b) => a - b);
const pool = poolIdx.map((i) => items[i]!);
const test = split.test.map((i) => items[i]!);
const poolTexts = pool.map((x) => x.text);
const testTexts = test.map((x) => x.text);

console.log(`Head: unseen n-grams ${optionValue(args, 'unseen-ngrams') ?? TEACH_UNSEEN_NGRAMS}, teach-loop spreading ${teachSpread ? JSON.stringify(TEACH_SPREAD) : 'off'}, self-training ${selfTrainPerLabel} per label, n-gram ensemble share ${ngramEnsemble ?? TEACH_NGRAM_ENSEMBLE}, feature statistics from ${catalogueStatistics ? 'the whole pool' : 'the labelled items'}.`);
console.log(`Teach bench: ${cataloguePath}, text ${nameIdx.map((i) => table.columns[i]).join('+') || '–'} (name) + ${descriptionIdx.map((i) => table.columns[i]).join('+') || '–'} (description, after 'Details:'), labels = ${labelColumn ? `column '${labelColumn}'` : `category tree level ${level}`}, the ${kept.length} largest of ${counts.size} (${keptRows} of ${raw.length} rows kept${items.length < keptRows ? `, a seeded sample of ${items.length} used` : ''}). Head tuning: ${tuning}.`);
console.log(`Pool ${pool.length} items, held-out test ${test.length} items (stratified, seed 42). Model ${modelDir} (${modelNote}).`);
console.log(`Labels: ${kept.map(([l, n]) => `${l} (${n})`).join('; ')}.`);
console.log(`Node ${process.version}, load average at start ${load.map((x) => x.toFixed(2)).join(' ')}.`);

// --- The model's embedding of every item, once ---------------------------------------------------
const classifier = await loadNodeClassifier(modelDir, { threads: 1 });
const embedFn = modelEmbedFn(classifier, { headProbabilities: features === 'embedding+probabilities' });
const t0 = Date.now();
const allEmbeddings = await embedFn([...poolTexts, ...testTexts]);
const poolEmb = allEmbeddings.slice(0, pool.length);
const testEmb = allEmbeddings.slice(pool.length);
console.log(`Embedded ${allEmbeddings.length} items in ${((Date.now() - t0) / 1000).toFixed(1)} s (features ${features}, dim ${poolEmb[0]!.length}).`);
// --label-prior on|off: the label names read by the model as a prior for the teach loop's guesses (labelPrior.ts; default TEACH_LABEL_PRIOR, as the app).
const labelPriorArg = optionValue(args, 'label-prior') ?? (TEACH_LABEL_PRIOR ? 'on' : 'off');
if (labelPriorArg !== 'on' && labelPriorArg !== 'off') throw new Error(`--label-prior must be on or off, not '${labelPriorArg}'.`);
let poolPrior: LabelPriorInput | undefined;
let testPrior: LabelPriorInput | undefined;
if (labelPriorArg === 'on') {
  const t1 = Date.now();
  const priorHeads = labelPriorHeads(classifier);
  const labelReadings = await modelLabelReadings(classifier, kept.map(([l]) => l), priorHeads);
  // --label-prior-k: classes kept per model head for each item (default LABEL_PRIOR_TOP_K, as the app).
  const k = Number(optionValue(args, 'label-prior-k') ?? LABEL_PRIOR_TOP_K);
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`--label-prior-k must be a whole number ≥ 1, not '${optionValue(args, 'label-prior-k')}'.`);
  poolPrior = { items: await modelItemReadings(classifier, poolTexts, priorHeads, k), labels: labelReadings };
  testPrior = { items: await modelItemReadings(classifier, testTexts, priorHeads, k), labels: labelReadings };
  console.log(`Label-name prior: read ${pool.length + test.length} items and ${kept.length} label names under ${priorHeads.join(', ')} in ${((Date.now() - t1) / 1000).toFixed(1)} s.`);
}

// The teach loop's head options (teachHeadOptions: its n-gram ensemble share unless --ensemble sets one).
// As teachRound: the head's feature statistics (IDF, embedding mean and spread) from the whole pool, unless --catalogue-statistics off.
// --head-l2: the L2 penalties the head chooses from on its validation split (default: trainHead's, 1e-5 only).
const headL2 = optionValue(args, 'head-l2')?.split(',').map(Number);
if (headL2 && !headL2.every((x) => x > 0)) throw new Error(`--head-l2 must be positive numbers, not '${optionValue(args, 'head-l2')}'.`);
// --embedding-weight: the embedding block's weight against the n-grams, times trainHead's default 1/√dim.
const embeddingWeight = optionValue(args, 'embedding-weight') === undefined ? undefined : Number(optionValue(args, 'embedding-weight'));
if (embeddingWeight !== undefined && !(embeddingWeight > 0)) throw new Error(`--embedding-weight must be a positive number, not '${optionValue(args, 'embedding-weight')}'.`);
// --unseen-ngrams keep|drop: the head's n-grams no labelled item has (default: the teach loop's, TEACH_UNSEEN_NGRAMS).
const unseenNgrams = optionValue(args, 'unseen-ngrams') as 'keep' | 'drop' | undefined;
if (unseenNgrams !== undefined && unseenNgrams !== 'keep' && unseenNgrams !== 'drop') throw new Error(`--unseen-ngrams must be keep or drop, not '${String(unseenNgrams)}'.`);
const headOptions: HeadTrainOptions = withCatalogueStatistics(teachHeadOptions({ ...(headSettings === 'app' ? TEACH_HEAD_SETTINGS : {}), refit: true, ...(unseenNgrams ? { unseenNgrams } : {}), labelColumn: 'department', embeddingFeatures: features, tuning, ...(ngramEnsemble !== undefined ? { ngramEnsemble } : {}), ...(headL2 ? { l2Grid: headL2 } : {}), ...(embeddingWeight !== undefined ? { embeddingScale: embeddingWeight / Math.sqrt(poolEmb[0]!.length) } : {}) }), poolTexts, poolEmb, catalogueStatistics);
// --spread 'alpha/k/power/space;…': label spreading over the pool (spread.ts) after each head fit, each setting scored as a method of its own.
const spreadSettings = (optionValue(args, 'spread') ?? '').split(';').filter(Boolean).map((text) => {
  const [alpha, neighbours, power, space, references] = text.split('/');
  const options: Partial<SpreadOptions> = { alpha: Number(alpha), neighbours: Number(neighbours ?? 10), power: Number(power ?? 3), ...(references ? { references: Number(references) } : {}), ...(space === 'words' ? { ngrams: { word: [1, 2], char: null } } : {}) };
  if (!(options.alpha! >= 0 && options.alpha! <= 1) || !(options.neighbours! >= 1) || !(options.power! >= 0) || !['emb', 'text', 'words'].includes(space ?? 'emb') || (references !== undefined && !(Number(references) >= 2))) throw new Error(`--spread takes alpha/k/power/emb|text|words[/references] settings separated by ';', not '${text}'.`);
  return { name: text, options, embeddings: (space ?? 'emb') === 'emb' };
});
const spreadTexts = [...poolTexts, ...testTexts];
const spreadEmbeddings = [...poolEmb, ...testEmb];
const poolIndices = pool.map((_, i) => i);
const testIndices = test.map((_, i) => pool.length + i);
/** Seconds of each head fit (trainHead) and of each relabelling of the pool (predictWithHead), by label count. */
const fitSeconds = new Map<number, number[]>();
const poolPredictSeconds: number[] = [];
const spreadSeconds: number[] = [];
const teachSpreadSeconds: number[] = [];
/** Expected calibration error of the top-1 probabilities (15 equal-width bins) against the true class index (−1: a class the head does not know). */
function calibrationError(probabilities: readonly Float32Array[], truth: (k: number) => number): number {
  const best = probabilities.map((p) => p.indexOf(Math.max(...p)));
  return expectedCalibrationError(probabilities.map((p, k) => p[best[k]!]!), best.map((b, k) => b === truth(k)));
}
/** The test items' calibration by method and label count (with --teach-spread on): the head alone, always spread, and the loop's guesses (its choice, at its temperature). */
const calibration = new Map<string, { alone: number[]; spread: number[]; loop: number[]; confidenceAlone: number[]; confidenceSpread: number[]; confidenceLoop: number[]; accuracyAlone: number[]; accuracyLoop: number[]; sureAlone: [number, number][]; sureLoop: [number, number][]; temperature: number[]; chosen: number; rounds: number }>();
/** The model's "sure" threshold (config.json unsure.min_probability, 0.85 for every head): a teach guess at or above it counts as sure. */
const SURE_THRESHOLD = 0.85;
/** Per method and label count (measured rounds): the label-name prior's weights when the cross-validation kept it, null when not. */
const priorRounds = new Map<string, (number[] | null)[]>();
const accuracy = (predicted: readonly string[]) => predicted.filter((p, i) => p === test[i]!.label).length / test.length;

/** Trains the app's head on the labelled pool items; its test accuracy and its confidence on every pool item. */
async function headRound(labelled: readonly number[], seed: number, headTuning: 'validation' | 'cv' = tuning, spreadAs?: string, s?: number, quiet = false): Promise<{ acc: number; confidence: Float32Array }> {
  const labels = labelled.map((i) => [pool[i]!.label]);
  const distinct = new Set(labels.map((l) => l[0]));
  if (distinct.size < 2) {
    // A head needs two labels; with one, everything gets that label (and no confidence yet).
    const only = labels[0]![0]!;
    return { acc: accuracy(test.map(() => only)), confidence: new Float32Array(pool.length) };
  }
  const tf = performance.now();
  // As the app's teach loop: the whole pool goes in, the labelled items with their labels and the
  // others unlabelled (self-training guesses them; they never include a test item).
  const poolLabels: string[][] = pool.map(() => []);
  labelled.forEach((i, k) => (poolLabels[i] = labels[k]!));
  const result = await selfTrainHead(poolTexts, poolLabels, { ...headOptions, tuning: headTuning, splitSeed: seed }, poolEmb, { perLabel: selfTrainPerLabel, seed });
  if (!fitSeconds.has(labelled.length)) fitSeconds.set(labelled.length, []);
  fitSeconds.get(labelled.length)!.push((performance.now() - tf) / 1000);
  const head = loadHead(result.head);
  // A quiet round (between two measured sizes) only needs the pool's confidence: the test items are not predicted.
  const onTest = quiet ? [] : await predictWithHead(head, testTexts, undefined, testEmb);
  const tp = performance.now();
  const onPool = await predictWithHead(head, poolTexts, undefined, poolEmb);
  poolPredictSeconds.push((performance.now() - tp) / 1000);
  if (spreadAs !== undefined && s !== undefined && !quiet) {
    const taught = new Map(labelled.map((i) => [i, head.json.labels.indexOf(pool[i]!.label)] as [number, number]));
    const probabilities = [...onPool.map((p) => p.all), ...onTest.map((p) => p.all)];
    for (const setting of spreadSettings) {
      const ts = performance.now();
      const spread = spreadLabels({ texts: spreadTexts, ...(setting.embeddings ? { embeddings: spreadEmbeddings } : {}), probabilities, taught, referenceCandidates: poolIndices }, { ...setting.options, seed }, testIndices);
      const predicted = spread.map((p) => head.json.labels[p.indexOf(Math.max(...p))]!);
      record(`${spreadAs} → head + spread ${setting.name}` as Method, s, accuracy(predicted));
      spreadSeconds.push((performance.now() - ts) / 1000);
    }
  }
  if (teachSpread && spreadAs !== undefined && s !== undefined) {
    // As teachRound: the head's guesses spread over the catalogue (here the pool; test items only ever
    // read from it) when the cross-validation on the labelled items gets more of them right that way.
    const cv = await crossValidateTaught(poolTexts, poolLabels, [...labelled], { ...headOptions, tuning: headTuning, splitSeed: seed, folds: 5, seed }, poolEmb, undefined, TEACH_SPREAD, undefined, poolPrior);
    if (cv.priorWeights) {
      // As teachRound: the cross-validation kept the label names' prior, so every guess follows it too.
      const weights = cv.priorWeights;
      const remake = (rows: typeof onPool, prior: LabelPriorInput) => {
        const adjust = labelPriorAdjuster(prior, weights);
        rows.forEach((p, k) => {
          p.all = adjust(k, head.json.labels, p.all);
          p.labels = [head.json.labels[p.all.indexOf(Math.max(...p.all))]!];
        });
      };
      remake(onPool, poolPrior!);
      remake(onTest, testPrior!);
      priorRounds.set(`${spreadAs} ${sizes[s]}`, [...(priorRounds.get(`${spreadAs} ${sizes[s]}`) ?? []), weights]);
    } else if (poolPrior) priorRounds.set(`${spreadAs} ${sizes[s]}`, [...(priorRounds.get(`${spreadAs} ${sizes[s]}`) ?? []), null]);
    const taught = new Map(labelled.map((i) => [i, head.json.labels.indexOf(pool[i]!.label)] as [number, number]));
    // A quiet round spreads to the pool only; the test items' rows are never read then (they are neither references nor asked for).
    const probabilities = [...onPool.map((p) => p.all), ...(quiet ? testIndices.map(() => new Float32Array(0)) : onTest.map((p) => p.all))];
    const ts = performance.now();
    const spread = spreadLabels({ texts: spreadTexts, probabilities, taught, referenceCandidates: poolIndices }, { ...TEACH_SPREAD, seed }, quiet ? poolIndices : [...poolIndices, ...testIndices]);
    teachSpreadSeconds.push((performance.now() - ts) / 1000);
    const top = (p: Float32Array) => p.indexOf(Math.max(...p));
    const spreadTest = spread.slice(pool.length);
    const aloneAcc = accuracy(onTest.map((p) => p.labels[0]!));
    const spreadAcc = accuracy(spreadTest.map((p) => head.json.labels[top(p)]!));
    // The loop's guesses on the pool, the next batch's confidence: spread or the head alone (the cross-validation's choice), at the temperature it fitted.
    const temperature = cv.temperature ?? 1;
    const chosenPool = (cv.spread ? spread.slice(0, pool.length) : onPool.map((p) => p.all)).map((p) => temperProbabilities(p, temperature));
    // A round between two measured sizes (--batch): only the next batch's confidence.
    if (quiet) return { acc: NaN, confidence: Float32Array.from(chosenPool, confidenceOf) };
    record(`${spreadAs} → head alone` as Method, s, aloneAcc);
    record(`${spreadAs} → head, always spread` as Method, s, spreadAcc);
    const aloneTest = onTest.map((p) => p.all);
    const chosenTest = (cv.spread ? spreadTest : aloneTest).map((p) => temperProbabilities(p, temperature));
    const truthOf = (k: number) => head.json.labels.indexOf(test[k]!.label);
    const key = `${spreadAs} ${sizes[s]}`;
    if (!calibration.has(key)) calibration.set(key, { alone: [], spread: [], loop: [], confidenceAlone: [], confidenceSpread: [], confidenceLoop: [], accuracyAlone: [], accuracyLoop: [], sureAlone: [], sureLoop: [], temperature: [], chosen: 0, rounds: 0 });
    const c = calibration.get(key)!;
    const meanTop = (rows: readonly Float32Array[]) => rows.reduce((sum, p) => sum + Math.max(...p), 0) / rows.length;
    const sureAt = (rows: readonly Float32Array[]): [number, number] => {
      const sure = rows.map((p, k) => [Math.max(...p) >= SURE_THRESHOLD, top(p) === truthOf(k)] as const).filter(([isSure]) => isSure);
      return [sure.length / rows.length, sure.filter(([, right]) => right).length / Math.max(1, sure.length)];
    };
    c.alone.push(calibrationError(aloneTest, truthOf));
    c.spread.push(calibrationError(spreadTest, truthOf));
    c.loop.push(calibrationError(chosenTest, truthOf));
    c.confidenceAlone.push(meanTop(aloneTest));
    c.confidenceSpread.push(meanTop(spreadTest));
    c.confidenceLoop.push(meanTop(chosenTest));
    c.accuracyAlone.push(aloneAcc);
    c.accuracyLoop.push(cv.spread ? spreadAcc : aloneAcc);
    c.sureAlone.push(sureAt(aloneTest));
    c.sureLoop.push(sureAt(chosenTest));
    c.temperature.push(temperature);
    c.rounds++;
    if (cv.spread) c.chosen++;
    return { acc: cv.spread ? spreadAcc : aloneAcc, confidence: Float32Array.from(chosenPool, confidenceOf) };
  }
  return { acc: accuracy(onTest.map((p) => p.labels[0]!)), confidence: Float32Array.from(onPool, (p) => confidenceOf(p.all)) };
}

// --baseline-pool: also TF-IDF + LR with its vocabulary and IDF fitted on the whole pool (as the head's statistics are).
const baselinePool = optionValue(args, 'baseline-pool') === 'true';
async function baselineAccuracy(labelled: readonly number[], seed: number, corpus?: readonly string[], spreadAs?: Method, s?: number): Promise<number> {
  const labels = labelled.map((i) => [pool[i]!.label]);
  if (new Set(labels.map((l) => l[0])).size < 2) return accuracy(test.map(() => labels[0]![0]!));
  const model = await trainTfidfLogReg(labelled.map((i) => poolTexts[i]!), labels, { splitSeed: seed, ...(corpus ? { corpus } : {}) });
  if (spreadAs !== undefined && s !== undefined) {
    // The same label spreading as the teach loop's, on the baseline's probabilities (is the gain the spreading's or the head's?).
    const taught = new Map(labelled.map((i) => [i, model.labels.indexOf(pool[i]!.label)] as [number, number]));
    const probabilities = [...tfidfLogRegProbabilities(model, poolTexts), ...tfidfLogRegProbabilities(model, testTexts)];
    const spread = spreadLabels({ texts: spreadTexts, probabilities, taught, referenceCandidates: poolIndices }, { ...TEACH_SPREAD, seed }, testIndices);
    record(spreadAs, s, accuracy(spread.map((p) => model.labels[p.indexOf(Math.max(...p))]!)));
  }
  return accuracy(predictTfidfLogReg(model, testTexts).map((p) => p[0]!));
}

type Method = 'suggest (text similarity)' | 'suggest → head alone' | 'random → head alone' | 'suggest → head, always spread' | 'random → head, always spread' | 'TF-IDF + LR + spread on suggest (text) labels' | 'suggest (embedding similarity)' | 'random' | 'TF-IDF + LR on suggest (text) labels' | 'TF-IDF + LR on random labels' | 'TF-IDF + LR, pool vocabulary, on suggest (text) labels' | `${'suggest' | 'random'} → head + spread ${string}`;
/** A method's short name in the per-seed lines (each method its own: 'suggest/alone', 'LR+spread-s', …). */
const shortName = (m: Method): string => {
  if (m === 'suggest (text similarity)' || m === 'random') return m.split(' ')[0]!;
  if (m === 'suggest (embedding similarity)') return 'suggest/emb';
  if (m.startsWith('TF-IDF')) return `LR${m.includes('+ spread') ? '+spread' : ''}${m.includes('pool') ? '-pool' : ''}-${m.includes('random') ? 'r' : 's'}`;
  return m.replace(' → head alone', '/alone').replace(' → head, always spread', '/always-spread').replace(' → head + spread ', '/spread ');
};
const results = new Map<Method, number[][]>(); // method → per size → accuracies over seeds
const record = (method: Method, s: number, acc: number) => {
  if (!results.has(method)) results.set(method, sizes.map(() => []));
  results.get(method)![s]!.push(acc);
};
const classesSeen = new Map<Method, number[][]>();
const recordSeen = (method: Method, s: number, labelled: readonly number[]) => {
  if (!classesSeen.has(method)) classesSeen.set(method, sizes.map(() => []));
  classesSeen.get(method)![s]!.push(new Set(labelled.map((i) => pool[i]!.label)).size);
};

/** The teach loop: suggest a batch, label it, retrain, suggest the next batch from the new head's confidence. */
async function teachLoop(seed: number, withEmbeddings: boolean): Promise<number[][]> {
  const labelled: number[] = [];
  let confidence: Float32Array = new Float32Array(pool.length); // no head yet: every item unsure
  const chosen: number[][] = [];
  for (let s = 0; s < sizes.length; s++) {
    // With --batch n, as the app's teach panel (TEACH_BATCH): n at a time, the loop retrained after each batch.
    while (labelled.length < sizes[s]!) {
      const wanted = sizes[s]! - labelled.length;
      const cold = labelled.length < coldStart ? new Float32Array(pool.length) : confidence;
      const batch = suggestItemsToLabel({ texts: poolTexts, confidence: cold, embeddings: withEmbeddings ? poolEmb : undefined }, batchSize > 0 ? Math.min(batchSize, wanted) : wanted, cover ? { labelled, seed } : { exclude: new Set(labelled), seed });
      if (batch.length === 0) throw new Error(`suggest found no more items to label after ${labelled.length} (the pool has ${pool.length}).`);
      labelled.push(...batch);
      if (labelled.length < sizes[s]!) confidence = (await headRound(labelled, seed, tuning, withEmbeddings ? undefined : 'suggest', s, true)).confidence;
    }
    const method: Method = withEmbeddings ? 'suggest (embedding similarity)' : 'suggest (text similarity)';
    const round = await headRound(labelled, seed, tuning, withEmbeddings ? undefined : 'suggest', s);
    confidence = round.confidence;
    record(method, s, round.acc);
    recordSeen(method, s, labelled);
    chosen.push([...labelled]);
  }
  return chosen;
}

if (optionValue(args, 'fit-timing') === 'true') {
  // The app's teach round on the pool (its TEACH_OPTIONS: 2^14 n-gram columns, ≤ 30 epochs; labels = 50
  // random pool items, the rest unlabelled): the head with its feature statistics from the labelled
  // items against the same head with them from the whole pool (withCatalogueStatistics), interleaved,
  // then relabelling the pool with the latter.
  const appOptions: HeadTrainOptions = { ...TEACH_HEAD_SETTINGS, labelColumn: 'department', ngramEnsemble: 0 };
  const timings: Record<'before' | 'after' | 'relabel', number[]> = { before: [], after: [], relabel: [] };
  for (let rep = 1; rep <= 5; rep++) {
    const order = shuffleInPlace(pool.map((_, i) => i), seededRandom(2000 + rep)).slice(0, 50);
    const labels: string[][] = pool.map(() => []);
    for (const i of order) labels[i] = [pool[i]!.label];
    let t = performance.now();
    await selfTrainHead(poolTexts, labels, appOptions, poolEmb, { perLabel: 0 });
    timings.before.push((performance.now() - t) / 1000);
    t = performance.now();
    const after = await selfTrainHead(poolTexts, labels, withCatalogueStatistics(appOptions, poolTexts, poolEmb, true), poolEmb, { perLabel: 0 });
    timings.after.push((performance.now() - t) / 1000);
    t = performance.now();
    await predictWithHead(loadHead(after.head), poolTexts, undefined, poolEmb);
    timings.relabel.push((performance.now() - t) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`Fit timing, app settings, 50 labels, ${pool.length} items, 5 repeats, median [min–max] s: statistics from the labelled items ${median(timings.before).toFixed(2)} [${Math.min(...timings.before).toFixed(2)}–${Math.max(...timings.before).toFixed(2)}]; from the whole pool ${median(timings.after).toFixed(2)} [${Math.min(...timings.after).toFixed(2)}–${Math.max(...timings.after).toFixed(2)}]; relabelling every item with the new head ${median(timings.relabel).toFixed(2)}. Load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
  process.exit(0);
}

for (let seed = 1; seed <= seedCount; seed++) {
  const ts = Date.now();
  const chosenText = await teachLoop(seed, false);
  for (let s = 0; s < sizes.length; s++) record('TF-IDF + LR on suggest (text) labels', s, await baselineAccuracy(chosenText[s]!, seed, undefined, teachSpread ? 'TF-IDF + LR + spread on suggest (text) labels' : undefined, s));
  if (baselinePool) for (let s = 0; s < sizes.length; s++) record('TF-IDF + LR, pool vocabulary, on suggest (text) labels', s, await baselineAccuracy(chosenText[s]!, seed, poolTexts));
  if (embeddingVariant) await teachLoop(seed, true);
  const order = shuffleInPlace(pool.map((_, i) => i), seededRandom(1000 + seed));
  for (let s = 0; s < sizes.length; s++) {
    const labelled = order.slice(0, sizes[s]);
    record('random', s, (await headRound(labelled, seed, tuning, 'random', s)).acc);
    recordSeen('random', s, labelled);
    record('TF-IDF + LR on random labels', s, await baselineAccuracy(labelled, seed));
  }
  const line = [...results].map(([m, per]) => `${shortName(m)} ${per.map((a) => (100 * a[a.length - 1]!).toFixed(1)).join('/')}`);
  console.log(`seed ${seed} (${((Date.now() - ts) / 1000).toFixed(0)} s): ${line.join('  ')}`);
}

let ceilingAcc: number | null = null;
if (ceiling) {
  const all = pool.map((_, i) => i);
  // One validation split on thousands of labels (cross-validating them would take long and gain nothing).
  ceilingAcc = (await headRound(all, 1, 'validation')).acc;
}

// --- Report ----------------------------------------------------------------------------------------
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1)));
const pct = (x: number) => (100 * x).toFixed(1);
console.log(`\nHeld-out accuracy (%), mean ± sd over ${seedCount} seeds [min–max], ${test.length} test items:`);
console.log(`| labels | ${[...results.keys()].join(' | ')} |`);
console.log(`|---:|${[...results.keys()].map(() => '---:').join('|')}|`);
sizes.forEach((size, s) => {
  console.log(`| ${size} | ${[...results.values()].map((per) => `${pct(mean(per[s]!))} ± ${pct(sd(per[s]!))} [${pct(Math.min(...per[s]!))}–${pct(Math.max(...per[s]!))}]`).join(' | ')} |`);
});
console.log(`Classes among the labels (mean): ${[...classesSeen].map(([m, per]) => `${m}: ${per.map((c) => mean(c).toFixed(1)).join(' / ')}`).join('; ')} (of ${kept.length}).`);
/** Per-seed differences (points) of suggest (text) over another method: mean [min … max]. */
const paired = (other: Method, s: number) => {
  const mine = results.get('suggest (text similarity)')![s]!;
  const theirs = results.get(other)![s]!;
  const d = mine.map((x, k) => 100 * (x - theirs[k]!));
  const sign = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  return `${sign(mean(d))} [${sign(Math.min(...d))} … ${sign(Math.max(...d))}]`;
};
console.log('Suggest (text) minus the other method, same seed, points: mean [min … max] over seeds:');
sizes.forEach((size, s) => console.log(`  ${size} labels: vs random ${paired('random', s)}; vs TF-IDF + LR on the same labels ${paired('TF-IDF + LR on suggest (text) labels', s)}; vs TF-IDF + LR on random labels ${paired('TF-IDF + LR on random labels', s)}${baselinePool ? `; vs TF-IDF + LR with the pool's vocabulary on the same labels ${paired('TF-IDF + LR, pool vocabulary, on suggest (text) labels', s)}` : ''}${teachSpread ? `; vs TF-IDF + LR spread the same way, same labels ${paired('TF-IDF + LR + spread on suggest (text) labels', s)}; vs its own head alone ${paired('suggest → head alone', s)}` : ''}`));
if (spreadSettings.length) {
  console.log(`Spreading (${spreadSettings.length} settings) took ${(spreadSeconds.reduce((a, b) => a + b, 0) / spreadSeconds.length).toFixed(2)} s a run on average. Spread minus the head alone, same seed and labels, points: mean [min … max]:`);
  for (const setting of spreadSettings) for (const from of ['suggest', 'random'] as const) {
    const base = results.get(from === 'suggest' ? 'suggest (text similarity)' : 'random')!;
    const mine = results.get(`${from} → head + spread ${setting.name}` as Method)!;
    const lr = results.get('TF-IDF + LR on suggest (text) labels')!;
    console.log(`  ${setting.name}, ${from}: ${sizes.map((size, s) => { const d = mine[s]!.map((x, k) => 100 * (x - base[s]![k]!)); const e = mine[s]!.map((x, k) => 100 * (x - lr[s]![k]!)); return `${size}: ${mean(d) >= 0 ? '+' : ''}${mean(d).toFixed(1)} [${Math.min(...d).toFixed(1)} … ${Math.max(...d).toFixed(1)}]${from === 'suggest' ? ` (vs TF-IDF + LR same labels ${mean(e) >= 0 ? '+' : ''}${mean(e).toFixed(1)})` : ''}`; }).join('; ')}`);
  }
}
if (teachSpread) console.log(`Teach-loop spreading (TEACH_SPREAD ${JSON.stringify(TEACH_SPREAD)}) of the pool and test items: ${(teachSpreadSeconds.reduce((a, b) => a + b, 0) / teachSpreadSeconds.length).toFixed(2)} s a round on average; 'suggest (text similarity)' and 'random' are the guesses as the teach loop gives them (spread where its cross-validation on the labelled items chose it), '… → head alone' and '… always spread' the same heads without and with spreading: at 50 labels suggest ${sizes.indexOf(50) >= 0 ? (100 * (mean(results.get('suggest (text similarity)')![sizes.indexOf(50)]!) - mean(results.get('suggest → head alone')![sizes.indexOf(50)]!))).toFixed(1) : '–'} points over its head alone.`);
if (calibration.size) {
  const pair = (xs: [number, number][]) => `${pct(mean(xs.map((x) => x[0])))} % @ ${pct(mean(xs.map((x) => x[1])))} %`;
  console.log(`Calibration of the test items' top-1 probabilities (ECE, 15 bins; mean top-1 probability vs accuracy; "sure" = at least ${SURE_THRESHOLD}: share of items @ accuracy), mean over seeds:`);
  for (const [key, e] of calibration) {
    console.log(`  ${key} labels: head alone ECE ${mean(e.alone).toFixed(3)} (${mean(e.confidenceAlone).toFixed(3)} vs ${mean(e.accuracyAlone).toFixed(3)}), sure ${pair(e.sureAlone)}; always spread ECE ${mean(e.spread).toFixed(3)} (${mean(e.confidenceSpread).toFixed(3)}); the loop's guesses (spread in ${e.chosen} of ${e.rounds} rounds, temperature ${e.temperature.map((t) => t.toFixed(2)).join('/')}) ECE ${mean(e.loop).toFixed(3)} (${mean(e.confidenceLoop).toFixed(3)} vs ${mean(e.accuracyLoop).toFixed(3)}), sure ${pair(e.sureLoop)}.`);
  }
}
if (priorRounds.size) console.log(`Label-name prior (kept by the round's cross-validation in … of … measured rounds; mean weight per head ${labelPriorHeads(classifier).join('/')} where kept): ${[...priorRounds].map(([key, rounds]) => { const used = rounds.filter((w): w is number[] => w !== null); return `${key} labels: ${used.length} of ${rounds.length}${used.length ? ` (${used[0]!.map((_, h) => mean(used.map((w) => w[h]!)).toFixed(2)).join('/')})` : ''}`; }).join('; ')}.`);
console.log(`Head fit (selfTrainHead: trainHead, tuning ${tuning}, twice when self-training) seconds, mean [max] by labels: ${[...fitSeconds].filter(([n]) => n !== pool.length).sort((a, b) => a[0] - b[0]).map(([n, xs]) => `${n}: ${mean(xs).toFixed(2)} [${Math.max(...xs).toFixed(2)}]`).join('; ')}; relabelling the ${pool.length} pool items: ${mean(poolPredictSeconds).toFixed(2)} s mean.`);
if (ceilingAcc !== null) console.log(`Head trained on the whole pool (${pool.length} labels): ${pct(ceilingAcc)} %.`);
const at = sizes.indexOf(50);
if (at >= 0) {
  const sug = mean(results.get('suggest (text similarity)')![at]!);
  console.log(`At 50 labels: suggest (text) − random = ${(100 * (sug - mean(results.get('random')![at]!))).toFixed(1)} points (goal ≥ 3); suggest (text) − TF-IDF + LR on the same labels = ${(100 * (sug - mean(results.get('TF-IDF + LR on suggest (text) labels')![at]!))).toFixed(1)} points (goal ≥ 5).`);
  if (embeddingVariant) {
    const emb = mean(results.get('suggest (embedding similarity)')![at]!);
    console.log(`At 50 labels: suggest (embedding) − random = ${(100 * (emb - mean(results.get('random')![at]!))).toFixed(1)} points.`);
  }
}
const seconds = (Date.now() - started) / 1000;
console.log(`Total ${seconds.toFixed(0)} s; load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
const json = {
  bench: 'teach', date: new Date().toISOString(), catalogue: cataloguePath, model: modelDir, modelNote, level, classes: kept.map(([l]) => l),
  pool: pool.length, test: test.length, sizes, seeds: seedCount, seconds, tuning, cover, coldStart, uncertainty: uncertaintyArg, uncertaintyPower, batch: batchSize, headSettings, selfTrainPerLabel, ngramEnsemble: headOptions.ngramEnsemble, labelColumn: labelColumn ?? null, rows: items.length,
  fitSeconds: Object.fromEntries(fitSeconds), poolPredictSeconds, loadStart: load, loadEnd: loadavg(), ceiling: ceilingAcc,
  results: Object.fromEntries([...results].map(([m, per]) => [m, per])),
};
console.log(JSON.stringify(json));
const jsonPath = optionValue(args, 'json');
if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify(json, null, 1)}\n`);
