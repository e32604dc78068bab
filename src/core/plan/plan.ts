/**
 * Season plan: per-group unit forecasts for the next season with 80 / 95 % ranges, the quantity to
 * have at a service level, change vs the same season last year, slow-mover / sell-out flags, and
 * totals that add up exactly (MinT reconciliation with a diagonal covariance, or bottom-up).
 *
 * How the season total's range is sized: the forecasting engine forecasts each group's periods;
 * the season total is their sum. The same engine is re-run from earlier starting points (the
 * "calibration origins") on the history alone, and the season totals it would have forecast are
 * compared with what was then sold. Those errors, as log ratios divided by the engine's own
 * relative band width, are pooled over the nodes of one level; their quantiles (or a normal shape
 * when there are few), times each node's band width, give its range at any service level.
 */
import { forecastSeries } from '../forecast/forecast.ts';
import type { EnsembleOptions } from '../forecast/ensemble.ts';
import { bottomUp, reconcileMinTDiagonal, type Hierarchy } from './reconcile.ts';
import { meanAndSd, normalQuantile } from './stats.ts';
import { coreMessage, englishText, type CoreMessage } from '../messages.ts';

/** A problem with the plan's input that the user must fix (said in plain words; `detail` words it in any language). */
export class PlanInputError extends Error {
  override name = 'PlanInputError';
  /** The reason as a message code and parameters (the page words it in its language). */
  readonly detail: CoreMessage;
  constructor(detail: CoreMessage) {
    super(englishText(detail));
    this.detail = detail;
  }
}

/** One group's unit series (one value per period, NaN where unknown) and its stock on hand. */
export interface PlanGroupInput {
  /** The group's values in the grouping columns (e.g. ['Tshirts', 'Blue']). */
  key: readonly string[];
  /** Units sold per period, oldest first. */
  units: ArrayLike<number>;
  /** Units in stock now, if known. */
  stock?: number;
}

/** Settings of a season plan. */
export interface PlanOptions {
  /** Periods in the season to plan (e.g. 26 weeks, or 1 season). */
  horizon: number;
  /** Periods per year (52 weekly, 12 monthly, 4 by season; 1 = no yearly pattern). */
  period: number;
  /** Chance of not running out (0.5 … 0.995): the plan quantity is this quantile of the season's demand. */
  serviceLevel: number;
  /** Earlier starting points re-forecast to size the ranges (default 3). */
  calibrationOrigins?: number;
  /** Periods between those starting points (default: the season length, so seasons do not overlap). */
  calibrationStep?: number;
  /** Divide past errors by the engine's relative band width before pooling (default true; needs bands everywhere). */
  scaleErrors?: boolean;
  /** 'mint' (default) or 'bottom-up'. */
  reconcile?: 'mint' | 'bottom-up';
  /** Overrides of the forecasting engine's ensemble. */
  ensemble?: Partial<EnsembleOptions>;
  /** Called after each forecast node. */
  onProgress?: (done: number, total: number) => void;
}

/** Flags a merchandiser acts on. */
export type PlanFlag = 'slow mover' | 'likely sell-out';

/** How a season total may stray from its forecast. */
export type SeasonSpread =
  /** Log-normal: log((actual + offset) / (forecast + offset)) / scale ~ Normal(center, sd) (scale 1 when absent). */
  | { kind: 'log'; center: number; sd: number; offset: number; scale?: number }
  /** Empirical: the pooled log ratios themselves (sorted), read off by linear interpolation. */
  | { kind: 'empirical'; sorted: number[]; offset: number; scale?: number }
  /** Normal in units with this sd (from the weekly ranges added up; wide). */
  | { kind: 'absolute'; sd: number };

