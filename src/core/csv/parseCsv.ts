/**
 * Streams CSV bytes into raw columns: encoding detection, delimiter sniffing and header detection
 * on the first 64 KB, then one pass of the byte scanner that copies each field of a well-formed
 * record into its column. Ragged records and an unclosed quote go to the problems list with their
 * line, so rows kept + rows rejected = records in the file.
 */
import { ByteColumn } from '../arrow/byteColumn.ts';
import { DictColumn } from '../arrow/dictColumn.ts';
import { createTranscoder, detectEncoding, type EncodingGuess, type TextEncodingName } from './encoding.ts';
import { CsvScanner, copyField } from './scanner.ts';
import { detectHeader, sampleRecords, sniffDelimiter, type Delimiter } from './sniff.ts';
import { coreMessage, englishText, pushNote, type CoreMessage, type MessageCode } from '../messages.ts';

/** A row or cell that could not be read as it is; `line` is 1-based (header = line 1). */
export interface IntakeProblem {
  /** Physical line where the record starts. */
  line: number;
  /** Column name, or null when the whole row is affected. */
  column: string | null;
  /** What is wrong, in plain words (English). */
  message: string;
  /** The same as a message code and parameters, for other languages. */
  detail?: CoreMessage;
}

/** Choices the user can force instead of the guesses. */
export interface CsvOptions {
  /** Field delimiter (`,` `;` tab `|`); sniffed when absent. */
  delimiter?: string;
  /** Text encoding; detected when absent. */
  encoding?: TextEncodingName;
  /** Whether the first record is a header; detected when absent. */
  header?: boolean;
  /** Rows kept in memory at most; further rows are not read (see MAX_ROWS_DEFAULT). */
  maxRows?: number;
  /** Whether to add a note when maxRows stops reading (default true; off for previews). */
  capNote?: boolean;
}

/** Progress and cancellation hooks of a streaming parse. */
export interface ParseHooks {
  /** Called after each chunk with bytes read so far and rows kept so far. */
  onProgress?(bytesRead: number, rows: number): void;
  /** Throws to stop between chunks (the worker's cancel check). */
  throwIfCancelled?(): void;
  /** Lets other work (messages, cancel) run between chunks; the worker passes a macrotask yield. */
  yieldNow?(): Promise<void>;
}

/** Raw columns of a parsed CSV, before typing. */
export interface RawCsv {
  /** Column names (made unique; "column N" for blank ones). */
  names: string[];
  /** One column per name, `rows` cells each: dictionary-encoded while few values repeat, else plain bytes. */
  columns: (ByteColumn | DictColumn)[];
  /** Line of each kept row. */
  lines: Int32Array;
  /** Rows kept. */
  rows: number;
  /** Records rejected (ragged or unclosed quote), each with a problem. */
  rejected: number;
  /** Blank lines skipped (not records). */
  blankLines: number;
  /** Data records in the file (rows + rejected), or those read before the row cap. */
  records: number;
  /** Problems found while splitting records. */
  problems: IntakeProblem[];
  /** Notes for the user (guesses made, cap reached). */
  notes: string[];
  /** The same notes as message codes + parameters, index for index. */
  noteDetails: CoreMessage[];
  /** The delimiter used. */
  delimiter: string;
  /** The encoding used and why. */
  encoding: EncodingGuess;
  /** Whether a header row was read. */
  header: boolean;
  /** Bytes of input read. */
  bytesRead: number;
  /** True when the row cap stopped reading early. */
  truncated: boolean;
}

/**
 * Rows kept in memory by default. A catalogue row is ~100–150 bytes, so this is ~0.3–0.45 GB of
 * CSV. While reading, intake holds the raw cells, then the typed table, whose buffers are
 * released as its IPC copy is written: about 1.6× the CSV at the peak (measured by bench:ingest),
 * so ~0.5–0.7 GB here, which a desktop browser tab can hold. A larger file (a 1 GB export) is
 * read up to this row, reading stops, and a note tells the user how much was loaded; the page
 * never freezes because all of this is in a worker.
 */
export const MAX_ROWS_DEFAULT = 3_000_000;
/** Problems listed one by one at most; more are counted. */
export const MAX_PROBLEMS_LISTED = 10_000;
const SAMPLE_BYTES = 64 * 1024;
const SLICE_BYTES = 1 << 20;
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe (|)' };

