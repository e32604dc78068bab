/**
 * Streams CSV bytes into raw columns: encoding detection, delimiter sniffing and header detection
 * on the first 64 KB, then one pass of the byte scanner that copies each field of a well-formed
 * record into its column. Ragged records and an unclosed quote go to the problems list with their
 * line, so rows kept + rows rejected = records in the file.
 */
import { formatBytes } from '../bytes.ts';
import type { ByteColumn } from '../arrow/byteColumn.ts';
import type { DictColumn } from '../arrow/dictColumn.ts';
import { createTranscoder, detectEncoding, Utf8Watch, type EncodingGuess, type TextEncodingName, type Transcoder } from './encoding.ts';
import { CsvScanner, copyField, FIELD_PLAIN } from './scanner.ts';
import { detectHeader, sampleRecords, sniffDelimiter, type Delimiter } from './sniff.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';
import { IntakeError } from '../intake/errors.ts';
import { delimiterParam, expectedRowsOf, RecordColumns, type CsvPart, type IntakeProblem, type RecordTally } from './recordColumns.ts';

export type { IntakeProblem } from './recordColumns.ts';
export { MAX_PROBLEMS_LISTED } from './recordColumns.ts';

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
  /** Reads the second part of a large CSV elsewhere at the same time (a second worker). */
  splitter?: CsvSplitter;
}

/** Raw columns of a parsed CSV, before typing. */
export interface RawCsv extends RecordTally {
  /** Column names (made unique; "column N" for blank ones). */
  names: string[];
  /** One column per name, `rows` cells each: dictionary-encoded while few values repeat, else plain bytes. */
  columns: (ByteColumn | DictColumn)[];
  /** Line of each kept row. */
  lines: Int32Array;
  /** Problems found while splitting records. */
  problems: IntakeProblem[];
  /** Notes for the user (guesses made, cap reached). */
  notes: CoreMessage[];
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
  /** When the file was read in two parts at once (see CsvSplitter): ms waited for the second part, and spent appending it; else null. */
  split: { wait: number; merge: number } | null;
  /** True when every record (header included) holds nothing but unquoted spaces, tabs and line-end characters. */
  onlySpaces: boolean;
  /** Cells of kept rows with bytes that are not UTF-8 text in a file read as UTF-8, each with a problem. */
  badTextCells: number;
}

/** Whether bytes[start, end) of an unquoted field are only whitespace (space, tab, CR, VT, FF, no-break space). */
function spacesOnly(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    // U+00A0 no-break space, as UTF-8 (the scanner always sees UTF-8).
    if (b === 0xc2 && bytes[i + 1] === 0xa0 && i + 1 < end) {
      i++;
      continue;
    }
    return false;
  }
  return true;
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

/**
 * Columns a file may have. Our reading is linear in the columns, but the Arrow library builds a
 * table's schema in time that grows with the square of its columns (each field is looked up by
 * name among all fields), in the worker and again on the page, and the page lists every column:
 * measured in Chromium, 2,000 columns took 4.9 s to the mapping step, 5,000 took 9.4 s and 10,000
 * took 25 s (see docs/RELIABILITY.md). A catalogue has tens of columns; a file wider than this is
 * refused, with the counts, before any row is read.
 */
export const MAX_COLUMNS = 5_000;

/** The error for a file with more than MAX_COLUMNS columns. */
export function tooManyColumns(columns: number): IntakeError {
  return new IntakeError('too-many-columns', coreMessage('file.too-many-columns', { columns: columns.toLocaleString('en-US'), max: MAX_COLUMNS.toLocaleString('en-US') }));
}
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

/** Step 1, sniff: what the first bytes say about the encoding and the delimiter. */
interface CsvSniff {
  /** The encoding used and why. */
  encoding: EncodingGuess;
  /** Turns the rest of the file into UTF-8 for the scanner. */
  transcoder: Transcoder;
  /** The head as UTF-8, without a byte-order mark. */
  first: Uint8Array;
  /** The field delimiter. */
  delimiter: string;
  /** The first records of the sample (at most 60), split with the delimiter. */
  sample: string[][];
}

// Encoding (a note for Windows-1252 and UTF-16), delimiter (a note unless ','), on the first 64 KB only.
function sniffCsv(head: Uint8Array, headIsAll: boolean, options: CsvOptions, note: (message: CoreMessage) => void): CsvSniff {
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
  return { encoding, transcoder, first, delimiter, sample: sampleRecords(sampleBytes, delimiter, 60, sampleComplete).rows };
}

