/**
 * Fine-tuned heads on the user's own labels: embeddings from the frozen model (inference worker),
 * training and prediction in the fine-tuning worker, heads kept in IndexedDB and exportable as JSON.
 */
import { headColumnNames, modelHeadsIn, parseColumn, probabilityColumnBeside } from '../core/columnKinds.ts';
import { IdbStore } from '../workers/idbStore.ts';
import { headColumnsFor, headLanguageNote, type HeadApplyNote } from '../core/finetune/apply.ts';
import type { HeadJSON } from '../core/finetune/head.ts';
import { mostlyChineseShare } from '../core/script.ts';
import type { ClassificationReport, ConfusionMatrix } from '../core/metrics/classification.ts';
import { itemTexts, labelVector, probabilityVector, textColumnNames } from '../model/predictionColumns.ts';
import { finetuneWorker, inferenceWorker } from '../workers/pageWorkers.ts';
import type { Progress } from '../workers/protocol.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { ensureModel } from './labelling.ts';
import type { LoadedDataset } from './store.ts';
import { Table } from 'apache-arrow';
import { maxOf } from '../core/extent.ts';

/** A trained head with its validation figures. */
export interface TrainedHead {
  /** The head, as saved and exported. */
  head: HeadJSON;
  /** Validation report. */
  report: ClassificationReport;
  /** Validation confusion (single-label heads). */
  confusion: ConfusionMatrix | null;
}

/** Splits a label cell into its labels (lists like `casual|minimal` when a separator is given). */
export function splitLabelCell(value: unknown, separator: string | null): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object' && 'toArray' in (value as object)) return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), String).map((s) => s.trim()).filter(Boolean);
  const text = String(value).trim();
  if (!text) return [];
  return separator ? text.split(separator).map((s) => s.trim()).filter(Boolean) : [text];
}

/**
 * Trains a head for `labelColumn` on the rows that have a label; progress covers embedding then
 * epochs. Errors are worded in `options.language` (English by default).
 */