/** One row of the plan: a group, a sub-total or the total. */
export interface PlanRow {
  /** Values of the grouping columns; '' where the row adds up that column. */
  key: string[];
  /** 'group' (bottom level), 'subtotal' (first column only) or 'total'. */
  level: 'group' | 'subtotal' | 'total';
  /** Units sold in the same periods one year before the planned season (NaN without that history). */
  lastSeasonUnits: number;
  /** The node's own forecast before reconciliation. */
  baseForecast: number;
  /** Reconciled forecast of the season's units (groups add up to the totals exactly). */
  forecastUnits: number;
  /** 80 % and 95 % ranges of the season's units (NaN when no range could be sized). */
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  /** Demand quantile at the service level (the quantity to have). */
  serviceQuantile: number;
  /** Stock on hand (for totals: the sum of their groups', when every group has one), if given. */
  stock?: number;
  /** Units to buy: service quantile minus stock, at least 0 (totals: sum of their groups' plans). */
  planUnits: number;
  /** forecast / last season − 1 (NaN without last season). */
  change: number;
  /** The series is falling: forecast more than 20 % below the same season last year (without it: the trend signal says declining). */
  falling: boolean;
  /** Slow mover / likely sell-out. */
  flags: PlanFlag[];
  /** The spread used for the ranges, if any. */
  spread?: SeasonSpread;
  /** The node's own season forecast and calibration runs (before reconciliation). */
  season: SeasonForecast;
  /** Plain-language notes (English): the forecasting engine's, then the plan's own. */
  notes: string[];
  /** The plan's own notes on this row as messages (also in `notes`, in English), for the page to word. */
  planNotes: CoreMessage[];
}

/** How a plan's totals were made coherent: MinT (weighted), bottom-up sums, or nothing to do (one group). */
export type ReconciliationMethod = 'mint' | 'bottom-up' | 'none';

/** A season plan. */
export interface SeasonPlan {
  /** Total first, then each sub-total followed by its groups (or the groups alone). */
  rows: PlanRow[];
  /** How the totals were made coherent, in words (English). */
  reconciliation: string;
  /** The same as a method, for the page to word (never parsed from the English). */
  method: ReconciliationMethod;
  /** Notes about the whole plan, as message codes and parameters (`englishText` words one in English). */
  notes: CoreMessage[];
}

/** A season-total forecast of one series, with what its calibration runs found. */
export interface SeasonForecast {
  /** Sum of the forecast over the season. */
  point: number;
  /** Sums of the engine's per-period bounds (NaN without them): the "add up the weekly ranges" spread. */
  weeklyLo80: number;
  weeklyHi80: number;
  weeklyHi95: number;
  /** Season totals forecast from earlier origins and what was sold then. */
  pairs: { forecast: number; actual: number; scale: number }[];
  /**
   * How wide the engine's own per-period 80 % band is, relative to the season total:
   * (Σ hi80 − Σ point) / (Σ point + offset); NaN without a band. Errors are divided by it before
   * pooling, so a noisy group gets a wider range than a steady one.
   */
  scale: number;
  /** Units in the same season one year earlier (NaN without it). */
  lastSeason: number;
  /** The engine's signal says declining. */
  declining: boolean;
  /** A tenth of an average season's units: keeps log ratios finite for groups that sold nothing. */
  offset: number;
  /** The engine's per-period point forecast and 80 % upper bound (for the "add up the periods" comparison). */
  periodPoint: Float64Array;
  periodHi80?: Float64Array;
  /** Notes from the engine, as messages. */
  notes: CoreMessage[];
}

/** Sum of values[from … from+count) (NaN as 0), or NaN when out of range. */
function windowSum(values: ArrayLike<number>, from: number, count: number): number {
  if (from < 0 || from + count > values.length) return NaN;
  let sum = 0;
  for (let i = from; i < from + count; i++) if (Number.isFinite(values[i]!)) sum += values[i]!;
  return sum;
}

