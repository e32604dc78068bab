/**
 * The teach loop's core (issue 13, item 2): a head trained on the labels a designer taught (plus
 * the model's own sure labels, so it knows every class), its held-out accuracy measured by k-fold
 * cross-validation on the taught items only, and the merge of taught labels, the model's labels
 * and the head's confident guesses into one label per item. Pure; no DOM.
 */
import { seededRandom } from '../random.ts';
import { valueCoder } from '../valueCodes.ts';
import { loadHead, predictWithHead, trainHead, type HeadJSON, type HeadTrainOptions, type LoadedHead, type TrainHeadResult } from './head.ts';
import { selfTrainHead } from './selfTrain.ts';
import { buildSpreadIndex, spreadLabels, spreadReferences, spreadTopLabels, type SpreadIndex, type SpreadInput, type SpreadOptions } from './spread.ts';
import { fitLabelPriorWeights, labelAgreement, labelPriorAdjuster, withLabelPrior, type LabelPriorInput, type PriorAdjust } from './labelPrior.ts';
import { fitTemperature, temperProbabilities, type OutOfFoldItem } from './temperature.ts';

/**
 * The teach loop's head: a small n-gram space and few epochs (a round takes seconds), and once validation has chosen
 * the epochs and L2, refitted on every taught item (a user who taught 50 items expects the head to learn from all 50,
 * not from the 40 outside its validation split). `bench:teach` trains its heads the same way.
 */
export const TEACH_HEAD_SETTINGS = { hashBits: 14, maxEpochs: 30, refit: true } as const;

/** How many items the teach panel suggests at a time; the loop is retrained and every item relabelled after each batch (`bench:teach --batch` replays it). */
export const TEACH_BATCH = 5;

/**
 * Share of the n-gram-only model in a teach head's averaged probabilities (HeadTrainOptions.ngramEnsemble).
 * 0 (off): with self-training it gained 2 points on the Amazon development catalogue but lost 0.6 on
 * Flipkart's and made a teach round about three times slower (docs/BENCHMARKS.md, issue 13).
 */
export const TEACH_NGRAM_ENSEMBLE = 0;

/** Confident guesses per label a teach round's self-training adds (0: off, for the reasons of TEACH_NGRAM_ENSEMBLE). */
export const TEACH_SELF_TRAIN_PER_LABEL = 0;

/**
 * Whether a teach round measures its head's feature statistics (n-gram IDF, the embedding's mean and
 * spread) on the whole catalogue rather than on the few labelled items (HeadTrainOptions.catalogue).
 * false: on the Amazon development catalogue it lowered the head at 50 labels from 81.0 to 78.7 %
 * (docs/BENCHMARKS.md, issue 13, 6 Dec 2026); `bench:teach --catalogue-statistics on` measures it.
 */
export const TEACH_CATALOGUE_STATISTICS = false;

/**
 * Label spreading a teach round tries on its guesses (spread.ts; null: never): half of each guess
 * from its 10 most similar catalogue items (word 1–2-grams, weights ∝ cosine, 2,000 reference
 * items), used only when the cross-validation on the taught items gets more of them right with it.
 * Settings chosen on the Amazon development catalogue with `npm run bench:teach -- --spread …`
 * (docs/BENCHMARKS.md, issue 13).
 */
export const TEACH_SPREAD: Partial<SpreadOptions> | null = { alpha: 0.5, neighbours: 10, power: 1, references: 2000, ngrams: { word: [1, 2], char: null } };

/**
 * What a teach head does with n-grams none of its labelled items has (HeadTrainOptions.unseenNgrams):
 * 'keep' (the largest IDF). 'drop' (weight 0, as TF-IDF + LR's vocabulary) was measured and not kept:
 * on the Amazon development catalogue the loop was +4.2 points at 20 labels but −0.2 at 50, and on
 * Flipkart −1.3 at 50 (docs/BENCHMARKS.md, issue 13, 6 Dec 2026); `bench:teach --unseen-ngrams` measures it.
 */
export const TEACH_UNSEEN_NGRAMS: 'keep' | 'drop' = 'keep';

/**
 * Whether the teach loop reads the label names with the model as a prior for its guesses
 * (labelPrior.ts: master category and gender; kept per round only where its cross-validation gets
 * more taught items right). On: Flipkart at 50 labels 87.0 → 88.0 %, the development catalogue
 * 86.0 → 85.8 % (docs/BENCHMARKS.md "The label names as a prior").
 */
export const TEACH_LABEL_PRIOR = true;

