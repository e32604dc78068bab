import { useEffect, useMemo, useState } from 'react';
import { facetOptions } from '../core/dashboard/facets.ts';
import { buildMask } from '../core/dashboard/cube.ts';
import { numbersOf } from '../core/dashboard/columns.ts';
import { groupUnits, type GroupedUnits } from '../core/plan/groups.ts';
import { isCoreMessage, type CoreMessage } from '../core/messages.ts';
import type { ForecastPlanResult } from '../workers/forecastProtocol.ts';
import { forecastWorker } from '../workers/pageWorkers.ts';
import { packPlan } from '../workers/forecastRequests.ts';
import { CancelledError, type Progress } from '../workers/protocol.ts';
import { prepare, type PreparedDataset } from '../core/dashboard/prepared.ts';
import type { DashboardSpec, LoadedDataset, PlanSettings } from './store.ts';

/** Stock-on-hand column names recognised without asking (English and Chinese). */
const STOCK_NAME = /stock|on[\s_-]*hand|inventory|库存/i;

/** Columns that can group a plan: the facets whose items have one value each. */
export function planGroupColumns(dataset: LoadedDataset): string[] {
  const prepared = prepare(dataset);
  return facetOptions(dataset.columns)
    .map((f) => f.column)
    .filter((column) => {
      try {
        return prepared.coded(column).labels.kind === 'single';
      } catch {
        return false;
      }
    });
}

/** Number columns that could hold stock on hand (not the units or date column). */
export function stockColumns(dataset: LoadedDataset): string[] {
  return dataset.columns.filter((c) => c.type === 'number' && c.role !== 'units' && c.role !== 'date' && c.role !== 'year').map((c) => c.name);
}

/** The stock column in use: the one chosen, else the first whose name says stock, else none. */
export function stockColumnOf(dataset: LoadedDataset, settings: PlanSettings): string | undefined {
  if (settings.stockColumn !== undefined) return settings.stockColumn || undefined;
  return stockColumns(dataset).find((name) => STOCK_NAME.test(name));
}

/** What a plan is made of, worked out on the page (cheap: integer counting). */
export interface PlanInput {
  /** The grouping columns (one or two). */
  columns: string[];
  /** The grouped unit series, or undefined when nothing counts. */
  grouped: GroupedUnits | undefined;
  /** Period labels of the history the series span. */
  periodLabels: string[];
  /** Periods planned, and periods per year. */
  horizon: number;
  perYear: number;
  /** Stock column used, if any. */
  stockColumn?: string;
  /** Identity of this input: edits and cached plans belong to it. */
  id: string;
}

/** Most groups planned one by one (the rest are lumped into "Other"). */
export const PLAN_MAX_GROUPS = 30;

/** Half a year in periods of the grain's year (a fashion season), at least one. */
export function halfYear(perYear: number): number {
  return Math.max(1, Math.round(perYear / 2));
}

/** Groups the dataset's units for the Plan view under the dashboard's facet, grain and filters. */
export function planInput(prepared: PreparedDataset<LoadedDataset>, spec: DashboardSpec, settings: PlanSettings, otherLabel: string): PlanInput | undefined {
  const dataset = prepared.dataset;
  const units = prepared.units();
  const periods = prepared.periods(spec.grain);
  if (!units || !periods) return undefined;
  const groupable = planGroupColumns(dataset);
  const first = groupable.includes(spec.facet) ? spec.facet : groupable[0];
  if (!first) return undefined;
  const columns = settings.second && settings.second !== first && groupable.includes(settings.second) ? [first, settings.second] : [first];
  const stockColumn = stockColumnOf(dataset, settings);
  const stockVector = stockColumn ? dataset.table.getChild(stockColumn) : null;
  const stock = stockVector ? numbersOf(stockVector) : undefined;
  const range = prepared.periodRange(periods, spec);
  const mask = buildMask(prepared.itemCount, prepared.filters(spec));
  const grouped = groupUnits({
    periodIndex: periods.periodIndex,
    periodCount: periods.labels.length,
    columns: columns.map((c) => {
      const coded = prepared.coded(c);
      return { codes: (coded.labels as { codes: Int32Array }).codes, values: coded.values };
    }),
    units,
    ...(stock ? { stock } : {}),
    ...(mask ? { mask } : {}),
    ...(range ? { periodRange: range } : {}),
    maxGroups: PLAN_MAX_GROUPS,
    otherLabel,
  });
  const horizon = settings.horizon ?? halfYear(periods.perYear);
  const filters = Object.entries(spec.filters).filter(([, v]) => v.length > 0).sort();
  const id = JSON.stringify([dataset.fileName, columns, spec.grain, horizon, stockColumn ?? '', filters, spec.dateFrom ?? null, spec.dateTo ?? null]);
  return { columns, grouped, periodLabels: grouped ? periods.labels.slice(grouped.from, grouped.to + 1) : [], horizon, perYear: periods.perYear, ...(stockColumn ? { stockColumn } : {}), id };
}

/** A plan's state on the page. */
export interface PlanState {
  /** 'idle' without units or groups, 'running', 'done' or 'failed'. */
  status: 'idle' | 'running' | 'done' | 'failed';
  /** The plan at the service level it was run with (the view re-reads it at others). */
  result?: ForecastPlanResult;
  /** Progress of the running plan. */
  progress?: Progress;
  /** Why it failed, in plain words (English). */
  error?: string;
  /** The same as a core message, when the plan's input was refused (the view words it in its language). */
  errorDetail?: CoreMessage;
}

// Plans already made, by input id (a plan is the same at any service level: the view re-reads it).
const plans = new Map<string, ForecastPlanResult>();
const PLAN_CACHE_SIZE = 16;

/** Runs planSeason in the forecast worker for the input (once per input; later calls reuse it). */
export async function runPlan(input: PlanInput, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<ForecastPlanResult> {
  const cached = plans.get(input.id);
  if (cached) return cached;
  const { grouped } = input;
  if (!grouped) throw new Error('There are no units to plan.');
  const { params, transfer } = packPlan(grouped, input.horizon, input.perYear, input.stockColumn !== undefined);
  const result = await forecastWorker().request('forecast.plan', params, { signal, onProgress, transfer });
  plans.set(input.id, result);
  if (plans.size > PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
  return result;
}

/** React hook: the plan for the input, run in the worker when the input changes (the old run cancelled). */
export function usePlan(input: PlanInput | undefined): PlanState {
  const [state, setState] = useState<PlanState & { id?: string }>({ status: 'idle' });
  const id = input?.grouped ? input.id : undefined;
  useEffect(() => {
    if (!input || !id) return;
    const abort = new AbortController();
    const cached = plans.get(id);
    if (cached) {
      setState({ status: 'done', result: cached, id });
      return;
    }
    setState({ status: 'running', id });
    runPlan(input, (progress) => !abort.signal.aborted && setState({ status: 'running', progress, id }), abort.signal).then(
      (result) => !abort.signal.aborted && setState({ status: 'done', result, id }),
      (error: unknown) => {
        if (error instanceof CancelledError || abort.signal.aborted) return;
        const detail = (error as { detail?: unknown }).detail;
        setState({ status: 'failed', error: (error as Error).message, ...(isCoreMessage(detail) ? { errorDetail: detail } : {}), id });
      },
    );
    return () => abort.abort();
    // The input object is rebuilt on every render; its id says when it really changed.
  }, [id]);
  return useMemo(() => (!id ? { status: 'idle' } : state.id !== id ? { status: 'running' } : state), [id, state]);
}
