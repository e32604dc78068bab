/**
 * The forecasting entry points: one series, or a whole SeriesSet (optionally with lead series),
 * with backtested ensemble forecasts, calibrated intervals, trend signals and plain-language notes.
 */
import { addPeriods, periodsPerYear } from '../series/periods.ts';
import type { Frequency, SeriesSet } from '../series/seriesSet.ts';
import { backtestOrigins, DEFAULT_ENSEMBLE, modelMessage, runEnsemble, type BacktestScore, type EnsembleOptions } from './ensemble.ts';
import { ForecastInputError, prepareSeries } from './prepare.ts';
import { trendSignal, type TrendSignal } from './signals.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';
import { trainGlobalModels, type GlobalModels, type GlobalOptions } from './models/global.ts';

/** Options for forecasting a series. */
export interface ForecastOptions {
  /** Number of periods to forecast (≥ 1). */
  horizon: number;
  /** Season length in periods (52 weekly, 12 monthly, 1 = none). */
  period: number;
  /** Overrides of the ensemble settings. */
  ensemble?: Partial<EnsembleOptions>;
  /** The values are shares (0…1): forecasts and interval bounds are kept within 0 and 1. */
  share?: boolean;
  /** Global models trained on the whole set (same time line as `values`); the ensemble may then use the global model. */
  global?: GlobalModels;
}

/** The forecast of one series. */
export interface SeriesForecast {
  /** Series name. */
  name: string;
  /** Point forecast, one value per future period. */
  point: Float64Array;
  /** 80% and 95% prediction interval bounds; absent (with a note) when the history is too short or too even to size them. */
  lo80?: Float64Array;
  hi80?: Float64Array;
  lo95?: Float64Array;
  hi95?: Float64Array;
  /** Each model's backtest score and weight. */
  scores: BacktestScore[];
  /** Backtest MASE of the ensemble (NaN without backtests). */
  backtestMase: number;
  /** Whether the yearly pattern was used. */
  seasonal: boolean;
  /** Trend signals. */
  signal: TrendSignal;
  /** Notes (repairs, fallbacks) as message codes with parameters; `englishText` words them for the CLI. */
  notes: CoreMessage[];
}

function clipAtZero(values: Float64Array | undefined): void {
  if (!values) return;
  for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0;
}

/** Keeps shares within 0…1: a share cannot fall below nothing or rise above everything. */
function clipToShare(values: Float64Array | undefined): void {
  if (!values) return;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(1, Math.max(0, values[i]!));
}

function validateHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10_000) throw new ForecastInputError(coreMessage('forecast.bad-horizon', { horizon }));
}

/**
 * Periods averaged for "recent level" in the signals: a quarter for weekly (13) and monthly (3)
 * data, a week for daily data, one period for seasons and years.
 */
export function signalWindow(period: number): number {
  if (period >= 52) return 13;
  if (period >= 12) return 3;
  if (period >= 7) return 7;
  return 1;
}

/** Forecasts one series; `lead` (same dates as `values`) is an optional early-signal series. */
export function forecastSeries(name: string, values: ArrayLike<number>, options: ForecastOptions, lead?: ArrayLike<number>): SeriesForecast {
  validateHorizon(options.horizon);
  const { horizon } = options;
  let prepared;
  try {
    prepared = prepareSeries(values, coreMessage('forecast.series-name', { name }));
  } catch (error) {
    if (!(error instanceof ForecastInputError)) throw error;
    const empty = new Float64Array(horizon).fill(NaN);
    const note = error.detail ?? coreMessage('plain', { text: error.message });
    return { name, point: empty, scores: [], backtestMase: NaN, seasonal: false, signal: { notEnoughHistory: true, explanation: note }, notes: [note] };
  }
  const { values: y, notes } = prepared;
  const n = y.length;
  let period = Math.max(1, Math.round(options.period));
  if (period > 1 && n < 2 * period) {
    notes.push(coreMessage('forecast.no-seasons', { name, n, needed: 2 * period }));
    period = 1;
  }
  const signalOptions = { period: options.period, window: signalWindow(options.period) };
  if (prepared.constant || n < 3) {
    const point = new Float64Array(horizon).fill(y[n - 1]!);
    // No intervals here: a band of zero width would claim certainty that this little (or this even) history cannot give.
    if (n < 3) notes.push(coreMessage('forecast.too-few-values', { name, n }));
    else notes.push(coreMessage('forecast.never-varies', { name }));
    return { name, point, scores: [], backtestMase: NaN, seasonal: false, signal: trendSignal(y, point, signalOptions), notes };
  }
  let leadValues: Float64Array | undefined;
  if (lead) {
    try {
      const preparedLead = prepareSeries(Array.from(lead).slice(prepared.droppedLeading), coreMessage('forecast.lead-series'));
      if (preparedLead.droppedLeading === 0 && preparedLead.values.length >= n) leadValues = preparedLead.values;
    } catch {
      notes.push(coreMessage('forecast.lead-no-numbers', { name }));
    }
  }
  // Look at least a season ahead for the time-to-peak signal, even when fewer periods are asked for.
  const outlook = Math.max(horizon, options.period);
  const global = options.global ? { models: options.global, offset: prepared.droppedLeading } : undefined;
  const result = runEnsemble({ y, horizon, period, lead: leadValues, outlook, global }, { ...DEFAULT_ENSEMBLE, ...options.ensemble });
  for (const { model, reason } of result.skipped) notes.push(coreMessage('forecast.model-left-out', { model: modelMessage(model), reason, name }));
  for (const note of result.notes) notes.push(coreMessage('forecast.for-series', { name, note }));
  if (prepared.nonNegative) for (const v of [result.point, result.outlook, result.lo80, result.hi80, result.lo95, result.hi95]) clipAtZero(v);
  if (options.share) for (const v of [result.point, result.outlook, result.lo80, result.hi80, result.lo95, result.hi95]) clipToShare(v);
  if (result.folds === 0) notes.push(coreMessage('forecast.no-backtest', { name }));
  return {
    name,
    point: result.point,
    lo80: result.lo80,
    hi80: result.hi80,
    lo95: result.lo95,
    hi95: result.hi95,
    scores: result.scores,
    backtestMase: result.ensembleMase,
    seasonal: period > 1,
    signal: trendSignal(y, result.outlook, signalOptions),
    notes,
  };
}