/** Reads the first `SAMPLE_BYTES` (or all, if shorter) from a chunk iterator, keeping the iterator usable. */
export async function readHead(iterator: AsyncIterator<Uint8Array>, size = SAMPLE_BYTES): Promise<{ head: Uint8Array; done: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < size) {
    // A source may reuse a chunk's memory for later chunks (see IntakeSource): keep a copy of the
    // part read last before asking for another (the earlier ones were copied the same way).
    if (parts.length > 0) parts[parts.length - 1] = parts[parts.length - 1]!.slice();
    const next = await iterator.next();
    if (next.done) return { head: concatBytes(parts, length), done: true };
    if (next.value.length === 0) continue;
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: concatBytes(parts, length), done: false };
}

/** Joins byte chunks of total `length` into one array (the single chunk itself when there is one). */
export function concatBytes(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Name of a delimiter in words ("semicolon"). */
export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? `'${delimiter}'`;
}

const DELIMITER_CODES: Record<string, MessageCode> = { ',': 'delimiter.comma', ';': 'delimiter.semicolon', '\t': 'delimiter.tab', '|': 'delimiter.pipe' };

/** A delimiter as a message parameter: a named one as its own message (worded per language), any other quoted. */
function delimiterParam(delimiter: string): CoreMessage | string {
  const code = DELIMITER_CODES[delimiter];
  return code ? coreMessage(code) : `'${delimiter}'`;
}

/**
 * Parses CSV from `head` (the first bytes, already read) and the rest of `iterator` into raw
 * columns. `totalBytes` (when known) sizes the first buffers.
 */
