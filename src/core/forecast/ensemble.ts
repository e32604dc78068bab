/**
 * Per-series model choice: every candidate model is backtested on rolling origins inside the
 * history, models are weighted by their backtest accuracy, and the spread of the backtest errors
 * of the combination gives the 80% / 95% prediction intervals.
 */
import { maseScale, overflowSafeMean } from './metrics.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';
import { fitEtsAuto, type EtsFit, type EtsSpec } from './models/ets.ts';
import { seasonalNaiveForecast } from './models/seasonalNaive.ts';
import { thetaForecast } from './models/theta.ts';
import { profileForecast } from './models/profile.ts';
import { attentionForecast, fitAttention, type AttentionParams } from './models/attention.ts';
import { leadForecast } from './models/lead.ts';
import { globalForecast, pickGlobal, type GlobalForecast, type GlobalModels } from './models/global.ts';

/** Names of the models the ensemble can use. */
export type ModelName = 'seasonal-naive' | 'ets' | 'theta' | 'profile' | 'attention' | 'lead' | 'global';

/** Every model name, in display order. */
export const MODEL_NAMES: readonly ModelName[] = ['seasonal-naive', 'ets', 'theta', 'profile', 'attention', 'lead', 'global'];

/** What a model gets: history, horizon, season length, and optionally a lead series on the same dates. */
export interface ModelInput {
  /** History, gap-free. */
  y: Float64Array;
  /** Periods to forecast. */
  horizon: number;
  /** Season length (1 = no season). */
  period: number;
  /** Lead series aligned with y (same length or longer), if any. */
  lead?: Float64Array;
  /** Periods the final forecast should reach for trend signals (≥ horizon); backtests still use `horizon`. */
  outlook?: number;
  /** Attention weights fitted earlier (on the oldest backtest fold's history); refitted when absent. */
  attentionParams?: AttentionParams;
  /** ETS forms allowed; the ensemble passes the form chosen on the full history to its backtest folds. */
  etsCandidates?: readonly EtsSpec[];
  /** Global models of the whole set and where y starts on the set's time line (`offset`); absent: the global model does not compete. */
  global?: { models: GlobalModels; offset: number };
}

const SEASONAL_ETS: readonly EtsSpec[] = [
  { error: 'A', trend: 'N', season: 'A' },
  { error: 'A', trend: 'Ad', season: 'A' },
  { error: 'M', trend: 'N', season: 'M' },
];
const NON_SEASONAL_ETS: readonly EtsSpec[] = [
  { error: 'A', trend: 'N', season: 'N' },
  { error: 'A', trend: 'Ad', season: 'N' },
  { error: 'M', trend: 'N', season: 'N' },
  { error: 'M', trend: 'Ad', season: 'N' },
];

/**
 * ETS with AICc choice. With two full seasons of history only seasonal forms compete: with a
 * 52-week season AICc charges 51 start states and would almost always drop the season, which
 * backtests on 2018 showed to be far worse (MASE 1.46 against 0.71).
 */
export function etsFit(input: ModelInput): EtsFit | undefined {
  const seasonal = input.period > 1 && input.y.length >= 2 * input.period;
  const allowed = seasonal ? SEASONAL_ETS : NON_SEASONAL_ETS;
  // A hinted form is only used when it suits this history (a fold may be too short for a season).
  const hinted = input.etsCandidates?.filter((spec) => (spec.season !== 'N') === seasonal);
  return fitEtsAuto(input.y, input.period, input.horizon, hinted && hinted.length > 0 ? hinted : allowed);
}

/**
 * Runs one model; returns undefined when it does not apply (the lead model without a lead) or
 * cannot fit (ETS on values so large that its likelihood overflows). Use `tryModel` to also catch
 * errors and values out of range.
 */
