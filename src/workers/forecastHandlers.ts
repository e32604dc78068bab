/** Handlers of the forecast worker; Node tests call them directly or through the in-process port. */
import { yieldToEventLoop } from '../core/yieldToEventLoop.ts';
import { forecastSeries, globalSetNotes } from '../core/forecast/forecast.ts';
import { DEFAULT_ENSEMBLE } from '../core/forecast/ensemble.ts';
import { appGlobalOptions, globalCuts, globalDecision, globalTrainingKey, restoreGlobalModels, saveGlobalModels } from '../core/forecast/globalSaved.ts';
import { trainGlobalModelsSteps, type GlobalModels, type GlobalOptions } from '../core/forecast/models/global.ts';
import { ForecastInputError } from '../core/forecast/prepare.ts';
import { coreMessage, type CoreMessage } from '../core/messages.ts';
import { periodsAfter, periodsPerYear } from '../core/series/periods.ts';
import { planSeason } from '../core/plan/plan.ts';
import type { HandlerContext, RequestHandlers } from './handlers.ts';
import type { ForecastRunParams } from './forecastProtocol.ts';
import { IdbGlobalModelStore, type GlobalModelStore } from './globalModelStore.ts';

/** How the forecast worker trains and keeps global models. */
export interface ForecastWorkerSetup {
  /** Where trained global models are kept (none: always trained afresh). */
  store?: GlobalModelStore;
  /** Overrides of the app's global model settings (tests train small models). */
  globalOptions?: Partial<GlobalOptions>;
}

/** The forecast worker's request handlers. */
export function createForecastHandlers(setup: ForecastWorkerSetup = {}): RequestHandlers<'forecast.run' | 'forecast.plan'> {
  return {
    async 'forecast.run'(params, context) {
      const length = params.dates.length;
      const count = params.names.length;
      if (params.values.length !== count * length) throw new ForecastInputError(`Expected ${count} series × ${length} dates = ${count * length} values, got ${params.values.length}.`);
      if (length === 0) throw new ForecastInputError(coreMessage('forecast.no-dated-rows'));
      for (let t = 1; t < length; t++) {
        // The grid must already be regular (regularize in core/series and the dashboard's periods make it so); repeated or
        // backwards dates here mean the caller skipped that step.
        if (!(params.dates[t]! > params.dates[t - 1]!)) throw new ForecastInputError(`The dates must be one per period and in order; date ${t + 1} repeats or goes back in time.`);
      }
      const horizon = params.horizon;
      const period = params.period ?? periodsPerYear(params.frequency);
      const batchSize = Math.max(1, params.batchSize ?? 25);
      const point = new Float64Array(count * horizon);
      const bounds = { lo80: new Float64Array(count * horizon).fill(NaN), hi80: new Float64Array(count * horizon).fill(NaN), lo95: new Float64Array(count * horizon).fill(NaN), hi95: new Float64Array(count * horizon).fill(NaN) };
      const { global, notes } = await globalModels(params, period, context, setup);
      const ensemble = global ? { ...params.ensemble, models: withGlobal(params.ensemble?.models) } : params.ensemble;
      const series = [];
      for (let s = 0; s < count; s++) {
        if (s % batchSize === 0) {
          await yieldToEventLoop();
          context.throwIfCancelled();
          context.progress({ stage: 'forecast', done: s, total: count, unit: 'series', message: coreMessage('progress.forecasting', { n: s + 1, count }) });
        }
        const values = params.values.subarray(s * length, (s + 1) * length);
        const lead = params.leadValues?.subarray(s * length, (s + 1) * length);
        const hasLead = lead !== undefined && lead.some(Number.isFinite);
        const f = forecastSeries(params.names[s]!, values, { horizon, period, ensemble, share: params.share, global }, hasLead ? lead : undefined);
        point.set(f.point, s * horizon);
        for (const key of ['lo80', 'hi80', 'lo95', 'hi95'] as const) {
          const band = f[key];
          if (band) bounds[key].set(band, s * horizon);
        }
        series.push({ name: f.name, signal: f.signal, notes: f.notes, scores: f.scores, backtestMase: f.backtestMase, seasonal: f.seasonal, hasIntervals: f.lo80 !== undefined });
      }
      context.progress({ stage: 'forecast', done: count, total: count, unit: 'series' });
      const last = params.dates[length - 1]!;
      const dates = Float64Array.from(periodsAfter(last, params.frequency, horizon));
      const result = { dates, point, ...bounds, series, notes };
      return { result, transfer: [dates.buffer, point.buffer, bounds.lo80.buffer, bounds.hi80.buffer, bounds.lo95.buffer, bounds.hi95.buffer] };
    },

    async 'forecast.plan'(params, context) {
      const { keys, periods } = params;
      if (params.units.length !== keys.length * periods) throw new ForecastInputError(`Expected ${keys.length} groups × ${periods} periods = ${keys.length * periods} values, got ${params.units.length}.`);
      await yieldToEventLoop();
      context.throwIfCancelled();
      const groups = keys.map((key, g) => ({ key, units: params.units.subarray(g * periods, (g + 1) * periods), ...(params.stock ? { stock: params.stock[g]! } : {}) }));
      const plan = planSeason(groups, {
        horizon: params.horizon,
        period: params.period,
        serviceLevel: params.serviceLevel,
        onProgress: (done, total) => context.progress({ stage: 'plan', done, total, unit: 'series' }),
      });
      // The per-period arrays behind each row stay here: the page needs the season figures only.
      const rows = plan.rows.map(({ season: _season, baseForecast: _base, falling: _falling, ...row }) => row);
      return { result: { rows, reconciliation: plan.reconciliation, method: plan.method, notes: plan.notes } };
    },
  };
}

