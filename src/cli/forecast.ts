/** `trendloom forecast`: backtested ensemble forecasts of a wide or long series CSV, with intervals and signals. */
import { addPeriods } from '../core/series/periods.ts';
import { cutSeriesSet, formatDate, SeriesInputError, type SeriesSet } from '../core/series/seriesSet.ts';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { forecastSeriesSet, type SeriesSetForecast } from '../core/forecast/forecast.ts';
import { englishText } from '../core/messages.ts';
import { intake } from '../core/intake/intake.ts';
import { fileSource } from './inspect.ts';
import { byCandidates } from './trends.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';
import { problemNotes, readSeriesPath, trainEndOption } from './seriesFile.ts';

const usage = `Usage: trendloom forecast <file.csv> --horizon <n> [--train-end <date>] [--out <file.csv>] [--intervals] [--signals <file.json>] [--lead <file.csv>] [--global] [--decimals <n>] [--raw]

Forecasts every series of a CSV: either wide (a date column, then one column per series; the
date header may be empty) or long (date, series, value). Each series gets a backtested ensemble of
seasonal naive, ETS, Theta, seasonal-profile and time-decay attention models. A catalogue (one row
per item) is counted into such series first with 'trendloom trends'.

Numbers are rounded for reading: at least 4 significant digits of the largest value, 2 to 6
decimals (shares such as 0.4512 keep 4, units such as 1520.37 keep 2).

Options:
  --horizon <n>         periods to forecast (required), e.g. 52 for a year of weeks
  --train-end <date>    use only rows dated on or before this date (YYYY-MM-DD)
  --out <file.csv>      write the forecast here (default: standard output); first column 'date'
                        holds the next n period dates, then one column per input series
  --intervals           add <series>__lo80, __hi80, __lo95, __hi95 columns (backtest-calibrated)
  --signals <file.json> write trend signals per series (label, velocity -3..+3, time to peak,
                        change vs last year, notes, backtest scores)
  --lead <file.csv>     an early-signal panel with the same series names (e.g. influencers);
                        used where it helps in backtests
  --global              also train one time-decay attention model across all series (about a
                        minute per 100 weekly series of 5 years on one core) and let it compete
                        in each series' backtested ensemble
  --decimals <n>        write every number with n decimals (0 to 15) instead
  --raw                 write series names exactly as read; by default a name that a spreadsheet
                        would run as a formula (starting with =, +, -, @, tab or CR) gets a leading '`;

/** Number cell with `decimals` decimals, empty for a missing value. */
function numberCell(value: number | undefined, decimals: number): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  const text = value.toFixed(decimals);
  // No "-0.00": a value that rounds to zero is written as zero.
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/**
 * Decimals that keep at least 4 significant digits of the largest value, from 2 to 6: shares
 * (0.1…1) get 4, units (10 and more) get 2, small shares (0.01…0.1) get 5.
 */
export function readableDecimals(values: Iterable<number>): number {
  let largest = 0;
  for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  if (largest === 0) return 2;
  return Math.min(6, Math.max(2, 3 - Math.floor(Math.log10(largest))));
}

/**
 * The wide forecast CSV: date, one point column per series, then the interval columns if asked;
 * `raw` keeps formula-like names as read. Every number has the same decimals: `readableDecimals`
 * of all of them unless `decimals` is given.
 */