export function runModel(name: ModelName, input: ModelInput): Float64Array | undefined {
  const { y, horizon, period } = input;
  switch (name) {
    case 'seasonal-naive':
      return seasonalNaiveForecast(y, horizon, period);
    case 'ets':
      return etsFit(input)?.forecast;
    case 'theta':
      return thetaForecast(y, horizon, period);
    case 'profile':
      return profileForecast(y, horizon, period);
    case 'attention':
      return attentionForecast(y, horizon, period, input.attentionParams).forecast;
    case 'lead':
      return input.lead ? leadForecast(y, input.lead, horizon, period) : undefined;
    case 'global':
      return globalOf(input)?.point;
    default: {
      const unreachable: never = name;
      throw new Error(`Unknown model ${String(unreachable)}`);
    }
  }
}

/** A model's display name as a message (worded per language), for notes. */
export function modelMessage(model: ModelName): CoreMessage {
  return coreMessage(`model.${model}`);
}

/** One model's run that never throws: its forecast, or why it has none. */
export type ModelOutcome = { forecast: Float64Array } | { failure: CoreMessage };

/**
 * Runs one model and checks what it gives: `failure` (a message) when it throws, does not fit, or
 * returns a forecast of the wrong length or with a value that is not a finite number.
 */
export function tryModel(name: ModelName, input: ModelInput): ModelOutcome {
  let forecast: Float64Array | undefined;
  try {
    forecast = runModel(name, input);
  } catch (error) {
    return { failure: coreMessage('failure.threw', { error: error instanceof Error ? error.message : String(error) }) };
  }
  if (!forecast && name === 'global') return { failure: coreMessage(input.global ? 'failure.no-earlier-global' : 'failure.no-global') };
  if (!forecast) return { failure: coreMessage(name === 'lead' && !input.lead ? 'failure.no-lead' : 'failure.not-fitted') };
  if (forecast.length !== input.horizon) return { failure: coreMessage('failure.wrong-length', { count: forecast.length, horizon: input.horizon }) };
  for (const value of forecast) if (!Number.isFinite(value)) return { failure: coreMessage('failure.out-of-range') };
  return { forecast };
}

/** Whether every value is a finite number. */
function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** How backtest scores turn into weights. */
export type Combination = 'best' | 'mean' | 'median' | 'inverse-error' | 'trimmed-mean';

/** Settings of the ensemble. */
export interface EnsembleOptions {
  /** Models allowed to compete. */
  models: readonly ModelName[];
  /** Rolling origins used for backtests (each one horizon apart, newest first). */
  folds: number;
  /** How models are combined. */
  combination: Combination;
  /** With 'inverse-error', only the best `topK` models get weight. */
  topK: number;
  /** With 'trimmed-mean', models whose backtest error exceeds `trimRatio` × the best one's are left out. */
  trimRatio: number;
  /** Widening applied to the backtest error quantiles (calibrated on the 2018 backtest year). */
  intervalScale: number;
  /** 'flat': one width for every step; 'linear': width follows a straight-line fit of backtest error against the step. */
  intervalShape: 'flat' | 'linear';
  /**
   * Where the global model has weight w in the combination: 'global-quantiles' makes each interval
   * bound w × the global model's own quantile distance from its median plus (1 − w) × the
   * backtest-error width, so where it is selected alone its 2.5/10/90/97.5 % quantiles are the
   * bounds (issue 16); 'backtest' sizes every interval from backtest errors only.
   */
  intervalSource: 'backtest' | 'global-quantiles';
  /**
   * Share of the combination the global model gets when the rule keeps it (weighted rules only,
   * not 'median'); the other kept models share the rest in the rule's proportions. 0: the global
   * model is one member like the others.
   */
  globalShare: number;
}

/** Default ensemble settings (chosen on the 2015–2017 → 2018 backtest, never on 2019). */
export const DEFAULT_ENSEMBLE: EnsembleOptions = {
  models: ['seasonal-naive', 'ets', 'theta', 'profile', 'attention', 'lead'],
  folds: 2,
  combination: 'trimmed-mean',
  topK: 3,
  trimRatio: 2,
  intervalScale: 1,
  // On 2018 the flat width was better calibrated (80.8%/94.6%) than the widening one (80.5%/94.0%):
  // on these series the error hardly grows over the year ahead.
  intervalShape: 'flat',
  intervalSource: 'global-quantiles',
  // On 2018 (ensemble + global MASE): 0 (one member among ~6) 0.659; 0.3 0.654, 0.4 0.651, 0.5 0.651,
  // 0.6 0.651, 0.7 0.654 (docs/BENCHMARKS.md, issue 16). The middle of the flat best range.
  globalShare: 0.5,
};

