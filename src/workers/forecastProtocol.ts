/**
 * Params and results of the forecast worker's requests. Values travel as Float64Arrays laid out
 * series-major (series s, period t at index s × length + t) so they move with transfer lists.
 */
import type { Frequency } from '../core/series/periods.ts';
import type { BacktestScore, EnsembleOptions } from '../core/forecast/ensemble.ts';
import type { TrendSignal } from '../core/forecast/signals.ts';

/** Params of `forecast.run`: a series set (and optional lead series) to forecast. */
export interface ForecastRunParams {
  /** Period start dates, epoch ms, one per column of `values`. */
  dates: Float64Array;
  /** Spacing of the dates. */
  frequency: Frequency;
  /** Series names, one per row of `values`. */
  names: string[];
  /** names.length × dates.length values, series-major; NaN = missing. */
  values: Float64Array;
  /** Lead series on the same dates and layout (NaN where a series has no lead). */
  leadValues?: Float64Array;
  /** Periods to forecast. */
  horizon: number;
  /** Season length; defaults to the frequency's periods per year. */
  period?: number;
  /** Ensemble overrides (models, folds, combination…). */
  ensemble?: Partial<EnsembleOptions>;
  /** Series per progress message and cancel check (default 25). */
  batchSize?: number;
  /** The values are shares (0…1): forecasts and intervals stay within 0 and 1. */
  share?: boolean;
  /**
   * The global attention model (one model trained across all series): false never trains it;
   * absent or true train it when the set passes `globalDecision` (≥ 8 series with two seasons),
   * reusing a model saved for the same series and settings. Absent with `ensemble.models` given
   * without 'global' also leaves it out.
   */
  trainGlobal?: boolean;
}

/** Per-series details of a forecast that are not bulk numbers. */
export interface ForecastSeriesInfo {
  /** Series name. */
  name: string;
  /** Trend signals. */
  signal: TrendSignal;
  /** Notes (repairs, fallbacks) as message codes with parameters, worded on the page with `coreText`. */
  notes: import('../core/messages.ts').CoreMessage[];
  /** Backtest scores and weights per model. */
  scores: BacktestScore[];
  /** Backtest MASE of the ensemble (NaN without backtests). */
  backtestMase: number;
  /** Whether the yearly pattern was used. */
  seasonal: boolean;
  /** Whether interval bounds exist for this series (else its rows in lo/hi arrays are NaN). */
  hasIntervals: boolean;
}

/** Result of `forecast.run`. */
export interface ForecastRunResult {
  /** The next `horizon` period dates, epoch ms. */
  dates: Float64Array;
  /** names.length × horizon point forecasts, series-major. */
  point: Float64Array;
  /** Interval bounds, same layout (NaN where a series has none). */
  lo80: Float64Array;
  hi80: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
  /** Per-series signals, notes and backtest scores. */
  series: ForecastSeriesInfo[];
  /** Notes on the whole set (whether the global model was trained, reused or why not), as message codes. */
  notes: import('../core/messages.ts').CoreMessage[];
}

/** Params of `forecast.plan`: unit series per group to plan next season for (planSeason in the worker). */
export interface ForecastPlanParams {
  /** Each group's values in the grouping columns. */
  keys: string[][];
  /** keys.length × periods units, series-major (group g, period t at g × periods + t). */
  units: Float64Array;
  /** Stock on hand per group, if known. */
  stock?: Float64Array;
  /** Periods in the history. */
  periods: number;
  /** Periods in the season to plan. */
  horizon: number;
  /** Periods per year (the yearly pattern). */
  period: number;
  /** Service level the plan quantities are read at (0.5 … 0.995). */
  serviceLevel: number;
}

/** Result of `forecast.plan`: the plan's rows (without the per-period arrays behind them), how totals were made coherent, notes. */
export interface ForecastPlanResult {
  /** Total, sub-totals and groups, in table order. */
  rows: (import('../core/plan/table.ts').PlanRowCore & { notes: string[]; planNotes: import('../core/messages.ts').CoreMessage[] })[];
  /** How the totals were reconciled, in words (English). */
  reconciliation: string;
  /** The same as a method (the page words it from this). */
  method: import('../core/plan/plan.ts').ReconciliationMethod;
  /** Notes about the whole plan, as message codes and parameters (the page words them in its language). */
  notes: import('../core/messages.ts').CoreMessage[];
}
