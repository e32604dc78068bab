/** `trendloom plan`: next season's units per group with 80 / 95 % ranges, a plan quantity at a service level, and coherent totals. */
import { basename } from 'node:path';
import type { Table, Vector } from 'apache-arrow';
import { periodsPerYear, type PeriodGrain } from '../core/series/periods.ts';
import { cutSeriesSet, SeriesInputError } from '../core/series/seriesSet.ts';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { datesOf, numbersOf } from '../core/dashboard/columns.ts';
import { assignPeriods } from '../core/dashboard/periods.ts';
import { intake } from '../core/intake/intake.ts';
import { englishText } from '../core/messages.ts';
import { planSeason, PlanInputError, type PlanGroupInput, type SeasonPlan } from '../core/plan/plan.ts';
import { fileSource, parseMaxRows } from './inspect.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';
import { problemNotes, readSeriesPath, trainEndOption } from './seriesFile.ts';

const GRAINS: Record<string, PeriodGrain> = { week: 'week', month: 'month', season: 'season' };
/** Default season to plan: half a year (a fashion season, SS or AW) in the chosen periods. */
const HALF_YEAR: Record<string, number> = { week: 26, month: 6, season: 2 };

const usage = `Usage: trendloom plan <catalogue> --by <col>[,<col>] --units <col> [--stock <col>] [--period week|month|season] [--horizon <n>] [--service-level 0.8] [--train-end <date>] [--out plan.csv]
       trendloom plan <series.csv> [--horizon <n>] [--service-level 0.8] [--train-end <date>] [--out plan.csv]

Plans the next season: for each group (a value of --by, or a pair of values with two columns)
it forecasts the units that will sell, with 80 % and 95 % ranges, and the quantity to have so
that demand is covered with the chance --service-level, minus the stock on hand. Groups add up
exactly to their sub-totals (first --by column) and to the total (MinT reconciliation). A file
that already holds series (a date column and one column of units per series, or date, series,
value rows, as 'forecast' reads) is planned series by series; --by then names nothing.

Options:
  --by <col>[,<col>]     the grouping columns, e.g. articleType or articleType,baseColour
  --units <col>          units sold on each row (required with --by)
  --stock <col>          stock on hand: each group's stock is the sum of this column over its rows
                         in the group's latest period
  --period <p>           week, month (default) or season (meteorological, 4 a year)
  --horizon <n>          periods to plan (default half a year: 26 weeks, 6 months, 2 seasons)
  --service-level <p>    chance of not running out, 0.5 to 0.995 (default 0.8)
  --train-end <date>     use only rows dated on or before this date (YYYY-MM-DD)
  --date <col>           the date column (default: the one the intake recognises)
  --out <file.csv>       write the plan here (default: standard output)
  --max-rows <n|all>     read at most n rows (default 3,000,000); 'all' reads every row
  --raw                  write group names exactly as read (by default a name a spreadsheet would
                         run as a formula gets a leading ')

Columns: the group columns ('(all)' where a row adds them up), level (total, subtotal, group),
last_season_units (the same periods a year earlier), forecast_units, change_pct, lo80, hi80,
lo95, hi95, stock, plan_units (units to buy), flag ('slow mover': stock above the 95 % upper
bound or a falling series; 'likely sell-out': stock, or last season's units without --stock,
below the 80 % lower bound).`;

/** Reads the option as a number in [min, max] or fails with a plain message. */
function numberOption(args: ReturnType<typeof parseArgs>, name: string, fallback: number, min: number, max: number, whole: boolean): number {
  const text = optionValue(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) throw new CliUsageError(`--${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}").`);
  return n;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join('|');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null && 'toArray' in value && typeof (value as { toArray: unknown }).toArray === 'function') return Array.from((value as { toArray(): unknown[] }).toArray(), cellText).join('|');
  return String(value).trim();
}

function columnOf(table: Table, name: string, option: string, file: string, names: readonly string[]): Vector {
  const vector = table.getChild(name);
  if (!vector) throw new CliUsageError(`${option}: ${basename(file)} has no column "${name}". Its columns: ${names.join(', ')}.`);
  return vector;
}

