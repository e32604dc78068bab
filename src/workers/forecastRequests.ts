/**
 * The one place the page packs forecast worker requests and unpacks their answers (issue 19,
 * item 2): dashboard trend series, a file of series and a plan's unit series become series-major
 * Float64Arrays with their transfer lists; answers become one forecast per series, dated by the
 * worker (`futureDates`: the calendar's `periodsAfter`, which the page labels, never recomputes).
 * Pure: callable from Node tests.
 */
import type { PeriodAssignment } from '../core/dashboard/periods.ts';
import type { TrendSeries } from '../core/dashboard/trends.ts';
import type { GroupedUnits } from '../core/plan/groups.ts';
import { frequencyOf } from '../core/series/periods.ts';
import type { SeriesSet } from '../core/series/seriesSet.ts';
import type { CoreMessage } from '../core/messages.ts';
import type { ForecastPlanParams, ForecastRunParams, ForecastRunResult, ForecastSeriesInfo } from './forecastProtocol.ts';

/** A request's params with the buffers to transfer (not copy) to the worker. */
export interface PackedRequest<P> {
  /** The request's params. */
  params: P;
  /** Buffers of `params` handed over to the worker (unusable here afterwards). */
  transfer: ArrayBuffer[];
}

/** One series' forecast as the page uses it. */
export interface TrendForecast extends ForecastSeriesInfo {
  /** Point forecast per future period. */
  point: Float64Array;
  /** Interval bounds per future period (absent without backtests). */
  lo80?: Float64Array;
  hi80?: Float64Array;
  lo95?: Float64Array;
  hi95?: Float64Array;
}

/** Forecasts by series name with the start dates (UTC ms) the worker gave the future periods. */
export interface UnpackedForecasts {
  /** Forecasts by series name. */
  forecasts: Map<string, TrendForecast>;
  /** Start of each forecast period, as the worker dated it. */
  futureDates: number[];
  /** Notes on the whole set (the global model: trained, reused, or why not), as message codes. */
  notes: CoreMessage[];
}

/**
 * A `forecast.run` request for the dashboard's share series on its periods, one series per batch (a
 * cancelled run stops after the series in hand). Without the global model: these series change with
 * every filter, and training it (up to a minute) for each selection would hold the charts back.
 */
export function packTrendSeries(series: readonly TrendSeries[], periods: PeriodAssignment, horizon: number): PackedRequest<ForecastRunParams> {
  const length = periods.labels.length;
  const values = new Float64Array(series.length * length);
  series.forEach((s, k) => values.set(s.share, k * length));
  const dates = Float64Array.from(periods.starts);
  return {
    params: { dates, frequency: frequencyOf(periods.grain), names: series.map((s) => s.label), values, horizon, period: periods.perYear, batchSize: 1, share: true, trainGlobal: false },
    transfer: [dates.buffer, values.buffer],
  };
}

/** A `forecast.run` request for a series set (and lead series on any of its dates, matched by name). */
export function packSeriesSet(set: SeriesSet, horizon: number, leads?: SeriesSet): PackedRequest<ForecastRunParams> {
  const length = set.dates.length;
  const values = new Float64Array(set.series.length * length);
  set.series.forEach((s, i) => values.set(s.values, i * length));
  let leadValues: Float64Array | undefined;
  if (leads) {
    leadValues = new Float64Array(values.length).fill(NaN);
    const position = new Map(leads.dates.map((d, i) => [d, i]));
    set.series.forEach((s, i) => {
      const lead = leads.series.find((l) => l.name === s.name);
      if (!lead) return;
      set.dates.forEach((d, t) => {
        const j = position.get(d);
        if (j !== undefined) leadValues![i * length + t] = lead.values[j]!;
      });
    });
  }
  const dates = Float64Array.from(set.dates);
  const transfer = [dates.buffer, values.buffer, ...(leadValues ? [leadValues.buffer] : [])] as ArrayBuffer[];
  return { params: { dates, frequency: set.frequency, names: set.series.map((s) => s.name), values, leadValues, horizon }, transfer };
}

/** A `forecast.plan` request for grouped unit series (stock per group when `withStock`). */
export function packPlan(grouped: GroupedUnits, horizon: number, perYear: number, withStock: boolean, serviceLevel = 0.8): PackedRequest<ForecastPlanParams> {
  const periods = grouped.to - grouped.from + 1;
  const units = new Float64Array(grouped.groups.length * periods);
  grouped.groups.forEach((g, i) => units.set(g.units, i * periods));
  const stock = withStock ? Float64Array.from(grouped.groups, (g) => g.stock ?? 0) : undefined;
  return {
    params: { keys: grouped.groups.map((g) => [...g.key]), units, ...(stock ? { stock } : {}), periods, horizon, period: perYear, serviceLevel },
    transfer: [units.buffer, ...(stock ? [stock.buffer] : [])],
  };
}

/** Splits a `forecast.run` answer's series-major arrays into one forecast per series name, with the worker's dates. */
export function unpackForecasts(result: ForecastRunResult, horizon: number): UnpackedForecasts {
  const forecasts = new Map<string, TrendForecast>();
  result.series.forEach((info, k) => {
    const slice = (a: Float64Array) => a.slice(k * horizon, (k + 1) * horizon);
    forecasts.set(info.name, { ...info, point: slice(result.point), ...(info.hasIntervals ? { lo80: slice(result.lo80), hi80: slice(result.hi80), lo95: slice(result.lo95), hi95: slice(result.hi95) } : {}) });
  });
  return { forecasts, futureDates: Array.from(result.dates), notes: result.notes ?? [] };
}
