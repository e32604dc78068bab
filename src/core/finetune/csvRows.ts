/**
 * Header + rows over the small RFC 4180 splitter of src/core/aggregate (quoted fields, doubled
 * quotes, CRLF/LF, BOM), and the matching writer, for the fine-tuning tests and bench.
 */
import { readCsvRows as readCsvRecords } from '../aggregate/seriesSet.ts';
import { csvField } from '../csv/field.ts';

/** A CSV file as header + rows of strings. */
export interface CsvRows {
  /** Column names from the first line. */
  columns: string[];
  /** Each data row's cells, one per column (missing cells are ''). */
  rows: string[][];
}

/** Parses CSV text (first line = header; comma-separated unless `options.delimiter` says otherwise); rows are padded or cut to the header's width. */
export function readCsvRows(text: string, options: { delimiter?: string } = {}): CsvRows {
  const [columns = [], ...records] = readCsvRecords(text, options.delimiter);
  const rows = records.map((r) => (r.length >= columns.length ? r.slice(0, columns.length) : [...r, ...Array<string>(columns.length - r.length).fill('')]));
  return { columns, rows };
}


/** Writes header + rows as CSV text (LF line ends, fields quoted when needed). */
export function writeCsvRows({ columns, rows }: CsvRows): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
