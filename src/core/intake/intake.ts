/**
 * Data intake: any supported file → one typed Arrow table, its schema (name, type, role), the
 * problems found (each with its line) and notes for the user. Pure: sources are async iterables
 * of bytes, so the same function runs in the intake worker (Blob streams) and in Node (files).
 */
import { Table, type Vector } from 'apache-arrow';
import type { CellColumn } from '../arrow/dictColumn.ts';
import { releaseUnless } from '../arrow/ipc.ts';
import { formatBytes } from '../bytes.ts';
import { concatBytes, MAX_COLUMNS, MAX_PROBLEMS_LISTED, parseCsv, readHead, tooManyColumns, type CsvOptions, type IntakeProblem, type ParseHooks } from '../csv/parseCsv.ts';
import type { TextEncodingName } from '../csv/encoding.ts';
import { detectFormat, type FileFormat } from './detect.ts';
import { IntakeError } from './errors.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';
import { readArrowColumns, readParquetColumns, type ColumnarInput } from './columnar.ts';
import { convertColumn, deriveYearSeasonDate, sampleColumn, type IntakeColumn } from './typeColumns.ts';
import {
  forcedInference,
  guessRoles,
  inferColumnType,
  typedInference,
  type ColumnInference,
  type ColumnRole,
  type ColumnType,
  type Hemisphere,
} from './cleanSeam.ts';
import type { TimeSource } from '../clean/index.ts';
import { hasOwnName, nameRecord, ownValue } from '../nameRecord.ts';
import { pushAll } from '../extent.ts';

export type { IntakeColumn, IntakeProblem };

/** A file to read: its name, size when known, and its bytes as a stream of chunks. */
export interface IntakeSource {
  /** File name as the user sees it (used in messages and to recognise .xlsx). */
  name: string;
  /** Size in bytes, when known (for progress and buffer sizing). */
  size?: number;
  /** The bytes, chunk by chunk; called once. */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * True when a chunk's memory is reused for later chunks: a chunk then stays valid only until
   * `next()` has been called twice more (the CSV parser asks for one chunk ahead and is done with
   * a chunk before asking for the next); whoever keeps chunks longer copies them.
   */
  reusesChunks?: boolean;
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
  /** Roles by column name (only the record's own keys count, so any column name is safe). */
  roles?: Record<string, ColumnRole>;
  /** Types by column name (only the record's own keys count, so any column name is safe). */
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
  /** Cells that could not be read (left empty, or kept with U+FFFD for bytes that are not UTF-8; row kept), each with a problem. */
  badCells: number;
  /** Of badCells, the cells kept with bytes that are not UTF-8 text (shown as U+FFFD) in a file read as UTF-8. */
  notUtf8Cells: number;
  /** Problems found in all: rejectedRows + badCells (the problems list holds the first MAX_PROBLEMS_LISTED). */
  problems: number;
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
  /**
   * Milliseconds spent: reading + splitting, typing (= inferring types and roles + converting
   * cells), and IPC encoding when a worker did it; `parts`: 2 when a CSV was read in two parts at
   * once, then `splitWait` (waiting for the second part) and `splitMerge` (appending it), part of `parse`.
   */
  timings: { parse: number; typing: number; infer: number; convert: number; encode?: number; parts?: number; splitWait?: number; splitMerge?: number };
}

/** The outcome of reading a file. */
export interface IntakeResult {
  /** The typed table. */
  table: Table;
  /** One entry per table column, in order. */
  columns: IntakeColumn[];
  /** Rows left out and cells left empty, with line, column and reason (first MAX_PROBLEMS_LISTED). */
  problems: IntakeProblem[];
  /** Notes for the user (guesses made, derived columns, no date column…), as message codes and parameters: the page words them in its language, the CLI in English (`englishText`). */
  notes: CoreMessage[];
  /** The column that dates the rows (a date column, or one derived from year + season), or null. */
  dateColumn: string | null;
  /** Counts and timings. */
  stats: IntakeStats;
}

/**
 * A source over a Blob or File, read with `stream()` so the file is never held whole. Where the
 * stream is a byte stream (Chromium, Node), chunks are read into a small ring of reused buffers
 * (`reusesChunks`): writing into fresh memory costs more than the reading itself on small VMs.
 */