/** What the catalogue holds once counted: the groups' unit series, and notes. */
interface Grouped {
  groups: PlanGroupInput[];
  perYear: number;
  periods: string[];
  notes: string[];
}

/** Counts a catalogue's units per group and period (a period without rows of a group sold 0). */
async function groupCatalogue(file: string, args: ReturnType<typeof parseArgs>, by: string[], grain: PeriodGrain, trainEnd: number | undefined, io: CliIO): Promise<Grouped> {
  const maxRowsText = optionValue(args, 'max-rows');
  const read = await intake(await fileSource(file), { requireText: false, maxRows: maxRowsText === undefined ? undefined : parseMaxRows(maxRowsText) });
  const names = read.columns.map((c) => c.name);
  const unitsName = optionValue(args, 'units');
  if (!unitsName) {
    const guess = read.columns.find((c) => c.role === 'units')?.name;
    throw new CliUsageError(`Say which column holds the units sold with --units${guess ? ` (e.g. --units ${guess}; "${guess}" looks like units)` : ''}. A plan needs quantities, not just items. Its columns: ${names.join(', ')}.`);
  }
  const byVectors = by.map((b) => columnOf(read.table, b, '--by', file, names));
  const units = numbersOf(columnOf(read.table, unitsName, '--units', file, names));
  const stockName = optionValue(args, 'stock');
  const stock = stockName ? numbersOf(columnOf(read.table, stockName, '--stock', file, names)) : undefined;
  const dateName = optionValue(args, 'date') ?? read.dateColumn ?? read.columns.find((c) => c.role === 'date')?.name;
  if (!dateName) throw new Error(`${basename(file)} has no date column the intake recognises, so sales cannot be put into periods. Name one with --date. Its columns: ${names.join(', ')}.`);
  const dates = datesOf(columnOf(read.table, dateName, '--date', file, names));
  const n = read.table.numRows;
  let negative = 0;
  let firstNegative = -1;
  let noUnits = 0;
  for (let i = 0; i < n; i++) {
    if (units[i]! < 0) {
      negative++;
      if (firstNegative < 0) firstNegative = i;
    }
    if (!Number.isFinite(units[i]!)) noUnits++;
  }
  if (noUnits === n) throw new Error(`--units ${unitsName}: no row holds a number there, so there are no quantities to plan. Choose the column of units sold.`);
  if (negative > 0) throw new Error(`--units ${unitsName}: ${negative} row(s) have negative units (the first is data row ${firstNegative + 1}, value ${units[firstNegative]}). Units sold cannot be negative: remove returns or put them in their own column, then run plan again.`);
  if (stock) for (let i = 0; i < n; i++) if (stock[i]! < 0) throw new Error(`--stock ${stockName}: data row ${i + 1} has negative stock (${stock[i]}). Fix it and run plan again.`);
  // Rows after --train-end are left out before periods are made.
  const kept = Float64Array.from(dates, (d) => (trainEnd !== undefined && d > trainEnd ? NaN : d));
  const assignment = assignPeriods(kept, grain);
  const periods = assignment.labels.length;
  if (periods === 0) throw new Error(`No row of ${basename(file)} has a date in "${dateName}"${trainEnd !== undefined ? ' on or before --train-end' : ''}, so there are no periods to plan from.`);
  const index = new Map<string, number>();
  const groups: { key: string[]; units: Float64Array; stockPeriod: number; stock: number }[] = [];
  let missingKey = 0;
  for (let i = 0; i < n; i++) {
    const p = assignment.periodIndex[i]!;
    if (p < 0) continue;
    const key = byVectors.map((v) => cellText(v.get(i)));
    if (key.some((k) => k === '')) {
      missingKey++;
      continue;
    }
    const id = JSON.stringify(key);
    let g = index.get(id);
    if (g === undefined) {
      g = groups.length;
      index.set(id, g);
      groups.push({ key, units: new Float64Array(periods), stockPeriod: -1, stock: 0 });
    }
    const group = groups[g]!;
    if (Number.isFinite(units[i]!)) group.units[p]! += units[i]!;
    if (stock && Number.isFinite(stock[i]!)) {
      if (p > group.stockPeriod) {
        group.stockPeriod = p;
        group.stock = 0;
      }
      if (p === group.stockPeriod) group.stock += stock[i]!;
    }
  }
  const notes: string[] = [];
  if (missingKey > 0) notes.push(`${missingKey.toLocaleString('en')} dated row(s) have no value in ${by.map((b) => `"${b}"`).join(' or ')} and are left out.`);
  if (noUnits > 0) notes.push(`${noUnits.toLocaleString('en')} row(s) have no number in "${unitsName}" and count as 0 units.`);
  if (groups.length === 0) throw new Error(`No dated row of ${basename(file)} has a value in ${by.map((b) => `"${b}"`).join(' and ')}, so there are no groups to plan.`);
  io.err(`plan: ${groups.length} group(s) by ${by.join(' × ')}, ${periods} ${grain}s (${assignment.labels[0]} … ${assignment.labels[periods - 1]}).\n`);
  return { groups: groups.map((g) => ({ key: g.key, units: g.units, ...(stock ? { stock: g.stock } : {}) })), perYear: assignment.perYear, periods: assignment.labels, notes };
}