export function forecastCsv(forecast: SeriesSetForecast, intervals: boolean, raw = false, decimals?: number): string {
  const header = ['date', ...forecast.series.map((s) => s.name)];
  const bands = ['lo80', 'hi80', 'lo95', 'hi95'] as const;
  if (intervals) for (const s of forecast.series) for (const band of bands) header.push(`${s.name}__${band}`);
  const places = decimals ?? readableDecimals(forecast.series.flatMap((s) => [...s.point, ...(intervals ? bands.flatMap((band) => [...(s[band] ?? [])]) : [])]));
  const lines = [header.map(raw ? csvField : spreadsheetField).join(',')];
  forecast.dates.forEach((date, h) => {
    const row = [formatDate(date), ...forecast.series.map((s) => numberCell(s.point[h], places))];
    if (intervals) for (const s of forecast.series) for (const band of bands) row.push(numberCell(s[band]?.[h], places));
    lines.push(row.join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** The signals JSON document: one entry per series. */
export function signalsJson(forecast: SeriesSetForecast): string {
  const series = forecast.series.map((s) => ({
    name: s.name,
    label: s.signal.label ?? null,
    velocity: s.signal.velocity ?? null,
    periodsToPeak: s.signal.periodsToPeak ?? null,
    peakDate: s.signal.periodsToPeak !== undefined && forecast.dates.length > 0 ? formatDate(addPeriods(forecast.dates[0]!, forecast.frequency, s.signal.periodsToPeak - 1)) : null,
    changeVsLastYear: s.signal.changeVsLastYear ?? null,
    notEnoughHistory: s.signal.notEnoughHistory,
    explanation: englishText(s.signal.explanation),
    seasonal: s.seasonal,
    backtestMase: Number.isFinite(s.backtestMase) ? s.backtestMase : null,
    models: s.scores.map((m) => ({ model: m.model, backtestMase: Number.isFinite(m.mase) ? m.mase : null, weight: m.weight })),
    notes: s.notes.map(englishText),
  }));
  return `${JSON.stringify({ frequency: forecast.frequency, firstForecastDate: forecast.dates.length ? formatDate(forecast.dates[0]!) : null, series }, null, 2)}\n`;
}

/** Reads a series file as the app does (intake), printing the value cells it read as missing. */
export async function readSet(path: string, what: string, io?: CliIO): Promise<SeriesSet> {
  try {
    const file = await readSeriesPath(path, `Cannot read the ${what} "${path}": check the path.`);
    for (const line of problemNotes(file.problems)) io?.err(`note: ${line}\n`);
    return file.set;
  } catch (error) {
    if (error instanceof SeriesInputError) {
      const hint = await catalogueHint(path);
      throw new Error(hint ? `${hint}\n(While reading it as series: ${error.message})` : `${path}: ${error.message}`);
    }
    throw error;
  }
}

/** Rows the intake reads to tell a catalogue from a series file. */
const SNIFF_ROWS = 500;

/**
 * When a file that did not read as series looks like a catalogue (one row per item: item text,
 * or several label columns), what to run instead; undefined otherwise.
 */
export async function catalogueHint(path: string): Promise<string | undefined> {
  let columns;
  try {
    columns = (await intake(await fileSource(path), { requireText: false, capNote: false, maxRows: SNIFF_ROWS })).columns;
  } catch {
    return undefined;
  }
  const text = columns.find((c) => c.role === 'text');
  const labels = byCandidates(columns);
  if (!text && labels.length < 2) return undefined;
  const why = text ? `its column "${text.name}" holds item text` : `its columns ${labels.slice(0, 3).map((l) => `"${l}"`).join(', ')} hold item labels`;
  return (
    `${path} looks like a catalogue (one row per item: ${why}), not trend series. 'forecast' reads series: ` +
    `a date column and one column of numbers per series (or rows of date, series, value). Count the catalogue into series first, then forecast them:\n` +
    `  trendloom trends ${path} --by ${labels[0] ?? '<column>'} --period season --out series.csv\n` +
    `  trendloom forecast series.csv --horizon 4` +
    (labels.length > 1 ? `\n(--by can be any label column, e.g. ${labels.slice(0, 4).join(', ')}.)` : '')
  );
}

/** The `forecast` command. */
export const forecastCommand: CliCommand = {
  name: 'forecast',
  summary: 'Forecast trend series (wide or long CSV) with backtested intervals and trend signals',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseArgs(args, { flags: ['intervals', 'raw', 'global'], values: ['horizon', 'train-end', 'out', 'signals', 'lead', 'decimals'] });
    if (parsed.positional.length !== 1) throw new CliUsageError('Give exactly one series file to forecast.');
    const horizonText = optionValue(parsed, 'horizon');
    if (horizonText === undefined) throw new CliUsageError('--horizon is required (how many periods to forecast).');
    const horizon = Number(horizonText);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10_000) throw new CliUsageError(`--horizon must be a whole number from 1 to 10000 (got "${horizonText}").`);
    const file = parsed.positional[0]!;
    const decimalsText = optionValue(parsed, 'decimals');
    const decimals = decimalsText === undefined ? undefined : Number(decimalsText);
    if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)) throw new CliUsageError(`--decimals must be a whole number from 0 to 15 (got "${decimalsText}").`);
    const trainEndText = optionValue(parsed, 'train-end');
    const trainEnd = trainEndOption(trainEndText);
    const leadPath = optionValue(parsed, 'lead');
    const out = optionValue(parsed, 'out');
    const signals = optionValue(parsed, 'signals');
    // Outputs are checked (never an input, never each other, folder writable) before any work.
    const inputs = [{ label: 'the series file', path: file }, ...(leadPath ? [{ label: 'the lead file (--lead)', path: leadPath }] : [])];
    const outputs = [...(out ? [{ option: '--out', path: out }] : []), ...(signals ? [{ option: '--signals', path: signals }] : [])];
    await withOutputs(inputs, outputs, async (files) => {
      let set = await readSet(file, 'series file', io);
      if (trainEnd !== undefined) {
        set = cutSeriesSet(set, trainEnd);
        if (set.dates.length === 0) throw new Error(`No row is dated on or before ${trainEndText}; the file starts later.`);
      }
      const leads = leadPath ? await readSet(leadPath, 'lead file', io) : undefined;
      for (const note of set.notes) io.err(`note: ${englishText(note)}\n`);
      io.err(`Forecasting ${set.series.length} series × ${horizon} ${set.frequency}s from ${set.dates.length} ${set.frequency}s (${formatDate(set.dates[0]!)} … ${formatDate(set.dates[set.dates.length - 1]!)})…\n`);
      const global = parsed.options.has('global');
      if (global) io.err('Training the global attention model across all series…\n');
      const forecast = forecastSeriesSet(set, { horizon, trainGlobal: global }, leads, (done, total) => {
        if (done % 100 === 0 || done === total) io.err(`  ${done}/${total} series\n`);
      });
      for (const note of forecast.notes ?? []) io.err(`note: ${englishText(note)}\n`);
      for (const s of forecast.series) for (const note of s.notes) io.err(`note: ${englishText(note)}\n`);
      const csv = forecastCsv(forecast, parsed.options.has('intervals'), parsed.options.has('raw'), decimals);
      const outFile = files.get('--out');
      if (outFile) await outFile.write(csv);
      else io.out(csv);
      await files.get('--signals')?.write(signalsJson(forecast));
    });
    for (const { path } of outputs) io.err(`Wrote ${path}\n`);
    return 0;
  },
};