/** Forecasts of every series in a set, on the future dates that continue the set's frequency. */
export interface SeriesSetForecast {
  /** The next `horizon` period dates (epoch ms). */
  dates: number[];
  /** Frequency of the dates. */
  frequency: Frequency;
  /** One forecast per input series, same order. */
  series: SeriesForecast[];
  /** Notes on the whole set (e.g. on training the global model) as message codes, when there are any. */
  notes?: CoreMessage[];
}

/** Called after each series; throw from it to stop (e.g. on cancel). */
export type SeriesProgress = (done: number, total: number) => void;

/** Finds the lead values for `name` on the main set's dates (NaN where the lead has no date). */
export function alignLead(main: SeriesSet, leads: SeriesSet, name: string): Float64Array | undefined {
  const source = leads.series.find((s) => s.name === name);
  if (!source) return undefined;
  const position = new Map(leads.dates.map((d, i) => [d, i]));
  return Float64Array.from(main.dates, (d) => {
    const i = position.get(d);
    return i === undefined ? NaN : source.values[i]!;
  });
}

/**
 * Trains the global models one set's ensemble needs: at the forecast origin and at each backtest
 * origin, each on every series up to that cut-off only (so backtests stay honest).
 */
export function trainSetGlobals(set: SeriesSet, horizon: number, period: number, folds = DEFAULT_ENSEMBLE.folds, options: Partial<GlobalOptions> = {}, leads?: SeriesSet): GlobalModels {
  const n = set.dates.length;
  const { origins } = backtestOrigins(n, horizon, period, folds);
  const aligned = leads ? set.series.map((s) => alignLead(set, leads, s.name)) : undefined;
  return trainGlobalModels(set.series.map((s) => s.values), period, [n, ...origins], options, aligned);
}

/** The training notes of a set's global models, each distinct one once, as "Global model: …" messages. */
export function globalSetNotes(models: GlobalModels): CoreMessage[] {
  const seen = new Map<string, CoreMessage>();
  for (const note of models.models.flatMap((m) => m.notes)) seen.set(JSON.stringify(note), coreMessage('global.set-note', { note }));
  return [...seen.values()];
}

/**
 * Forecasts every series of `set`; `leads` supplies lead series matched by name. With
 * `trainGlobal` (true or settings) one global attention model is first trained across all series
 * (per backtest origin) and competes in every series' ensemble.
 */
export function forecastSeriesSet(set: SeriesSet, options: Omit<ForecastOptions, 'period'> & { period?: number; trainGlobal?: boolean | Partial<GlobalOptions> }, leads?: SeriesSet, onProgress?: SeriesProgress): SeriesSetForecast {
  validateHorizon(options.horizon);
  if (set.dates.length === 0) throw new ForecastInputError(coreMessage('forecast.no-dated-rows'));
  const period = options.period ?? periodsPerYear(set.frequency);
  const setNotes: CoreMessage[] = [];
  if (options.trainGlobal && !options.global) {
    const models = trainSetGlobals(set, options.horizon, period, options.ensemble?.folds ?? DEFAULT_ENSEMBLE.folds, options.trainGlobal === true ? {} : options.trainGlobal, leads);
    setNotes.push(...globalSetNotes(models));
    const base = options.ensemble?.models ?? DEFAULT_ENSEMBLE.models;
    options = { ...options, global: models, ensemble: { ...options.ensemble, models: base.includes('global') ? base : [...base, 'global'] } };
  }
  const last = set.dates[set.dates.length - 1]!;
  const dates = Array.from({ length: options.horizon }, (_, h) => addPeriods(last, set.frequency, h + 1));
  const series: SeriesForecast[] = [];
  set.series.forEach((s, i) => {
    const lead = leads ? alignLead(set, leads, s.name) : undefined;
    series.push(forecastSeries(s.name, s.values, { ...options, period }, lead));
    onProgress?.(i + 1, set.series.length);
  });
  return { dates, frequency: set.frequency, series, ...(setNotes.length > 0 ? { notes: setNotes } : {}) };
}
