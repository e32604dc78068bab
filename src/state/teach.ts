/**
 * The teach loop (issue 13, item 2) on the open dataset: the items most worth labelling next, one
 * round of fine-tuning in the worker after each batch a designer labels, everything relabelled
 * (`pred_/prob_/sure_<head>` rewritten from the model's own labels, kept as `model_*` columns),
 * undo of the last batch, and the record of it all saved with the dataset.
 */
import { keptColumn, modelLabelColumn, modelProbabilityColumn, parseColumn, sureColumn } from '../core/columnKinds.ts';
import { Table, type Vector } from 'apache-arrow';
import { codeColumn } from '../core/dashboard/columns.ts';
import { sureFlagsOf } from '../core/dashboard/unsure.ts';
import { suggestItemsToLabel } from '../core/finetune/suggest.ts';
import { labelReadingsOf, LABEL_PRIOR_TOP_K, type ItemReadings, type LabelPriorInput } from '../core/finetune/labelPrior.ts';
import { mergeTaughtLabels, TEACH_HEAD_SETTINGS, TEACH_LABEL_PRIOR, teachTrainingLabels, type ItemLabels, type TeachRecord } from '../core/finetune/teach.ts';
import { textRuleChecker, type TextRules } from '../model/calibration.ts';
import { labelPriorHeads } from '../model/head/embedding.ts';
import { hashText } from '../model/hash.ts';
import { datasetItemTexts, labelVector, probabilityVector, sureVector, textColumnNames } from '../model/predictionColumns.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import type { FlatEmbeddings } from '../workers/finetuneProtocol.ts';
import type { ModelInfo } from '../workers/inferenceProtocol.ts';
import { finetuneWorker, inferenceWorker } from '../workers/pageWorkers.ts';
import type { Progress } from '../workers/protocol.ts';
import { ensureModel } from './labelling.ts';
import type { ColumnInfo, LoadedDataset } from './store.ts';

/** How many examples the unsure message suggests teaching. */
export const TEACH_SUGGESTED = 20;
/** Most model-sure items a teach head also trains on (so it knows every class, and stays fast). */
const MAX_PSEUDO_LABELS = 500;
/** Head training settings of the teach loop (TEACH_HEAD_SETTINGS: a small n-gram space and few epochs, refitted on every taught item), with its cross-validation folds. */
const TEACH_OPTIONS = { ...TEACH_HEAD_SETTINGS, folds: 5, embeddingSource: 'trendloom-classifier#embedding' };

/** The taught labels of a record as one map (later batches win). */
export function taughtMap(record: TeachRecord | undefined): Map<number, string> {
  return new Map(record?.batches.flat() ?? []);
}

// The model's embeddings (and its readings for the label-name prior) of the last texts embedded (one catalogue at a time is taught).
let embeddingCache: { key: string; flat: FlatEmbeddings; readings?: ItemReadings } | undefined;
// The model's readings of label names, by model, heads read and name.
const labelReadingCache = new Map<string, Float32Array[]>();

/** The frozen model's embedding of every item, and its reading under `readingHeads` when given (computed once per catalogue text, then reused). */
async function embeddingsOf(texts: string[], readingHeads: readonly string[] | undefined, signal: AbortSignal, onProgress: (p: Progress) => void): Promise<{ flat: FlatEmbeddings; readings?: ItemReadings }> {
  const key = `${hashText(texts.join('\n'))}#${readingHeads?.join(',') ?? ''}`;
  if (embeddingCache?.key === key) return embeddingCache;
  await ensureModel(signal);
  const { readings, ...flat } = await inferenceWorker().request('model.embed', { texts, ...(readingHeads ? { readings: { heads: [...readingHeads], k: LABEL_PRIOR_TOP_K } } : {}) }, { signal, onProgress });
  embeddingCache = { key, flat, ...(readings ? { readings } : {}) };
  return embeddingCache;
}

/**
 * The teach round's label-name prior (labelPrior.ts): the items' readings and every training label's
 * name as the model reads it (names read once, then kept). Undefined when the prior is off.
 */
