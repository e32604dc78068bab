/**
 * The one reader of files that already hold trend series (as analysts export them): the file is
 * read by intake (any encoding, delimiter, date order intake reads catalogues in), then its
 * columns say whether it holds series. Wide: a date column and one numeric column per series.
 * Long: a date column, a series-name column and one value column. The app (after the intake
 * worker), the forecast worker's callers and every CLI command use this.
 */
import type { Table } from 'apache-arrow';
import { parseDate } from '../clean/date.ts';
import { codeColumn, datesOf, numbersOf } from '../dashboard/columns.ts';
import { intake, bytesSource, type IntakeOptions, type IntakeProblem, type IntakeResult, type IntakeSource } from '../intake/intake.ts';
import { coreMessage } from '../messages.ts';
import { regularize, SeriesInputError, type SeriesSet } from './seriesSet.ts';

/** A column as intake describes it. */
export interface SeriesColumnInfo {
  /** Column name. */
  name: string;
  /** Inferred type. */
  type: string;
  /** Role. */
  role: string;
}

/** How a table holds series, or null when it is a catalogue of items. */
export type SeriesLayout = { kind: 'wide'; date: string; values: string[] } | { kind: 'long'; date: string; series: string; value: string } | null;

/** A table read as series: the set and the layout it was found in. */
export interface SeriesFile {
  /** The series on one regular grid, with notes on what was repaired. */
  set: SeriesSet;
  /** Wide or long, and which columns. */
  layout: NonNullable<SeriesLayout>;
}

const isNumeric = (c: SeriesColumnInfo) => c.type === 'number' || c.type === 'integer';

/** Decides whether the columns describe series: dates plus numbers, and no item text. */
export function detectSeriesLayout(columns: readonly SeriesColumnInfo[]): SeriesLayout {
  if (columns.some((c) => c.role === 'text')) return null;
  const date = columns.find((c) => c.role === 'date' || c.type === 'date');
  if (!date) return null;
  const numeric = columns.filter((c) => c !== date && isNumeric(c) && c.role !== 'id' && c.role !== 'year');
  const labels = columns.filter((c) => c !== date && !isNumeric(c) && c.type !== 'date' && c.role !== 'ignore' && c.role !== 'id');
  if (numeric.length === 1 && labels.length === 1) return { kind: 'long', date: date.name, series: labels[0]!.name, value: numeric[0]!.name };
  if (numeric.length >= 1 && labels.length === 0) return { kind: 'wide', date: date.name, values: numeric.map((c) => c.name) };
  return null;
}

/** Builds the SeriesSet of a table laid out as `layout` (repeated dates averaged, gaps kept as NaN). */
export function seriesSetFromTable(table: Table, layout: NonNullable<SeriesLayout>): SeriesSet {
  const dates = datesOf(table.getChild(layout.date)!);
  if (layout.kind === 'wide') {
    const columns = layout.values.map((name) => numbersOf(table.getChild(name)!));
    const rows: number[] = [];
    const values: number[][] = [];
    for (let i = 0; i < dates.length; i++) {
      if (!Number.isFinite(dates[i]!)) continue;
      rows.push(dates[i]!);
      values.push(columns.map((c) => c[i]!));
    }
    if (rows.length === 0) throw new SeriesInputError('No row has a date we could read, so there is nothing to forecast.');
    return regularize(rows, values, layout.values);
  }
  const coded = codeColumn(table.getChild(layout.series)!);
  const value = numbersOf(table.getChild(layout.value)!);
  const codes = coded.labels.kind === 'single' ? coded.labels.codes : new Int32Array(dates.length).fill(-1);
  const rows: number[] = [];
  const values: number[][] = [];
  // (date, series) pairs seen, to count real repeats: the long layout repeats each date once per series.
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i < dates.length; i++) {
    const code = codes[i]!;
    if (!Number.isFinite(dates[i]!) || code < 0) continue;
    const row = new Array<number>(coded.values.length).fill(Number.NaN);
    row[code] = value[i]!;
    rows.push(dates[i]!);
    values.push(row);
    const pair = `${dates[i]!}|${code}`;
    if (seen.has(pair)) repeats++;
    else seen.add(pair);
  }
  if (rows.length === 0) throw new SeriesInputError('No row has both a date and a series name, so there is nothing to forecast.');
  const set = regularize(rows, values, coded.values);
  // Only real repeats count as "repeated": one note for repeated (date, series) rows, none for dates.
  const notes = set.notes.filter((note) => note.code !== 'note.repeated-dates');
  if (repeats > 0) notes.unshift(coreMessage('note.repeated-rows', { n: repeats }));
  return { ...set, notes };
}

/** The series a table holds (as intake read it), or null when it is a catalogue of items. */
export function seriesFromIntake(result: { table: Table; columns: readonly SeriesColumnInfo[] }): SeriesFile | null {
  const layout = detectSeriesLayout(result.columns);
  return layout ? { set: seriesSetFromTable(result.table, layout), layout } : null;
}

/** Why an intake result does not read as series, as a sentence (the first unreadable date, or what is missing). */
export function whyNotSeries(result: Pick<IntakeResult, 'table' | 'columns'>): string {
  const text = result.columns.find((c) => c.role === 'text');
  if (text) return `Its column "${text.name}" holds item text: it is a catalogue, not series.`;
  const dated = result.columns.find((c) => c.role === 'date' || c.type === 'date');
  if (!dated) {
    // The first column is where a series file keeps its dates: say which cell is not one.
    const first = result.columns[0];
    const vector = first ? result.table.getChild(first.name) : null;
    for (let i = 0; vector && i < vector.length; i++) {
      const cell = vector.get(i);
      if (cell === null || cell === undefined) continue;
      const read = parseDate(String(cell));
      if (read && 'kind' in read) return `Row ${i + 2}: ${read.message}.`;
    }
    return 'No column holds dates (expected e.g. 2019-03-25).';
  }
  return 'Series need one column of numbers per series after the dates (or rows of date, series, value).';
}

/** Problems intake found in the date column of a series file (cells that are not real dates: the row is left out). */
export function dateProblems(result: Pick<IntakeResult, 'problems'>, file: SeriesFile): IntakeProblem[] {
  return result.problems.filter((p) => p.column === file.layout.date);
}

/** Reads a series file through intake; throws SeriesInputError (saying why) when it holds no series. */
export async function readSeriesFile(source: IntakeSource, options: IntakeOptions = {}): Promise<{ intake: IntakeResult; file: SeriesFile }> {
  const result = await intake(source, { ...options, requireText: false });
  const file = seriesFromIntake(result);
  if (!file) throw new SeriesInputError(whyNotSeries(result));
  return { intake: result, file };
}

/** The series set of a file's bytes (tests and benchmarks; the name is used in messages). */
export async function readSeriesBytes(bytes: Uint8Array, name = 'series.csv'): Promise<SeriesSet> {
  return (await readSeriesFile(bytesSource(bytes, name))).file.set;
}
