import { startTransition, useEffect, useRef, useState } from 'react';
import type { PeriodAssignment } from '../core/dashboard/periods.ts';
import type { TrendSeries } from '../core/dashboard/trends.ts';
import { forecastWorker } from '../workers/pageWorkers.ts';
import { CancelledError, type Progress } from '../workers/protocol.ts';
import { packSeriesSet, packTrendSeries, unpackForecasts, type TrendForecast, type UnpackedForecasts } from '../workers/forecastRequests.ts';
import type { SeriesSet } from '../core/series/seriesSet.ts';
import type { CoreMessage } from '../core/messages.ts';

export type { TrendForecast } from '../workers/forecastRequests.ts';

/** The state of the dashboard's forecasts. */
export interface ForecastState {
  /** 'idle' without dates or series, 'running', 'done' or 'failed'. */
  status: 'idle' | 'running' | 'done' | 'failed';
  /** Forecasts by series label. */
  forecasts: Map<string, TrendForecast>;
  /** Start (UTC ms) of each forecast period as the worker dated it; empty until the forecasts are done. */
  futureDates: number[];
  /** Why forecasting failed, in plain words (English). */
  error?: string;
  /** The same as a message code and parameters, when the core gave one. */
  errorDetail?: CoreMessage;
}

/** Forecasts the series in the forecast worker (never on the page's thread), with the dates the worker gave the future periods. */
export async function forecastTrends(series: TrendSeries[], periods: PeriodAssignment, horizon: number, signal?: AbortSignal): Promise<UnpackedForecasts> {
  const { params, transfer } = packTrendSeries(series, periods, horizon);
  const result = await forecastWorker().request('forecast.run', params, { signal, transfer });
  return unpackForecasts(result, horizon);
}

/**
 * How long the charted series must stay the same before their forecast run starts: a user flipping
 * through filters needs no forecasts for the selections in between, and a run started on every
 * change would take one of the machine's cores from the redraw of the next.
 */
export const FORECAST_DELAY_MS = 400;

/** No forecasts (one shared empty map and date list, so memoised charts see the same objects). */
const NO_FORECASTS: Map<string, TrendForecast> = new Map();
const NO_DATES: number[] = [];

/**
 * React hook: forecasts of the charted series, recomputed (and the old run cancelled) when they
 * change. Forecasts made for other series (before a filter change) are never returned: until the
 * new ones arrive the state is 'running' with no forecasts, so no stale forecast is drawn onto
 * new history. `superseded` says newer series are being drawn: a result arriving meanwhile is
 * not drawn then, but kept, and drawn once nothing newer is pending if its series are still the
 * ones charted (the dashboard can come back to the very same series object, cached, so its run
 * is not started again). A run starts only once the series have been the same for FORECAST_DELAY_MS.
 */
export function useForecasts(series: TrendSeries[] | undefined, periods: PeriodAssignment | undefined, horizon: number, superseded = false): ForecastState {
  const [state, setState] = useState<ForecastState & { series?: TrendSeries[]; horizon?: number }>({ status: 'idle', forecasts: NO_FORECASTS, futureDates: NO_DATES });
  const wanted = !!series && !!periods && series.length > 0 && periods.labels.length > 0;
  const supersededNow = useRef(superseded);
  supersededNow.current = superseded;
  // A result that arrived while newer series were being drawn.
  const held = useRef<(ForecastState & { series: TrendSeries[]; horizon: number }) | undefined>(undefined);
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    const timer = setTimeout(() => forecastTrends(series!, periods!, horizon, abort.signal).then(
      // A result for series that have since changed is dropped (its request was cancelled, but the
      // answer may already have been on its way). A fresh one is drawn as a transition: React
      // renders it in slices and abandons it when the user changes a filter meanwhile.
      ({ forecasts, futureDates }) => {
        if (abort.signal.aborted) return;
        const done = { status: 'done' as const, forecasts, futureDates, series: series!, horizon };
        if (supersededNow.current) held.current = done;
        else startTransition(() => setState(done));
      },
      (error: unknown) => {
        if (error instanceof CancelledError || abort.signal.aborted) return;
        const detail = (error as { detail?: CoreMessage }).detail;
        setState({ status: 'failed', forecasts: NO_FORECASTS, futureDates: NO_DATES, error: (error as Error).message, ...(detail ? { errorDetail: detail } : {}), series, horizon });
      },
    ), FORECAST_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [wanted, series, periods, horizon]);
  useEffect(() => {
    const result = held.current;
    if (superseded || !result) return;
    held.current = undefined;
    if (result.series === series && result.horizon === horizon) startTransition(() => setState(result));
  }, [superseded, series, horizon]);
  if (!wanted) return IDLE;
  if (state.series !== series || state.horizon !== horizon) return RUNNING;
  return state;
}

const IDLE: ForecastState = { status: 'idle', forecasts: NO_FORECASTS, futureDates: NO_DATES };
const RUNNING: ForecastState = { status: 'running', forecasts: NO_FORECASTS, futureDates: NO_DATES };

/** Forecasts every series of a series file in the worker, with progress; resolves by series name. */
export async function forecastSeriesFile(set: SeriesSet, horizon: number, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<UnpackedForecasts> {
  const { params, transfer } = packSeriesSet(set, horizon);
  const result = await forecastWorker().request('forecast.run', params, { signal, onProgress, transfer });
  return unpackForecasts(result, horizon);
}
