/**
 * Messages of the core (intake, cleaning, forecasting) as stable codes with parameters, so the
 * page can word them in the reader's language while the CLI keeps printing the English text.
 *
 * A message is `{ code, params }`; a parameter may itself be a message (a cell problem inside
 * "…; the cell was left empty"), rendered in the same language. Templates fill `{name}`,
 * `{name^}` fills it with its first letter capitalised, and `{name:one|other}` picks the singular
 * when the number is 1 (English needs it, Chinese does not).
 * Pure: no DOM, no UI; the English table lives here, other languages in src/i18n (`coreText` words a message there).
 */

// One hint shared by the spreadsheet messages.
const EXPORT_HINT = 'Open it in Excel, Numbers or Google Sheets and export it as CSV (File → Save As / Download → CSV), then drop the CSV here.';

/** The English text of every core message, by code (the CLI prints these). */
export const englishMessages = {
  // Files that cannot be read at all.
  'file.empty': 'This file is empty: there is nothing to read. Check that the export finished and try again.',
  'file.picture': 'This file is a picture, not a table (even though it is called "{name}"). Trendloom reads catalogues as CSV, Arrow or Parquet files.',
  'file.excel-workbook': `This is an Excel workbook (a zip file), not a CSV. ${EXPORT_HINT}`,
  'file.numbers': `This is a Numbers spreadsheet (a zip file), not a CSV. ${EXPORT_HINT}`,
  'file.excel-xls': `This is an Excel (.xls) file, not a CSV. ${EXPORT_HINT}`,
  'file.zip': 'This is a zip file: unzip it first and drop the CSV (or Excel export as CSV) that is inside.',
  'file.pdf': 'This is a PDF document, not a table. Export the catalogue from the program that made it as CSV.',
  'file.gzip': 'This file is compressed (gzip). Decompress it first, then drop the CSV inside.',
  'file.binary': 'This file does not contain text: it looks like a program or media file, not a table. Trendloom reads catalogues as CSV, Arrow or Parquet files.',
  'file.blank': 'This file has no rows: it holds only blank lines or spaces.',
  'file.too-many-columns':
    'This file has {columns} columns; Trendloom reads at most {max}. A catalogue has one column per kind of detail (name, colour, price…), so a file this wide is probably a table turned on its side, or not a catalogue. Keep the columns you need (or turn the table so that each item is a row), save it and try again.',
  'file.header-only': 'This file has column names ({columns}) but no rows below them. Export the catalogue again with its rows.',
  'file.columns-no-rows': 'This file has columns ({columns}) but no rows.',
  'file.no-text-column':
    "This file has no column with words describing the items (such as a product name or description), so Trendloom cannot label them. Columns found: {columns}. Add a column with each item's name or description and try again.",
  'file.arrow-file-unreadable': 'This Arrow file could not be read ({error}). It may be cut short or damaged; export it again.',
  'file.arrow-stream-unreadable': 'This Arrow stream could not be read ({error}). It may be cut short or damaged; export it again.',
  'file.parquet-codec': 'This Parquet file is compressed with {codec}, which Trendloom cannot read yet. Export it with Snappy compression (the usual default) or as CSV.',
  'file.cut-short': 'The file was cut short while reading ({read} of {size}).',
  'file.parquet-unreadable': 'This Parquet file could not be read ({error}). It may be cut short or damaged; export it again or as CSV.',
  // Rows left out.
  'row.unclosed-quote':
    'A quote (") opened on this line is never closed, so this row and the rest of the file ({lines} {lines:line|lines}) could not be split into cells; they were left out. Check for a stray quote on this line.',
  'row.too-few-values': 'This row has {count} {count:value|values} but the file has {columns} columns; it was left out. (A missing {delimiter} or a line break inside an unquoted cell can cause this.)',
  'row.too-many-values': 'This row has {count} values but the file has {columns} columns; it was left out. (A {delimiter} inside a cell needs quotes around the cell.)',
  'delimiter.comma': 'comma',
  'delimiter.semicolon': 'semicolon',
  'delimiter.tab': 'tab',
  'delimiter.pipe': 'pipe (|)',
  // Cells that could not be read, and what happened to their row.
  'problem.cell-emptied': '{reason^}; the cell was left empty (the row is kept).',
  'problem.row-undated': '{reason^}; this row has no date (it is kept).',
  'cell.not-a-date': '{cell} is not a date we can read',
  'cell.impossible-date': '{cell} is not a real date: {why}',
  'cell.timestamp-range': '{cell} is outside the range of timestamps we read (2000 to 2100)',
  'cell.excel-range': '{cell} is outside the range of Excel dates we read (1970 to 2100)',
  'cell.no-year': '{cell} has no year',
  'cell.not-a-year': '{cell} is not a year',
  'cell.implausible-year': '{cell} is not a plausible year',
  'cell.unknown-season': '{cell} is not a season we know (Spring, Summer, Fall/Autumn, Winter, SS, AW)',
  'cell.not-yes-no': '{cell} is not yes or no',
  'cell.not-a-number': '{cell} is not a number',
  'cell.number-too-large': '{cell} is too large a number to work with',
  'problem.not-utf-8': '{cell} has {n} {n:byte|bytes} that {n:is|are} not UTF-8 text ({bytes}); {n:it is|they are} shown as � (the row is kept).',
  'cell.number-style': "{cell} is not a number in this column's style (it writes decimals with {decimal})",
  'why.no-month': 'there is no month {month}',
  'why.no-month-dmy': 'there is no month {month} (this column reads dates as day/month)',
  'why.no-month-mdy': 'there is no month {month} (this column reads dates as month/day)',
  'why.short-month': '{monthName} {year} has only {days} days',
  'why.no-time': 'that time of day does not exist',
  'why.day-zero': 'there is no day 0',
  'why.implausible-year': '{year} is not a plausible year',
  'why.no-quarter': 'there is no quarter {quarter}',
  // Which backend runs the classifier, and why.
  'backend.wasm-requested': 'WebAssembly was requested.',
  'backend.webgpu-requested-missing': 'WebGPU was requested, but this browser has no WebGPU.',
  'backend.no-webgpu': 'This browser has no WebGPU.',
  'backend.no-adapter': 'No GPU adapter is available.',
  'backend.webgpu-requested': 'WebGPU was requested ({adapter}).',
  'backend.webgpu-requested-software': 'WebGPU was requested (software adapter).',
  'backend.software-adapter': 'The only GPU adapter is a software one ({adapter}); WebAssembly is faster.',
  'backend.gpu-found': 'GPU found: {adapter}.',
  'backend.webgpu-failed': 'WebGPU could not run the model ({error}); using WebAssembly.',
  'backend.unknown-gpu': 'unknown GPU',
  // Text that has no code of its own (a note saved by an older version), shown as it is.
  plain: '{text}',
  // Progress lines of the workers and the page's long steps.
  'progress.reading': 'Reading {name}',
  'progress.preparing-table': 'Preparing the table',
  'progress.loading-model': 'Loading the model…',
  'progress.warming-up': 'Warming up ({backend})…',
  'progress.cached-texts': '{n} texts from the cache',
  'progress.forecasting': 'Forecasting series {n} of {count}…',
  'progress.epoch': 'Epoch {epoch}: validation accuracy {accuracy}, loss {loss}',
  // Trend signals: why a series got its label.
  'signal.no-activity': 'No activity in the recent periods.',
  'signal.explained': '{what} ({change} over the last {window} periods against {compared}).',
  'signal.short-history': '{explanation} Less than a year of history, so the comparison may include seasonal swings.',
  'signal.what-emerging': 'Emerging: rising quickly from a low base',
  'signal.what-growing': 'Growing',
  'signal.what-declining': 'Declining',
  'signal.what-seasonal': 'Seasonal: rises and falls with the time of year, little change overall',
  'signal.what-steady': 'Steady',
  'signal.from-nothing': 'from nothing',
  'signal.vs-last-year': 'the same weeks last year',
  'signal.vs-just-before': 'the periods just before',
  // The fixed text of the report's Markdown.
  'report.latest-period': 'Latest period: **{period}**.',
  'report.rising': 'Rising',
  'report.declining': 'Declining',
  'report.movers-header': '| value | latest share | vs last year | next period (forecast) | forecast accuracy | signal |',
  'report.no-movers': 'No value moved by a measurable amount (or not enough history).',
  'report.points': '{change} pt',
  'report.accuracy': 'Forecast accuracy',
  'report.next-season': 'Next season',
  'report.rising-groups': 'Rising groups',
  'report.falling-groups': 'Falling groups',
  'report.plan': 'Plan',
  'report.regional': 'Regional differences',
  'report.plan-header': '| group | same season last year | forecast | vs last year | likely range (80 %) | units to buy | note |',
  'report.no-plan-movers': 'No group is forecast to change by a measurable amount (or not enough history).',
  'report.no-regional': 'No difference between regions is beyond chance.',
  'report.briefs': 'Design briefs',
  'report.briefs-note': 'Item names and brief lines drafted on this computer by the model (a brief that did not name the asked type and colour in four tries is written from the tags by a template).',
  'report.briefs-header': '| item | brief | asked | read back | differs on |',
  // Notes about how a file was read (intake report).
  'note.not-utf-8': 'The file is not UTF-8; it was read as Windows-1252 (Western European), as Excel on Windows writes it. If letters look wrong, choose another encoding.',
  'note.not-utf-8-cells':
    'The file reads as UTF-8, but {n} {n:cell has|cells have} bytes that are not UTF-8 text; they are shown as � and listed under problems with their line. If letters look wrong there, choose the encoding the file was saved in (such as Windows-1252).',
  'note.utf-16le': 'The file is in UTF-16 (little-endian); it was converted to UTF-8.',
  'note.utf-16be': 'The file is in UTF-16 (big-endian); it was converted to UTF-8.',
  'note.delimiter': 'Fields are separated by {delimiter}.',
  'note.no-header': 'The first row looks like data, not column names, so columns are named "column 1", "column 2"…',
  'note.row-cap': 'This file is very large: the first {rows} rows were loaded ({read} read); the rest was not read, to keep the browser responsive. Split the file to work with the rest.',
  'note.row-cap-of': 'This file is very large: the first {rows} rows were loaded ({read} read of {size}); the rest was not read, to keep the browser responsive. Split the file to work with the rest.',
  'note.problems-listed': '{count} problems were found; the first {listed} are listed.',
  'note.blank-names': '{n} {n:column has|columns have} no name in the header and {n:was|were} named "column N".',
  'note.column': '{column}: {note}',
  'note.column-empty': 'This column is empty in the rows we looked at.',
  'note.date-mixed-order': 'Some dates in this column only make sense as day/month and others only as month/day; we read them as {order} (the larger group), so the others are reported as problems.',
  'note.date-ambiguous':
    'Dates like {example} could be {first} {secondMonth} or {second} {firstMonth}; we read them as {order} because no date in this column has a day above 12 to settle it. Change this in the mapping step if that is wrong.',
  'note.excel-serial': 'Numbers like {example} are read as Excel date serials ({example} is {iso}).',
  'note.unix-seconds': 'Numbers like {example} are read as Unix timestamps in seconds ({example} is {when} UTC).',
  'note.unix-milliseconds': 'Numbers like {example} are read as Unix timestamps in milliseconds ({example} is {when} UTC).',
  'note.mixed-granularity': 'Most dates in this column name a {granularity}; {others} (each is placed on a representative day).',
  'note.granularity-count': '{n} {n:names|name} only a {granularity}',
  'note.decimal-comma-mostly': "Most numbers in this column use ',' for decimals, but {n} {n:uses|use} '.'; we read ',' as the decimal mark.",
  'note.decimal-point-mostly': "Most numbers in this column use '.' for decimals, but {n} {n:uses|use} ','; we read '.' as the decimal mark.",
  'note.thousands-ambiguous': "Numbers like '{example}' could use either '.' or ',' for thousands; we read '.' as the decimal mark and ',' as thousands.",
  'note.multi-label': 'Cells in this column hold several labels separated by {separator}; we split them into lists.',
  'note.southern-seasons': 'Season names are read for the southern hemisphere (summer is December to February).',
  'note.no-text-column': 'We could not find a column describing the items (a name or a description). Choose one in the mapping step; without it the items cannot be labelled.',
  'note.no-words': 'No column describes the items in words, so items cannot be labelled; numeric series can still be charted.',
  'note.no-date': 'We found no dates in this file (no date column, and no year with a season), so there will be no trends over time or forecasts. Labelling the items still works.',
  'note.rows-left-out': '{rejected} of {records} rows could not be read and were left out; each is listed under problems with its line.',
  'note.derived-date-season':
    'There is no date column, so dates were made from "{year}" and "{season}": each row is placed in the middle of its season ({hemisphere} hemisphere), e.g. Summer 2012 → 15 July 2012.',
  'note.derived-date-year': 'There is no date column, so dates were made from "{year}" alone (1 January of each year).',
  'order.dmy': 'day/month',
  'order.mdy': 'month/day',
  'hemisphere.north': 'northern',
  'hemisphere.south': 'southern',
  'list.more': '{head}, {tail}',
  // Notes about how a series file was read.
  'note.repeated-dates': '{n} repeated date(s) were merged by averaging their values.',
  'note.off-grid': '{n} date(s) did not fall on the {frequency}ly grid and were moved to the nearest {frequency}.',
  'note.grid-missing': '{n} {frequency}(s) had no row; they are treated as missing values.',
  'note.repeated-rows': '{n} repeated (date, series) row(s) were merged by averaging their values.',
  'unit.day': 'day',
  'unit.week': 'week',
  'unit.month': 'month',
  'unit.quarter': 'quarter',
  'unit.half-year': 'half-year',
  'unit.season': 'season',
  'unit.year': 'year',
  // Forecasts.
  'forecast.bad-horizon': 'The horizon must be a whole number of periods from 1 to 10000 (got {horizon}).',
  'forecast.no-dated-rows': 'There are no dated rows to forecast from.',
  'forecast.no-numbers': '{name} has no numbers to forecast from.',
  // The forecasting engine's notes on one series: how it was repaired, what was left out and why.
  'forecast.empty-start': 'The first {n} period(s) of {name} are empty; the history starts after them.',
  'forecast.filled': '{n} missing value(s) in {name} were filled in from their neighbours.',
  'forecast.all-zero': '{name} is zero everywhere: there is no trend to forecast, so the forecast is zero.',
  'forecast.constant': '{name} never changes: the forecast repeats its value.',
  'forecast.negative': '{name} has negative values; shares and counts cannot be negative, so check the data. Models that need positive values were skipped.',
  'forecast.series-name': '"{name}"',
  'forecast.this-series': 'this series',
  'forecast.lead-series': 'the lead series',
  'forecast.no-seasons': '"{name}" has {n} periods of history; two full seasons ({needed}) are needed to learn the yearly pattern, so this forecast ignores seasons.',
  'forecast.too-few-values': '"{name}" has only {n} value(s): the forecast repeats the last one and has no interval (too little history to say how far it may stray).',
  'forecast.never-varies': '"{name}" never varies, so there is no spread to size a range of likely values from: the forecast has no interval.',
  'forecast.lead-no-numbers': 'The lead series for "{name}" has no numbers; it was not used.',
  'forecast.model-left-out': '{model} {reason} on "{name}", so it was left out.',
  'forecast.for-series': 'For "{name}", {note}.',
  'forecast.no-backtest': '"{name}" is too short to backtest, so models are averaged with equal weights and no intervals are given.',
  // The ensemble's notes (worded inside "For "name", …").
  'ensemble.naive-alone': 'the models could not be combined (the numbers are too large), so seasonal naive is used alone',
  'ensemble.few-errors': 'the backtests gave only {n} past error(s), too few to size a range of likely values, so the forecast has no interval',
  'ensemble.exact-backtests': 'the backtests matched the history exactly, so there is no spread of past errors to size a range of likely values from: the forecast has no interval',
  'ensemble.errors-too-large': 'the backtest errors are too large to compute with, so no intervals are given',
  // Why a model was left out of the ensemble (worded after the model's name).
  'failure.threw': 'failed ({error})',
  'failure.no-earlier-global': 'has no model trained on periods before this point',
  'failure.no-global': 'has no trained global model',
  'failure.no-lead': 'has no lead series',
  'failure.not-fitted': 'could not be fitted (the values are too large or too uneven)',
  'failure.wrong-length': 'gave {count} values for {horizon} periods',
  'failure.out-of-range': 'gave values out of range (the numbers are too large to compute with)',
  'failure.in-backtest': '{reason} in a backtest',
  // The forecasting models, by name.
  'model.seasonal-naive': 'Seasonal naive',
  'model.ets': 'ETS',
  'model.theta': 'Theta',
  'model.profile': 'Seasonal profile',
  'model.attention': 'Attention',
  'model.lead': 'Lead',
  'model.global': 'Global attention',
  // The global attention model (issue 16): training notes, forecast fallbacks, and when the app trains it.
  'global.set-note': 'Global model: {note}',
  'global.non-finite': "{n} {n:series|series} with missing or non-numeric values {n:was|were} left out of the global model's training (fill their gaps first).",
  'global.sampled': 'The global model was trained on a random sample of {n} of the {total} history windows, to keep training short.',
  'global.untrained': 'No series has more than {n} periods with a non-zero value, so the global model could not be trained; its forecasts repeat the recent level.',
  'global.one-series': 'Only one series could be used: the global model has nothing to learn across series and is fitted to that series alone.',
  'global.diverged': 'Training the global model diverged (values out of range); its forecasts repeat the recent level.',
  'global.members-diverged': "Training {n} of the global model's {members} members diverged; they were left out.",
  'global.forecast-empty': 'The series has no values: the global model forecasts zero.',
  'global.forecast-gaps': 'The series has missing or non-numeric values: the global model repeats the last number (fill the gaps first).',
  'global.forecast-untrained': 'The global model is untrained (no series was long enough): it repeats the recent level.',
  'global.forecast-constant': 'The series never changes: the global model repeats its value.',
  'global.forecast-too-large': 'The values are too large for the global model to compute with: it repeats the last value.',
  'global.forecast-zero': 'The series is zero over its last season: the global model forecasts zero.',
  'global.forecast-short': 'The series has {n} periods; the global model learned from windows of at least {min}, so this forecast is less sure.',
  'global.forecast-out-of-range': 'The global model gave values out of range for this series: it repeats the recent level.',
  'global.too-few-series': 'The global model (one model learned across all series) was not trained: it needs at least {min} series with two full seasons ({needed} periods) of history, but {n} {n:series has|series have} that many.',
  'global.no-season': 'The global model (one model learned across all series) was not trained: it learns yearly patterns, and these periods have no yearly season.',
  'global.trained': 'The global model was trained across {series} series ({windows} history windows) and competes in every backtest.',
  'global.reused': 'The global model saved with these series was reused (same series and settings), so it was not trained again.',
  'global.saved-damaged': 'The global model saved with these series was damaged or from another version, so it was ignored and trained again.',
  'progress.training-global': 'Training the global model across all series ({done} of {total} passes)…',
  'signal.not-enough-history': 'Not enough history: {n} period(s), at least {needed} are needed to judge the direction.',
  // Season plans (core/plan): bad input, how totals were made coherent, notes on the plan and its rows.
  'plan.no-groups': 'There are no groups to plan.',
  'plan.bad-horizon': 'The season must be at least one period long (got {horizon}).',
  'plan.bad-service-level': 'The service level must be between 0.5 and 0.995 (got {level}).',
  'plan.unequal-periods': 'Every group needs the same periods.',
  'plan.negative-units': 'Units cannot be negative, but group "{group}" has {units} in period {period}. Fix the data (returns belong in their own column).',
  'plan.negative-stock': 'Stock on hand cannot be negative or missing, but group "{group}" has {stock}.',
  'plan.recon-none': 'none needed (one group)',
  'plan.recon-bottom-up': 'bottom-up: each group keeps its own forecast and the totals are their sums',
  'plan.recon-mint': 'MinT with a diagonal covariance (WLS): each total and group forecast weighted by 1 / the variance of its past season-total errors; totals are the sums of the groups',
  'plan.many-groups-bottom-up': 'With {groups} groups (more than {max}) the totals are simple sums of the group forecasts (bottom-up): a weighted reconciliation would take too much memory.',
  'plan.short-history-bottom-up': 'Some groups have too little history to check past seasons, so the totals are simple sums of the group forecasts (bottom-up) rather than a weighted reconciliation.',
  'plan.borrowed-spread': "The totals have too few past seasons of their own, so their ranges use the groups' past errors (usually a little wide for a total).",
  'plan.summed-period-ranges': 'Some ranges add up the per-period ranges because past seasons could not be checked: they are wide.',
  'plan.no-range': 'Too little history to size a range: the plan quantity is the forecast itself.',
  'plan.no-last-season': 'Less than a year of history: there is no same season last year to compare with.',
} as const;

