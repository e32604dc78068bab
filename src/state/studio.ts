/**
 * The Studio's actions (issue 14, parts 2 and 3): concepts labelled by the inference worker and
 * scored against forecasts of the dataset's share series (forecast worker); the catalogue indexed
 * in the inference worker for similar items; worn-with pairings from baskets or co-trends.
 */
import { modelLabelColumn } from '../core/columnKinds.ts';
import { itemTexts, textColumnNames } from '../model/predictionColumns.ts';
import { periodLabelsAt } from '../core/dashboard/periods.ts';
import type { TrendSeries } from '../core/dashboard/trends.ts';
import { basketLift, coTrending, detectBasketColumn, type Pairing } from '../core/studio/pairings.ts';
import { rankConcepts, scoreConcept, seasonLengthOf, type ConceptAttribute, type ConceptScore } from '../core/studio/potential.ts';
import type { ModelIndexResult, ModelSimilarResult } from '../workers/similarProtocol.ts';
import { inferenceWorker, intakeWorker } from '../workers/pageWorkers.ts';
import { tableFromIPC } from 'apache-arrow';
import { forecastTrends, type TrendForecast } from './forecasts.ts';
import { ensureModel } from './labelling.ts';
import { prepare, type PreparedDataset } from '../core/dashboard/prepared.ts';
import type { DashboardSpec, LoadedDataset } from './store.ts';

/** The model heads a concept is scored on (when the dataset has their labels), in this order. */
export const CONCEPT_HEADS = ['articleType', 'baseColour', 'usage', 'season', 'gender'] as const;

/** A scored concept. */
export interface ScoredConcept {
  /** The text as typed. */
  text: string;
  /** Its score and the parts of it. */
  score: ConceptScore;
}

/** What a concept check rests on. */
export interface ConceptCheck {
  /** Concepts in the order given. */
  concepts: ScoredConcept[];
  /** Indices of `concepts`, best first. */
  ranking: number[];
  /** The next season's period labels as the forecast worker dated them (empty when no series was forecast). */
  season: string[];
}

/** Concept lines from pasted text: one per line, blank lines and surrounding spaces dropped, at most `max`. */
export function conceptLines(text: string, max = 200): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, max);
}

/**
 * The concepts of a dropped file of planned items (CSV, TSV, Arrow, Parquet; read in the intake
 * worker): the text of each row from the columns the intake takes for item text.
 */
export async function readConceptFile(file: File, max = 200): Promise<string[]> {
  const read = await intakeWorker().request('intake.parse', { file, name: file.name, options: { requireText: false } });
  const textColumns = textColumnNames(read.columns);
  if (textColumns.length === 0) throw new Error(`${file.name} has no column of item descriptions (columns: ${read.columns.map((c) => c.name).join(', ')}). Add a column with each planned item's name or description.`);
  return conceptLines(itemTexts(tableFromIPC(read.ipc), textColumns).join('\n'), max);
}

/** The share series of every value of a model head, under the spec's grain, filters and support. */
function headSeries(prepared: PreparedDataset, spec: DashboardSpec, head: string) {
  return prepared.countTrends({ ...spec, facet: modelLabelColumn(head), topN: 10_000 });
}

/**
 * Labels `texts` with the model and scores each against forecasts of the dataset's share series
 * (the dashboard's grain, filters and fewest items per period): see core/studio/potential.ts.
 */
