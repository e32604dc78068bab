/** Public API of the forecasting engine (pure TypeScript: runs in a worker and in Node). */
export { forecastSeries, forecastSeriesSet, alignLead, type ForecastOptions, type SeriesForecast, type SeriesSetForecast, type SeriesProgress } from './forecast.ts';
export { runEnsemble, runModel, DEFAULT_ENSEMBLE, MODEL_NAMES, type ModelName, type EnsembleOptions, type EnsembleResult, type BacktestScore, type Combination } from './ensemble.ts';
export { trendSignal, velocityFromChange, type TrendSignal, type TrendLabel } from './signals.ts';
export { prepareSeries, ForecastInputError, type PreparedSeries } from './prepare.ts';
export { mase, maseScale, mape, smape, intervalCoverage, meanAbsoluteError } from './metrics.ts';
export { seasonalNaiveForecast } from './models/seasonalNaive.ts';
export { fitEts, fitEtsAuto, etsName, type EtsSpec, type EtsFit } from './models/ets.ts';
export { thetaForecast } from './models/theta.ts';
export { profileForecast, DEFAULT_PROFILE, type ProfileOptions } from './models/profile.ts';
export { attentionForecast, type AttentionParams } from './models/attention.ts';
export { leadForecast } from './models/lead.ts';
export { trainGlobal, trainGlobalModels, globalForecast, pickGlobal, pinballLoss, DEFAULT_GLOBAL, GLOBAL_QUANTILES, type GlobalModel, type GlobalModels, type GlobalOptions, type GlobalForecast } from './models/global.ts';