export function blobSource(blob: Blob, name: string): IntakeSource {
  return {
    name,
    size: blob.size,
    reusesChunks: true,
    chunks: () => byteStreamChunks(blob.stream()),
  };
}

const RING_BUFFERS = 3;
const RING_BUFFER_BYTES = 1 << 20;

/** Chunks of a byte stream read into RING_BUFFERS reused buffers; a plain stream's own chunks otherwise. */
export async function* byteStreamChunks(stream: ReadableStream<Uint8Array>, bufferBytes = RING_BUFFER_BYTES): AsyncIterable<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    yield* streamChunks(stream);
    return;
  }
  // A buffer handed to read() is transferred and comes back as the result's buffer (same memory).
  const ring: ArrayBuffer[] = Array.from({ length: RING_BUFFERS }, () => new ArrayBuffer(bufferBytes));
  let k = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(ring[k]!));
      if (done || !value) return;
      ring[k] = value.buffer as ArrayBuffer;
      k = (k + 1) % RING_BUFFERS;
      if (value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
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

// Raw columns smaller than this are left to the garbage collector instead of being released at once.
const RELEASE_MIN_BYTES = 64 * 1024;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Reads any supported file into a typed Arrow table; throws IntakeError when it cannot be read at all. */
export async function intake(source: IntakeSource, options: IntakeOptions = {}, hooks: ParseHooks = {}): Promise<IntakeResult> {
  const started = now();
  const iterator = source.chunks()[Symbol.asyncIterator]();
  const { head, done } = await readHead(iterator);
  const format = detectFormat(head, source.name);
  const problems: IntakeProblem[] = [];
  const addProblem = (problem: IntakeProblem) => {
    if (problems.length < MAX_PROBLEMS_LISTED) problems.push(problem);
  };
  const notes: CoreMessage[] = [];
  const note = (message: CoreMessage) => notes.push(message);
  const typing: { delimiter?: string } = {};

  let input: ColumnarInput;
  let stats: Omit<IntakeStats, 'badCells' | 'notUtf8Cells' | 'problems' | 'timings'>;
  let parts: { parts: number; splitWait?: number; splitMerge?: number } = { parts: 1 };
  // Cells kept with bytes that are not UTF-8 text (each already a problem from the CSV reader).
  let textCells = 0;
  if (format === 'csv') {
    const csvOptions: CsvOptions = { delimiter: options.delimiter, encoding: options.encoding, header: options.header, maxRows: options.maxRows, capNote: options.capNote };
    const raw = await parseCsv(head, done, iterator, csvOptions, hooks, source.size);
    if (raw.split) parts = { parts: 2, splitWait: raw.split.wait, splitMerge: raw.split.merge };
    raw.problems.forEach(addProblem);
    textCells = raw.badTextCells;
    pushAll(notes, raw.notes);
    typing.delimiter = raw.delimiter;
    if (raw.names.length === 0 || raw.onlySpaces) throw new IntakeError('empty-file', coreMessage('file.blank'));
    if (raw.records === 0 && !raw.truncated) {
      throw new IntakeError('header-only', coreMessage('file.header-only', { columns: `${raw.names.slice(0, 6).join(', ')}${raw.names.length > 6 ? '…' : ''}` }));
    }
    input = { names: raw.names, columns: raw.columns.map((column) => ({ kind: 'bytes' as const, column })), lines: raw.lines, rows: raw.rows };
    // From here `input` owns the raw columns; each is released as soon as it is converted.
    raw.columns = [];
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
    const bytes = await readAll(head, done, iterator, hooks, source.size, source.reusesChunks === true);
    input = format === 'parquet' ? await readParquetColumns(bytes) : readArrowColumns(bytes, format);
    if (input.rows === 0) throw new IntakeError('header-only', coreMessage('file.columns-no-rows', { columns: input.names.slice(0, 6).join(', ') }));
    stats = { format, bytes: bytes.length, records: input.rows, rows: input.rows, rejectedRows: 0, blankLines: 0, truncated: false };
    hooks.onProgress?.(bytes.length, input.rows);
  }
  if (input.names.length > MAX_COLUMNS) throw tooManyColumns(input.names.length);
  const parsed = now();

  // 1. Infer each column's type from a sample (the cleaning library), 2. guess roles over all
  // columns, 3. convert column by column, dropping each raw column once converted.
  const hemisphere = options.hemisphere ?? 'north';
  const inferred = input.names.map((name, c) => {
    const column = input.columns[c]!;
    if (column.kind === 'vector') return { name, samples: column.samples, inference: typedInference(column.type, column.samples, input.rows, column.integral) };
    const samples = column.kind === 'bytes' ? sampleColumn(column.column) : [];
    let inference = inferColumnType({ name, samples, totalCount: input.rows }, { hemisphere, notLabelSeparators: typing.delimiter ? [typing.delimiter] : [] });
    const forced = ownValue(options.types, name);
    if (forced) inference = forcedInference(inference, forced, name, samples, hemisphere);
    return { name, samples, inference };
  });
  const mapping = guessRoles(inferred);
  const inferredAt = now();
  const guesses = mapping.columns.map((guess) => ({ ...guess, role: ownValue(options.roles, guess.column) ?? guess.role }));
  const time = options.roles ? timeFromRoles(guesses, inferred) : mapping.time;
  const keepRaw = new Set(time.kind === 'year-season' ? [time.year, time.season] : time.kind === 'year' ? [time.column] : []);

  // Keyed by the file's column names: no prototype, so a column named '__proto__' is a column.
  const vectors = nameRecord<Vector>();
  const columns: IntakeColumn[] = [];
  let badCells = textCells;
  const cellProblem = (problem: IntakeProblem) => {
    badCells++;
    addProblem(problem);
  };
  const rawByName = new Map<string, CellColumn>();
  for (let c = 0; c < input.names.length; c++) {
    hooks.throwIfCancelled?.();
    const name = input.names[c]!;
    const column = input.columns[c]!;
    const { inference } = inferred[c]!;
    const guess = guesses[c]!;
    let vector: Vector;
    let type = inference.type;
    if (column.kind === 'vector') vector = column.vector;
    else if (column.kind === 'bytes') {
      ({ vector, type } = convertColumn(name, column.column, inference, input.lines, cellProblem, !keepRaw.has(name)));
      if (keepRaw.has(name)) rawByName.set(name, column.column);
      // Free the raw cells now (not at some later garbage collection) unless the vector reuses them.
      else {
        // Detaching a buffer has a fixed cost (a structured clone where ArrayBuffer.transfer is
        // missing): worth it for big columns, not for the many tiny ones of a very wide file.
        const buffers = column.column.buffers();
        if (buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0) >= RELEASE_MIN_BYTES) releaseUnless(buffers, vector);
      }
      input.columns[c] = { kind: 'done' };
    } else continue;
    vectors[name] = vector;
    columns.push({
      name,
      type,
      role: guess.role,
      arrowType: String(vector.type),
      missing: vector.nullCount,
      typeReason: inference.reason,
      roleReason: guess.reason,
      roleConfidence: guess.confidence,
    });
    for (const message of inference.notes) note(coreMessage('note.column', { column: name, note: message }));
  }

  const dateColumn = addDerivedDate(time, columns, vectors, rawByName, input.lines, hemisphere, cellProblem, note);
  const labellable = columns.some((column) => column.role === 'text');
  const anyWords = columns.some((column) => column.type === 'text' || column.type === 'category' || column.type === 'multi-label');
  if (!labellable && options.requireText !== false && !anyWords) {
    throw new IntakeError('no-text-column', coreMessage('file.no-text-column', { columns: `${columns.map((c) => c.name).slice(0, 8).join(', ')}${columns.length > 8 ? '…' : ''}` }));
  }
  if (!labellable) note(coreMessage(anyWords ? 'note.no-text-column' : 'note.no-words'));
  if (!dateColumn) note(coreMessage('note.no-date'));
  // Every left-out row and every emptied cell is one problem; the CSV reader lists at most
  // MAX_PROBLEMS_LISTED of its own, so the total comes from the counts, not from the list.
  const problemTotal = stats.rejectedRows + badCells;
  const listedNote = notes.findIndex((message) => message.code === 'note.problems-listed');
  if (listedNote >= 0) notes.splice(listedNote, 1);
  if (problemTotal > problems.length) note(coreMessage('note.problems-listed', { count: problemTotal.toLocaleString('en-US'), listed: problems.length.toLocaleString('en-US') }));
  if (stats.rejectedRows > 0) note(coreMessage('note.rows-left-out', { rejected: stats.rejectedRows.toLocaleString('en-US'), records: stats.records.toLocaleString('en-US') }));
  problems.sort((a, b) => a.line - b.line);
  const table = new Table(vectors);
  const finished = now();
  return {
    table,
    columns,
    problems,
    notes,
    dateColumn,
    stats: { ...stats, badCells, notUtf8Cells: textCells, problems: problemTotal, timings: { parse: parsed - started, typing: finished - parsed, infer: inferredAt - parsed, convert: finished - inferredAt, ...parts } },
  };
}

