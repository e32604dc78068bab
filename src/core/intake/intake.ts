/**
 * Data intake: any supported file → one typed Arrow table, its schema (name, type, role), the
 * problems found (each with its line) and notes for the user. Pure: sources are async iterables
 * of bytes, so the same function runs in the intake worker (Blob streams) and in Node (files).
 */
import { Table, type Vector } from 'apache-arrow';
import { ByteColumn } from '../arrow/byteColumn.ts';
import { formatBytes, MAX_PROBLEMS_LISTED, parseCsv, readHead, type CsvOptions, type IntakeProblem, type ParseHooks } from '../csv/parseCsv.ts';
import type { TextEncodingName } from '../csv/encoding.ts';
import { detectFormat, type FileFormat } from './detect.ts';
import { IntakeError } from './errors.ts';
import { readArrowColumns, readParquetColumns, type ColumnarInput } from './columnar.ts';
import { deriveYearSeasonDate, typeColumn, type IntakeColumn, type TypingOptions } from './typeColumns.ts';
import type { ColumnRole, ColumnType, Hemisphere } from './cleanSeam.ts';

export type { IntakeColumn, IntakeProblem };

/** A file to read: its name, size when known, and its bytes as a stream of chunks. */
export interface IntakeSource {
  /** File name as the user sees it (used in messages and to recognise .xlsx). */
  name: string;
  /** Size in bytes, when known (for progress and buffer sizing). */
  size?: number;
  /** The bytes, chunk by chunk; called once. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** What the user can force instead of the guesses. */
export interface IntakeOptions {
  /** CSV delimiter (`,` `;` tab `|`). */
  delimiter?: string;
  /** Text encoding of a CSV. */
  encoding?: TextEncodingName;
  /** Whether a CSV's first row is a header. */
  header?: boolean;
  /** Hemisphere for seasons ('north' unless told). */
  hemisphere?: Hemisphere;
  /** Roles by column name. */
  roles?: Record<string, ColumnRole>;
  /** Types by column name. */
  types?: Record<string, ColumnType>;
  /** Rows kept in memory at most (see MAX_ROWS_DEFAULT). */
  maxRows?: number;
  /** Fail with 'no-text-column' when no column can be labelled (default true). */
  requireText?: boolean;
  /** Add the "file too large, rest not read" note when maxRows stops reading (default true; off for previews). */
  capNote?: boolean;
}

/** Counts that add up: rows + rejectedRows = records. */
export interface IntakeStats {
  /** The format read. */
  format: FileFormat;
  /** Bytes read from the source. */
  bytes: number;
  /** Data records in the file (header not counted, blank lines not counted). */
  records: number;
  /** Rows in the table. */
  rows: number;
  /** Records left out (ragged, unclosed quote), each with a problem. */
  rejectedRows: number;
  /** Cells that could not be read (left empty, row kept), each with a problem. */
  badCells: number;
  /** Blank lines skipped. */
  blankLines: number;
  /** Encoding of a CSV. */
  encoding?: TextEncodingName;
  /** Delimiter of a CSV. */
  delimiter?: string;
  /** Whether a CSV had a header row. */
  header?: boolean;
  /** True when the row cap stopped reading early (a note says so). */
  truncated: boolean;
  /** Milliseconds spent, split by phase. */
  timings: { parse: number; typing: number };
}

/** The outcome of reading a file. */
export interface IntakeResult {
  /** The typed table. */
  table: Table;
  /** One entry per table column, in order. */
  columns: IntakeColumn[];
  /** Rows left out and cells left empty, with line, column and reason (first MAX_PROBLEMS_LISTED). */
  problems: IntakeProblem[];
  /** Plain-language notes: guesses made, derived columns, no date column… */
  notes: string[];
  /** Counts and timings. */
  stats: IntakeStats;
}

/** A source over a Blob or File, read with `stream()` so the file is never held whole. */
export function blobSource(blob: Blob, name: string): IntakeSource {
  return {
    name,
    size: blob.size,
    chunks: () => streamChunks(blob.stream()),
  };
}

/** A source over bytes already in memory, cut into chunks like a stream would be. */
export function bytesSource(bytes: Uint8Array, name: string, chunkSize = 1 << 20): IntakeSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
    },
  };
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Reads any supported file into a typed Arrow table; throws IntakeError when it cannot be read at all. */
export async function intake(source: IntakeSource, options: IntakeOptions = {}, hooks: ParseHooks = {}): Promise<IntakeResult> {
  const started = now();
  const iterator = source.chunks()[Symbol.asyncIterator]();
  const { head, done } = await readHead(iterator);
  const format = detectFormat(head, source.name);
  const problems: IntakeProblem[] = [];
  let problemCount = 0;
  const addProblem = (problem: IntakeProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS_LISTED) problems.push(problem);
  };
  const notes: string[] = [];
  const typing: TypingOptions = { hemisphere: options.hemisphere, roles: options.roles, types: options.types };

  let input: ColumnarInput;
  let stats: Omit<IntakeStats, 'badCells' | 'timings'>;
  if (format === 'csv') {
    const csvOptions: CsvOptions = { delimiter: options.delimiter, encoding: options.encoding, header: options.header, maxRows: options.maxRows, capNote: options.capNote };
    const raw = await parseCsv(head, done, iterator, csvOptions, hooks, source.size);
    raw.problems.forEach(addProblem);
    notes.push(...raw.notes);
    typing.delimiter = raw.delimiter;
    if (raw.names.length === 0) throw new IntakeError('empty-file', 'This file has no rows: it holds only blank lines or spaces.');
    if (raw.records === 0) {
      throw new IntakeError('header-only', `This file has column names (${raw.names.slice(0, 6).join(', ')}${raw.names.length > 6 ? '…' : ''}) but no rows below them. Export the catalogue again with its rows.`);
    }
    input = { names: raw.names, columns: raw.columns.map((column) => ({ kind: 'bytes' as const, column })), lines: raw.lines, rows: raw.rows };
    stats = {
      format,
      bytes: raw.bytesRead,
      records: raw.records,
      rows: raw.rows,
      rejectedRows: raw.rejected,
      blankLines: raw.blankLines,
      encoding: raw.encoding.encoding,
      delimiter: raw.delimiter,
      header: raw.header,
      truncated: raw.truncated,
    };
  } else {
    const bytes = await readAll(head, done, iterator, hooks, source.size);
    input = format === 'parquet' ? await readParquetColumns(bytes) : readArrowColumns(bytes, format);
    if (input.rows === 0) throw new IntakeError('header-only', `This file has columns (${input.names.slice(0, 6).join(', ')}) but no rows.`);
    stats = { format, bytes: bytes.length, records: input.rows, rows: input.rows, rejectedRows: 0, blankLines: 0, truncated: false };
    hooks.onProgress?.(bytes.length, input.rows);
  }
  const parsed = now();

  // Type column by column, dropping each raw column as soon as it is converted to free memory.
  const vectors: Record<string, Vector> = {};
  const columns: IntakeColumn[] = [];
  let badCells = 0;
  const cellProblem = (problem: IntakeProblem) => {
    badCells++;
    addProblem(problem);
  };
  const rawByName = new Map<string, ByteColumn>();
  for (let c = 0; c < input.names.length; c++) {
    hooks.throwIfCancelled?.();
    const name = input.names[c]!;
    const column = input.columns[c]!;
    if (column.kind === 'vector') {
      vectors[name] = column.vector;
      columns.push({ name, type: column.type, role: options.roles?.[name] ?? column.role, arrowType: String(column.vector.type), missing: column.vector.nullCount });
      continue;
    }
    if (column.kind === 'done') continue;
    const typed = typeColumn(name, column.column, input.lines, typing, cellProblem);
    vectors[name] = typed.vector;
    columns.push(typed.info);
    if (typed.info.role === 'year' || typed.info.role === 'season') rawByName.set(name, column.column);
    input.columns[c] = { kind: 'done' };
  }

  addDerivedDate(columns, vectors, rawByName, input.lines, options.hemisphere ?? 'north', cellProblem, notes);
  if (!columns.some((column) => column.role === 'date')) {
    notes.push('No date column was found, so trends over time and forecasts are not possible with this file. Labelling items still works.');
  }
  let labellable = columns.some((column) => column.role === 'text' || column.type === 'text');
  if (!labellable) labellable = promoteTextColumn(columns, vectors, notes);
  if (!labellable && options.requireText === false) {
    notes.push('No column describes the items in words (such as a product name or description), so items cannot be labelled; numeric series can still be charted.');
  } else if (!labellable) {
    throw new IntakeError(
      'no-text-column',
      `This file has no column describing the items in words (such as a product name or description), so Trendloom cannot label them. Columns found: ${columns.map((c) => c.name).slice(0, 8).join(', ')}${columns.length > 8 ? '…' : ''}. Add a column with each item's name or description and try again.`,
    );
  }
  if (problemCount > problems.length && !notes.some((note) => note.includes('problems were found'))) {
    notes.push(`${problemCount.toLocaleString('en-US')} problems were found; the first ${problems.length.toLocaleString('en-US')} are listed.`);
  }
  if (stats.rejectedRows > 0) notes.push(`${stats.rejectedRows.toLocaleString('en-US')} of ${stats.records.toLocaleString('en-US')} rows could not be read and were left out; each is listed under problems with its line.`);
  problems.sort((a, b) => a.line - b.line);
  const table = new Table(vectors);
  const finished = now();
  return {
    table,
    columns,
    problems,
    notes,
    stats: { ...stats, badCells, timings: { parse: parsed - started, typing: finished - parsed } },
  };
}