export async function parseCsv(
  head: Uint8Array,
  headIsAll: boolean,
  iterator: AsyncIterator<Uint8Array>,
  options: CsvOptions = {},
  hooks: ParseHooks = {},
  totalBytes?: number,
): Promise<RawCsv> {
  const notes: string[] = [];
  const noteDetails: CoreMessage[] = [];
  const note = (message: CoreMessage) => pushNote(notes, noteDetails, message);
  const encoding: EncodingGuess = options.encoding
    ? { encoding: options.encoding, bomLength: bomLengthFor(head, options.encoding), reason: 'override' }
    : detectEncoding(head, headIsAll);
  if (encoding.encoding === 'windows-1252' && encoding.reason === 'not-utf-8') note(coreMessage('note.not-utf-8'));
  if (encoding.encoding.startsWith('utf-16')) note(coreMessage(encoding.encoding === 'utf-16le' ? 'note.utf-16le' : 'note.utf-16be'));
  const transcoder = createTranscoder(encoding.encoding);
  const first = transcoder.push(head.subarray(encoding.bomLength));
  const firstAll = headIsAll ? joinBytes(first, transcoder.end()) : first;
  // Sniff on the first 64 KB only, however big the first chunk is.
  const sampleComplete = headIsAll && firstAll.length <= SAMPLE_BYTES;
  const sampleBytes = sampleComplete ? firstAll : firstAll.subarray(0, SAMPLE_BYTES);

  let delimiter = options.delimiter;
  if (!delimiter) {
    const sniffed = sniffDelimiter(sampleBytes, sampleComplete);
    delimiter = sniffed.delimiter;
    if (sniffed.delimiter !== ',') note(coreMessage('note.delimiter', { delimiter: delimiterParam(delimiter) }));
  }
  const sample = sampleRecords(sampleBytes, delimiter, 60, sampleComplete);
  const header = options.header ?? detectHeader(sample.rows);
  if (options.header === undefined && !header) note(coreMessage('note.no-header'));

  const maxRows = options.maxRows ?? MAX_ROWS_DEFAULT;
  const problems: IntakeProblem[] = [];
  let problemCount = 0;
  const addProblem = (problem: IntakeProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS_LISTED) problems.push(problem);
  };

  let names: string[] | null = null;
  let columns: (ByteColumn | DictColumn)[] = [];
  let columnBytes: number[] = [];
  let expectedRowCount = 1024;
  let ncols = 0;
  let lines = new Int32Array(1024);
  let rows = 0;
  let rejected = 0;
  let blankLines = 0;
  let records = 0;
  let truncated = false;
  // Size the column buffers from the sample's average cell lengths, so a large file is copied
  // into buffers of about the right size once instead of being regrown (and recopied) many times.
  const dataSample = sample.rows.slice(header ? 1 : 0).filter((row) => !(row.length === 1 && row[0] === ''));
  const averageLengths = (count: number): number[] =>
    Array.from({ length: count }, (_, k) => (dataSample.length ? dataSample.reduce((sum, row) => sum + utf8Length(row[k] ?? ''), 0) / dataSample.length : 16));
  const decoder = new TextDecoder('utf-8');

  const startColumns = (count: number) => {
    ncols = count;
    const averages = averageLengths(count);
    const rowBytes = averages.reduce((a, b) => a + b, 0) + count;
    const expectedRows = totalBytes ? Math.min(maxRows, Math.ceil((totalBytes / Math.max(rowBytes, 8)) * 1.05) + 16) : 1024;
    if (lines.length < expectedRows) lines = new Int32Array(expectedRows);
    expectedRowCount = expectedRows;
    columnBytes = averages.map((average) => Math.min(Math.ceil(expectedRows * average * 1.1) + 1024, 1 << 30));
    // Every column starts dictionary-encoded; one that proves too varied becomes plain bytes.
    columns = averages.map(() => new DictColumn(expectedRows));
  };
  let scratch = new Uint8Array(1024);
  const decodeField = (bytes: Uint8Array, start: number, end: number, flag: number): string => {
    if (scratch.length < end - start) scratch = new Uint8Array((end - start) * 2);
    return decoder.decode(scratch.subarray(0, copyField(bytes, start, end, flag, scratch, 0)));
  };

  // Field ranges of the records scanned in the current chunk, row-major (row * ncols + column).
  let batchStarts = new Int32Array(0);
  let batchEnds = new Int32Array(0);
  let batchFlags = new Uint8Array(0);
  let batchRows = 0;
  let batchIrregular = false;
  const growBatch = (size: number) => {
    const capacity = Math.max(size, batchStarts.length * 2, 4096);
    const starts = new Int32Array(capacity);
    starts.set(batchStarts);
    batchStarts = starts;
    const ends = new Int32Array(capacity);
    ends.set(batchEnds);
    batchEnds = ends;
    const flags = new Uint8Array(capacity);
    flags.set(batchFlags);
    batchFlags = flags;
  };
  const flushBatch = (bytes: Uint8Array) => {
    if (batchRows === 0) return;
    for (let k = 0; k < ncols; k++) {
      const column = columns[k]!;
      if (column instanceof DictColumn) {
        column.addBatch(bytes, batchStarts, batchEnds, batchFlags, batchRows, ncols, k);
        if (column.tooVaried()) {
          const plain = new ByteColumn(expectedRowCount, columnBytes[k]);
          const values = column.values;
          for (let i = 0; i < column.count; i++) {
            const v = column.indices[i]!;
            plain.appendField(values.bytes, values.offsets[v]!, values.offsets[v + 1]!, 0);
          }
          columns[k] = plain;
        }
      } else appendBatch(column, bytes, batchStarts, batchEnds, batchFlags, batchIrregular, batchRows, ncols, k);
    }
    batchRows = 0;
    batchIrregular = false;
  };

  const scanner: CsvScanner = new CsvScanner(delimiter.charCodeAt(0), (bytes, starts, ends, flags, count, line) => {
    if (count === 1 && starts[0] === ends[0] && flags[0] === 0) {
      blankLines++;
      return;
    }
    if (names === null) {
      if (header) {
        names = uniqueNames(Array.from({ length: count }, (_, k) => decodeField(bytes, starts[k]!, ends[k]!, flags[k]!)));
        startColumns(count);
        return;
      }
      names = uniqueNames(Array.from({ length: count }, () => ''));
      startColumns(count);
    }
    records++;
    if (rows >= maxRows) {
      truncated = true;
      return;
    }
    const unclosed = scanner.unclosed;
    if (unclosed) {
      // The open quote swallowed the rest of the file into this record: keep none of it as a row.
      rejected++;
      const lost = unclosed.linesSwallowed;
      const detail = coreMessage('row.unclosed-quote', { lines: lost });
      addProblem({ line, column: (names as string[])[unclosed.field] ?? null, message: englishText(detail), detail });
      return;
    }
    if (count !== ncols) {
      let extraEmpty = count > ncols;
      for (let k = ncols; extraEmpty && k < count; k++) if (ends[k] !== starts[k]) extraEmpty = false;
      if (!extraEmpty) {
        rejected++;
        const detail = coreMessage(count < ncols ? 'row.too-few-values' : 'row.too-many-values', { count, columns: ncols, delimiter: delimiterParam(delimiter!) });
        addProblem({ line, column: null, message: englishText(detail), detail });
        return;
      }
    }
    // Fields are only noted here (a few integer writes); flushBatch copies their bytes column by
    // column when the chunk is scanned, which keeps the copy loops tight and monomorphic.
    const base = batchRows * ncols;
    if (base + ncols > batchStarts.length) growBatch(base + ncols);
    for (let k = 0; k < ncols; k++) {
      batchStarts[base + k] = starts[k]!;
      batchEnds[base + k] = ends[k]!;
      if (flags[k]! > 1) batchIrregular = true;
      batchFlags[base + k] = flags[k]!;
    }
    batchRows++;
    if (rows === lines.length) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    lines[rows++] = line;
  }, flushBatch);

  let bytesRead = 0;
  // Big chunks (a runtime may hand over a whole Blob at once) are fed in slices, so progress,
  // cancel and yielding happen at least every SLICE_BYTES.
  const feed = async (bytes: Uint8Array, encoded: boolean, inputLength: number) => {
    for (let at = 0; at < bytes.length && !truncated; at += SLICE_BYTES) {
      hooks.throwIfCancelled?.();
      // A plain Uint8Array view (not a Node Buffer subclass) keeps the scanner's loops monomorphic.
      const slice = new Uint8Array(bytes.buffer, bytes.byteOffset + at, Math.min(bytes.length - at, SLICE_BYTES));
      scanner.push(encoded ? slice : transcoder.push(slice));
      bytesRead += bytes.length === inputLength ? slice.length : Math.round((slice.length / bytes.length) * inputLength);
      hooks.onProgress?.(bytesRead, rows);
      if (hooks.yieldNow) await hooks.yieldNow();
    }
  };
  await feed(first, true, head.length);
  bytesRead = head.length;
  if (!headIsAll) {
    // Ask for the next chunk before parsing this one, so reading the file overlaps with parsing.
    let pending = iterator.next();
    // A read that fails after a cancel is nobody's concern; otherwise the await below reports it.
    pending.catch(() => undefined);
    for (;;) {
      hooks.throwIfCancelled?.();
      if (truncated) {
        await pending;
        await iterator.return?.();
        break;
      }
      const next = await pending;
      if (next.done) break;
      pending = iterator.next();
      pending.catch(() => undefined);
      await feed(next.value, false, next.value.length);
    }
  }
  if (!truncated) {
    scanner.push(transcoder.end());
    scanner.end();
    hooks.onProgress?.(bytesRead, rows);
  }
  if (names === null) names = [];
  if (truncated && options.capNote !== false) {
    const capParams = { rows: rows.toLocaleString('en-US'), read: formatBytes(bytesRead) };
    note(totalBytes ? coreMessage('note.row-cap-of', { ...capParams, size: formatBytes(totalBytes) }) : coreMessage('note.row-cap', capParams));
  }
  if (problemCount > problems.length) note(coreMessage('note.problems-listed', { count: problemCount.toLocaleString('en-US'), listed: problems.length.toLocaleString('en-US') }));
  const blankNames = (names as string[]).filter((name) => /^column \d+$/.test(name)).length;
  if (header && blankNames > 0) note(coreMessage('note.blank-names', { n: blankNames }));
  return {
    names,
    columns,
    lines: lines.subarray(0, rows),
    rows,
    rejected,
    blankLines,
    records,
    problems,
    notes,
    noteDetails,
    delimiter,
    encoding,
    header,
    bytesRead,
    truncated,
  };
}