/** One model's backtest result for a series. */
export interface BacktestScore {
  /** Model name. */
  model: ModelName;
  /** Mean absolute scaled error over the backtest folds (lower is better). */
  mase: number;
  /** Weight in the combination (0…1, all weights sum to 1). */
  weight: number;
}

/** The ensemble's answer for one series. */
export interface EnsembleResult {
  /** Point forecast. */
  point: Float64Array;
  /** Point forecast continued to `outlook` periods (same values first), for the time-to-peak signal. */
  outlook: Float64Array;
  /** Interval bounds (80% and 95%), or undefined without backtests. */
  lo80?: Float64Array;
  hi80?: Float64Array;
  lo95?: Float64Array;
  hi95?: Float64Array;
  /** Backtest score and weight of each model that ran. */
  scores: BacktestScore[];
  /** Backtest MASE of the combination itself. */
  ensembleMase: number;
  /** Number of backtest folds that fitted in the history. */
  folds: number;
  /** Models left out, each with why (they are not in `scores`). */
  skipped: { model: ModelName; reason: CoreMessage }[];
  /** What the ensemble had to do instead of its usual combination, as messages (e.g. intervals dropped). */
  notes: CoreMessage[];
}

/** Quantile of a sorted array (linear interpolation). */
function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Weights from backtest scores according to the combination rule; when `globalIndex` names the
 * global model and the rule kept it, it gets `options.globalShare` of the weight (see EnsembleOptions).
 */
export function combineWeights(scores: number[], options: Pick<EnsembleOptions, 'combination' | 'topK' | 'trimRatio'> & { globalShare?: number }, globalIndex = -1): number[] {
  const weights = ruleWeights(scores, options);
  const share = options.globalShare ?? 0;
  if (!(share > 0) || options.combination === 'median' || globalIndex < 0 || !(weights[globalIndex]! > 0)) return weights;
  let others = 0;
  weights.forEach((w, i) => (others += i === globalIndex ? 0 : w));
  // Kept alone: it has all the weight already.
  if (!(others > 0)) return weights;
  return weights.map((w, i) => (i === globalIndex ? share : (w * (1 - share)) / others));
}

/** Weights of the combination rule alone (every kept model by the rule's own proportions). */
function ruleWeights(scores: number[], options: Pick<EnsembleOptions, 'combination' | 'topK' | 'trimRatio'>): number[] {
  const weights = scores.map(() => 0);
  const order = scores.map((_, i) => i).filter((i) => Number.isFinite(scores[i]!)).sort((a, b) => scores[a]! - scores[b]!);
  if (order.length === 0) return scores.map(() => 1 / scores.length);
  if (options.combination === 'best') weights[order[0]!] = 1;
  else if (options.combination === 'mean' || options.combination === 'median') for (const i of order) weights[i] = 1 / order.length;
  else if (options.combination === 'trimmed-mean') {
    const kept = order.filter((i) => scores[i]! <= options.trimRatio * scores[order[0]!]!);
    for (const i of kept) weights[i] = 1 / kept.length;
  }
  else {
    const top = order.slice(0, Math.max(1, options.topK));
    let total = 0;
    for (const i of top) total += 1 / Math.max(scores[i]!, 1e-9) ** 2;
    for (const i of top) weights[i] = 1 / Math.max(scores[i]!, 1e-9) ** 2 / total;
  }
  return weights;
}

/** Combines forecasts with weights, or by the pointwise median for the 'median' rule. */
function combine(forecasts: Float64Array[], weights: number[], combination: Combination, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  if (combination === 'median') {
    const column = new Float64Array(forecasts.length);
    for (let h = 0; h < horizon; h++) {
      for (let m = 0; m < forecasts.length; m++) column[m] = forecasts[m]![h]!;
      column.sort();
      out[h] = quantileSorted(column, 0.5);
    }
    return out;
  }
  for (let m = 0; m < forecasts.length; m++) {
    const w = weights[m]!;
    if (w === 0) continue;
    for (let h = 0; h < horizon; h++) out[h]! += w * forecasts[m]![h]!;
  }
  return out;
}