// A catalogue with `year` + `season` instead of a date (the shared Myntra styles.csv) gets a
// date column at each season's representative day, so trends and forecasts still work.
// Returns the name of the column that dates the rows, or null.
function addDerivedDate(
  time: TimeSource,
  columns: IntakeColumn[],
  vectors: Record<string, Vector>,
  raw: Map<string, CellColumn>,
  lines: Int32Array,
  hemisphere: Hemisphere,
  problems: (problem: IntakeProblem) => void,
  note: (message: CoreMessage) => void,
): string | null {
  if (time.kind === 'none') return null;
  if (time.kind === 'date') return time.column;
  const yearName = time.kind === 'year-season' ? time.year : time.column;
  const seasonName = time.kind === 'year-season' ? time.season : null;
  const year = raw.get(yearName);
  if (!year) {
    // A year column read from Arrow/Parquet, or already typed as a date: it dates the rows itself.
    return columns.find((column) => column.name === yearName && column.type === 'date') ? yearName : null;
  }
  let name = seasonName ? `date (${yearName} + ${seasonName})` : `date (${yearName})`;
  while (hasOwnName(vectors, name)) name += '′';
  const vector = deriveYearSeasonDate(year, seasonName ? raw.get(seasonName) ?? null : null, seasonName ?? yearName, lines, hemisphere, problems);
  vectors[name] = vector;
  columns.push({ name, type: 'date', role: 'date', arrowType: String(vector.type), missing: vector.nullCount, derived: true, typeReason: 'made by Trendloom', roleReason: seasonName ? `made from '${yearName}' and '${seasonName}'` : `made from '${yearName}'` });
  note(seasonName
    ? coreMessage('note.derived-date-season', { year: yearName, season: seasonName, hemisphere: coreMessage(hemisphere === 'north' ? 'hemisphere.north' : 'hemisphere.south') })
    : coreMessage('note.derived-date-year', { year: yearName }));
  return name;
}

