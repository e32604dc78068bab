/**
 * CSV text held whole in memory ↔ rows of strings: a small RFC 4180 splitter (quoted fields,
 * doubled quotes, CRLF/LF, BOM) and the matching writer. For reading back what the CLI writes (tests,
 * benchmarks) and the fine-tuning files; files the user opens go through intake (src/core/intake).
 */
import { csvField } from './field.ts';

/** A CSV file as header + rows of strings. */
export interface CsvRows {
  /** Column names from the first line. */
  columns: string[];
  /** Each data row's cells, one per column (missing cells are ''). */
  rows: string[][];
}

/** Splits CSV text into records of cells (RFC 4180: quotes, doubled quotes, CRLF), fields separated by `delimiter` (default ','); blank lines are skipped. */
export function splitCsvText(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first header
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

/** Parses CSV text (first line = header; comma-separated unless `options.delimiter` says otherwise); rows are padded or cut to the header's width. */
export function readCsvRows(text: string, options: { delimiter?: string } = {}): CsvRows {
  const [columns = [], ...records] = splitCsvText(text, options.delimiter);
  const rows = records.map((r) => (r.length >= columns.length ? r.slice(0, columns.length) : [...r, ...Array<string>(columns.length - r.length).fill('')]));
  return { columns, rows };
}

/** Writes header + rows as CSV text (LF line ends, fields quoted when needed). */
export function writeCsvRows({ columns, rows }: CsvRows): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