/**
 * Where the ensemble backtests a history of n periods: the fold horizon and the origins (newest
 * first), each a fold horizon apart, none with less than `minHistory` periods before it.
 */
export function backtestOrigins(n: number, horizon: number, period: number, folds: number): { foldHorizon: number; origins: number[] } {
  // Seasonal data: backtest at least a quarter of a season ahead (capped at one season), so even a
  // one-step request gets enough errors to size its intervals (pooled over those steps, so they err wide).
  const foldHorizon = period > 1 ? Math.min(period, Math.max(horizon, Math.ceil(period / 4))) : Math.max(1, horizon);
  const minHistory = period > 1 ? 2 * period : Math.max(8, 2 * foldHorizon);
  const origins: number[] = [];
  for (let k = 1; k <= folds; k++) {
    const origin = n - k * foldHorizon;
    if (origin >= minHistory) origins.push(origin);
  }
  return { foldHorizon, origins };
}

/** Fewest backtest errors that an interval is sized from; with fewer, the forecast has none. */
export const MIN_INTERVAL_ERRORS = 2;

/**
 * Backtests the models on rolling origins, combines them, and forecasts `horizon` periods.
 * `minHistory` is the shortest history a backtest fold may train on. Never throws for a model:
 * a model that fails (on the full history or in a backtest fold) is left out and listed in
 * `skipped`; seasonal naive is always there to fall back on, so every point is a finite number.
 */