async function labelPriorOf(info: ModelInfo, heads: readonly string[], readings: ItemReadings | undefined, labels: readonly (readonly string[])[], signal: AbortSignal): Promise<LabelPriorInput | undefined> {
  if (!readings || heads.length === 0) return undefined;
  const names = [...new Set(labels.flat())];
  const keyOf = (name: string) => `${info.modelId}#${heads.join(',')}#${name}`;
  const missing = names.filter((name) => !labelReadingCache.has(keyOf(name)));
  if (missing.length > 0) {
    const widths = heads.map((h) => info.labels[h]?.length ?? 0);
    const read = await inferenceWorker().request('model.embed', { texts: missing, readings: { heads: [...heads], k: Math.max(1, ...widths) } }, { signal });
    if (!read.readings) throw new Error('The model did not read the label names.');
    for (const [name, vectors] of labelReadingsOf(missing, read.readings, widths)) labelReadingCache.set(keyOf(name), vectors);
  }
  return { items: readings, labels: new Map(names.map((name) => [name, labelReadingCache.get(keyOf(name))!])) };
}

/** Column `name` of the table, or a plain error naming it. */
function column(dataset: LoadedDataset, name: string, language: Language): Vector {
  const vector = dataset.table.getChild(name);
  if (!vector) throw new Error(translate(language, 'teachNoColumn', { column: name }));
  return vector;
}

/** The model's own labels of a head (from `model_*` once teaching started, else `pred_/prob_/sure_`). */
function modelLabels(dataset: LoadedDataset, head: string, language: Language): ItemLabels {
  const kept = dataset.table.getChild(keptColumn('label', head)) !== null;
  const coded = codeColumn(column(dataset, kept ? keptColumn('label', head) : modelLabelColumn(head), language));
  if (coded.labels.kind !== 'single') throw new Error(translate(language, 'teachNoColumn', { column: modelLabelColumn(head) }));
  const probVector = column(dataset, kept ? keptColumn('probability', head) : modelProbabilityColumn(head), language);
  const probabilities = new Float32Array(dataset.table.numRows);
  for (let i = 0; i < probabilities.length; i++) probabilities[i] = Number(probVector.get(i) ?? 0);
  return { labels: coded.values, codes: coded.labels.codes, probabilities, sure: sureFlagsOf(column(dataset, kept ? keptColumn('sure', head) : sureColumn(head), language)) };
}

/**
 * Per item, the confidence `suggest` ranks it by: the probability of its current label, except 0 while a text rule
 * of the model (usage's convention rule, the Chinese-script rule, no colour word, or — given the `labels` — a gender its text does not name, an article type its text names others than) keeps that label unsure — that
 * probability is then not one the app trusts (usage's is often 0.9 on a shop it is wrong on half the time), so the
 * item counts as uncertain as one never labelled.
 */
export function teachConfidence(texts: readonly string[], probabilities: ArrayLike<number>, sure: Uint8Array | undefined, head: string, rules: TextRules | undefined, labels?: { get(i: number): unknown }): Float64Array {
  const ruleOf = textRuleChecker(head, rules);
  const confidence = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const blocked = sure !== undefined && sure[i] !== 1 && ruleOf(texts[i]!, labels?.get(i) as string | null | undefined) !== undefined;
    confidence[i] = blocked ? 0 : Number(probabilities[i] ?? 0);
  }
  return confidence;
}

/**
 * The items most worth labelling next for `head`: unsure and standing for many similar items
 * (suggestItemsToLabel on the items' text n-grams, which chose better labels than the model's
 * embedding in `npm run bench:teach`: 85.7 vs 82.8 % at 50 labels), never one already taught or without text.
 * `rules`: the model's text rules (an item a rule keeps unsure counts as uncertain, `teachConfidence`).
 */
export async function suggestToTeach(dataset: LoadedDataset, head: string, n: number, language: Language, rules?: TextRules): Promise<number[]> {
  const texts = datasetItemTexts(dataset);
  const current = column(dataset, modelProbabilityColumn(head), language);
  const probabilities = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) probabilities[i] = Number(current.get(i) ?? 0);
  const sureVector = dataset.table.getChild(sureColumn(head));
  const confidence = teachConfidence(texts, probabilities, sureVector ? sureFlagsOf(sureVector) : undefined, head, rules, dataset.table.getChild(modelLabelColumn(head)) ?? undefined);
  const exclude = new Set(taughtMap(dataset.teach?.[head]).keys());
  texts.forEach((text, i) => text.trim() === '' && exclude.add(i));
  return suggestItemsToLabel({ texts, confidence }, n, { exclude, seed: dataset.teach?.[head]?.batches.length ?? 0 });
}