/** The options with the catalogue (every item, labelled or not) for feature statistics, unless the caller set one or `on` is false. */
export function withCatalogueStatistics<T extends HeadTrainOptions>(options: T, texts: readonly string[], embeddings: readonly Float32Array[] | undefined, on = TEACH_CATALOGUE_STATISTICS): T {
  if (!on || options.catalogue) return options;
  return { ...options, catalogue: { texts, ...(embeddings ? { embeddings } : {}) } };
}

/** The head options of a teach round: the caller's, with the teach loop's ensemble share and unseen n-grams unless they set them. */
export function teachHeadOptions<T extends HeadTrainOptions>(options: T): T {
  return { ...options, ngramEnsemble: options.ngramEnsemble ?? TEACH_NGRAM_ENSEMBLE, unseenNgrams: options.unseenNgrams ?? TEACH_UNSEEN_NGRAMS };
}

/** Flag bytes of the merged labels (as in core/dashboard/unsure.ts): 1 sure, 0 unsure (2 = no label). */
const SURE = 1;
const UNSURE = 0;

/** One head's labels for every item: a label list, codes into it (-1 = none), probabilities and sure flags. */
export interface ItemLabels {
  /** Label names; codes index into this list. */
  labels: readonly string[];
  /** Label code per item (-1 = no label, e.g. an item without text). */
  codes: Int32Array;
  /** Probability of each item's label (1 for a label a person taught). */
  probabilities: Float32Array;
  /** Per item: 1 sure, 0 unsure, 2 no label. */
  sure: Uint8Array;
}

/** A trained head's top guess for every item. */
export interface HeadGuesses {
  /** Guessed label per item ('' = none). */
  labels: readonly string[];
  /** Probability of each guess. */
  probabilities: ArrayLike<number>;
}

/**
 * Merges, item by item: a label a person taught (sure, probability 1) wins; else the model's label
 * when the model was sure; else the head's guess when its probability reaches `minProbability`
 * (then sure); else the model's label stays, unsure. Items without a model label keep none.
 */
export function mergeTaughtLabels(model: ItemLabels, taught: ReadonlyMap<number, string>, head: HeadGuesses | undefined, minProbability: number): ItemLabels {
  const n = model.codes.length;
  if (head && head.labels.length !== n) throw new Error(`The head guessed ${head.labels.length} labels for ${n} items.`);
  const { values: labels, code: codeOf } = valueCoder(model.labels);
  const codes = Int32Array.from(model.codes);
  const probabilities = Float32Array.from(model.probabilities);
  const sure = Uint8Array.from(model.sure);
  for (let i = 0; i < n; i++) {
    const taughtLabel = taught.get(i);
    if (taughtLabel !== undefined) {
      codes[i] = codeOf(taughtLabel);
      probabilities[i] = 1;
      sure[i] = SURE;
      continue;
    }
    if (model.sure[i] !== UNSURE || !head) continue;
    const guess = head.labels[i];
    const p = head.probabilities[i]!;
    if (guess && p >= minProbability) {
      codes[i] = codeOf(guess);
      probabilities[i] = p;
      sure[i] = SURE;
    }
  }
  return { labels, codes, probabilities, sure };
}

/** Which items a teach head is trained on: the taught ones, then up to `maxPseudo` items the model labelled surely. */
export function teachTrainingLabels(model: ItemLabels, taught: ReadonlyMap<number, string>, maxPseudo: number, seed = 7): string[][] {
  const n = model.codes.length;
  const labels: string[][] = Array.from({ length: n }, () => []);
  for (const [i, label] of taught) if (i >= 0 && i < n) labels[i] = [label];
  const sure: number[] = [];
  for (let i = 0; i < n; i++) if (!taught.has(i) && model.sure[i] === SURE && model.codes[i]! >= 0) sure.push(i);
  // A seeded sample keeps big catalogues fast and the same on every run.
  const random = seededRandom(seed);
  for (let k = sure.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [sure[k], sure[j]] = [sure[j]!, sure[k]!];
  }
  for (const i of sure.slice(0, maxPseudo)) labels[i] = [model.labels[model.codes[i]!]!];
  return labels;
}

