/**
 * The global model kept with a dataset (issue 16): when the app trains it, how its weights are
 * saved, and how a saved copy is checked before it is used again. Pure: the worker stores the
 * saved form (IndexedDB) and the CLI or tests can use it in Node.
 *
 * A saved model is reused only for the same training data and settings: its key hashes every
 * value of the set, the time line, the season length, the training cut-offs and the settings.
 * A saved form that is damaged (wrong shapes, values that are not numbers, another version) is
 * ignored, and the model is trained again.
 */
import { coreMessage, isCoreMessage, type CoreMessage } from '../messages.ts';
import { backtestOrigins, DEFAULT_ENSEMBLE } from './ensemble.ts';
import { DEFAULT_GLOBAL, globalParamCount, type GlobalModel, type GlobalModels, type GlobalOptions } from './models/global.ts';

/** Fewest series with two full seasons of history for the app to train the global model. */
export const GLOBAL_MIN_SERIES = 8;

/**
 * Most training windows per model in the app (a seeded sample of them across all series when
 * there are more, with a note), so that training stays near a minute whatever the set's size: 3
 * cut-offs × 3 members × 1,000 windows. On the 2018 test of the F1 sample (100 series, up to
 * 7,900 windows) this cap left the ensemble + global at MASE 0.658 (0.659 uncapped); the global
 * model alone went from 0.671 to 0.704.
 */
export const APP_MAX_WINDOWS = 1000;

/** Version of the saved form; a save of another version is ignored. */
export const GLOBAL_SAVE_VERSION = 1;

/** Whether the app trains the global model for a set, and if not, why (a note for the page). */
export type GlobalDecision = { train: true; eligible: number } | { train: false; note: CoreMessage };

/**
 * The app's rule: train the global model when the data has a yearly season (period > 1) and at
 * least GLOBAL_MIN_SERIES series have two full seasons of history (leading gaps not counted):
 * fewer series give it too little to learn across series, shorter ones no yearly pattern.
 */
export function globalDecision(series: readonly ArrayLike<number>[], period: number): GlobalDecision {
  if (!(period > 1)) return { train: false, note: coreMessage('global.no-season') };
  const needed = 2 * period;
  let eligible = 0;
  for (const values of series) {
    let first = 0;
    while (first < values.length && !Number.isFinite(values[first]!)) first++;
    if (values.length - first >= needed) eligible++;
  }
  if (eligible < GLOBAL_MIN_SERIES) return { train: false, note: coreMessage('global.too-few-series', { min: GLOBAL_MIN_SERIES, needed, n: eligible }) };
  return { train: true, eligible };
}

/**
 * The global model's settings in the app for a season length and horizon: the benchmark's
 * defaults (chosen on weekly data) with at most APP_MAX_WINDOWS windows; for shorter seasons
 * (months, quarters) the shortest window, the trained horizon and τ follow the season.
 */
export function appGlobalOptions(period: number, horizon: number): Partial<GlobalOptions> {
  if (period >= 52) return { maxWindows: APP_MAX_WINDOWS };
  return { maxWindows: APP_MAX_WINDOWS, minHistory: 2 * period, horizon: Math.min(DEFAULT_GLOBAL.horizon, Math.max(period, horizon)), tau: period };
}

/** Training cut-offs of a set of `length` periods: the forecast origin and every backtest origin of the ensemble. */
export function globalCuts(length: number, horizon: number, period: number, folds = DEFAULT_ENSEMBLE.folds): number[] {
  return [length, ...backtestOrigins(length, horizon, period, folds).origins];
}

/** 32-bit mixing of one word into a hash (multiply-xorshift). */
function mix(hash: number, word: number, multiplier: number): number {
  let h = Math.imul(hash ^ word, multiplier);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Key of a training: two 32-bit hashes of every value's bits (NaN included; the lead values'
 * too, when given), the dates, the season length, the cut-offs and the settings. The same series and settings give the same key.
 */
export function globalTrainingKey(values: Float64Array, dates: ArrayLike<number>, period: number, cuts: readonly number[], options: Partial<GlobalOptions>, leadValues?: Float64Array): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (const array of leadValues ? [values, leadValues] : [values]) {
    const words = new Uint32Array(array.buffer, array.byteOffset, array.length * 2);
    for (let i = 0; i < words.length; i++) {
      a = mix(a, words[i]!, 0x85ebca6b);
      b = mix(b, words[i]! ^ i, 0xc2b2ae35);
    }
  }
  const described = JSON.stringify({ dates: Array.from(dates), period, cuts, options: { ...DEFAULT_GLOBAL, ...options } });
  for (let i = 0; i < described.length; i++) {
    a = mix(a, described.charCodeAt(i), 0x85ebca6b);
    b = mix(b, described.charCodeAt(i) ^ i, 0xc2b2ae35);
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `global-v${GLOBAL_SAVE_VERSION}-${values.length}-${hex(a)}${hex(b)}`;
}

