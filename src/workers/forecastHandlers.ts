/** Handlers of the forecast worker; Node tests call them directly or through the in-process port. */
import { yieldToEventLoop } from '../core/yieldToEventLoop.ts';
import { forecastSeries } from '../core/forecast/forecast.ts';
import { ForecastInputError } from '../core/forecast/prepare.ts';
import { coreMessage } from '../core/messages.ts';
import { periodsAfter, periodsPerYear } from '../core/series/periods.ts';
import { planSeason } from '../core/plan/plan.ts';
import type { RequestHandlers } from './handlers.ts';

/** The forecast worker's request handlers. */
export const forecastHandlers: RequestHandlers<'forecast.run' | 'forecast.plan'> = {
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
      const f = forecastSeries(params.names[s]!, values, { horizon, period, ensemble: params.ensemble, share: params.share }, hasLead ? lead : undefined);
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
    const result = { dates, point, ...bounds, series };
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
