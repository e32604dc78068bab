import { modelLabelColumn } from '../core/columnKinds.ts';
import { create } from 'zustand';
import type { Table } from 'apache-arrow';
import type { Language } from '../i18n/i18n.ts';
import type { Progress } from '../workers/protocol.ts';
import type { ModelInfo } from '../workers/inferenceProtocol.ts';
import type { SeriesSet } from '../core/series/seriesSet.ts';
import { chooseGrain } from '../core/dashboard/periods.ts';
import { chooseDefaultFacet, facetInformation, facetOptions, valueCounts } from '../core/dashboard/facets.ts';
import { prepare } from '../core/dashboard/prepared.ts';
import type { DashboardSpec } from '../core/dashboard/spec.ts';
import type { CoreMessage } from '../core/messages.ts';
import type { TeachRecord } from '../core/finetune/teach.ts';

/** The fewest items a period needs before its shares count as enough, unless the user sets another. */
export const DEFAULT_MIN_SUPPORT = 20;

export type { DashboardSpec } from '../core/dashboard/spec.ts';

/** The dashboard's open view. */
export type DashboardView = 'trends' | 'movers' | 'seasons' | 'colours' | 'materials' | 'regions' | 'plan' | 'items' | 'model' | 'studio';

/** The Plan view's settings and the merchandiser's edits (saved with the dataset, restored when it is reopened). */
export interface PlanSettings {
  /** A second grouping column ('' = the facet alone). */
  second: string;
  /** Chance of not running out, 0.5 … 0.99. */
  serviceLevel: number;
  /** Periods of the dashboard's grain to plan (undefined = half a year). */
  horizon?: number;
  /** Stock-on-hand column ('' = none; undefined = guessed from the column names). */
  stockColumn?: string;
  /** Plan quantities typed in, by row id (see core/plan/table.ts rowId), for the grouping they were typed for. */
  edits: Record<string, number>;
  /** What the edits belong to (grouping, grain, horizon, stock, filters); edits of another plan are not shown. */
  editsFor: string;
}

/** The Plan view's first settings: 80 % service level, half a year, no edits. */
export const DEFAULT_PLAN: PlanSettings = { second: '', serviceLevel: 0.8, edits: {}, editsFor: '' };

/** A drill-down selection: the items behind one value (and period) of the facet. */
export interface Selection {
  /** Facet value. */
  label: string;
  /** Period index in the dataset's periods at the dashboard's grain, or undefined for all periods. */
  period?: number;
}

/** A column as the app shows it: its name, inferred type and the role the user confirmed. */
export interface ColumnInfo {
  /** Header text as in the file. */
  name: string;
  /** Inferred type: number, date, category, text, multi-label, id, boolean… */
  type: string;
  /** What the column means for Trendloom: text, category, colours, date, region, units… */
  role: string;
}

/** A row (or cell) that could not be read, with where and why. */
export interface ProblemInfo {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  /** The column concerned, when the problem is in one cell. */
  column?: string | null;
  /** Plain-language reason (English). */
  message: string;
  /** The reason as a message code and parameters, worded in the interface language. */
  detail?: CoreMessage;
}

/** A file read into memory: its Arrow table and everything learnt while reading it. */
export interface LoadedDataset {
  /** File name as the user dropped it. */
  fileName: string;
  /** Size in bytes. */
  fileSize: number;
  /** The typed columns. */
  table: Table;
  /** Columns with inferred types and roles. */
  columns: ColumnInfo[];
  /** Rows or cells that could not be read. */
  problems: ProblemInfo[];
  /** Notes on how the file was read (ambiguous date formats, derived dates, no date column…), as message codes and parameters. */
  notes: CoreMessage[];
  /** What the designer taught the model, per model head (the teach loop); saved with the dataset. */
  teach?: Record<string, TeachRecord>;
}

/** Where the user is in the journey. */
export type Stage = 'start' | 'reading' | 'mapping' | 'labelling' | 'ready' | 'series';

/** A failure shown to the user: a title and a plain-language explanation. */
export interface UserError {
  /** What failed, e.g. the file name. */
  title: string;
  /** Why, in words a designer understands. */
  message: string;
  /** The reason as a message code and parameters, when the core gave one (worded in the interface language). */
  detail?: CoreMessage;
}

