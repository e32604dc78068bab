/** The labelled items as CSV for spreadsheets: the file's columns and the model's, row by row, in parts. Pure. */
import type { Table, Vector } from 'apache-arrow';
import { spreadsheetField } from '../csv/field.ts';

/** Rows written per part (one string each), so a million items never become one huge string. */
export const ITEMS_CSV_ROWS_PER_PART = 5000;

/** One cell as text: dates as ISO days (or instants with a time), lists joined with '|', numbers as written, null empty. */
export function itemCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoOf(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'toArray' in (value as object)) return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), itemCellText).join('|');
  return String(value);
}

/** A date column's epoch milliseconds as "YYYY-MM-DD", or a full ISO instant when it has a time of day. */
function isoOf(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * The CSV of `columns` for the rows `rows` (all rows when absent), as parts of at most
 * `rowsPerPart` rows: the header first. Cells a spreadsheet would run as formulas are neutralised;
 * `dateColumns` hold epoch milliseconds written as ISO dates.
 */
export function* itemsCsvParts(table: Table, columns: readonly string[], options: { rows?: ArrayLike<number>; dateColumns?: ReadonlySet<string>; rowsPerPart?: number } = {}): Generator<string> {
  const vectors: (Vector | null)[] = columns.map((c) => table.getChild(c));
  const dates = columns.map((c) => options.dateColumns?.has(c) ?? false);
  yield columns.map(spreadsheetField).join(',') + '\n';
  const count = options.rows ? options.rows.length : table.numRows;
  const perPart = Math.max(1, options.rowsPerPart ?? ITEMS_CSV_ROWS_PER_PART);
  for (let start = 0; start < count; start += perPart) {
    const lines: string[] = [];
    for (let k = start; k < Math.min(count, start + perPart); k++) {
      const row = options.rows ? options.rows[k]! : k;
      lines.push(
        vectors
          .map((vector, c) => {
            const value: unknown = vector?.get(row);
            return spreadsheetField(dates[c] && typeof value === 'number' && Number.isFinite(value) ? isoOf(value) : itemCellText(value));
          })
          .join(','),
      );
    }
    yield lines.join('\n') + '\n';
  }
}