/** The dataset with `head`'s batches replaced: one round of training in the worker, then every item relabelled. */
async function relabel(dataset: LoadedDataset, head: string, batches: [number, string][][], minProbability: number, language: Language, signal: AbortSignal, onProgress: (p: Progress) => void): Promise<LoadedDataset> {
  const model = modelLabels(dataset, head, language);
  // Columns to keep the model's own labels in (added once, the first time this head is taught).
  const keep: Record<string, Vector> = {};
  const current = { label: modelLabelColumn(head), probability: modelProbabilityColumn(head), sure: sureColumn(head) } as const;
  if (!dataset.table.getChild(keptColumn('label', head))) for (const part of ['label', 'probability', 'sure'] as const) keep[keptColumn(part, head)] = column(dataset, current[part], language);
  const taught = new Map(batches.flat());
  let record: TeachRecord | undefined;
  let merged: ItemLabels = model;
  if (taught.size > 0) {
    const texts = datasetItemTexts(dataset);
    const info = await ensureModel(signal);
    const priorHeads = TEACH_LABEL_PRIOR ? labelPriorHeads(info) : [];
    const { flat, readings } = await embeddingsOf(texts, priorHeads.length > 0 ? priorHeads : undefined, signal, onProgress);
    const labels = teachTrainingLabels(model, taught, MAX_PSEUDO_LABELS);
    const labelPrior = await labelPriorOf(info, priorHeads, readings, labels, signal);
    // Only items the model was unsure about (and nobody taught) can take the head's guess.
    const guess: number[] = [];
    for (let i = 0; i < model.sure.length; i++) if (model.sure[i] === 0 && !taught.has(i)) guess.push(i);
    // A copy crosses to the worker, so the cached embeddings stay usable here.
    const round = await finetuneWorker().request(
      'finetune.teach',
      { texts, labels, taught: [...taught.keys()], options: { ...TEACH_OPTIONS, labelColumn: head, textColumns: textColumnNames(dataset.columns), guess, ...(labelPrior ? { labelPrior } : {}) }, embeddings: { dim: flat.dim, data: flat.data.slice() } },
      { signal, onProgress },
    );
    merged = mergeTaughtLabels(model, taught, round.guesses, minProbability);
    record = { head, batches, headJson: round.head, ...(round.reason ? { reason: round.reason } : {}), heldOut: round.heldOut, minProbability };
  }
  const nextId = Math.max(-1, ...dataset.table.schema.dictionaries.keys()) + 1;
  const written: Record<string, Vector> = {
    ...keep,
    [current.label]: labelVector(merged.codes, [...merged.labels], nextId),
    [current.probability]: probabilityVector(merged.probabilities, merged.codes),
    [current.sure]: sureVector(merged.sure.map((f) => (f === 1 ? 1 : 0)), merged.codes),
  };
  const table = dataset.table.assign(new Table(written));
  const partType = { label: 'category', probability: 'number', sure: 'boolean' } as const;
  const added: ColumnInfo[] = Object.keys(keep).map((name) => {
    const kept = parseColumn(name);
    return { name, type: kept?.kind === 'kept' ? partType[kept.part] : 'boolean', role: 'ignore' };
  });
  const teach = { ...dataset.teach };
  if (record) teach[head] = record;
  else delete teach[head];
  return { ...dataset, table, columns: [...dataset.columns, ...added], teach };
}

/** Adds one batch of taught labels (row → label; blank labels are skipped) and relabels every item. */
export async function teachBatch(dataset: LoadedDataset, head: string, batch: ReadonlyMap<number, string>, language: Language, signal: AbortSignal, onProgress: (p: Progress) => void): Promise<LoadedDataset> {
  const pairs = [...batch].map(([row, label]): [number, string] => [row, label.trim()]).filter(([, label]) => label !== '');
  if (pairs.length === 0) throw new Error(translate(language, 'teachNothing'));
  const model = await ensureModel(signal);
  const minProbability = model.unsure?.minProbability[head] ?? 0.5;
  const previous = dataset.teach?.[head]?.batches ?? [];
  return relabel(dataset, head, [...previous, pairs], minProbability, language, signal, onProgress);
}

/** Takes back the last batch taught for `head` (with none left, the model's own labels return). */
export async function undoLastBatch(dataset: LoadedDataset, head: string, language: Language, signal: AbortSignal, onProgress: (p: Progress) => void): Promise<LoadedDataset> {
  const record = dataset.teach?.[head];
  if (!record || record.batches.length === 0) return dataset;
  return relabel(dataset, head, record.batches.slice(0, -1), record.minProbability, language, signal, onProgress);
}
