/**
 * Studio design briefs: the drafts the designer kept (they go into the report), the model's
 * generation in the inference worker (streamed, cancellable), and the suggested rising
 * combinations of the open dataset.
 */
import { modelLabelColumn } from '../core/columnKinds.ts';
import { useMemo } from 'react';
import { create } from 'zustand';
import { combineColumns, partsWithSureLabels, risingCombinations, type RisingCombination } from '../core/dashboard/combinations.ts';
import { readNameHashes } from '../model/briefs.ts';
import { computeTrends } from '../core/dashboard/trends.ts';
import { dataRange } from '../core/dashboard/support.ts';
import type { PeriodAssignment } from '../core/dashboard/periods.ts';
import type { ModelGenerateParams, ModelGenerateResult } from '../workers/inferenceProtocol.ts';
import { inferenceWorker } from '../workers/pageWorkers.ts';
import { useForecasts, type ForecastState } from './forecasts.ts';
import { ensureModel } from './labelling.ts';
import { prepare } from '../core/dashboard/prepared.ts';
import { useAppStore, type LoadedDataset } from './store.ts';
import type { TrendSeries } from '../core/dashboard/trends.ts';

/** A draft the designer kept (possibly edited). */
export interface KeptBrief {
  /** Unique id. */
  id: number;
  /** The dataset it was drafted for (file name and size). */
  datasetKey: string;
  /** The item name (as edited). */
  text: string;
  /** The one-line brief (as edited). */
  brief: string;
  /** The asked tags. */
  tags: Record<string, string>;
  /** The classifier's read-back of the drafted name: tag → label, with its sure flag. */
  readBack: Record<string, { label: string; sure: boolean }>;
  /** Asked tags the read-back contradicts. */
  disagrees: string[];
}

interface BriefStore {
  kept: KeptBrief[];
  keep(brief: Omit<KeptBrief, 'id'>): void;
  edit(id: number, patch: Partial<Pick<KeptBrief, 'text' | 'brief'>>): void;
  discard(id: number): void;
}

let nextId = 1;

/** The kept briefs of this session (all datasets). */
export const useBriefStore = create<BriefStore>((set) => ({
  kept: [],
  keep: (brief) => set((s) => ({ kept: [...s.kept, { ...brief, id: nextId++ }] })),
  edit: (id, patch) => set((s) => ({ kept: s.kept.map((b) => (b.id === id ? { ...b, ...patch } : b)) })),
  discard: (id) => set((s) => ({ kept: s.kept.filter((b) => b.id !== id) })),
}));

/** The key kept briefs are filed under: the dataset's file name and size (a relabelled dataset keeps them). */
export function datasetKey(dataset: LoadedDataset): string {
  return `${dataset.fileName}\u0000${dataset.fileSize}`;
}

/** React hook: the briefs kept for a dataset, in the order kept. */
export function useKeptBriefs(dataset: LoadedDataset): KeptBrief[] {
  const kept = useBriefStore((s) => s.kept);
  const key = datasetKey(dataset);
  return useMemo(() => kept.filter((b) => b.datasetKey === key), [kept, key]);
}

/**
 * Drafts briefs in the inference worker (loading the model first when needed); `onDraft` gets each
 * draft's text as it grows, then its brief as the generator writes it. Abort the signal to stop between tokens.
 */
export async function generateBriefs(params: ModelGenerateParams, onDraft: (index: number, text: string, brief?: string) => void, signal?: AbortSignal): Promise<ModelGenerateResult> {
  await ensureModel(signal, true);
  const knownNameHashes = await trainingNameHashes();
  return inferenceWorker().request('model.generate', { ...params, ...(knownNameHashes ? { knownNameHashes } : {}) }, { signal, onProgress: (p) => p.draft && onDraft(p.draft.index, p.draft.text, p.draft.brief) });
}

let trainingNames: Promise<Uint32Array | undefined> | undefined;

/** The shipped hashes of the model's training names (fetched once from the app's own origin); undefined when they cannot be read (the dataset's names still filter). */
function trainingNameHashes(): Promise<Uint32Array | undefined> {
  trainingNames ??= fetch(`${import.meta.env.BASE_URL}briefs/training-names.u32`).then(
    async (response) => (response.ok ? readNameHashes(new Uint8Array(await response.arrayBuffer())) : undefined),
    () => undefined,
  ).catch(() => undefined);
  return trainingNames;
}

/** The model label columns a combination is made of, and the generation tag each stands for. */
export const COMBINATION_COLUMNS = [
  [modelLabelColumn('baseColour'), 'baseColour'],
  [modelLabelColumn('articleType'), 'articleType'],
  [modelLabelColumn('usage'), 'usage'],
] as const;

/** Most frequent combinations forecast (the others are too thin to forecast). */
const COMBINATIONS_FORECAST = 16;

/**
 * Combination share series of a dataset under the dashboard's grain and minimum, or undefined without dates,
 * model labels or any sure label; `leftOut`: the tags left out of the combinations because none of their labels is sure.
 */
export function combinationTrends(dataset: LoadedDataset, grain: Parameters<ReturnType<typeof prepare>['periods']>[0], minSupport: number): { series: TrendSeries[]; periods: PeriodAssignment; tags: Map<string, Record<string, string>>; leftOut: string[] } | undefined {
  const prepared = prepare(dataset);
  const periods = prepared.periods(grain);
  const names = dataset.columns.map((c) => c.name);
  if (!periods || !COMBINATION_COLUMNS.every(([column]) => names.includes(column))) return undefined;
  const { kept, leftOut } = partsWithSureLabels(COMBINATION_COLUMNS.map(([column, tag]) => ({ tag, coded: prepared.coded(column), sure: prepared.sureFlags(column) })));
  if (kept.length === 0) return undefined;
  const combined = combineColumns(kept);
  const result = computeTrends({ periodIndex: periods.periodIndex, periodCount: periods.labels.length, labels: combined.labels, values: combined.values, filters: [], minSupport, topN: COMBINATIONS_FORECAST, sure: combined.sure });
  const [from, to] = dataRange(result.periodSupport) ?? [0, periods.labels.length - 1];
  const trimmed: PeriodAssignment = { ...periods, labels: periods.labels.slice(from, to + 1), starts: periods.starts.slice(from, to + 1), firstKey: periods.firstKey + from };
  const series = result.series.map((s) => ({ ...s, share: s.share.slice(from, to + 1), support: s.support.slice(from, to + 1) }));
  const tags = new Map(combined.values.map((v, code) => [v, combined.tags[code]!]));
  return { series, periods: trimmed, tags, leftOut };
}

/** React hook: the combinations of the dataset forecast to rise next period (with forecast and interval), and the forecast state. */
export function useRisingCombinations(dataset: LoadedDataset, count = 5): { rising: RisingCombination[]; state: ForecastState['status']; available: boolean; leftOut: string[] } {
  const spec = useAppStore((s) => s.dashboard);
  const grain = spec?.grain ?? 'season';
  const minSupport = spec?.minSupport ?? 20;
  const trends = useMemo(() => combinationTrends(dataset, grain, minSupport), [dataset, grain, minSupport]);
  const forecasts = useForecasts(trends?.series, trends?.periods, 1);
  const rising = useMemo(() => (trends ? risingCombinations(trends.series, forecasts.forecasts, (label) => trends.tags.get(label), count) : []), [trends, forecasts.forecasts, count]);
  return { rising, state: forecasts.status, available: !!trends, leftOut: trends?.leftOut ?? [] };
}
