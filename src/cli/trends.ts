/** `trendloom trends`: a catalogue's trend series (what the dashboard charts) as a CSV that `trendloom forecast` reads. */
import { modelHeadsIn, parseColumn, sureColumn } from '../core/columnKinds.ts';
import { basename } from 'node:path';
import type { Table } from 'apache-arrow';
import { formatDate } from '../core/series/seriesSet.ts';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { codeColumn, datesOf, numbersOf } from '../core/dashboard/columns.ts';
import type { PeriodGrain } from '../core/series/periods.ts';
import { seriesForExport, type SeriesExport } from '../core/dashboard/seriesExport.ts';
import { adviseGrain } from '../core/dashboard/support.ts';
import { headOfColumn, sureFlagsOf } from '../core/dashboard/unsure.ts';
import { intake, type IntakeResult } from '../core/intake/intake.ts';
import { fileSource, parseMaxRows } from './inspect.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';
import { countFileLines, describeRead, readAccount } from './readReport.ts';

/** The dashboard's defaults: fewest items behind a share, and how many values become series. */
export const TRENDS_MIN_ITEMS = 20;
export const TRENDS_TOP = 8;

const PERIODS: Record<string, PeriodGrain> = { week: 'week', month: 'month', quarter: 'quarter', season: 'season', 'fashion-season': 'fashion-season', year: 'year' };

const usage = `Usage: trendloom trends <catalogue> --by <col> [--period week|month|quarter|season|fashion-season|year] [--units <col>] [--out series.csv]

Counts a catalogue (one row per item, with a date) into the trend series the dashboard charts:
for the --by column's most frequent values, each value's share of the items in each period, from
the first to the last period with items (a period without items has empty cells).
The CSV it writes (a 'date' column with each period's first day, then one column per value)
is what 'trendloom forecast' reads.

Options:
  --by <col>          the column to follow, e.g. usage, baseColour, articleType, pred_usage
  --period <p>        week, month, quarter, season (default, as the dashboard), fashion-season or year
  --units <col>       shares of units (the column's numbers) instead of shares of items
  --date <col>        the date column (default: the one the intake recognises)
  --top <n>           how many values become series (default ${TRENDS_TOP}, most frequent first)
  --min-items <n>     periods with fewer items are thin (default ${TRENDS_MIN_ITEMS}, as the dashboard): their shares
                      are written (the dashboard draws them lighter) and counted in a note, which
                      names a longer --period with enough items when there is one
  --drop-thin         leave the shares of thin periods empty instead
  --include-unsure    count the model's unsure labels too (a pred_<head> column; default: sure ones only)
  --out <file.csv>    write the series here (default: standard output)
  --max-rows <n|all>  read at most n rows (default 3,000,000); 'all' reads every row
  --raw               write value names exactly as read (by default a name a spreadsheet would run
                      as a formula gets a leading ')`;

/** Whole number option ≥ min, or the default. */
function wholeOption(args: ReturnType<typeof parseArgs>, name: string, fallback: number, min: number): number {
  const text = optionValue(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new CliUsageError(`--${name} must be a whole number of at least ${min} (got "${text}").`);
  return n;
}

/** Columns worth following with --by (labels, not ids, dates, numbers or free text), best first. */
export function byCandidates(columns: IntakeResult['columns']): string[] {
  const order = ['styles', 'category', 'colours', 'materials', 'label', 'season', 'gender', 'region'];
  const heads = modelHeadsIn(columns.map((c) => c.name));
  const model = columns
    .filter((c) => {
      const derived = parseColumn(c.name, heads);
      return (derived?.kind === 'label' && derived.rank === 1) || derived?.kind === 'head-label';
    })
    .map((c) => c.name);
  const own = columns.filter((c) => order.includes(c.role)).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)).map((c) => c.name);
  return [...new Set([...own, ...model])];
}

/** Share cell: 4 decimals, empty where the period has too few items. */
function shareCell(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : '';
}

/** The series as a wide CSV: 'date' (period start), then one share column per value. */
export function trendsCsv(result: SeriesExport, raw = false): string {
  const field = raw ? csvField : spreadsheetField;
  const lines = [['date', ...result.series.map((s) => s.label)].map(field).join(',')];
  result.starts.forEach((start, p) => lines.push([formatDate(start), ...result.series.map((s) => shareCell(s.share[p]!))].join(',')));
  return `${lines.join('\n')}\n`;
}

/** The column named `name` or a plain error listing the file's columns. */
function columnOf(table: Table, name: string, option: string, file: string, columns: readonly string[]) {
  const vector = table.getChild(name);
  if (!vector) throw new CliUsageError(`${option}: ${basename(file)} has no column "${name}". Its columns: ${columns.join(', ')}.`);
  return vector;
}