/** Held-out accuracy of a teach head on the taught items. */
export interface HeldOutEstimate {
  /** Taught items guessed right by a head that never saw them (the way the round labels items: spread or the head alone). */
  correct: number;
  /** Taught items checked. */
  checked: number;
  /** correct / checked (NaN when nothing could be checked). */
  accuracy: number;
  /** Folds used. */
  folds: number;
  /** Of the checked items, those the fold heads alone got right. */
  headCorrect?: number;
  /** Of the checked items, those the fold heads' guesses spread over the catalogue got right (absent when spreading was not tried). */
  spreadCorrect?: number;
  /** Whether the round's guesses are spread: only when spreading got more taught items right than the head alone. */
  spread?: boolean;
  /** Temperature of the round's guess probabilities, fitted on the checked items the way the round labels (temperature.ts; 1 with fewer than 40, and for label-list heads). */
  temperature?: number;
  /** Of the checked items, those the fold heads got right with the label names' prior, its weights fitted on the other folds' checked items (absent when no prior was given). */
  priorCorrect?: number;
  /** Of the checked items, those the fold heads got right without the prior (absent when no prior was given). */
  plainCorrect?: number;
  /** The prior's weight per model head (labelPrior.ts), fitted on the checked items; only when the prior got more of them right than the head alone, and then used by the round. */
  priorWeights?: number[];
}

/**
 * k-fold cross-validation on the taught items only: each fold's taught items are held out, a head
 * is trained on the rest (`labels`, i.e. the other taught items plus the pseudo-labelled ones) and
 * guesses them. Folds whose training rows hold fewer than two labels are skipped (not counted).
 * With `prior` (the label names read by the model, labelPrior.ts), its weights are fitted on the
 * fold heads' guesses of the held-out taught items, and kept only when it got more of them right
 * than the heads alone. With `spread`, each fold's guesses (with the kept prior) are also spread
 * over the catalogue (the other folds' taught items fixed to their labels) and counted apart; the
 * estimate is then the better of the two ways (spread only when it got more right), which is the
 * way the round labels the items.
 */
