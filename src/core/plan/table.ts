/**
 * The season plan as a merchandiser's table: re-read at another service level without forecasting
 * again, in whole units whose totals are the sums of the rows shown (with the user's edits), and
 * written as CSV exactly as shown. Pure.
 */
import { spreadsheetField } from '../csv/field.ts';
import { seasonQuantile, type PlanFlag, type PlanRow } from './plan.ts';

/** The parts of a plan row that the table needs (a plan that crossed a worker boundary keeps these). */
export type PlanRowCore = Pick<PlanRow, 'key' | 'level' | 'lastSeasonUnits' | 'forecastUnits' | 'lo80' | 'hi80' | 'lo95' | 'hi95' | 'serviceQuantile' | 'planUnits' | 'change' | 'flags' | 'spread'> & { stock?: number };

/** Whether a total or sub-total row covers a group row: every non-empty key cell matches. */
export function covers(total: readonly string[], group: readonly string[]): boolean {
  return total.every((k, i) => k === '' || k === group[i]);
}

/**
 * The plan at another service level: each row's quantity to have is its season quantile at that
 * level (the forecast where no range could be sized), groups buy that minus stock (at least 0),
 * totals buy what their groups buy. The same formula planSeason uses, so no forecast is re-run.
 */
export function planAtServiceLevel<R extends PlanRowCore>(rows: readonly R[], serviceLevel: number): R[] {
  const out = rows.map((row) => {
    const serviceQuantile = row.spread ? seasonQuantile(row.forecastUnits, row.spread, serviceLevel) : row.forecastUnits;
    return { ...row, serviceQuantile, planUnits: Math.max(0, serviceQuantile - (row.stock ?? 0)) };
  });
  const groups = out.filter((r) => r.level === 'group');
  for (const row of out) if (row.level !== 'group') row.planUnits = groups.filter((g) => covers(row.key, g.key)).reduce((s, g) => s + g.planUnits, 0);
  return out;
}

/** One line of the plan table in whole units. */
export interface PlanTableRow {
  /** Grouping values; '' where the row adds that column up. */
  key: string[];
  /** 'group', 'subtotal' or 'total'. */
  level: PlanRow['level'];
  /** Units sold in the same season last year (NaN without that history). */
  lastSeason: number;
  /** Forecast units (groups rounded; totals the sum of their groups as shown). */
  forecast: number;
  /** 80 % and 95 % ranges, rounded (NaN when none could be sized). */
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  /** Stock on hand, if known. */
  stock?: number;
  /** Units to buy: the user's number where edited, else the plan rounded up; totals the sum of their groups as shown. */
  plan: number;
  /** What the plan suggested (rounded up), before any edit. */
  suggested: number;
  /** The plan quantity was typed in by the user (totals: some group of theirs was). */
  edited: boolean;
  /** forecast / last season − 1 (NaN without last season). */
  change: number;
  /** Slow mover / likely sell-out. */
  flags: PlanFlag[];
}

/** The identity of a row for edits: its key cells joined (stable across service levels). */
export function rowId(key: readonly string[]): string {
  return JSON.stringify(key);
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v) : NaN);

/**
 * Whole-unit table rows: group forecasts rounded, plan quantities rounded up (or the user's edit,
 * by rowId), and every total's forecast, last season, stock and plan the exact sum of its groups as
 * shown, so the table adds up as read. Ranges stay each row's own (rounded).
 */
export function planTable(rows: readonly PlanRowCore[], edits: ReadonlyMap<string, number> = new Map()): PlanTableRow[] {
  const shown = rows.map((row): PlanTableRow => {
    const suggested = Math.ceil(row.planUnits - 1e-6);
    const edit = row.level === 'group' ? edits.get(rowId(row.key)) : undefined;
    return {
      key: [...row.key],
      level: row.level,
      lastSeason: round(row.lastSeasonUnits),
      forecast: round(row.forecastUnits),
      lo80: round(row.lo80),
      hi80: round(row.hi80),
      lo95: round(row.lo95),
      hi95: round(row.hi95),
      ...(row.stock !== undefined ? { stock: round(row.stock) } : {}),
      plan: edit ?? suggested,
      suggested,
      edited: edit !== undefined,
      change: row.change,
      flags: [...row.flags],
    };
  });
  const groups = shown.filter((r) => r.level === 'group');
  for (const row of shown) {
    if (row.level === 'group') continue;
    const members = groups.filter((g) => covers(row.key, g.key));
    const sum = (pick: (g: PlanTableRow) => number) => members.reduce((s, g) => s + pick(g), 0);
    row.forecast = sum((g) => g.forecast);
    row.plan = sum((g) => g.plan);
    row.suggested = sum((g) => g.suggested);
    row.edited = members.some((g) => g.edited);
    if (members.every((g) => Number.isFinite(g.lastSeason))) row.lastSeason = sum((g) => g.lastSeason);
    if (row.stock !== undefined && members.every((g) => g.stock !== undefined)) row.stock = sum((g) => g.stock!);
  }
  return shown;
}

/** The CSV header of the plan table, after the grouping columns. */
export const PLAN_CSV_COLUMNS = ['level', 'last_season_units', 'forecast_units', 'change_pct', 'lo80', 'hi80', 'lo95', 'hi95', 'stock', 'plan_units', 'suggested_units', 'edited', 'flag'] as const;

/** The table as CSV, as shown (edits included, totals the sums of their groups); formula-like names neutralised. */
export function planTableCsv(table: readonly PlanTableRow[], columns: readonly string[]): string {
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(v));
  const lines = [[...columns, ...PLAN_CSV_COLUMNS].map(spreadsheetField).join(',')];
  for (const row of table) {
    lines.push(
      [
        ...row.key.map((k) => spreadsheetField(k === '' ? '(all)' : k)),
        row.level,
        num(row.lastSeason),
        num(row.forecast),
        Number.isFinite(row.change) ? (100 * row.change).toFixed(1) : '',
        num(row.lo80),
        num(row.hi80),
        num(row.lo95),
        num(row.hi95),
        num(row.stock),
        num(row.plan),
        num(row.suggested),
        row.edited ? 'yes' : '',
        row.flags.join('; '),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