// Where time comes from once the user changed roles: the first date column, else year + season, else year.
function timeFromRoles(guesses: { column: string; role: string }[], inferred: { name: string; inference: ColumnInference }[]): TimeSource {
  const withRole = (role: string) => guesses.find((guess) => guess.role === role)?.column;
  const date = withRole('date');
  if (date !== undefined && inferred.find((c) => c.name === date)?.inference.type === 'date') return { kind: 'date', column: date };
  const year = withRole('year');
  const season = withRole('season');
  if (year !== undefined && season !== undefined) return { kind: 'year-season', year, season };
  if (year !== undefined) return { kind: 'year', column: year };
  return { kind: 'none' };
}

async function readAll(head: Uint8Array, done: boolean, iterator: AsyncIterator<Uint8Array>, hooks: ParseHooks, size: number | undefined, copy: boolean): Promise<Uint8Array> {
  if (done) return head;
  // Every chunk is kept to the end here, so chunks whose memory the source reuses are copied.
  const parts = [copy ? head.slice() : head];
  let length = head.length;
  for (;;) {
    hooks.throwIfCancelled?.();
    const next = await iterator.next();
    if (next.done) break;
    parts.push(copy ? next.value.slice() : next.value);
    length += next.value.length;
    hooks.onProgress?.(length, 0);
  }
  if (size !== undefined && length !== size) throw new IntakeError('unreadable-arrow', coreMessage('file.cut-short', { read: formatBytes(length), size: formatBytes(size) }));
  return concatBytes(parts, length);
}