/** The app's whole state (the only zustand store). */
export interface AppState {
  /** Interface language. */
  language: Language;
  /** Current step. */
  stage: Stage;
  /** Progress of the running long task, if any. */
  progress: Progress | null;
  /** Aborts the running long task. */
  abort: AbortController | null;
  /** The last error to show, if any. */
  error: UserError | null;
  /** A short status line (e.g. "Stopped. Nothing was changed."). */
  notice: string | null;
  /** The loaded dataset, once read. */
  dataset: LoadedDataset | null;
  /** A new service worker is waiting: an update can be applied by reloading. */
  updateReady: boolean;
  /** A file of ready-made trend series (no labelling): its series and where they came from. */
  seriesFile: { fileName: string; set: SeriesSet; layout: 'wide' | 'long' } | null;
  /** Opens the forecast views for a file of series. */
  setSeriesFile(file: { fileName: string; set: SeriesSet; layout: 'wide' | 'long' }): void;
  /** Storage id of the open dataset once saved on this computer. */
  savedId: string | null;
  /** Why the last save failed, if it did. */
  saveError: string | null;
  /** Opens a saved dataset with its dashboard and Plan view settings. */
  openSaved(id: string, dataset: LoadedDataset, dashboard: DashboardSpec | null, plan?: PlanSettings | null): void;
  /** The loaded classifier: backend, reason, heads (null until loaded). */
  model: ModelInfo | null;
  /** How the last labelling went: items, distinct texts, cached, seconds. */
  labelling: { items: number; unique: number; cached: number; seconds: number } | null;
  /** Records the loaded model. */
  setModel(model: ModelInfo): void;
  /** Replaces the dataset with its labelled version and opens the dashboard. */
  setLabelled(dataset: LoadedDataset, labelling: AppState['labelling']): void;
  /** What the dashboard shows (null until a dataset is mapped). */
  dashboard: DashboardSpec | null;
  /** The open dashboard view. */
  view: DashboardView;
  /** The drill-down selection, if any. */
  selection: Selection | null;
  /** Changes part of the dashboard spec. */
  updateDashboard(patch: Partial<DashboardSpec>): void;
  /** Opens a dashboard view. */
  setView(view: DashboardView): void;
  /** Selects the items behind a point and opens the items view. */
  select(selection: Selection | null): void;
  /** Switches the interface language. */
  setLanguage(language: Language): void;
  /** The Plan view's settings and edits. */
  plan: PlanSettings;
  /** Changes part of the Plan view's settings. */
  updatePlan(patch: Partial<PlanSettings>): void;
  /** Fewest items a period needs before its shares count as enough (a setting kept in this browser, default 20). */
  minSupport: number;
  /** Changes that minimum, for the open dashboard too; not a whole number of at least 1 is refused with a message. */
  setMinSupport(minSupport: number): void;
  /** Starts a long task: sets the stage and returns its abort signal. */
  beginTask(stage: Stage, progress: Progress): AbortSignal;
  /** Updates the running task's progress. */
  setProgress(progress: Progress): void;
  /** Ends the running task with a failure (or a cancellation notice) and goes back to `stage`. */
  failTask(stage: Stage, error: UserError | null, notice?: string): void;
  /** Stores a freshly read dataset and moves to the mapping step. */
  setDataset(dataset: LoadedDataset): void;
  /** Changes the role of one column. */
  setColumnRole(column: string, role: string): void;
  /** Confirms the mapping. */
  confirmMapping(): void;
  /** The columns as they were when the dashboard went back to the column step (null otherwise). */
  remapFrom: ColumnInfo[] | null;
  /** From the dashboard back to the column step, the current choices kept (confirming labels and counts again). */
  changeColumns(): void;
  /** Leaves the column step for the dashboard as it was, undoing the changes made there. */
  cancelChangeColumns(): void;
  /** Cancels the running task, if any. */
  cancelTask(): void;
  /** Drops the dataset and goes back to the start. */
  reset(): void;
  /** Marks that an app update is waiting. */
  setUpdateReady(ready: boolean): void;
}