export async function crossValidateTaught(
  texts: readonly string[],
  labels: readonly (readonly string[])[],
  taught: readonly number[],
  options: HeadTrainOptions & { folds?: number; seed?: number },
  embeddings?: readonly Float32Array[],
  checkCancel?: () => void,
  spread?: Partial<SpreadOptions> | null,
  spreadIndex?: SpreadIndex,
  prior?: LabelPriorInput,
): Promise<HeldOutEstimate> {
  const folds = Math.max(2, Math.min(options.folds ?? 5, taught.length));
  if (taught.length < 2) return { correct: 0, checked: 0, accuracy: Number.NaN, folds: 0 };
  // One reference graph for every fold (it holds all taught items; a fold's held-out ones are plain references there).
  const settings = spread ? seededSpread(spread, options.seed) : null;
  const index = settings ? (spreadIndex ?? teachSpreadIndex(texts, taught, settings)) : undefined;
  const order = [...taught];
  const random = seededRandom(options.seed ?? 11);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  let correct = 0;
  let checked = 0;
  // The fold heads and their guesses of their held-out taught items (softmax heads: every class's probability).
  const runs: { head: LoadedHead; held: number[]; guesses: { top: string; all?: Float32Array }[] }[] = [];
  for (let f = 0; f < folds; f++) {
    checkCancel?.();
    const held = order.filter((_, k) => k % folds === f);
    const heldSet = new Set(held);
    const train = labels.map((set, i) => (heldSet.has(i) ? [] : set));
    if (new Set(train.flat()).size < 2) continue;
    let result: TrainHeadResult;
    try {
      result = await trainHead(texts, train, teachHeadOptions(options), embeddings ? labelledEmbeddings(embeddings, train) : undefined);
    } catch {
      continue; // too few rows for this fold's labels: the fold is not counted
    }
    const head = loadHead(result.head);
    const guesses = await predictWithHead(head, held.map((i) => texts[i]!), undefined, embeddings ? held.map((i) => embeddings[i]!) : undefined);
    runs.push({ head, held, guesses: guesses.map((g) => ({ top: g.labels[0] ?? '', ...(head.json.kind === 'softmax' ? { all: g.all } : {}) })) });
    held.forEach((i, k) => {
      checked++;
      if (guesses[k]!.labels[0] === labels[i]![0]) correct++;
    });
  }
  const truthOf = (head: LoadedHead, i: number) => head.json.labels.indexOf(labels[i]![0] ?? '');
  const rawOutOfFold: OutOfFoldItem[] = runs.flatMap((run) => run.guesses.flatMap((g, k) => (g.all ? [{ probabilities: g.all, truth: truthOf(run.head, run.held[k]!) }] : [])));
  // The label names' prior: fitted on the out-of-fold guesses, kept when it gets more taught items right.
  let adjust: PriorAdjust | undefined;
  let priorCorrect: number | undefined;
  let priorWeights: number[] | undefined;
  let outOfFold = rawOutOfFold;
  if (prior && rawOutOfFold.length > 0) {
    const fitItems = runs.flatMap((run, r) => run.guesses.flatMap((g, k) => (g.all ? [{ run: r, probabilities: g.all, features: labelAgreement(prior, run.held[k]!, run.head.json.labels), truth: truthOf(run.head, run.held[k]!) }] : [])));
    const heads = prior.items.heads.length;
    const weights = fitLabelPriorWeights(fitItems, heads);
    // Whether the prior helps is counted with weights fitted without the fold's own items (cross-fitted), so the fit cannot flatter itself.
    const crossFitted = runs.map((_, r) => fitLabelPriorWeights(fitItems.filter((x) => x.run !== r), heads));
    const rightWithPrior = fitItems.filter((x) => x.truth >= 0 && topIndex(withLabelPrior(x.probabilities, x.features, crossFitted[x.run]!)) === x.truth).length;
    priorCorrect = correct - rawOutOfFold.filter((x) => x.truth >= 0 && topIndex(x.probabilities) === x.truth).length + rightWithPrior;
    const adjusted = fitItems.map((x) => withLabelPrior(x.probabilities, x.features, weights));
    if (priorCorrect > correct && weights.some((w) => w > 0)) {
      priorWeights = weights;
      adjust = labelPriorAdjuster(prior, weights);
      outOfFold = adjusted.map((p, n) => ({ probabilities: p, truth: fitItems[n]!.truth }));
    }
  }
  const headCorrect = priorWeights ? priorCorrect! : correct;
  const priorFields = priorCorrect === undefined ? {} : { priorCorrect, plainCorrect: correct, ...(priorWeights ? { priorWeights } : {}) };
  if (!settings || !index) return { correct: headCorrect, checked, accuracy: checked > 0 ? headCorrect / checked : Number.NaN, folds, temperature: fitTemperature(outOfFold), ...priorFields };
  let spreadCorrect = 0;
  const spreadOutOfFold: OutOfFoldItem[] = [];
  for (const run of runs) {
    if (run.head.json.kind !== 'softmax') continue;
    checkCancel?.();
    const heldSet = new Set(run.held);
    const kept = taught.filter((i) => !heldSet.has(i));
    const spreadRows = await spreadProbabilitiesOf(run.head, texts, labels, kept, run.held, settings, embeddings, index, checkCancel, adjust);
    run.held.forEach((i, k) => {
      const p = spreadRows[k]!;
      if (run.head.json.labels[topIndex(p)] === labels[i]![0]) spreadCorrect++;
      spreadOutOfFold.push({ probabilities: p, truth: truthOf(run.head, i) });
    });
  }
  const useSpread = spreadCorrect > headCorrect;
  const chosen = useSpread ? spreadCorrect : headCorrect;
  return { correct: chosen, checked, accuracy: checked > 0 ? chosen / checked : Number.NaN, folds, headCorrect, spreadCorrect, spread: useSpread, temperature: fitTemperature(useSpread ? spreadOutOfFold : outOfFold), ...priorFields };
}

/** Index of the largest value (the first of ties). */
function topIndex(p: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}

/** A round's spreading settings with its seed (the round's, else the settings', else 1). */
function seededSpread(spread: Partial<SpreadOptions>, seed: number | undefined): Partial<SpreadOptions> {
  return { ...spread, seed: seed ?? spread.seed ?? 1 };
}

/**
 * The reference graph a teach round's spreadings share (its cross-validation folds and its own
 * guesses): every taught item and a seeded sample of the others, text similarity (as TEACH_SPREAD).
 */
export function teachSpreadIndex(texts: readonly string[], taught: readonly number[], spread: Partial<SpreadOptions>): SpreadIndex {
  const taughtKeys = new Map(taught.map((i) => [i, 0] as [number, number]));
  return buildSpreadIndex({ texts }, spreadReferences(texts.length, taughtKeys, spread), spread);
}