export async function checkConcepts(dataset: LoadedDataset, spec: DashboardSpec, texts: string[], signal?: AbortSignal): Promise<ConceptCheck> {
  const model = await ensureModel(signal);
  const prepared = prepare(dataset);
  const heads: string[] = CONCEPT_HEADS.filter((h) => model.heads.includes(h) && dataset.table.getChild(modelLabelColumn(h)));
  if (heads.length === 0) throw new Error('This dataset has no model labels to compare concepts with: label it with the model first.');
  const result = await inferenceWorker().request('model.classify', { texts }, signal ? { signal } : {});
  const attributes: ConceptAttribute[][] = texts.map((_, i) =>
    heads.map((head) => {
      const code = result.codes[head]![i]!;
      return { head, label: code >= 0 ? model.labels[head]![code]! : '', sure: result.sure[head]![i] === 1 && code >= 0, probability: result.probabilities[head]![i]! };
    }),
  );
  // The series the concepts need, forecast over the next season in one run.
  const counted = new Map(heads.map((h) => [h, headSeries(prepared, spec, h)]));
  const first = counted.get(heads[0]!);
  if (!first) throw new Error('This dataset has no dates, so there are no trends to score concepts against.');
  const periods = first.periods;
  const seasonLength = seasonLengthOf(periods.perYear);
  const wanted = new Map<string, TrendSeries>();
  for (const list of attributes)
    for (const a of list) {
      if (!a.sure) continue;
      const s = counted.get(a.head)?.series.find((x) => x.label === a.label);
      // The series share one period axis (all heads are counted over the same items and periods).
      if (s && Array.from(s.share).some(Number.isFinite)) wanted.set(`${a.head}=${a.label}`, { ...s, label: `${a.head}=${a.label}` });
    }
  const { forecasts, futureDates } = wanted.size ? await forecastTrends([...wanted.values()], periods, seasonLength, signal) : { forecasts: new Map<string, TrendForecast>(), futureDates: [] };
  const concepts = texts.map((text, i) => ({
    text,
    score: scoreConcept(
      attributes[i]!,
      (head, label) => {
        const key = `${head}=${label}`;
        const s = wanted.get(key);
        const f = forecasts.get(key);
        return s && f ? { history: s.share, point: f.point, ...(f.lo80 && f.hi80 ? { lo80: f.lo80, hi80: f.hi80 } : {}) } : undefined;
      },
      periods.perYear,
      seasonLength,
    ),
  }));
  return { concepts, ranking: rankConcepts(concepts.map((c) => c.score)), season: periodLabelsAt(futureDates, periods) };
}

// One index per dataset object (the worker keeps the embeddings).
const indexed = new WeakMap<LoadedDataset, Promise<ModelIndexResult>>();

/** Indexes the dataset's items in the inference worker (once per dataset); embeddings labelling kept are re-used. */
export function ensureSimilarIndex(dataset: LoadedDataset): Promise<ModelIndexResult> {
  let promise = indexed.get(dataset);
  if (!promise) {
    const textColumns = textColumnNames(dataset.columns);
    promise = ensureModel().then(() => inferenceWorker().request('model.index', { texts: itemTexts(dataset.table, textColumns) }));
    promise.catch(() => indexed.delete(dataset));
    indexed.set(dataset, promise);
  }
  return promise;
}

/** The items most similar to an item (row) or a text, from the worker's index. */
export async function findSimilar(dataset: LoadedDataset, query: { item?: number; text?: string }, k = 8): Promise<ModelSimilarResult> {
  await ensureSimilarIndex(dataset);
  // Another dataset may have been indexed since (the worker keeps one catalogue): index again.
  try {
    return await inferenceWorker().request('model.similar', { ...query, k });
  } catch (error) {
    if (!/not indexed/.test((error as Error).message)) throw error;
    indexed.delete(dataset);
    await ensureSimilarIndex(dataset);
    return inferenceWorker().request('model.similar', { ...query, k });
  }
}

/** Worn-with suggestions for one category: from baskets when the file has a basket id, else co-trending categories. */
export interface WornWith {
  /** 'baskets' (lift over shared ids) or 'co-trend' (correlation of share changes). */
  method: 'baskets' | 'co-trend';
  /** The basket column used. */
  column?: string;
  /** The pairings, strongest first. */
  pairings: Pairing[];
}

/** Worn-with suggestions for `label` of the facet column `facet` (e.g. pred_articleType). */
export function wornWith(dataset: LoadedDataset, spec: DashboardSpec, facet: string, label: string): WornWith {
  const prepared = prepare(dataset);
  const column = detectBasketColumn(dataset.columns.map((c) => c.name));
  if (column) {
    const vector = dataset.table.getChild(column)!;
    const baskets = Array.from({ length: vector.length }, (_, i) => {
      const v: unknown = vector.get(i);
      return v === null || v === undefined ? null : String(v);
    });
    const coded = prepared.coded(facet);
    if (coded.labels.kind === 'single') return { method: 'baskets', column, pairings: basketLift(baskets, coded.labels.codes, coded.values, coded.values.indexOf(label)) };
  }
  const trends = prepared.countTrends({ ...spec, facet, topN: 60 });
  const target = trends?.series.find((s) => s.label === label);
  return { method: 'co-trend', pairings: target && trends ? coTrending(target, trends.series) : [] };
}

/** The share series of `label` in facet `facet` under the spec (for a sparkline), if the dataset has dates. */
export function shareSeriesOf(dataset: LoadedDataset, spec: DashboardSpec, facet: string, label: string): Float64Array | undefined {
  return prepare(dataset).trends({ ...spec, facet, topN: 10_000 })?.series.find((s) => s.label === label)?.share;
}