/** The app store hook. */
export const useAppStore = create<AppState>()((set, get) => ({
  language: 'en',
  stage: 'start',
  progress: null,
  abort: null,
  error: null,
  notice: null,
  dataset: null,
  updateReady: false,
  setLanguage: (language) => set({ language }),
  plan: DEFAULT_PLAN,
  updatePlan: (patch) => set({ plan: { ...get().plan, ...patch } }),
  minSupport: DEFAULT_MIN_SUPPORT,
  setMinSupport(minSupport) {
    if (!Number.isInteger(minSupport) || minSupport < 1) throw new Error(`The fewest items per period must be a whole number of at least 1, not ${String(minSupport)}.`);
    const dashboard = get().dashboard;
    set({ minSupport, ...(dashboard ? { dashboard: { ...dashboard, minSupport } } : {}) });
  },
  beginTask(stage, progress) {
    get().abort?.abort();
    const abort = new AbortController();
    set({ stage, progress, abort, error: null, notice: null });
    return abort.signal;
  },
  setProgress: (progress) => set({ progress }),
  failTask: (stage, error, notice) => set({ stage, error, notice: notice ?? null, progress: null, abort: null }),
  setDataset: (dataset) => set({ dataset, stage: 'mapping', progress: null, abort: null, error: null, savedId: null, remapFrom: null }),
  setColumnRole(column, role) {
    const dataset = get().dataset;
    if (!dataset) return;
    const columns = dataset.columns.map((c) => (c.name === column ? { ...c, role } : c));
    set({ dataset: { ...dataset, columns } });
  },
  confirmMapping() {
    const dataset = get().dataset;
    if (!dataset) return;
    const spec = defaultDashboard(dataset.columns, get().minSupport);
    // Open on the most informative facet (the file's own columns preferred), not merely the first, counting
    // a model facet's sure labels only, as its trends do by default (usage, never sure, tells nothing there).
    const prepared = prepare(dataset);
    const chosen = chooseDefaultFacet(facetOptions(dataset.columns), (facet) => {
      const coded = prepared.coded(facet.column);
      return facetInformation(valueCounts(coded.labels, coded.values.length, prepared.sureFlags(facet.column)), dataset.table.numRows, spec.minSupport, spec.topN);
    });
    if (chosen) spec.facet = chosen.column;
    const dates = prepared.dates();
    if (dates) spec.grain = chooseGrain(dates, spec.minSupport);
    set({ stage: 'ready', dashboard: spec, view: 'trends', selection: null, plan: DEFAULT_PLAN, remapFrom: null });
  },
  remapFrom: null,
  changeColumns() {
    const dataset = get().dataset;
    if (!dataset || get().stage !== 'ready') return;
    set({ stage: 'mapping', remapFrom: dataset.columns, selection: null, error: null, notice: null });
  },
  cancelChangeColumns() {
    const { dataset, remapFrom } = get();
    if (!dataset || !remapFrom) return;
    set({ stage: 'ready', dataset: { ...dataset, columns: remapFrom }, remapFrom: null });
  },
  seriesFile: null,
  setSeriesFile: (seriesFile) => set({ seriesFile, stage: 'series', progress: null, abort: null, error: null, dataset: null }),
  savedId: null,
  saveError: null,
  openSaved(id, dataset, dashboard, plan) {
    set({ dataset, savedId: id, stage: 'ready', dashboard: dashboard ?? defaultDashboard(dataset.columns, get().minSupport), view: 'trends', selection: null, error: null, notice: null, plan: plan ?? DEFAULT_PLAN });
  },
  model: null,
  labelling: null,
  setModel: (model) => set({ model }),
  setLabelled(dataset, labelling) {
    set({ dataset, labelling, progress: null, abort: null });
    get().confirmMapping();
  },
  dashboard: null,
  view: 'trends',
  selection: null,
  updateDashboard(patch) {
    const current = get().dashboard;
    if (current) set({ dashboard: { ...current, ...patch } });
  },
  setView: (view) => set({ view }),
  select: (selection) => set(selection ? { selection, view: 'items' } : { selection: null }),
  cancelTask() {
    get().abort?.abort();
  },
  reset() {
    get().abort?.abort();
    set({ stage: 'start', dataset: null, progress: null, abort: null, error: null, notice: null, dashboard: null, selection: null, savedId: null, saveError: null, labelling: null, seriesFile: null, plan: DEFAULT_PLAN, remapFrom: null });
  },
  setUpdateReady: (updateReady) => set({ updateReady }),
}));

/** Roles whose columns make good trend facets, in order of preference. */
export const facetRoles = ['styles', 'colours', 'materials', 'category', 'label', 'season', 'gender', 'region'] as const;

/** The first dashboard a mapped dataset opens with: its most trend-like column, by season. */
export function defaultDashboard(columns: ColumnInfo[], minSupport = DEFAULT_MIN_SUPPORT): DashboardSpec {
  // The file's own style column, else the model's style labels, else colours, categories…
  const byRole = (role: string) => columns.find((c) => c.role === role);
  const byName = (name: string) => columns.find((c) => c.name === name);
  const facet =
    byRole('styles') ?? byName(modelLabelColumn('usage')) ?? byRole('colours') ?? byName(modelLabelColumn('baseColour')) ?? facetRoles.map(byRole).find(Boolean) ?? columns.find((c) => c.role !== 'date' && c.role !== 'text');
  const hasUnits = columns.some((c) => c.role === 'units');
  return { facet: facet?.name ?? columns[0]?.name ?? '', grain: 'season', measure: hasUnits ? 'units' : 'items', filters: {}, horizon: 4, minSupport, topN: 8 };
}