/** What spreading a head's guesses needs: the taught items as its class indices, and the head's probabilities of the references and of `rows`. */
async function spreadInputFor(head: LoadedHead, texts: readonly string[], labels: readonly (readonly string[])[], taught: readonly number[], rows: readonly number[], index: SpreadIndex, embeddings: readonly Float32Array[] | undefined, adjust?: PriorAdjust): Promise<SpreadInput> {
  const taughtCodes = new Map<number, number>();
  for (const i of taught) {
    const code = head.json.labels.indexOf(labels[i]?.[0] ?? '');
    if (code >= 0) taughtCodes.set(i, code); // a label the head does not know is left out
  }
  const needed = [...new Set([...index.references, ...rows])];
  const predictions = await predictWithHead(head, needed.map((i) => texts[i]!), undefined, embeddings ? needed.map((i) => embeddings[i]!) : undefined);
  const probabilities: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(texts.length);
  needed.forEach((i, k) => (probabilities[i] = adjust ? adjust(i, head.json.labels, predictions[k]!.all) : predictions[k]!.all));
  return { texts, probabilities, taught: taughtCodes };
}

/** A head's class probabilities for the few items `rows`, spread over the catalogue with the `taught` items fixed. */
async function spreadProbabilitiesOf(head: LoadedHead, texts: readonly string[], labels: readonly (readonly string[])[], taught: readonly number[], rows: readonly number[], spread: Partial<SpreadOptions>, embeddings: readonly Float32Array[] | undefined, index: SpreadIndex, checkCancel?: () => void, adjust?: PriorAdjust): Promise<Float32Array[]> {
  const input = await spreadInputFor(head, texts, labels, taught, rows, index, embeddings, adjust);
  checkCancel?.();
  return spreadLabels(input, spread, rows, index);
}

/**
 * A head's guesses for the items `rows`, spread over the catalogue (spread.ts) with the `taught`
 * items (their `labels`) fixed: the top label and its probability at `temperature` per row.
 */
async function spreadGuessesOf(head: LoadedHead, texts: readonly string[], labels: readonly (readonly string[])[], taught: readonly number[], rows: readonly number[], spread: Partial<SpreadOptions>, embeddings: readonly Float32Array[] | undefined, index: SpreadIndex, temperature: number, checkCancel?: () => void, adjust?: PriorAdjust): Promise<{ labels: string[]; probabilities: number[] }> {
  const input = await spreadInputFor(head, texts, labels, taught, rows, index, embeddings, adjust);
  checkCancel?.();
  const top = spreadTopLabels(input, spread, rows, index, temperature, checkCancel);
  return { labels: Array.from(top.codes, (c) => head.json.labels[c] ?? ''), probabilities: Array.from(top.probabilities) };
}

// trainHead embeds only the labelled items, in item order: hand it exactly those vectors.
function labelledEmbeddings(embeddings: readonly Float32Array[], labels: readonly (readonly string[])[]) {
  const vectors = embeddings.filter((_, i) => labels[i]!.length > 0);
  return async (subset: string[]) => {
    if (subset.length !== vectors.length) throw new Error('Embeddings do not line up with the labelled items.');
    return vectors;
  };
}

/** What teaching one model head has done so far; saved with the dataset. */
export interface TeachRecord {
  /** The model head taught, e.g. "articleType". */
  head: string;
  /** Each batch taught, in order: [row, label] pairs (undo removes the last). */
  batches: [number, string][][];
  /** The head trained after the last batch (null when it could not be trained yet). */
  headJson: HeadJSON | null;
  /** Why no head was trained, when none was. */
  reason?: string;
  /** Cross-validated accuracy on the taught items after the last batch. */
  heldOut: HeldOutEstimate | null;
  /** The head's guesses count as sure from this probability on (the model's own unsure rule for the head). */
  minProbability: number;
}

/** What one teach round gives back: the head (null when it could not be trained yet), its held-out estimate and its guess for every item. */
export interface TeachRound {
  /** The head trained on every training row, or null (fewer than two labels, or too few rows per label). */
  head: HeadJSON | null;
  /** Why no head was trained, when none was. */
  reason?: string;
  /** Cross-validated accuracy on the taught items. */
  heldOut: HeldOutEstimate;
  /** The head's top guess per item (absent without a head). */
  guesses?: { labels: string[]; probabilities: Float32Array };
}

/**
 * One round of the teach loop: cross-validates on the taught items, trains the head on all
 * training rows (`labels`: taught + pseudo-labelled; self-trained when `options.selfTrain` > 0) and guesses a label for every item, or only
 * for the items in `options.guess` (the others get '' and probability 0: the merge only ever
 * uses guesses for items the model was unsure about, and guessing is most of a round's time).
 * With `options.spread` (default TEACH_SPREAD; null: never) the guesses are spread over the catalogue
 * when the cross-validation got more taught items right that way (`heldOut.spread`); their
 * probabilities are at the temperature fitted on the same cross-validation (`heldOut.temperature`).
 * With `options.labelPrior` (the label names and the items read by the model) the guesses also follow
 * the label names where the cross-validation found that right more often (`heldOut.priorWeights`).
 */