// Step 2, header: whether the first record names the columns (a note when it does not look so).
function headerOf(sample: string[][], options: CsvOptions, note: (message: CoreMessage) => void): boolean {
  const header = options.header ?? detectHeader(sample);
  if (options.header === undefined && !header) note(coreMessage('note.no-header'));
  return header;
}

/** Step 3, read plan: the row cap, and the cell lengths the sample suggests for sizing column buffers. */
interface ReadPlan {
  /** Rows kept at most. */
  maxRows: number;
  /** Average UTF-8 length of each of `count` columns' cells in the sample (16 without data rows). */
  averageLengths(count: number): number[];
}

// Sizing the column buffers from the sample's average cell lengths copies a large file into
// buffers of about the right size once instead of regrowing (and recopying) them many times.
function readPlan(sample: string[][], header: boolean, options: CsvOptions): ReadPlan {
  const dataSample = sample.slice(header ? 1 : 0).filter((row) => !(row.length === 1 && row[0] === ''));
  return {
    maxRows: options.maxRows ?? MAX_ROWS_DEFAULT,
    averageLengths: (count) => Array.from({ length: count }, (_, k) => (dataSample.length ? dataSample.reduce((sum, row) => sum + utf8Length(row[k] ?? ''), 0) / dataSample.length : 16)),
  };
}

/** What joining the other part did: its bytes, and ms waited for it and spent appending it. */
interface JoinedPart {
  bytesRead: number;
  wait: number;
  merge: number;
}

// Step 4, split read, at the split point: when the records read so far end exactly there, the
// other part's records are the rest of the file and are appended; otherwise (the point was inside
// a quoted field, or the part failed) the parse reads on by itself (null).
async function joinPart(pending: PendingSplit, atRecordStart: boolean, gathered: RecordColumns, line: number, maxRows: number, hooks: ParseHooks): Promise<JoinedPart | null> {
  if (!atRecordStart) {
    pending.job.cancel();
    return null;
  }
  const waitStarted = clock();
  let part: CsvPart | null;
  try {
    part = await settle(pending.job.result, hooks);
  } catch (error) {
    // Cancelled while waiting: the helper stops too (the caller no longer holds it as its split).
    pending.job.cancel();
    throw error;
  }
  const wait = clock() - waitStarted;
  // At the cap, a one-part read stops at the next record (a cap note, even for a ragged one): joining could not tell.
  if (part === null || part.truncated || gathered.rows + part.rows >= maxRows) return null;
  const mergeStarted = clock();
  gathered.appendPart(part, line);
  return { bytesRead: part.bytesRead, wait, merge: clock() - mergeStarted };
}

// Step 5, notes: the row cap, problems beyond those listed, cells that are not UTF-8, blank names.
function closingNotes(note: (message: CoreMessage) => void, gathered: RecordColumns, names: readonly string[], header: boolean, bytesRead: number, options: CsvOptions, totalBytes: number | undefined): void {
  if (gathered.truncated && options.capNote !== false) {
    const capParams = { rows: gathered.rows.toLocaleString('en-US'), read: formatBytes(bytesRead) };
    note(totalBytes ? coreMessage('note.row-cap-of', { ...capParams, size: formatBytes(totalBytes) }) : coreMessage('note.row-cap', capParams));
  }
  if (gathered.problemCount > gathered.problems.length) note(coreMessage('note.problems-listed', { count: gathered.problemCount.toLocaleString('en-US'), listed: gathered.problems.length.toLocaleString('en-US') }));
  if (gathered.badTextCells > 0) note(coreMessage('note.not-utf-8-cells', { n: gathered.badTextCells }));
  const blankNames = names.filter((name) => /^column \d+$/.test(name)).length;
  if (header && blankNames > 0) note(coreMessage('note.blank-names', { n: blankNames }));
}

/**
 * Parses CSV from `head` (the first bytes, already read) and the rest of `iterator` into raw
 * columns, in named steps: sniff (encoding, delimiter), header, read plan (row cap, buffer
 * sizes), the read itself (one pass of the scanner; with a splitter, the second half read at the
 * same time and joined at its line start), then notes. `totalBytes` (when known) sizes the first buffers.
 */