function bomLengthFor(head: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && head[0] === 0xff && head[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && head[0] === 0xfe && head[1] === 0xff) return 2;
  return 0;
}

/**
 * Copies one column's fields of a batch of records into the column: one capacity check for the
 * batch, then a plain byte loop per field (undoing quotes only when the batch has such fields).
 */
function appendBatch(column: ByteColumn, bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, irregular: boolean, rows: number, ncols: number, k: number): void {
  let need = 0;
  for (let r = 0, f = k; r < rows; r++, f += ncols) need += ends[f]! - starts[f]!;
  column.reserveBytes(column.byteLength + need);
  column.reserveCells(column.count + rows);
  const out = column.bytes;
  const offsets = column.offsets;
  let at = column.byteLength;
  let count = column.count;
  for (let r = 0, f = k; r < rows; r++, f += ncols) {
    const s = starts[f]!;
    const e = ends[f]!;
    if (irregular && flags[f]! > 1) at = copyField(bytes, s, e, flags[f]!, out, at);
    else if (e - s > 48) {
      out.set(bytes.subarray(s, e), at);
      at += e - s;
    } else for (let p = s; p < e; p++) out[at++] = bytes[p]!;
    offsets[++count] = at;
  }
  column.byteLength = at;
  column.count = count;
}

function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) length += text.charCodeAt(i) >= 0x800 ? 2 : 1;
  return length;
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Makes header names usable: trimmed, "column N" for blank ones, " (2)" suffixes for repeats. */
export function uniqueNames(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, index) => {
    const base = value.trim() || `column ${index + 1}`;
    const times = (seen.get(base) ?? 0) + 1;
    seen.set(base, times);
    return times === 1 ? base : `${base} (${times})`;
  });
}

/** "12.3 MB" style byte counts for notes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The delimiter type, re-exported for option types. */
export type { Delimiter };