/** The forecast worker's handlers as the app uses them: global models kept in IndexedDB where the browser has it. */
export const forecastHandlers = createForecastHandlers(typeof indexedDB === 'undefined' ? {} : { store: new IdbGlobalModelStore() });

/** The ensemble's models with the global model added (the default models when none are given). */
function withGlobal(models: EnsembleModels | undefined): EnsembleModels {
  const base = models ?? DEFAULT_ENSEMBLE.models;
  return base.includes('global') ? base : [...base, 'global'];
}
type EnsembleModels = typeof DEFAULT_ENSEMBLE.models;

/**
 * The global models a `forecast.run` request competes with (issue 16): none when the request
 * opts out or the set fails `globalDecision` (its note says why); else the models saved under the
 * request's training key, or trained now — one progress message per pass, the event loop
 * yielded to (so a cancel arrives) and the cancel checked after each — and then saved.
 */
async function globalModels(params: ForecastRunParams, period: number, context: HandlerContext, { store, globalOptions }: ForecastWorkerSetup): Promise<{ global?: GlobalModels; notes: CoreMessage[] }> {
  if (params.trainGlobal === false) return { notes: [] };
  if (params.ensemble?.models && !params.ensemble.models.includes('global') && params.trainGlobal !== true) return { notes: [] };
  const length = params.dates.length;
  const series = Array.from({ length: params.names.length }, (_, s) => params.values.subarray(s * length, (s + 1) * length));
  const decision = globalDecision(series, period);
  if (!decision.train) return { notes: [decision.note] };
  const options = { ...appGlobalOptions(period, params.horizon), ...globalOptions };
  const cuts = globalCuts(length, params.horizon, period, params.ensemble?.folds);
  const key = globalTrainingKey(params.values, params.dates, period, cuts, options, params.leadValues);
  const notes: CoreMessage[] = [];
  if (store) {
    const restored = restoreGlobalModels(await store.get(key).catch(() => undefined), key);
    if ('models' in restored) return { global: restored.models, notes: [coreMessage('global.reused'), ...globalSetNotes(restored.models)] };
    if ('damaged' in restored) notes.push(coreMessage('global.saved-damaged'));
  }
  const leads = params.leadValues && Array.from({ length: series.length }, (_, s) => params.leadValues!.subarray(s * length, (s + 1) * length));
  const steps = trainGlobalModelsSteps(series, period, cuts, options, leads);
  let next = steps.next();
  while (!next.done) {
    const { done, total } = next.value;
    await yieldToEventLoop();
    context.throwIfCancelled();
    context.progress({ stage: 'global', done, total, unit: 'passes', message: coreMessage('progress.training-global', { done, total }) });
    next = steps.next();
  }
  const global = next.value;
  const newest = global.models[global.models.length - 1]!;
  notes.push(coreMessage('global.trained', { series: newest.seriesUsed, windows: newest.windows }), ...globalSetNotes(global));
  await store?.put(saveGlobalModels(global, key)).catch(() => undefined);
  return { global, notes };
}
