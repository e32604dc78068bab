/**
 * Guesses how a CSV file is laid out from its first bytes: which delimiter separates fields and
 * whether the first record is a header. Both guesses can be overridden by the user.
 */
import { CsvScanner, copyField } from './scanner.ts';

/** Delimiters Trendloom recognises, in order of preference when the evidence ties. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** One of the recognised delimiters. */
export type Delimiter = (typeof DELIMITERS)[number];

const utf8 = new TextDecoder('utf-8');

/** Decodes the first `maxRecords` records of a UTF-8 sample into strings (for sniffing and previews). */
export function sampleRecords(sample: Uint8Array, delimiter: string, maxRecords: number, complete: boolean): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let scratch = new Uint8Array(256);
  const scanner = new CsvScanner(delimiter.charCodeAt(0), (bytes, starts, ends, flags, count, line) => {
    if (rows.length >= maxRecords) return;
    const row: string[] = [];
    for (let k = 0; k < count; k++) {
      const length = ends[k]! - starts[k]!;
      if (scratch.length < length) scratch = new Uint8Array(length * 2);
      const end = copyField(bytes, starts[k]!, ends[k]!, flags[k]!, scratch, 0);
      row.push(utf8.decode(scratch.subarray(0, end)));
    }
    rows.push(row);
    lines.push(line);
  });
  scanner.push(sample);
  if (complete) scanner.end();
  return { rows, lines };
}

function isBlank(row: string[]): boolean {
  return row.length === 1 && row[0] === '';
}

/**
 * Picks the delimiter whose field count is the same on the most records (quotes respected),
 * preferring more fields, then the order of DELIMITERS. `confident` is false when no candidate
 * splits the records at all (a one-column file).
 */
export function sniffDelimiter(sample: Uint8Array, complete: boolean): { delimiter: Delimiter; confident: boolean } {
  let best: { delimiter: Delimiter; consistency: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    let records = 0;
    const scanner = new CsvScanner(delimiter.charCodeAt(0), (_b, starts, ends, _f, count) => {
      if (records >= 200) return;
      if (count === 1 && starts[0] === ends[0]) return; // blank line
      counts.set(count, (counts.get(count) ?? 0) + 1);
      records++;
    });
    scanner.push(sample);
    if (complete) scanner.end();
    if (records === 0) continue;
    let modeCount = 0;
    let modeFields = 1;
    for (const [fields, times] of counts) {
      if (times > modeCount || (times === modeCount && fields > modeFields)) {
        modeCount = times;
        modeFields = fields;
      }
    }
    if (modeFields < 2) continue;
    const consistency = modeCount / records;
    if (
      !best ||
      consistency > best.consistency + 1e-9 ||
      (Math.abs(consistency - best.consistency) <= 1e-9 && modeFields > best.fields)
    ) {
      best = { delimiter, consistency, fields: modeFields };
    }
  }
  return best ? { delimiter: best.delimiter, confident: true } : { delimiter: ',', confident: false };
}

/** What a cell looks like, for header detection. */
type CellKind = 'empty' | 'number' | 'date' | 'text';

const NUMBER_LIKE = /^[-+]?[$€£¥]?\s*(\d[\d,. ]*|\.\d+)([eE][-+]?\d+)?\s*%?$/;
const DATE_LIKE = /^(\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}\s*[Qq][1-4]|(SS|AW|FW|SU|FA|WI|SP)\s*'?\d{2,4})([ T].*)?$/i;

function cellKind(cell: string): CellKind {
  const value = cell.trim();
  if (value === '') return 'empty';
  if (DATE_LIKE.test(value)) return 'date';
  if (NUMBER_LIKE.test(value)) return 'number';
  return 'text';
}

/**
 * Whether the first record is a header. A column whose first cell is text while the cells below
 * are numbers or dates votes "header"; a first cell of the same non-text kind as the cells below
 * votes "data". With no votes (all-text columns) the first record is a header when its cells are
 * distinct, non-empty and do not appear again below it: catalogues nearly always have a header.
 */
export function detectHeader(rows: string[][]): boolean {
  const records = rows.filter((row) => !isBlank(row));
  if (records.length < 2) return true;
  const first = records[0]!;
  const rest = records.slice(1, 60);
  let votes = 0;
  for (let c = 0; c < first.length; c++) {
    const below = rest.map((row) => row[c] ?? '').map(cellKind).filter((kind) => kind !== 'empty');
    if (below.length === 0) continue;
    const typed = below.filter((kind) => kind !== 'text').length;
    const majority: CellKind = typed * 2 > below.length ? (below.filter((k) => k === 'date').length * 2 > below.length ? 'date' : 'number') : 'text';
    const head = cellKind(first[c]!);
    if (head === 'text' && majority !== 'text') votes++;
    else if (head !== 'text' && head !== 'empty' && majority !== 'text') votes--;
  }
  if (votes !== 0) return votes > 0;
  const names = first.map((cell) => cell.trim());
  if (names.some((name) => name === '')) return names.filter((name) => name !== '').length > names.length / 2;
  if (new Set(names).size !== names.length) return false;
  for (let c = 0; c < names.length; c++) {
    if (rest.some((row) => (row[c] ?? '').trim() === names[c])) return false;
  }
  return true;
}