export async function trainHeadOnDataset(dataset: LoadedDataset, labelColumn: string, options: { separator: string | null; useEmbedding: boolean; language?: Language }, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<TrainedHead> {
  const language = options.language ?? 'en';
  const textColumns = textColumnNames(dataset.columns);
  if (textColumns.length === 0) throw new Error(translate(language, 'headNeedsText'));
  const vector = dataset.table.getChild(labelColumn);
  if (!vector) throw new Error(translate(language, 'headNoColumn', { column: labelColumn }));
  const texts = itemTexts(dataset.table, textColumns);
  const labels = Array.from({ length: dataset.table.numRows }, (_, i) => splitLabelCell(vector.get(i), options.separator));
  const labelled = labels.filter((l) => l.length > 0).length;
  if (labelled < 20) throw new Error(translate(language, 'headTooFewLabels', { count: labelled, column: labelColumn }));
  let embeddings: { dim: number; data: Float32Array } | undefined;
  if (options.useEmbedding) {
    await ensureModel(signal);
    embeddings = await inferenceWorker().request('model.embed', { texts }, { signal, onProgress });
  }
  const result = await finetuneWorker().request(
    'finetune.train',
    // Refitted on every labelled row once validation has chosen the epochs, as `trendloom train-head` does by default.
    { texts, labels, options: { labelColumn, textColumns, separator: options.separator, refit: true, embeddingSource: embeddings ? 'trendloom-classifier#embedding' : undefined }, embeddings },
    { signal, onProgress, transfer: embeddings ? [embeddings.data.buffer] : [] },
  );
  return { head: result.head, report: result.report, confusion: result.confusion };
}

/**
 * Applies a head to every row and returns the dataset with its `pred_<label>` and `prob_<label>`
 * columns (core/columnKinds.ts: `_head` added when the model or the file has the name; a head
 * applied again replaces its own columns), their names, each row's top probability (what the
 * `prob_` column holds, 0 where no label), and what the user must be told: the file's text columns standing in for columns it
 * lacks, or a head that learnt another language (never applied silently).
 */
export async function applyHeadToDataset(dataset: LoadedDataset, head: HeadJSON, signal: AbortSignal, onProgress: (p: Progress) => void): Promise<{ dataset: LoadedDataset; notes: HeadApplyNote[]; columns: { label: string; probability: string }; probabilities: Float32Array }> {
  const mapped = textColumnNames(dataset.columns);
  const { columns: textColumns, notes } = headColumnsFor(head.textColumns ?? [], dataset.columns.map((c) => c.name), mapped);
  const texts = itemTexts(dataset.table, textColumns);
  const language = headLanguageNote(head.chineseShare, mostlyChineseShare(texts));
  if (language) notes.push(language);
  const embeddings = head.featureSpec.embedding ? await inferenceWorker().request('model.embed', { texts }, { signal, onProgress }) : undefined;
  const result = await finetuneWorker().request('finetune.predict', { head, texts, embeddings }, { signal, onProgress, transfer: embeddings ? [embeddings.data.buffer] : [] });
  const labelIndex = new Map(head.labels.map((l, i) => [l, i]));
  const codes = Int32Array.from(result.labels, (set) => (set.length ? (labelIndex.get(set[0]!) ?? -1) : -1));
  const probabilities = Float32Array.from(result.probabilities, (p) => p[0] ?? 0);
  const name = head.labelColumn ?? 'label';
  const nextId = Math.max(-1, maxOf(dataset.table.schema.dictionaries.keys())) + 1;
  const names = headColumnsOf(dataset, name);
  const added = new Table({ [names.label]: labelVector(codes, head.labels, nextId), [names.probability]: probabilityVector(probabilities, codes) });
  const table = dataset.table.assign(added);
  const columns = [...dataset.columns.filter((c) => c.name !== names.label && c.name !== names.probability), { name: names.label, type: 'category', role: 'label' }, { name: names.probability, type: 'number', role: 'ignore' }];
  return { dataset: { ...dataset, table, columns }, notes, columns: names, probabilities };
}

/**
 * The columns a head trained on `label` writes in the dataset: the ones it wrote before (applied
 * again, it replaces them), else free names beside the model's and the file's (headColumnNames).
 */
export function headColumnsOf(dataset: LoadedDataset, label: string): { label: string; probability: string } {
  const names = dataset.columns.map((c) => c.name);
  const heads = modelHeadsIn(names);
  // (Columns saved under the app's old `ft_` names are left as they are.)
  const before = names.find((n) => {
    const parsed = parseColumn(n, heads);
    return probabilityColumnBeside(n) !== undefined && parsed?.kind === 'head-label' && parsed.label === label;
  });
  const probability = before ? probabilityColumnBeside(before) : undefined;
  if (before && probability && names.includes(probability)) return { label: before, probability };
  return headColumnNames(label, new Set(names), heads);
}

/** Saved heads in this browser; errors worded in `language`. */
const headStore = (language: Language) => new IdbStore('trendloom-heads', 'heads', () => new Error(translate(language, 'indexedDbUnavailable')));

/** A saved head's name (label column + date) and the head. */
export interface SavedHead {
  /** Storage key. */
  key: string;
  /** The head. */
  head: HeadJSON;
}

/** Saves a head in this browser; returns its key. Errors are worded in `language`. */
export async function saveHead(head: HeadJSON, language: Language = 'en'): Promise<string> {
  const key = `${head.labelColumn ?? 'label'}-${head.createdAt ?? Date.now()}`;
  await headStore(language).putMany([[key, head]], (error) => (error?.name === 'QuotaExceededError' ? new Error(translate(language, 'headNoRoom')) : (error ?? new Error(translate(language, 'headSaveFailed')))));
  return key;
}

/** Lists heads saved in this browser. */
export async function listHeads(language: Language = 'en'): Promise<SavedHead[]> {
  return (await headStore(language).entries<HeadJSON>()).map(([key, head]) => ({ key, head }));
}

/** Reads a head exported as JSON, with a plain message (in `language`) when the file is not one. */
export function parseHeadFile(text: string, language: Language = 'en'): HeadJSON {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(translate(language, 'headNotJson'));
  }
  const head = json as Partial<HeadJSON>;
  if (!head || !Array.isArray(head.labels) || !head.featureSpec || !head.weights) throw new Error(translate(language, 'headNotHead'));
  return head as HeadJSON;
}
