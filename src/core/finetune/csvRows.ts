/**
 * A small RFC 4180 CSV reader/writer for the fine-tuning CLI and bench (quoted fields, doubled
 * quotes, CRLF/LF, BOM). Kept behind `readCsvRows` so it can be swapped for the intake reader.
 */

/** A CSV file as header + rows of strings. */
export interface CsvRows {
  /** Column names from the first line. */
  columns: string[];
  /** Each data row's cells, one per column (missing cells are ''). */
  rows: string[][];
}

/** Parses CSV text (comma-separated, first line = header). */
export function readCsvRows(text: string): CsvRows {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const columns = nonEmpty.shift() ?? [];
  const rows = nonEmpty.map((r) => (r.length >= columns.length ? r.slice(0, columns.length) : [...r, ...Array<string>(columns.length - r.length).fill('')]));
  return { columns, rows };
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes header + rows as CSV text (LF line ends, fields quoted when needed). */
export function writeCsvRows({ columns, rows }: CsvRows): string {
  return [columns, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