export function runEnsemble(input: ModelInput, options: EnsembleOptions = DEFAULT_ENSEMBLE): EnsembleResult {
  const { y, horizon, period } = input;
  const n = y.length;
  const skipped: EnsembleResult['skipped'] = [];
  const notes: CoreMessage[] = [];
  const wanted = options.models.filter((m) => (m !== 'lead' || input.lead) && (m !== 'global' || input.global) && (m === 'seasonal-naive' || n >= 4));
  // Seasonal naive is the fallback of last resort: it runs even when the options leave it out of the competition.
  const competing = wanted.length > 0 ? wanted : (['seasonal-naive'] as ModelName[]);
  const { foldHorizon, origins } = backtestOrigins(n, horizon, period, options.folds);
  // Final forecasts first, so the ETS form chosen by AICc on the full history is the one backtested
  // (choosing the form again in every fold would triple the cost of ETS for little gain).
  let etsSpec: EtsSpec | undefined;
  const outlookHorizon = Math.max(horizon, input.outlook ?? 0);
  const naiveOutlook = seasonalNaiveForecast(y, outlookHorizon, period);
  // Attention weights are fitted once, on the oldest fold's history, and reused at every later
  // origin: no fold sees weights fitted on its own test period, and it saves two of three fits.
  let attentionParams: AttentionParams | undefined;
  if (competing.includes('attention') && origins.length > 0) {
    // On failure the attention model fits its own weights, or fails and is left out.
    attentionParams = unlessThrown(() => fitAttention(y.subarray(0, origins[origins.length - 1]!), foldHorizon, period));
  }
  const finalInput: ModelInput = { ...input, horizon: outlookHorizon, attentionParams };
  let models: ModelName[] = [];
  const finals: Float64Array[] = [];
  let globalFinal: GlobalForecast | undefined;
  for (const model of competing) {
    if (model === 'ets') {
      const fit = unlessThrown(() => etsFit(finalInput));
      if (fit && fit.forecast.length === outlookHorizon && allFinite(fit.forecast)) {
        etsSpec = fit.spec;
        models.push(model);
        finals.push(fit.forecast);
      } else skipped.push({ model, reason: coreMessage('failure.not-fitted') });
      continue;
    }
    if (model === 'global') {
      // Its quantiles are kept for the intervals (one run of the model gives point and quantiles).
      const f = unlessThrown(() => finalGlobalQuantiles(finalInput));
      if (f && f.point.length === outlookHorizon) {
        models.push(model);
        finals.push(f.point);
        globalFinal = f;
      } else skipped.push({ model, reason: coreMessage(input.global ? 'failure.no-earlier-global' : 'failure.no-global') });
      continue;
    }
    const outcome = tryModel(model, finalInput);
    if ('forecast' in outcome) {
      models.push(model);
      finals.push(outcome.forecast);
    } else skipped.push({ model, reason: outcome.failure });
  }
  // Backtest: each fold's forecasts per model; a model that fails in any fold is left out.
  const foldForecasts: Float64Array[][] = models.map(() => []);
  const failed = new Set<number>();
  for (const origin of origins) {
    const train = y.subarray(0, origin);
    const foldInput: ModelInput = { ...input, y: train, horizon: foldHorizon, attentionParams, etsCandidates: etsSpec ? [etsSpec] : input.etsCandidates };
    models.forEach((model, m) => {
      if (failed.has(m)) return;
      const outcome = tryModel(model, foldInput);
      if ('forecast' in outcome) foldForecasts[m]!.push(outcome.forecast);
      else {
        failed.add(m);
        skipped.push({ model, reason: coreMessage('failure.in-backtest', { reason: outcome.failure }) });
      }
    });
  }
  const keptFinals = finals.filter((_, m) => !failed.has(m));
  const keptFolds = foldForecasts.filter((_, m) => !failed.has(m));
  models = models.filter((_, m) => !failed.has(m));
  if (models.length === 0) {
    // Every model failed: seasonal naive (which only repeats past values) stands in alone.
    models.push('seasonal-naive');
    keptFinals.push(naiveOutlook);
    keptFolds.push(origins.map((origin) => seasonalNaiveForecast(y.subarray(0, origin), foldHorizon, period)));
  }
  const scores = models.map((_, m) => {
    if (origins.length === 0) return NaN;
    let sum = 0;
    origins.forEach((origin, k) => {
      const f = keptFolds[m]![k]!;
      sum += overflowSafeMean(foldHorizon, (h) => Math.abs(y[origin + h]! - f[h]!)) / maseScale(y.subarray(0, origin), period);
    });
    return sum / origins.length;
  });
  // Without any fold we cannot compare models: an equal-weight mean is the safest choice.
  let weights = origins.length > 0 ? combineWeights(scores, options, models.indexOf('global')) : models.map(() => 1 / models.length);
  let outlook = combine(keptFinals, weights, origins.length > 0 ? options.combination : 'mean', outlookHorizon);
  if (!allFinite(outlook)) {
    // The weighted sum overflowed (values near the largest number a computer holds): use seasonal naive alone.
    const naive = models.indexOf('seasonal-naive');
    if (naive < 0) {
      models.push('seasonal-naive');
      scores.push(NaN);
      keptFinals.push(naiveOutlook);
      keptFolds.push(origins.map((origin) => seasonalNaiveForecast(y.subarray(0, origin), foldHorizon, period)));
    }
    weights = models.map((model) => (model === 'seasonal-naive' ? 1 : 0));
    outlook = naiveOutlook.slice();
    notes.push(coreMessage('ensemble.naive-alone'));
  }
  const point = outlook.slice(0, horizon);
  const result: EnsembleResult = {
    point,
    outlook,
    scores: models.map((model, m) => ({ model, mase: scores[m]!, weight: weights[m]! })),
    ensembleMase: NaN,
    folds: origins.length,
    skipped,
    notes,
  };
  if (origins.length === 0) return result;
  const absErrors: number[] = [];
  const stepErrors = new Float64Array(foldHorizon);
  let ensembleSum = 0;
  origins.forEach((origin, k) => {
    const combined = combine(keptFolds.map((f) => f[k]!), weights, options.combination, foldHorizon);
    const errors = Array.from({ length: foldHorizon }, (_, h) => Math.abs(y[origin + h]! - combined[h]!));
    errors.forEach((e, h) => {
      absErrors.push(e);
      stepErrors[h]! += e / origins.length;
    });
    ensembleSum += overflowSafeMean(foldHorizon, (h) => errors[h]!) / maseScale(y.subarray(0, origin), period);
  });
  result.ensembleMase = ensembleSum / origins.length;
  // An interval needs a spread of past errors: with fewer than MIN_INTERVAL_ERRORS, or none of them
  // above zero, it would come out zero wide and claim a certainty the backtests cannot give.
  if (absErrors.length < MIN_INTERVAL_ERRORS) {
    notes.push(coreMessage('ensemble.few-errors', { n: absErrors.length }));
    return result;
  }
  absErrors.sort((a, b) => a - b);
  const q80 = quantileSorted(absErrors, 0.8) * options.intervalScale;
  if (!(q80 > 0)) {
    notes.push(coreMessage('ensemble.exact-backtests'));
    return result;
  }
  const q95 = quantileSorted(absErrors, 0.95) * options.intervalScale;
  const shape = options.intervalShape === 'linear' ? widthByStep(stepErrors, horizon) : new Float64Array(horizon).fill(1);
  // The global model's share of the combination; its quantiles size that share of each bound.
  const g = models.indexOf('global');
  const w = options.intervalSource === 'global-quantiles' && g >= 0 && globalFinal ? weights[g]! : 0;
  const q = globalFinal?.quantiles;
  const bound = (h: number, width: number, k: number, sign: number) => (w > 0 ? (1 - w) * sign * width * shape[h]! + w * (q![k]![h]! - q![2]![h]!) : sign * width * shape[h]!);
  const lo80 = point.map((v, h) => v + bound(h, q80, 1, -1));
  const hi80 = point.map((v, h) => v + bound(h, q80, 3, 1));
  const lo95 = point.map((v, h) => v + bound(h, q95, 0, -1));
  const hi95 = point.map((v, h) => v + bound(h, q95, 4, 1));
  if ([lo80, hi80, lo95, hi95].every(allFinite)) Object.assign(result, { lo80, hi80, lo95, hi95 });
  else notes.push(coreMessage('ensemble.errors-too-large'));
  return result;
}