function sumOf(values: ArrayLike<number> | undefined): number {
  if (!values) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

/** Units in the same season one year earlier: the horizon's periods shifted back by whole years. */
export function sameSeasonLastYear(values: ArrayLike<number>, horizon: number, period: number): number {
  const shift = Math.max(1, period) * Math.ceil(horizon / Math.max(1, period));
  return windowSum(values, values.length - shift, horizon);
}

/**
 * Forecasts one series' season total and re-forecasts it from `origins` earlier points (each
 * `step` periods apart, the newest one season before the end) to measure past season-total errors.
 */
export function forecastSeasonTotal(name: string, values: ArrayLike<number>, options: Pick<PlanOptions, 'horizon' | 'period' | 'calibrationOrigins' | 'calibrationStep' | 'ensemble'>): SeasonForecast {
  const { horizon, period } = options;
  const origins = options.calibrationOrigins ?? 3;
  const step = options.calibrationStep ?? horizon;
  const y = Float64Array.from(values);
  const forecast = forecastSeries(name, y, { horizon, period, ensemble: options.ensemble });
  let total = 0;
  let count = 0;
  for (const v of y) if (Number.isFinite(v)) {
    total += v;
    count++;
  }
  const offset = Math.max(1e-9, (0.1 * (count > 0 ? total / count : 0) * horizon));
  const pairs: SeasonForecast['pairs'] = [];
  // A past run must forecast the way the final one does: with two years of history the final
  // forecast learns the yearly pattern, so past runs with less history (which cannot) are not used.
  const shortest = period > 1 && y.length >= 2 * period ? 2 * period : Math.max(4, period > 1 ? period : 8);
  for (let k = 0; k < origins; k++) {
    const origin = y.length - horizon - k * step;
    if (origin < shortest) break;
    const past = forecastSeries(name, y.subarray(0, origin), { horizon, period, ensemble: options.ensemble });
    const f = sumOf(past.point);
    const a = windowSum(y, origin, horizon);
    if (Number.isFinite(f) && Number.isFinite(a)) pairs.push({ forecast: f, actual: a, scale: relativeWidth(past.point, past.hi80, offset) });
  }
  return {
    point: sumOf(forecast.point),
    weeklyLo80: sumOf(forecast.lo80),
    weeklyHi80: sumOf(forecast.hi80),
    weeklyHi95: sumOf(forecast.hi95),
    pairs,
    scale: relativeWidth(forecast.point, forecast.hi80, offset),
    lastSeason: sameSeasonLastYear(y, horizon, period),
    declining: forecast.signal.label === 'declining',
    offset,
    periodPoint: forecast.point,
    ...(forecast.hi80 ? { periodHi80: forecast.hi80 } : {}),
    notes: forecast.notes,
  };
}

/** (Σ hi80 − Σ point) / (Σ point + offset): the engine's band relative to the season total (NaN without a band). */
function relativeWidth(point: ArrayLike<number>, hi80: ArrayLike<number> | undefined, offset: number): number {
  if (!hi80) return NaN;
  const p = sumOf(point);
  const width = (sumOf(hi80) - p) / (Math.max(0, p) + offset);
  return Number.isFinite(width) && width > 0 ? width : NaN;
}

/** Log ratios of past season totals to what was forecast (the errors pooled into a spread); `scaled` divides each by its run's relative width. */
export function logRatios(season: SeasonForecast, scaled = false): number[] {
  return season.pairs.map((p) => Math.log((Math.max(0, p.actual) + season.offset) / (Math.max(0, p.forecast) + season.offset)) / (scaled ? p.scale : 1));
}

/** Whether the node's errors can be scaled: its own band and every past run's band are known. */
function scalable(season: SeasonForecast): boolean {
  return Number.isFinite(season.scale) && season.pairs.every((p) => Number.isFinite(p.scale));
}

/** Fewest pooled past errors that a spread is sized from. */
export const MIN_POOLED_ERRORS = 4;

/** With at least this many pooled past errors, their own quantiles are used (no normal shape assumed). */
export const MIN_EMPIRICAL_ERRORS = 30;

/**
 * A spread from pooled log ratios: their empirical quantiles when there are enough; otherwise a
 * normal shape with a robust sd (1.4826 × median absolute deviation, which the odd outlier of a
 * past season cannot blow up), widened by √(1 + 1/n) for the estimate's own error.
 */
export function pooledSpread(ratios: readonly number[], offset: number): SeasonSpread | undefined {
  if (ratios.length < MIN_POOLED_ERRORS) return undefined;
  const sorted = [...ratios].sort((a, b) => a - b);
  if (sorted.length >= MIN_EMPIRICAL_ERRORS && sorted[0]! < sorted[sorted.length - 1]!) return { kind: 'empirical', sorted, offset };
  const median = quantileOfSorted(sorted, 0.5);
  const deviations = sorted.map((r) => Math.abs(r - median)).sort((a, b) => a - b);
  let sd = 1.4826 * quantileOfSorted(deviations, 0.5);
  if (!(sd > 0)) sd = meanAndSd(sorted).sd;
  if (!(sd > 0)) return undefined;
  return { kind: 'log', center: median, sd: sd * Math.sqrt(1 + 1 / sorted.length), offset };
}

/** Quantile of sorted values by linear interpolation. */
function quantileOfSorted(sorted: readonly number[], p: number): number {
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The season-total quantile at level p around `forecast` (never below 0; the forecast itself without a spread). */
export function seasonQuantile(forecast: number, spread: SeasonSpread | undefined, p: number): number {
  if (!spread || !Number.isFinite(forecast)) return forecast;
  if (spread.kind === 'absolute') return Math.max(0, forecast + normalQuantile(p) * spread.sd);
  const log = (spread.scale ?? 1) * (spread.kind === 'empirical' ? quantileOfSorted(spread.sorted, p) : spread.center + normalQuantile(p) * spread.sd);
  return Math.max(0, (Math.max(0, forecast) + spread.offset) * Math.exp(log) - spread.offset);
}

/** The 0.8-quantile per period added up over the season, from the engine's 80 % band (normal errors): the naive plan. */
export function summedPeriodQuantile(point: ArrayLike<number>, hi80: ArrayLike<number> | undefined, p: number): number {
  const z80 = normalQuantile(0.9);
  const z = normalQuantile(p);
  let sum = 0;
  for (let h = 0; h < point.length; h++) {
    const sd = hi80 ? (hi80[h]! - point[h]!) / z80 : 0;
    sum += Math.max(0, point[h]! + z * sd);
  }
  return sum;
}

interface Node {
  key: string[];
  level: PlanRow['level'];
  members: number[];
  values: Float64Array;
  stock?: number;
}

/** Adds up the members' series (a period is NaN only when every member's is). */
function addSeries(groups: readonly PlanGroupInput[], members: readonly number[], length: number): Float64Array {
  const out = new Float64Array(length).fill(NaN);
  for (const i of members) {
    const u = groups[i]!.units;
    for (let t = 0; t < length; t++) {
      const v = u[t]!;
      if (Number.isFinite(v)) out[t] = (Number.isFinite(out[t]!) ? out[t]! : 0) + v;
    }
  }
  return out;
}

function checkInput(groups: readonly PlanGroupInput[], options: PlanOptions): void {
  if (groups.length === 0) throw new PlanInputError(coreMessage('plan.no-groups'));
  if (!Number.isInteger(options.horizon) || options.horizon < 1) throw new PlanInputError(coreMessage('plan.bad-horizon', { horizon: String(options.horizon) }));
  if (!(options.serviceLevel >= 0.5 && options.serviceLevel <= 0.995)) throw new PlanInputError(coreMessage('plan.bad-service-level', { level: String(options.serviceLevel) }));
  const length = groups[0]!.units.length;
  for (const g of groups) {
    if (g.units.length !== length) throw new PlanInputError(coreMessage('plan.unequal-periods'));
    for (let t = 0; t < length; t++) if (g.units[t]! < 0) throw new PlanInputError(coreMessage('plan.negative-units', { group: g.key.join(' · '), units: g.units[t]!, period: t + 1 }));
    if (g.stock !== undefined && !(g.stock >= 0)) throw new PlanInputError(coreMessage('plan.negative-stock', { group: g.key.join(' · '), stock: String(g.stock) }));
  }
}

/** Builds the hierarchy: the groups, sub-totals by the first column (with two columns), the total. */
function buildNodes(groups: readonly PlanGroupInput[]): { nodes: Node[]; hierarchy: Hierarchy } {
  const length = groups[0]!.units.length;
  const width = groups[0]!.key.length;
  const nodes: Node[] = groups.map((g, i) => ({ key: [...g.key], level: 'group', members: [i], values: Float64Array.from(g.units), stock: g.stock }));
  const aggregates: number[][] = [];
  const aggregateKeys: { key: string[]; level: PlanRow['level'] }[] = [];
  if (groups.length > 1) {
    aggregates.push(groups.map((_, i) => i));
    aggregateKeys.push({ key: new Array<string>(width).fill(''), level: 'total' });
  }
  if (width >= 2) {
    const byFirst = new Map<string, number[]>();
    groups.forEach((g, i) => byFirst.set(g.key[0]!, [...(byFirst.get(g.key[0]!) ?? []), i]));
    for (const [first, members] of byFirst) {
      if (members.length < 2 || members.length === groups.length) continue;
      aggregates.push(members);
      aggregateKeys.push({ key: [first, ...new Array<string>(width - 1).fill('')], level: 'subtotal' });
    }
  }
  aggregates.forEach((members, k) => {
    // A total's stock is known only when every group's is.
    const allStock = members.every((i) => groups[i]!.stock !== undefined);
    const stock = allStock ? members.reduce((s, i) => s + groups[i]!.stock!, 0) : undefined;
    nodes.push({ ...aggregateKeys[k]!, members, values: addSeries(groups, members, length), stock });
  });
  return { nodes, hierarchy: { bottom: groups.length, aggregates: aggregates.map((members) => ({ members })) } };
}

/** Most groups reconciled by MinT (its system is groups × groups); more are reconciled bottom-up. */
export const MAX_MINT_GROUPS = 1000;

/** Plans the next season for every group, with coherent totals. */
export function planSeason(groups: readonly PlanGroupInput[], options: PlanOptions): SeasonPlan {
  checkInput(groups, options);
  const { nodes, hierarchy } = buildNodes(groups);
  const notes: CoreMessage[] = [];
  const seasons = nodes.map((node, i) => {
    const name = node.key.filter(Boolean).join(' · ') || 'all groups';
    const season = forecastSeasonTotal(name, node.values, options);
    options.onProgress?.(i + 1, nodes.length);
    return season;
  });
  // Reconcile the season totals.
  const m = hierarchy.bottom;
  const base = seasons.map((s) => s.point);
  const everyCalibrated = seasons.every((s) => s.pairs.length > 0);
  let reconciled;
  let method: ReconciliationMethod;
  if (hierarchy.aggregates.length === 0) {
    reconciled = bottomUp(hierarchy, base.slice(0, m));
    method = 'none';
  } else if ((options.reconcile ?? 'mint') === 'mint' && m > MAX_MINT_GROUPS) {
    reconciled = bottomUp(hierarchy, base.slice(0, m));
    method = 'bottom-up';
    notes.push(coreMessage('plan.many-groups-bottom-up', { groups: m, max: MAX_MINT_GROUPS }));
  } else if ((options.reconcile ?? 'mint') === 'mint' && everyCalibrated && base.every(Number.isFinite)) {
    const variance = seasons.map((s) => {
      const mse = s.pairs.reduce((sum, p) => sum + (p.actual - p.forecast) ** 2, 0) / s.pairs.length;
      return Math.max(mse, (0.01 * s.offset) ** 2);
    });
    reconciled = reconcileMinTDiagonal(hierarchy, base.slice(0, m), base.slice(m), variance);
    method = 'mint';
  } else {
    reconciled = bottomUp(hierarchy, base.slice(0, m));
    method = 'bottom-up';
    if ((options.reconcile ?? 'mint') === 'mint') notes.push(coreMessage('plan.short-history-bottom-up'));
  }
  const reconciliation = englishText(reconciliationMessage(method));
  const forecasts = [...reconciled.bottom, ...reconciled.aggregates];
  // Spreads: log ratios pooled per level, divided by each run's relative band width for the nodes
  // that have one (a node without a band, e.g. a constant series, uses the plain pool); a level
  // with too few errors borrows the groups' pool.
  const scaleErrors = options.scaleErrors ?? true;
  const pool = (level: PlanRow['level'], scaled: boolean) => nodes.flatMap((node, i) => (node.level === level && (!scaled || scalable(seasons[i]!)) ? logRatios(seasons[i]!, scaled) : []));
  const levels = ['group', 'subtotal', 'total'] as const;
  const plainPools = Object.fromEntries(levels.map((level) => [level, pool(level, false)])) as Record<PlanRow['level'], number[]>;
  const scaledPools = Object.fromEntries(levels.map((level) => [level, scaleErrors ? pool(level, true) : []])) as Record<PlanRow['level'], number[]>;
  const spreadFrom = (level: PlanRow['level'], season: SeasonForecast): SeasonSpread | undefined => {
    if (scaleErrors && scalable(season)) {
      const spread = pooledSpread(scaledPools[level], season.offset);
      if (spread && spread.kind !== 'absolute') return { ...spread, scale: season.scale };
    }
    return pooledSpread(plainPools[level], season.offset);
  };
  let borrowed = false;
  let summedWeekly = false;
  const rows: PlanRow[] = nodes.map((node, i) => {
    const season = seasons[i]!;
    const forecastUnits = forecasts[i]!;
    let spread = spreadFrom(node.level, season);
    if (!spread && node.level !== 'group') {
      spread = spreadFrom('group', season);
      if (spread) borrowed = true;
    }
    if (!spread && Number.isFinite(season.weeklyHi80) && season.weeklyHi80 > season.point) {
      spread = { kind: 'absolute', sd: (season.weeklyHi80 - season.point) / normalQuantile(0.9) };
      summedWeekly = true;
    }
    const rowNotes = season.notes.map(englishText);
    const planNotes: CoreMessage[] = [];
    // The row's own notes: as messages for the page, and in English among the engine's notes.
    const rowNote = (message: CoreMessage) => {
      planNotes.push(message);
      rowNotes.push(englishText(message));
    };
    if (!spread) rowNote(coreMessage('plan.no-range'));
    const q = (p: number) => (spread ? seasonQuantile(forecastUnits, spread, p) : NaN);
    const serviceQuantile = spread ? q(options.serviceLevel) : forecastUnits;
    const lastSeason = season.lastSeason;
    if (!Number.isFinite(lastSeason)) rowNote(coreMessage('plan.no-last-season'));
    const change = lastSeason > 0 ? forecastUnits / lastSeason - 1 : NaN;
    // Falling: more than 20 % below the same season last year; without last year, the engine's 'declining' signal.
    const falling = Number.isFinite(change) ? change < -0.2 : season.declining;
    return {
      key: node.key,
      level: node.level,
      lastSeasonUnits: lastSeason,
      baseForecast: season.point,
      forecastUnits,
      lo80: q(0.1),
      hi80: q(0.9),
      lo95: q(0.025),
      hi95: q(0.975),
      serviceQuantile,
      ...(node.stock !== undefined ? { stock: node.stock } : {}),
      planUnits: Math.max(0, serviceQuantile - (node.stock ?? 0)),
      change,
      falling,
      flags: [],
      ...(spread ? { spread } : {}),
      season,
      notes: rowNotes,
      planNotes,
    };
  });
  // Totals buy what their groups buy, so the plan adds up too.
  nodes.forEach((node, i) => {
    if (node.level !== 'group') rows[i]!.planUnits = node.members.reduce((s, j) => s + rows[j]!.planUnits, 0);
  });
  for (const row of rows) row.flags = planFlags(row);
  if (borrowed) notes.push(coreMessage('plan.borrowed-spread'));
  if (summedWeekly) notes.push(coreMessage('plan.summed-period-ranges'));
  // Order: total, then each sub-total followed by its groups, then groups without a sub-total.
  const ordered: PlanRow[] = [];
  const total = rows.find((r) => r.level === 'total');
  if (total) ordered.push(total);
  const placed = new Set<number>();
  nodes.forEach((node, i) => {
    if (node.level !== 'subtotal') return;
    ordered.push(rows[i]!);
    for (const j of node.members) {
      ordered.push(rows[j]!);
      placed.add(j);
    }
  });
  for (let j = 0; j < m; j++) if (!placed.has(j)) ordered.push(rows[j]!);
  return { rows: ordered, reconciliation, method, notes };
}

/** How a reconciliation method reads as a message (its English text is the plan's `reconciliation`). */
export function reconciliationMessage(method: ReconciliationMethod): CoreMessage {
  return coreMessage(method === 'mint' ? 'plan.recon-mint' : method === 'bottom-up' ? 'plan.recon-bottom-up' : 'plan.recon-none');
}

/**
 * Flags: 'slow mover' when stock on hand is above the 95 % upper bound of the season's demand or
 * the series is falling; 'likely sell-out' when the stock on hand (or, without stock, last
 * season's units) is below the 80 % lower bound, i.e. demand will most likely outrun it.
 */
export function planFlags(row: Pick<PlanRow, 'stock' | 'hi95' | 'lo80' | 'falling' | 'lastSeasonUnits'>): PlanFlag[] {
  const flags: PlanFlag[] = [];
  if ((row.stock !== undefined && row.stock > row.hi95) || row.falling) flags.push('slow mover');
  const reference = row.stock ?? row.lastSeasonUnits;
  if (!row.falling && Number.isFinite(reference) && reference < row.lo80) flags.push('likely sell-out');
  return flags;
}