// A catalogue with `year` + `season` instead of a date (the shared Myntra styles.csv) gets a
// date column at each season's representative day, so trends and forecasts still work.
function addDerivedDate(
  columns: IntakeColumn[],
  vectors: Record<string, Vector>,
  raw: Map<string, ByteColumn>,
  lines: Int32Array,
  hemisphere: Hemisphere,
  problems: (problem: IntakeProblem) => void,
  notes: string[],
): void {
  if (columns.some((column) => column.role === 'date')) return;
  const year = columns.find((column) => column.role === 'year' && raw.has(column.name));
  const season = columns.find((column) => column.role === 'season' && raw.has(column.name));
  if (!year) return;
  let name = season ? `date (${year.name} + ${season.name})` : `date (${year.name})`;
  while (name in vectors) name += '′';
  const seasonColumn = season ? raw.get(season.name)! : emptyColumn(raw.get(year.name)!.count);
  const vector = deriveYearSeasonDate(raw.get(year.name)!, seasonColumn, season?.name ?? year.name, lines, hemisphere, problems);
  vectors[name] = vector;
  columns.push({ name, type: 'date', role: 'date', arrowType: String(vector.type), missing: vector.nullCount, derived: true });
  notes.push(season
    ? `There is no date column, so dates were made from "${year.name}" and "${season.name}": each row is placed in the middle of its season (${hemisphere === 'north' ? 'northern' : 'southern'} hemisphere), e.g. Summer 2012 → 15 July 2012.`
    : `There is no date column, so dates were made from "${year.name}" alone (1 January of each year).`);
}