/** One saved model: its weights and what it was trained on. */
export interface SavedGlobalModel {
  /** Settings it was trained with. */
  options: GlobalOptions;
  /** Season length. */
  period: number;
  /** Weights of every member. */
  members: Float64Array[];
  /** Training windows used. */
  windows: number;
  /** Series that gave a window. */
  seriesUsed: number;
  /** Last-epoch loss. */
  finalLoss: number;
  /** Training notes. */
  notes: CoreMessage[];
}

/** What the app keeps of a set's trained global models (structured-clonable: IndexedDB stores it as it is). */
export interface SavedGlobalModels {
  /** GLOBAL_SAVE_VERSION when saved. */
  version: number;
  /** `globalTrainingKey` of the training. */
  key: string;
  /** When it was saved (ms since 1970). */
  savedAt: number;
  /** Training cut-offs, ascending. */
  cuts: number[];
  /** One model per cut-off. */
  models: SavedGlobalModel[];
}

/** The saved form of trained models under `key`. */
export function saveGlobalModels(models: GlobalModels, key: string, savedAt = Date.now()): SavedGlobalModels {
  return {
    version: GLOBAL_SAVE_VERSION,
    key,
    savedAt,
    cuts: [...models.cuts],
    models: models.models.map((m) => ({ options: { ...m.options }, period: m.period, members: m.members.map((p) => p.slice()), windows: m.windows, seriesUsed: m.seriesUsed, finalLoss: m.finalLoss, notes: [...m.notes] })),
  };
}

/** What restoring a saved form gives: the models, or that the save is for other data (`absent`), or damaged. */
export type RestoredGlobal = { models: GlobalModels } | { absent: true } | { damaged: true };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks one saved model; undefined when anything does not fit. */
function restoreModel(value: unknown): GlobalModel | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Partial<SavedGlobalModel>;
  if (typeof m.options !== 'object' || m.options === null) return undefined;
  const options = { ...DEFAULT_GLOBAL };
  for (const name of Object.keys(DEFAULT_GLOBAL) as (keyof GlobalOptions)[]) {
    const v = (m.options as unknown as Record<string, unknown>)[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    options[name] = v;
  }
  if (![options.context, options.minHistory, options.horizon, options.heads, options.keyDim, options.hidden, options.members].every((v) => isCount(v) && v > 0) || options.heads > 64 || options.keyDim > 64 || options.hidden > 1024) return undefined;
  if (!isCount(m.period) || m.period < 1 || !isCount(m.windows) || !isCount(m.seriesUsed) || typeof m.finalLoss !== 'number') return undefined;
  if (!Array.isArray(m.notes) || !m.notes.every(isCoreMessage)) return undefined;
  if (!Array.isArray(m.members) || m.members.length === 0) return undefined;
  const size = globalParamCount(options);
  const members: Float64Array[] = [];
  for (const p of m.members) {
    if (!(p instanceof Float64Array) || p.length !== size || !p.every(Number.isFinite)) return undefined;
    members.push(p.slice());
  }
  return { options, period: m.period, params: members[0]!, members, windows: m.windows, seriesUsed: m.seriesUsed, finalLoss: m.finalLoss, notes: [...m.notes] };
}

/**
 * Reads a saved form back for a training with key `key`: the models when it is whole and of this
 * key; `absent` when nothing or another training's save is there; `damaged` when it is of this
 * key (or unreadable) but cannot be used — the caller trains again.
 */
export function restoreGlobalModels(value: unknown, key: string): RestoredGlobal {
  if (value === undefined || value === null) return { absent: true };
  if (typeof value !== 'object') return { damaged: true };
  const saved = value as Partial<SavedGlobalModels>;
  if (typeof saved.key === 'string' && saved.key !== key && saved.version === GLOBAL_SAVE_VERSION) return { absent: true };
  if (saved.version !== GLOBAL_SAVE_VERSION || saved.key !== key) return { damaged: true };
  if (!Array.isArray(saved.cuts) || !Array.isArray(saved.models) || saved.cuts.length === 0 || saved.cuts.length !== saved.models.length) return { damaged: true };
  if (!saved.cuts.every((c, i) => isCount(c) && c > 0 && (i === 0 || c > saved.cuts![i - 1]!))) return { damaged: true };
  const models: GlobalModel[] = [];
  for (const m of saved.models) {
    const model = restoreModel(m);
    if (!model) return { damaged: true };
    models.push(model);
  }
  return { models: { cuts: [...saved.cuts], models } };
}