/** Turns values into fixed-point integers so that printed totals are exact sums of printed groups. */
function scaled(value: number, decimals: number, up = false): number {
  const f = 10 ** decimals;
  return up ? Math.ceil(value * f - 1e-6) : Math.round(value * f);
}

function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/**
 * The plan as CSV. forecast_units and plan_units of the totals are the sums of their groups'
 * printed values, so the table adds up exactly as written (plan_units rounded up per group).
 */
export function planCsv(plan: SeasonPlan, columns: readonly string[], decimals: number, raw = false): string {
  const field = raw ? csvField : spreadsheetField;
  const header = [...columns, 'level', 'last_season_units', 'forecast_units', 'change_pct', 'lo80', 'hi80', 'lo95', 'hi95', 'stock', 'plan_units', 'flag'];
  const f = 10 ** decimals;
  const groupRows = plan.rows.filter((r) => r.level === 'group');
  const printed = new Map(groupRows.map((r) => [r, { forecast: scaled(r.forecastUnits, decimals), plan: scaled(r.planUnits, decimals, true) }]));
  const sumOver = (row: SeasonPlan['rows'][number], what: 'forecast' | 'plan') => {
    // A total or sub-total covers the groups that share its non-empty key cells.
    let sum = 0;
    for (const g of groupRows) if (row.key.every((k, i) => k === '' || k === g.key[i])) sum += printed.get(g)![what];
    return sum;
  };
  const lines = [header.map(field).join(',')];
  for (const row of plan.rows) {
    const own = printed.get(row);
    const forecast = own ? own.forecast : sumOver(row, 'forecast');
    const planUnits = own ? own.plan : sumOver(row, 'plan');
    lines.push(
      [
        ...row.key.map((k) => field(k === '' ? '(all)' : k)),
        row.level,
        fixed(row.lastSeasonUnits, decimals),
        (forecast / f).toFixed(decimals),
        Number.isFinite(row.change) ? (100 * row.change).toFixed(1) : '',
        fixed(row.lo80, decimals),
        fixed(row.hi80, decimals),
        fixed(row.lo95, decimals),
        fixed(row.hi95, decimals),
        row.stock === undefined ? '' : fixed(row.stock, decimals),
        (planUnits / f).toFixed(decimals),
        row.flags.join('; '),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Whole units in, whole units out; otherwise enough decimals for the values' size. */
function decimalsFor(groups: readonly PlanGroupInput[]): number {
  let whole = true;
  let largest = 0;
  for (const g of groups) for (let t = 0; t < g.units.length; t++) {
    const v = g.units[t]!;
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) whole = false;
    largest = Math.max(largest, Math.abs(v));
  }
  if (whole) return 0;
  return largest === 0 ? 2 : Math.min(6, Math.max(1, 3 - Math.floor(Math.log10(largest))));
}

/** The `plan` command. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Plan next season: units per group with 80/95 % ranges, quantity to buy at a service level, flags',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { flags: ['raw'], values: ['by', 'units', 'stock', 'period', 'horizon', 'service-level', 'train-end', 'date', 'out', 'max-rows'] });
    if (args.positional.length !== 1) throw new CliUsageError('Give exactly one catalogue or series file to plan from.');
    const file = args.positional[0]!;
    const byText = optionValue(args, 'by');
    const by = byText ? byText.split(',').map((b) => b.trim()).filter(Boolean) : [];
    if (byText !== undefined && (by.length === 0 || by.length > 2)) throw new CliUsageError(`--by takes one column or two separated by a comma (got "${byText}").`);
    const periodText = optionValue(args, 'period') ?? 'month';
    const grain = GRAINS[periodText];
    if (!grain) throw new CliUsageError(`--period must be week, month or season (got "${periodText}").`);
    const serviceLevel = numberOption(args, 'service-level', 0.8, 0.5, 0.995, false);
    const trainEndText = optionValue(args, 'train-end');
    const trainEnd = trainEndOption(trainEndText);
    if (by.length === 0) for (const option of ['units', 'stock', 'date']) if (args.options.has(option)) throw new CliUsageError(`--${option} goes with --by (a catalogue). Without --by the file is read as series, one column of units per series.`);
    const out = optionValue(args, 'out');
    await withOutputs([{ label: 'the input file', path: file }], out ? [{ option: '--out', path: out }] : [], async (files) => {
      let grouped: Grouped;
      let columns: string[];
      if (by.length > 0) {
        grouped = await groupCatalogue(file, args, by, grain, trainEnd, io);
        columns = by;
      } else {
        let set;
        try {
          const read = await readSeriesPath(file, `Cannot read "${file}": check the path.`);
          for (const line of problemNotes(read.problems)) io.err(`plan: note: ${line}\n`);
          set = read.set;
        } catch (error) {
          if (error instanceof SeriesInputError) throw new Error(`${basename(file)} does not read as series (${error.message}). For a catalogue (one row per sale), say how to group it and which column holds units: --by <col> --units <col>.`);
          throw error;
        }
        if (trainEnd !== undefined) set = cutSeriesSet(set, trainEnd);
        if (set.dates.length === 0) throw new Error(`No row of ${basename(file)} is dated on or before ${trainEndText}.`);
        if (args.options.has('period')) io.err(`plan: note: a series file keeps its own periods (${set.frequency}s); --period is ignored.\n`);
        grouped = { groups: set.series.map((s) => ({ key: [s.name], units: s.values })), perYear: periodsPerYear(set.frequency), periods: set.dates.map(String), notes: set.notes.map(englishText) };
        columns = ['series'];
        io.err(`plan: ${set.series.length} series, ${set.dates.length} ${set.frequency}s.\n`);
      }
      const halfYear = by.length > 0 ? HALF_YEAR[periodText]! : Math.max(1, Math.round(grouped.perYear / 2));
      const horizon = numberOption(args, 'horizon', halfYear, 1, 10_000, true);
      if (grouped.periods.length < grouped.perYear) grouped.notes.push(`Only ${grouped.periods.length} period(s) of history, less than a year: the plan uses what exists, has no same-season-last-year comparison, and its ranges are rough.`);
      let plan: SeasonPlan;
      try {
        plan = planSeason(grouped.groups, { horizon, period: grouped.perYear, serviceLevel, onProgress: (done, total) => {
          if (done % 50 === 0 || done === total) io.err(`  ${done}/${total} forecasts\n`);
        } });
      } catch (error) {
        if (error instanceof PlanInputError) throw new Error(error.message);
        throw error;
      }
      for (const note of [...grouped.notes, ...plan.notes.map(englishText)]) io.err(`plan: note: ${note}\n`);
      const rowNotes = new Set(plan.rows.flatMap((r) => r.notes));
      for (const note of rowNotes) io.err(`plan: note: ${note}\n`);
      io.err(`plan: ${horizon} period(s) planned at a ${Math.round(serviceLevel * 1000) / 10} % service level; totals reconciled by ${plan.reconciliation}.\n`);
      const csv = planCsv(plan, columns, decimalsFor(grouped.groups), args.options.has('raw'));
      const output = files.get('--out');
      if (output) await output.write(csv);
      else io.out(csv);
    });
    if (out) io.err(`Wrote ${out}\n`);
    return 0;
  },
};