// Small files can make item names look like categories (every short name is a "category" of
// one). When no column is text, the mostly-distinct category column of multi-word phrases is the
// best candidate for item text; the note tells the user, who can change it in the mapping step.
function promoteTextColumn(columns: IntakeColumn[], vectors: Record<string, Vector>, notes: string[]): boolean {
  let best: { column: IntakeColumn; score: number } | null = null;
  for (const column of columns) {
    if (column.type !== 'category' || (column.role !== 'category' && column.role !== 'label')) continue;
    const vector = vectors[column.name]!;
    const present = vector.length - vector.nullCount;
    const dictionary = vector.data[0]?.dictionary;
    if (!dictionary || present === 0 || dictionary.length < present * 0.8) continue;
    let words = 0;
    for (let i = 0; i < dictionary.length; i++) words += String(dictionary.get(i)).trim().split(/\s+/).length;
    const score = words / dictionary.length;
    if (score >= 2 && (!best || score > best.score)) best = { column, score };
  }
  if (!best) return false;
  best.column.role = 'text';
  notes.push(`"${best.column.name}" is used as the item text (its values are mostly distinct phrases). Change this in the mapping step if another column describes the items better.`);
  return true;
}

function emptyColumn(count: number): ByteColumn {
  const column = new ByteColumn(count, 16);
  for (let i = 0; i < count; i++) column.appendString(null);
  return column;
}

async function readAll(head: Uint8Array, done: boolean, iterator: AsyncIterator<Uint8Array>, hooks: ParseHooks, size?: number): Promise<Uint8Array> {
  if (done) return head;
  const parts = [head];
  let length = head.length;
  for (;;) {
    hooks.throwIfCancelled?.();
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
    hooks.onProgress?.(length, 0);
  }
  if (size !== undefined && length !== size) throw new IntakeError('unreadable-arrow', `The file was cut short while reading (${formatBytes(length)} of ${formatBytes(size)}).`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