export async function parseCsv(
  head: Uint8Array,
  headIsAll: boolean,
  iterator: AsyncIterator<Uint8Array>,
  options: CsvOptions = {},
  hooks: ParseHooks = {},
  totalBytes?: number,
): Promise<RawCsv> {
  const notes: CoreMessage[] = [];
  const note = (message: CoreMessage) => notes.push(message);
  const { encoding, transcoder, first, delimiter, sample } = sniffCsv(head, headIsAll, options, note);
  const header = headerOf(sample, options, note);
  const { maxRows, averageLengths } = readPlan(sample, header, options);

  let names = null as string[] | null;
  const decoder = new TextDecoder('utf-8');
  let scratch = new Uint8Array(1024);
  const decodeField = (bytes: Uint8Array, start: number, end: number, flag: number): string => {
    if (scratch.length < end - start) scratch = new Uint8Array((end - start) * 2);
    return decoder.decode(scratch.subarray(0, copyField(bytes, start, end, flag, scratch, 0)));
  };

  const gathered = new RecordColumns(delimiter, maxRows, () => scanner.unclosed);
  // Stays true while every record seen is whitespace: such a file is blank, not "a header with no rows".
  let onlySpaces = true;
  const startColumns = (columnNames: string[]) => {
    if (columnNames.length > MAX_COLUMNS) throw tooManyColumns(columnNames.length);
    names = columnNames;
    const averages = averageLengths(columnNames.length);
    gathered.start(columnNames, averages, totalBytes ? expectedRowsOf(totalBytes, averages, maxRows) : 1024, true);
  };
  const scanner: CsvScanner = new CsvScanner(
    delimiter.charCodeAt(0),
    (bytes, starts, ends, flags, count, line) => {
      // (Past the row cap, the rest of the chunk is scanned but not read.)
      if (gathered.truncated) return;
      if (onlySpaces) {
        for (let k = 0; k < count && onlySpaces; k++) onlySpaces = flags[k] === FIELD_PLAIN && spacesOnly(bytes, starts[k]!, ends[k]!);
      }
      if (count === 1 && starts[0] === ends[0] && flags[0] === 0) {
        gathered.blankLines++;
        return;
      }
      if (names === null) {
        // (Refused before a name is decoded: a header of 100,000 names is not worth reading.)
        if (count > MAX_COLUMNS) throw tooManyColumns(count);
        if (header) {
          startColumns(uniqueNames(Array.from({ length: count }, (_, k) => decodeField(bytes, starts[k]!, ends[k]!, flags[k]!))));
          return;
        }
        startColumns(uniqueNames(Array.from({ length: count }, () => '')));
      }
      const kept = gathered.rows;
      gathered.add(starts, ends, flags, count, line);
      if (textCheck?.on && gathered.rows > kept) gathered.checkText(bytes, starts, ends, flags, line);
    },
    (bytes) => gathered.flush(bytes),
  );
  // A file read as UTF-8 is watched for bytes that are not UTF-8 past the sample too.
  const textCheck = encoding.encoding === 'utf-8' ? new TextCheck(scanner) : null;
  const push = (bytes: Uint8Array) => (textCheck ? textCheck.push(bytes) : scanner.push(bytes));

  // A byte-order mark counts as read (it is not pushed to the scanner).
  let bytesRead = encoding.bomLength;
  // Bytes pushed to the scanner (after the BOM); with a split, where the other part begins.
  let fed = 0;
  let split: PendingSplit | null = null;
  let merged = false;
  const splitTimings = { wait: 0, merge: 0 };
  const progress = () => hooks.onProgress?.(bytesRead + (split?.bytesRead ?? 0), gathered.rows + (split?.rows ?? 0));
  const reachSplit = async (pending: PendingSplit) => {
    split = null;
    const joined = await joinPart(pending, scanner.atRecordStart() && names !== null, gathered, scanner.currentLine, maxRows, hooks);
    if (!joined) return;
    // The other part's records were not looked at: do not call the file blank.
    onlySpaces = false;
    splitTimings.wait = joined.wait;
    splitTimings.merge = joined.merge;
    bytesRead += joined.bytesRead;
    merged = true;
  };
  // Big chunks (a runtime may hand over a whole Blob at once) are fed in slices, so progress,
  // cancel and yielding happen at least every SLICE_BYTES.
  const feed = async (bytes: Uint8Array, encoded: boolean, inputLength: number) => {
    for (let at = 0; at < bytes.length && !gathered.truncated && !merged; ) {
      hooks.throwIfCancelled?.();
      let end = Math.min(bytes.length, at + SLICE_BYTES);
      const cut = split;
      if (cut !== null && fed + (end - at) > cut.at) end = at + (cut.at - fed);
      // A plain Uint8Array view (not a Node Buffer subclass) keeps the scanner's loops monomorphic.
      const slice = new Uint8Array(bytes.buffer, bytes.byteOffset + at, end - at);
      push(encoded ? slice : transcoder.push(slice));
      fed += slice.length;
      bytesRead += bytes.length === inputLength ? slice.length : Math.round((slice.length / bytes.length) * inputLength);
      at = end;
      if (cut !== null && fed === cut.at) await reachSplit(cut);
      progress();
      if (hooks.yieldNow) await hooks.yieldNow();
    }
  };
  try {
    // The first 64 KB tell the columns; a split (if any) is planned then, before the rest is read.
    const planned = Math.min(first.length, SAMPLE_BYTES);
    await feed(first.subarray(0, planned), true, planned);
    if (!headIsAll && names !== null && hooks.splitter && totalBytes && encoding.encoding === 'utf-8') {
      split = await startSplit(hooks.splitter, totalBytes, fed + encoding.bomLength, encoding.bomLength, { delimiter, names, averages: averageLengths(names.length), bytes: 0, maxRows });
    }
    await feed(first.subarray(planned), true, first.length - planned);
    // (Transcoded text is longer or shorter than its input: count the head as read whole.)
    if (!merged) bytesRead = head.length;
    if (!headIsAll) {
      // Ask for the next chunk before parsing this one, so reading the file overlaps with parsing.
      let pending = iterator.next();
      // A read that fails after a cancel is nobody's concern; otherwise the await below reports it.
      pending.catch(() => undefined);
      for (;;) {
        hooks.throwIfCancelled?.();
        if (gathered.truncated || merged) {
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
  } finally {
    (split as PendingSplit | null)?.job.cancel();
  }
  if (!gathered.truncated && !merged) {
    push(transcoder.end());
    if (textCheck) textCheck.end();
    else scanner.end();
  }
  progress();
  if (names === null) names = [];
  closingNotes(note, gathered, names, header, bytesRead, options, totalBytes);
  return {
    names,
    columns: gathered.columns,
    lines: gathered.lines.subarray(0, gathered.rows),
    rows: gathered.rows,
    rejected: gathered.rejected,
    blankLines: gathered.blankLines,
    records: gathered.records,
    problems: gathered.problems,
    notes,
    delimiter,
    encoding,
    header,
    bytesRead,
    truncated: gathered.truncated,
    split: merged ? splitTimings : null,
    onlySpaces,
    badTextCells: gathered.badTextCells,
  };
}

/** What the other part of a split CSV needs: what the first 64 KB told (delimiter, names, cell sizes). */
export interface CsvPartSettings {
  /** Field delimiter. */
  delimiter: string;
  /** Column names (their count is the expected number of fields). */
  names: string[];
  /** Average bytes per cell of each column in the sample (to size buffers). */
  averages: number[];
  /** Bytes in the part. */
  bytes: number;
  /** Rows kept at most. */
  maxRows: number;
}

/** A parse of a CSV part running elsewhere; `cancel` abandons it. */
export interface CsvPartJob {
  /** The part's records. */
  result: Promise<CsvPart>;
  /** Abandons the part (its result is no longer wanted). */
  cancel(): void;
}

/**
 * Parses the second part of a large UTF-8 CSV somewhere else (another worker) while this parse
 * reads the first: the file is cut at a line start after the middle, and the part's records are
 * appended only if this parse's records end exactly there (a line end inside a quoted field is not
 * a record boundary), so the table is the same as one parse would make.
 */
export interface CsvSplitter {
  /** Files smaller than this are read by one parse. */
  minBytes: number;
  /** Bytes [start, end) of the file (to find a line end near the middle). */
  peek(start: number, end: number): Promise<Uint8Array>;
  /** Starts parsing the file from byte `start` (a line start) to its end; `onProgress` gets its bytes and rows so far. */
  parse(start: number, settings: CsvPartSettings, onProgress: (bytes: number, rows: number) => void): CsvPartJob;
}

// A split under way: where the part starts (scanner position: file offset less the BOM), its job and progress.
interface PendingSplit {
  at: number;
  job: CsvPartJob;
  bytesRead: number;
  rows: number;
}

/** Where in the file the second part starts: the line start after the middle. */
const SPLIT_AT = 0.5;
const PEEK_BYTES = 64 * 1024;

// Finds the first line start after the middle of the file and starts the other part there; null
// when the file is too small or has no line end near its middle.
async function startSplit(splitter: CsvSplitter, totalBytes: number, readSoFar: number, bomLength: number, settings: CsvPartSettings): Promise<PendingSplit | null> {
  if (totalBytes < splitter.minBytes) return null;
  const middle = Math.floor(totalBytes * SPLIT_AT);
  if (middle <= readSoFar) return null;
  const near = await splitter.peek(middle, Math.min(totalBytes, middle + PEEK_BYTES));
  const lineEnd = near.indexOf(0x0a);
  if (lineEnd < 0) return null;
  const start = middle + lineEnd + 1;
  if (start >= totalBytes) return null;
  const progress = { bytesRead: 0, rows: 0 };
  const job = splitter.parse(start, { ...settings, bytes: totalBytes - start }, (bytes, rows) => {
    progress.bytesRead = bytes;
    progress.rows = rows;
  });
  return Object.assign(progress, { at: start - bomLength, job });
}

// Waits for a part, checking for cancel meanwhile; null when the part failed.
async function settle(result: Promise<CsvPart>, hooks: ParseHooks): Promise<CsvPart | null> {
  let outcome: { part: CsvPart | null } | null = null;
  result.then(
    (part) => (outcome = { part }),
    () => (outcome = { part: null }),
  );
  while (outcome === null) {
    hooks.throwIfCancelled?.();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return (outcome as { part: CsvPart | null }).part;
}
const SETTLE_POLL_MS = 5;
const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Parses a part of a CSV: from a line start (`chunks` begins there) to the end of the file,
 * with the delimiter and columns the whole-file parse found. Lines count from the part's start (1).
 */
export async function parseCsvPart(chunks: AsyncIterable<Uint8Array>, settings: CsvPartSettings, hooks: ParseHooks = {}): Promise<CsvPart> {
  const gathered = new RecordColumns(settings.delimiter, settings.maxRows, () => scanner.unclosed);
  gathered.start(settings.names, settings.averages, expectedRowsOf(settings.bytes, settings.averages, settings.maxRows));
  const scanner: CsvScanner = new CsvScanner(
    settings.delimiter.charCodeAt(0),
    (_bytes, starts, ends, flags, count, line) => {
      if (gathered.truncated) return;
      if (count === 1 && starts[0] === ends[0] && flags[0] === 0) {
        gathered.blankLines++;
        return;
      }
      const kept = gathered.rows;
      gathered.add(starts, ends, flags, count, line);
      if (textCheck.on && gathered.rows > kept) gathered.checkText(_bytes, starts, ends, flags, line);
    },
    (bytes) => gathered.flush(bytes),
  );
  // A part is always UTF-8 (only UTF-8 files are split) and starts at a line start.
  const textCheck = new TextCheck(scanner);
  let bytesRead = 0;
  const iterator = chunks[Symbol.asyncIterator]();
  // Read one chunk ahead, as the whole-file parse does, so reading overlaps with scanning.
  let pending = iterator.next();
  pending.catch(() => undefined);
  try {
    for (;;) {
      hooks.throwIfCancelled?.();
      const next = await pending;
      if (next.done) break;
      pending = iterator.next();
      pending.catch(() => undefined);
      const chunk = next.value;
      for (let at = 0; at < chunk.length && !gathered.truncated; at += SLICE_BYTES) {
        hooks.throwIfCancelled?.();
        const slice = new Uint8Array(chunk.buffer, chunk.byteOffset + at, Math.min(chunk.length - at, SLICE_BYTES));
        textCheck.push(slice);
        bytesRead += slice.length;
        hooks.onProgress?.(bytesRead, gathered.rows);
        if (hooks.yieldNow) await hooks.yieldNow();
      }
      if (gathered.truncated) {
        await pending;
        break;
      }
    }
  } finally {
    await iterator.return?.();
  }
  if (!gathered.truncated) textCheck.end();
  return gathered.toPart(bytesRead);
}

/**
 * Feeds a scanner through a UTF-8 watch. A flagged chunk turns on the close look at kept rows
 * (`on`), which stays on until a record ends in a clean chunk: by then every record holding a byte
 * of the flagged chunk (one begun in an earlier chunk, or ended in a later one) has been looked at.
 */
class TextCheck {
  /** Whether the rows being emitted must be checked cell by cell. */
  on = false;
  private readonly watch = new Utf8Watch();

  constructor(private readonly scanner: CsvScanner) {}

  /** Watches and scans one chunk of UTF-8. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const flagged = this.watch.push(bytes);
    if (flagged) this.on = true;
    const before = this.scanner.records;
    this.scanner.push(bytes);
    if (!flagged && this.scanner.records > before) this.on = false;
  }

  /** Ends the input (a character cut by the end of the file is flagged too). */
  end(): void {
    if (this.watch.end()) this.on = true;
    this.scanner.end();
  }
}

function bomLengthFor(head: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && head[0] === 0xff && head[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && head[0] === 0xfe && head[1] === 0xff) return 2;
  return 0;
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

/** The delimiter type, re-exported for option types. */
export type { Delimiter };
