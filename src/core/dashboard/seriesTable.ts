/**
 * Files that already hold trend series (as analysts export them) → a SeriesSet for the forecast
 * views, without a labelling step. Wide: a date column and one numeric column per series.
 * Long: a date column, a series-name column and one value column.
 */
import type { Table } from 'apache-arrow';
import { regularize, type SeriesSet } from '../aggregate/seriesSet.ts';
import { codeColumn, datesOf, numbersOf } from './columns.ts';

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
    if (rows.length === 0) throw new Error('No row has a date we could read, so there is nothing to forecast.');
    return regularize(rows, values, layout.values);
  }
  const coded = codeColumn(table.getChild(layout.series)!);
  const value = numbersOf(table.getChild(layout.value)!);
  const codes = coded.labels.kind === 'single' ? coded.labels.codes : new Int32Array(dates.length).fill(-1);
  const rows: number[] = [];
  const values: number[][] = [];
  for (let i = 0; i < dates.length; i++) {
    const code = codes[i]!;
    if (!Number.isFinite(dates[i]!) || code < 0) continue;
    const row = new Array<number>(coded.values.length).fill(Number.NaN);
    row[code] = value[i]!;
    rows.push(dates[i]!);
    values.push(row);
  }
  if (rows.length === 0) throw new Error('No row has both a date and a series name, so there is nothing to forecast.');
  return regularize(rows, values, coded.values);
}