export async function teachRound(
  texts: readonly string[],
  labels: readonly (readonly string[])[],
  taught: readonly number[],
  options: HeadTrainOptions & { folds?: number; seed?: number; guess?: readonly number[]; selfTrain?: number; spread?: Partial<SpreadOptions> | null; labelPrior?: LabelPriorInput },
  embeddings?: readonly Float32Array[],
  checkCancel?: () => void,
): Promise<TeachRound> {
  const { labelPrior, ...headOptions } = options;
  options = headOptions;
  if (texts.length !== labels.length) throw new Error(`Got ${texts.length} texts but ${labels.length} label entries.`);
  if (embeddings && embeddings.length !== texts.length) throw new Error(`Got ${embeddings.length} embeddings for ${texts.length} texts.`);
  options = withCatalogueStatistics(options, texts, embeddings);
  const spread = options.spread === undefined ? TEACH_SPREAD : options.spread;
  const spreadSettings = spread ? seededSpread(spread, options.seed) : null;
  const spreadIndex = spreadSettings && taught.length >= 2 ? teachSpreadIndex(texts, taught, spreadSettings) : undefined;
  const heldOut = await crossValidateTaught(texts, labels, taught, options, embeddings, checkCancel, spread, spreadIndex, labelPrior);
  checkCancel?.();
  let result: TrainHeadResult;
  try {
    // Self-training on the items nobody labelled (their confident guesses as extra labels) when asked for (selfTrain > 0).
    result = await selfTrainHead(texts, labels, teachHeadOptions(options), embeddings, { perLabel: options.selfTrain ?? TEACH_SELF_TRAIN_PER_LABEL, seed: options.seed }, { checkCancel });
  } catch (error) {
    return { head: null, reason: (error as Error).message, heldOut };
  }
  checkCancel?.();
  const rows = options.guess ?? texts.map((_, i) => i);
  for (const i of rows) if (!(i >= 0 && i < texts.length)) throw new Error(`Item ${i} to guess is not among the ${texts.length} items.`);
  const head = loadHead(result.head);
  const temperature = head.json.kind === 'softmax' ? (heldOut.temperature ?? 1) : 1;
  // The label names' prior, when the cross-validation kept it (softmax heads only).
  const weights = heldOut.priorWeights;
  const adjust: PriorAdjust | undefined = labelPrior && weights && head.json.kind === 'softmax' ? labelPriorAdjuster(labelPrior, weights) : undefined;
  const guessed: string[] = new Array<string>(texts.length).fill('');
  const probabilities = new Float32Array(texts.length);
  if (spreadSettings && spreadIndex && heldOut.spread && head.json.kind === 'softmax') {
    // Spreading got more taught items right in the cross-validation: guesses pulled towards those of similar catalogue items.
    const spreadGuesses = await spreadGuessesOf(head, texts, labels, taught, rows, spreadSettings, embeddings, spreadIndex, temperature, checkCancel, adjust);
    rows.forEach((i, k) => {
      guessed[i] = spreadGuesses.labels[k]!;
      probabilities[i] = spreadGuesses.probabilities[k]!;
    });
  } else {
    const predictions = await predictWithHead(head, rows.map((i) => texts[i]!), undefined, embeddings ? rows.map((i) => embeddings[i]!) : undefined);
    rows.forEach((i, k) => {
      if (adjust) {
        // With the prior the top label may change: the top of the made-over probabilities, at the fitted temperature.
        const p = temperProbabilities(adjust(i, head.json.labels, predictions[k]!.all), temperature);
        const top = topIndex(p);
        guessed[i] = head.json.labels[top] ?? '';
        probabilities[i] = p[top]!;
        return;
      }
      guessed[i] = predictions[k]!.labels[0] ?? '';
      // The label is the head's (a temperature never changes which class is top), its probability at the fitted temperature.
      const label = head.json.labels.indexOf(guessed[i]!);
      probabilities[i] = temperature === 1 || label < 0 ? (predictions[k]!.probabilities[0] ?? 0) : temperProbabilities(predictions[k]!.all, temperature)[label]!;
    });
  }
  return { head: result.head, heldOut, guesses: { labels: guessed, probabilities } };
}