/** The `trends` command. */
export const trendsCommand: CliCommand = {
  name: 'trends',
  summary: 'Count a catalogue into the trend series the dashboard charts (a CSV that forecast reads)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { flags: ['include-unsure', 'raw', 'drop-thin'], values: ['by', 'period', 'units', 'date', 'top', 'min-items', 'out', 'max-rows'] });
    if (args.positional.length !== 1) throw new CliUsageError('Give exactly one catalogue file.');
    const file = args.positional[0]!;
    const by = optionValue(args, 'by');
    if (!by) throw new CliUsageError('Say which column to follow with --by (e.g. --by usage).');
    const periodText = optionValue(args, 'period') ?? 'season';
    const grain = PERIODS[periodText];
    if (!grain) throw new CliUsageError(`--period must be week, month, quarter, season, fashion-season or year (got "${periodText}").`);
    const top = wholeOption(args, 'top', TRENDS_TOP, 1);
    const minItems = wholeOption(args, 'min-items', TRENDS_MIN_ITEMS, 1);
    const maxRowsText = optionValue(args, 'max-rows');
    const maxRows = maxRowsText === undefined ? undefined : parseMaxRows(maxRowsText);
    const out = optionValue(args, 'out');
    const result = await withOutputs([{ label: 'the catalogue', path: file }], out ? [{ option: '--out', path: out }] : [], async (files) => {
      const read = await intake(await fileSource(file), { requireText: false, maxRows });
      const lines = read.stats.format === 'csv' && !read.stats.truncated ? await countFileLines(file, read.stats.encoding) : undefined;
      for (const note of describeRead(readAccount(read.stats, read.problems, lines), file)) io.err(note.startsWith(' ') ? `${note}\n` : `trends: ${note}\n`);
      const names = read.columns.map((c) => c.name);
      const info = read.columns.find((c) => c.name === by);
      const byVector = columnOf(read.table, by, '--by', file, names);
      const suggestions = byCandidates(read.columns).slice(0, 4).join(', ');
      if (info && (info.role === 'text' || info.role === 'date' || info.role === 'id')) {
        const what = info.role === 'text' ? 'item text (almost every row is different)' : info.role === 'date' ? 'dates' : 'ids';
        throw new CliUsageError(`--by ${by}: that column holds ${what}, so it has no trend to follow. Choose a column of labels${suggestions ? `, such as ${suggestions}` : ''}.`);
      }
      const dateName = optionValue(args, 'date') ?? read.dateColumn ?? read.columns.find((c) => c.role === 'date')?.name;
      if (!dateName) throw new Error(`${basename(file)} has no date column the intake recognises, so items cannot be put into periods. Name one with --date. Its columns: ${names.join(', ')}.`);
      const dates = datesOf(columnOf(read.table, dateName, '--date', file, names));
      if (!Array.from(dates).some(Number.isFinite)) throw new Error(`No row of ${basename(file)} has a date in "${dateName}" that could be read, so there are no periods to count.`);
      const unitsName = optionValue(args, 'units');
      const weights = unitsName ? numbersOf(columnOf(read.table, unitsName, '--units', file, names)) : undefined;
      if (weights && !Array.from(weights).some((w) => Number.isFinite(w) && w > 0)) throw new Error(`--units ${unitsName}: no row holds a positive number there.`);
      if (!unitsName) {
        const units = read.columns.find((c) => c.role === 'units');
        if (units) io.err(`trends: "${units.name}" looks like units sold; add --units ${units.name} for shares of units (as the dashboard shows them) instead of shares of items.\n`);
      }
      const head = headOfColumn(by, modelHeadsIn(names));
      const sureVector = head ? read.table.getChild(sureColumn(head)) : null;
      const coded = codeColumn(byVector);
      const sure = sureVector ? sureFlagsOf(sureVector) : undefined;
      const count = (g: PeriodGrain, topN: number) =>
        seriesForExport({ dates, labels: coded.labels, values: coded.values, weights, sure, includeUnsure: args.options.has('include-unsure'), grain: g, minSupport: minItems, topN, dropThin: args.options.has('drop-thin') });
      const exported = count(grain, top);
      if (exported.periods.length === 0) throw new Error(`No dated item of ${basename(file)} has a "${by}" value${sure ? ' the model is sure of (--include-unsure counts the others)' : ''}, so there is nothing to count.`);
      // The dashboard's advice: the finest longer period whose periods mostly have enough items.
      const advice = adviseGrain(grain, (g) => (g === grain ? exported.items : count(g, 1).items), minItems);
      const better = advice?.suggestion ? { period: advice.suggestion, enough: advice.suggestionSummary!.enough, periods: advice.suggestionSummary!.periods } : undefined;
      const csv = trendsCsv(exported, args.options.has('raw'));
      const output = files.get('--out');
      if (output) await output.write(csv);
      else io.out(csv);
      return { ...exported, better };
    });
    const { periods, series, better } = result;
    const measure = unitsLabel(optionValue(args, 'units'));
    io.err(
      `trends: ${series.length} series (the most frequent values of "${by}") as shares of ${measure} per ${periodText}, ` +
        `${periods.length} periods (${periods[0]} … ${periods[periods.length - 1]}) from ${result.itemsCounted.toLocaleString('en')} dated items` +
        `${result.undated > 0 ? ` (${result.undated.toLocaleString('en')} without a date left out)` : ''}.\n`,
    );
    const thin = result.thin.filter(Boolean).length;
    if (thin > 0) {
      const what = args.options.has('drop-thin') ? 'their shares are left empty (--drop-thin)' : 'their shares are written but rest on few items (--drop-thin leaves them empty)';
      const hint = better ? ` By ${better.period}, ${better.enough} of ${better.periods} periods have enough (--period ${better.period}).` : '';
      io.err(`trends: ${thin} of those periods have fewer than ${minItems} items: ${what}.${hint}\n`);
    }
    if (result.emptyPeriods > 0) io.err(`trends: ${result.emptyPeriods} periods have no item; their cells are empty.\n`);
    if (out) io.err(`Wrote ${out}\n`);
    return 0;
  },
};

function unitsLabel(units: string | undefined): string {
  return units ? `units ("${units}")` : 'items';
}