/** The global model's forecast (point and quantiles) of a history; undefined when no model was trained before its end. */
function globalOf(input: ModelInput): GlobalForecast | undefined {
  // Only a model trained on periods before this history's end: backtests never see their test periods.
  const model = input.global && pickGlobal(input.global.models, input.global.offset + input.y.length);
  return model ? globalForecast(model, input.y, input.horizon, input.global!.offset, input.lead) : undefined;
}

/** The global model's quantile forecast of the final history (undefined when it has no model or gives values out of range). */
function finalGlobalQuantiles(input: ModelInput): GlobalForecast | undefined {
  const f = globalOf(input);
  return f && f.quantiles.every(allFinite) ? f : undefined;
}

/** fn's value, or undefined when it throws (a model that cannot fit is left out, not fatal). */
function unlessThrown<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/**
 * Relative interval width per step: a least-squares line through the mean backtest error of
 * each step, divided by the overall mean error, so near steps get narrower intervals and far ones
 * wider, while the average width stays the pooled quantile. Kept within [0.4, 2.5]; steps beyond
 * the backtested ones keep the last step's width.
 */
export function widthByStep(stepErrors: Float64Array, horizon: number): Float64Array {
  const steps = stepErrors.length;
  const out = new Float64Array(horizon).fill(1);
  let mean = 0;
  for (let h = 0; h < steps; h++) mean += stepErrors[h]! / steps;
  if (steps < 3 || !(mean > 0)) return out;
  const centre = (steps - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let h = 0; h < steps; h++) {
    sxy += (h - centre) * (stepErrors[h]! - mean);
    sxx += (h - centre) ** 2;
  }
  const slope = sxy / sxx;
  for (let h = 0; h < horizon; h++) {
    const fitted = mean + slope * (Math.min(h, steps - 1) - centre);
    out[h] = Math.min(2.5, Math.max(0.4, fitted / mean));
  }
  return out;
}