/** A stable message code. */
export type MessageCode = keyof typeof englishMessages;

/** A parameter of a message: text, a number, or a nested message. */
export type MessageParam = string | number | CoreMessage;

/** A core message: its code and parameters (text is made from a language's template). */
export interface CoreMessage {
  readonly code: MessageCode;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/** Templates for every code in one language. */
export type MessageTemplates = Readonly<Record<MessageCode, string>>;

/** Builds a message. */
export function coreMessage(code: MessageCode, params?: Record<string, MessageParam>): CoreMessage {
  return params ? { code, params } : { code };
}

/** True when a value is a core message (e.g. a nested parameter, or a field that crossed from a worker). */
export function isCoreMessage(value: unknown): value is CoreMessage {
  return typeof value === 'object' && value !== null && typeof (value as CoreMessage).code === 'string' && Object.prototype.hasOwnProperty.call(englishMessages, (value as CoreMessage).code);
}

/**
 * Renders a message with a language's templates: placeholders filled (nested messages rendered
 * with the same templates), `{n:one|other}` plurals chosen, `{name^}` capitalised. An unknown
 * code (a message from a newer version) renders as the code itself.
 */
export function renderMessage(templates: MessageTemplates, message: CoreMessage): string {
  const template = templates[message.code] ?? message.code;
  const params = message.params ?? {};
  return template.replace(/\{(\w+)(\^)?(?::([^|}]*)\|([^}]*))?\}/g, (whole, name: string, capital: string | undefined, one: string | undefined, other: string | undefined) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    if (one !== undefined) return value === 1 ? one : other!;
    const text = typeof value === 'object' ? renderMessage(templates, value) : String(value);
    return capital ? text.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : text;
  });
}

/** A list of messages as one message ("a, b, c"), or undefined for an empty list. */
export function listMessage(items: readonly MessageParam[]): MessageParam | undefined {
  if (items.length <= 1) return items[0];
  return coreMessage('list.more', { head: items[0]!, tail: listMessage(items.slice(1))! });
}

/** A period or granularity word ('week', 'month'…) as a message, worded per language. */
export function unitMessage(unit: string): MessageParam {
  const code = `unit.${unit}`;
  return Object.prototype.hasOwnProperty.call(englishMessages, code) ? coreMessage(code as MessageCode) : unit;
}

/** The English text of a message (what the CLI prints). */
export function englishText(message: CoreMessage): string {
  return renderMessage(englishMessages, message);
}
