/**
 * The records of a CSV gathered into raw columns while the scanner runs: each well-formed record's
 * fields go to their column (dictionary-encoded while values repeat, plain bytes once a column
 * proves too varied), each ragged or unclosed record to the problems with its line, so rows kept +
 * rows rejected = records. The whole-file parse and the parse of a part (from a line start to the
 * end, in another worker) both gather records here, and a part's columns can be appended to the
 * columns of the records before it.
 */
import { ByteColumn } from '../arrow/byteColumn.ts';
import { DictColumn, MAX_STREAM_DICTIONARY } from '../arrow/dictColumn.ts';
import { IpcArena, releaseBuffer } from '../arrow/ipc.ts';
import { copyField, FIELD_ESCAPED, grownFieldRanges, type UnclosedQuote } from './scanner.ts';
import { invalidUtf8 } from './encoding.ts';
import { coreMessage, englishText, type CoreMessage, type MessageCode } from '../messages.ts';
import { maxOf } from '../extent.ts';

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

/** Problems listed one by one at most; more are counted. */
export const MAX_PROBLEMS_LISTED = 10_000;

const DELIMITER_CODES: Record<string, MessageCode> = { ',': 'delimiter.comma', ';': 'delimiter.semicolon', '\t': 'delimiter.tab', '|': 'delimiter.pipe' };

/** A delimiter as a message parameter: a named one as its own message (worded per language), any other quoted. */
export function delimiterParam(delimiter: string): CoreMessage | string {
  const code = DELIMITER_CODES[delimiter];
  return code ? coreMessage(code) : `'${delimiter}'`;
}

// Decodes a cell with bytes that are not UTF-8 for its problem message (they show as U+FFFD, as in the table).
const textDecoder = new TextDecoder('utf-8');

// Text columns smaller than this are copied into the IPC output as usual.
const ARENA_MIN_BYTES = 1 << 20;
const ARENA_SLACK = 1 << 20;
// Room for the arena text column, times its estimate (which already has 10% more than the sample says).
const ARENA_TEXT_ROOM = 1.2;

/** A part's raw column as plain arrays (views of the used parts), so it can cross to another worker. */
export type PartColumn =
  | {
      kind: 'dict';
      /** Cells. */
      count: number;
      /** Index of each cell's value. */
      indices: Int32Array;
      /** The distinct values' bytes, back to back. */
      valueBytes: Uint8Array;
      /** Value v is valueBytes[valueOffsets[v], valueOffsets[v + 1]). */
      valueOffsets: Int32Array;
    }
  | {
      kind: 'bytes';
      /** Cells. */
      count: number;
      /** Cell bytes, back to back. */
      bytes: Uint8Array;
      /** Cell i is bytes[offsets[i], offsets[i + 1]). */
      offsets: Int32Array;
    };

/** How the records of a CSV (or of a part of one) were counted. */
export interface RecordTally {
  /** Rows kept. */
  rows: number;
  /** Records rejected (ragged or unclosed quote), each with a problem. */
  rejected: number;
  /** Blank lines skipped (not records). */
  blankLines: number;
  /** Data records read (rows + rejected), up to the row cap. */
  records: number;
}

/** The records of a part of a CSV (a line start to the end): lines count from the part's first line, which is 1. */
export interface CsvPart extends RecordTally {
  /** One raw column per column of the file. */
  columns: PartColumn[];
  /** Line of each kept row, within the part. */
  lines: Int32Array;
  /** Problems listed (lines within the part), at most MAX_PROBLEMS_LISTED. */
  problems: IntakeProblem[];
  /** Problems found, listed or not. */
  problemCount: number;
  /** True when the row cap stopped the part's rows. */
  truncated: boolean;
  /** Input bytes read. */
  bytesRead: number;
  /** Cells of kept rows with bytes that are not UTF-8 text, each with a problem (see RecordColumns.checkText). */
  badTextCells: number;
}

/** The buffers a part's arrays view (its transfer list when it crosses to another worker). */
export function partBuffers(part: CsvPart): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const add = (view: ArrayBufferView) => {
    if (view.buffer instanceof ArrayBuffer && view.buffer.byteLength > 0) found.add(view.buffer);
  };
  add(part.lines);
  for (const column of part.columns) {
    if (column.kind === 'dict') [column.indices, column.valueBytes, column.valueOffsets].forEach(add);
    else [column.bytes, column.offsets].forEach(add);
  }
  return [...found];
}

// Frees the buffers of a part's column (they were transferred here, so nothing else views them).
function releaseViews(column: PartColumn): void {
  const views = column.kind === 'dict' ? [column.indices, column.valueBytes, column.valueOffsets] : [column.bytes, column.offsets];
  for (const view of views) releaseBuffer(view.buffer);
}

/** Rows a CSV of `bytes` bytes is expected to hold, from the sample's average cell lengths (capped at `maxRows`). */
export function expectedRowsOf(bytes: number, averages: number[], maxRows: number): number {
  const rowBytes = averages.reduce((a, b) => a + b, 0) + averages.length;
  return Math.min(maxRows, Math.ceil((bytes / Math.max(rowBytes, 8)) * 1.05) + 16);
}

/** Raw columns of records as they are scanned; see the module comment. */
export class RecordColumns {
  /** One column per name. */
  columns: (ByteColumn | DictColumn)[] = [];
  /** Line of each kept row; only [0, rows) is used. */
  lines = new Int32Array(1024);
  /** Rows kept. */
  rows = 0;
  /** Records rejected, each with a problem. */
  rejected = 0;
  /** Blank lines skipped. */
  blankLines = 0;
  /** Records read (rows + rejected; not those past the row cap). */
  records = 0;
  /** True once a record came after the row cap. */
  truncated = false;
  /** Problems listed (the first MAX_PROBLEMS_LISTED). */
  problems: IntakeProblem[] = [];
  /** Problems found, listed or not. */
  problemCount = 0;
  /** Cells of kept rows with bytes that are not UTF-8 text (kept, those bytes read as U+FFFD), each with a problem. */
  badTextCells = 0;
  /** Column names. */
  names: string[] = [];
  private ncols = 0;
  private expectedRows = 1024;
  private averages: number[] = [];
  private columnBytes: number[] = [];
  // Where the columns' arrays go, so the IPC output is built around them (see IpcArena); null for small inputs and parts.
  private arena: IpcArena | null = null;
  // The column (longest cells in the sample) whose text bytes go into the arena if it turns plain; -1: none.
  private arenaText = -1;
  // Field ranges of the records scanned in the current chunk, row-major (row * ncols + column).
  private batchStarts = new Int32Array(0);
  private batchEnds = new Int32Array(0);
  private batchFlags = new Uint8Array(0);
  private batchRows = 0;
  private batchIrregular = false;

  constructor(
    private readonly delimiter: string,
    private readonly maxRows: number,
    /** The scanner's open quote at the end of the input, if any. */
    private readonly unclosed: () => UnclosedQuote | null,
  ) {}

  /**
   * Starts the columns, sized for `expectedRows` rows with the sample's `averages` bytes per
   * cell, so a large file is copied into buffers of about the right size once.
   */
  start(names: string[], averages: number[], expectedRows: number, arena = false): void {
    this.names = names;
    this.ncols = names.length;
    if (this.lines.length < expectedRows) this.lines = new Int32Array(expectedRows);
    this.expectedRows = expectedRows;
    this.averages = averages;
    this.columnBytes = averages.map((average) => Math.min(Math.ceil(expectedRows * average * 1.1) + 1024, 1 << 30));
    if (arena) this.arena = this.reserveArena();
    if (this.arena) this.arenaText = averages.indexOf(maxOf(averages));
    // Every column starts dictionary-encoded; one that proves too varied becomes plain bytes.
    // With an arena, a column's indices move there once it has proved to repeat (see flush).
    this.columns = averages.map(() => new DictColumn(this.arena ? Math.min(expectedRows, MAX_STREAM_DICTIONARY * 2) : expectedRows));
  }

  /** Adds one scanner record (not blank, not the header): a row, or a problem. */
  add(starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): void {
    if (this.rows >= this.maxRows) {
      // Records past the cap are not read (nor counted: rows + rejected = records).
      this.truncated = true;
      return;
    }
    this.records++;
    const ncols = this.ncols;
    const unclosed = this.unclosed();
    if (unclosed) {
      // The open quote swallowed the rest of the file into this record: keep none of it as a row.
      this.rejected++;
      const detail = coreMessage('row.unclosed-quote', { lines: unclosed.linesSwallowed });
      this.addProblem({ line, column: this.names[unclosed.field] ?? null, message: englishText(detail), detail });
      return;
    }
    if (count !== ncols) {
      let extraEmpty = count > ncols;
      for (let k = ncols; extraEmpty && k < count; k++) if (ends[k] !== starts[k]) extraEmpty = false;
      if (!extraEmpty) {
        this.rejected++;
        const detail = coreMessage(count < ncols ? 'row.too-few-values' : 'row.too-many-values', { count, columns: ncols, delimiter: delimiterParam(this.delimiter) });
        this.addProblem({ line, column: null, message: englishText(detail), detail });
        return;
      }
    }
    // Fields are only noted here (a few integer writes); flush copies their bytes column by
    // column when the chunk is scanned, which keeps the copy loops tight and monomorphic.
    const base = this.batchRows * ncols;
    if (base + ncols > this.batchStarts.length) this.growBatch(base + ncols);
    const batchStarts = this.batchStarts;
    const batchEnds = this.batchEnds;
    const batchFlags = this.batchFlags;
    for (let k = 0; k < ncols; k++) {
      batchStarts[base + k] = starts[k]!;
      batchEnds[base + k] = ends[k]!;
      if (flags[k]! > 1) this.batchIrregular = true;
      batchFlags[base + k] = flags[k]!;
    }
    this.batchRows++;
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }

  /** Copies the batch's fields (which point into `bytes`) into their columns; the scanner's flush. */
  flush(bytes: Uint8Array): void {
    const rows = this.batchRows;
    if (rows === 0) return;
    const ncols = this.ncols;
    for (let k = 0; k < ncols; k++) {
      const column = this.columns[k]!;
      if (column instanceof DictColumn) {
        column.addBatch(bytes, this.batchStarts, this.batchEnds, this.batchFlags, rows, ncols, k);
        if (column.tooVaried()) this.columns[k] = this.plain(column, k);
        else if (this.arena && column.count >= MAX_STREAM_DICTIONARY && !this.arena.holds(column.indices)) this.moveToArena(column);
      } else appendBatch(column, bytes, this.batchStarts, this.batchEnds, this.batchFlags, this.batchIrregular, rows, ncols, k);
    }
    this.batchRows = 0;
    this.batchIrregular = false;
  }

  /**
   * Looks for bytes that are not UTF-8 text in the fields of the row just kept (`line`), which
   * point into `bytes`: each such cell is a problem with its line and column. Called only for
   * records of chunks the encoding watch flagged, so a clean file costs no per-byte loop here.
   */
  checkText(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, line: number): void {
    for (let k = 0; k < this.ncols; k++) {
      const found = invalidUtf8(bytes, starts[k]!, ends[k]!);
      if (!found) continue;
      this.badTextCells++;
      let text = textDecoder.decode(bytes.subarray(starts[k]!, ends[k]!)).trim();
      if (flags[k] === FIELD_ESCAPED) text = text.replaceAll('""', '"');
      const cell = text.length > 40 ? `'${text.slice(0, 37)}…'` : `'${text}'`;
      const more = found.count > found.sample.length ? ' …' : '';
      const detail = coreMessage('problem.not-utf-8', { cell, n: found.count, bytes: `${found.sample.join(' ')}${more}` });
      this.addProblem({ line, column: this.names[k] ?? null, message: englishText(detail), detail });
    }
  }

  /** Lists a problem (counting it either way). */
  addProblem(problem: IntakeProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS_LISTED) this.problems.push(problem);
  }

  /** The records as a part (plain arrays); this object must not be used afterwards. */
  toPart(bytesRead: number): CsvPart {
    const columns = this.columns.map((column): PartColumn => {
      if (column instanceof DictColumn) {
        const values = column.values;
        return { kind: 'dict', count: column.count, indices: column.indices.subarray(0, column.count), valueBytes: values.usedBytes(), valueOffsets: values.usedOffsets() };
      }
      return { kind: 'bytes', count: column.count, bytes: column.usedBytes(), offsets: column.usedOffsets() };
    });
    const { rows, rejected, blankLines, records, problems, problemCount, truncated, badTextCells } = this;
    return { columns, lines: this.lines.subarray(0, rows), rows, rejected, blankLines, records, problems, problemCount, truncated, bytesRead, badTextCells };
  }

  /**
   * Appends the records of `part`, which starts at line `firstLine` of the file, after these
   * records: dictionaries are merged (the part's codes remapped), byte columns concatenated.
   */
  appendPart(part: CsvPart, firstLine: number): void {
    const shift = firstLine - 1;
    for (let k = 0; k < this.ncols; k++) {
      this.columns[k] = this.appendColumn(k, part.columns[k]!);
      // The part's copy of the column is not needed any more: free it now, not at some later GC.
      releaseViews(part.columns[k]!);
    }
    const rows = this.rows + part.rows;
    if (rows > this.lines.length) {
      const grown = new Int32Array(rows);
      grown.set(this.lines.subarray(0, this.rows));
      this.lines = grown;
    }
    const lines = this.lines;
    for (let i = 0, at = this.rows; i < part.rows; i++, at++) lines[at] = part.lines[i]! + shift;
    this.rows = rows;
    this.rejected += part.rejected;
    this.blankLines += part.blankLines;
    this.records += part.records;
    this.truncated ||= part.truncated;
    this.badTextCells += part.badTextCells;
    const unlisted = part.problemCount - part.problems.length;
    for (const problem of part.problems) this.addProblem({ ...problem, line: problem.line + shift });
    this.problemCount += unlisted;
  }

  private appendColumn(k: number, part: PartColumn): ByteColumn | DictColumn {
    const column = this.columns[k]!;
    if (column instanceof DictColumn && part.kind === 'dict') {
      column.appendEncoded(part.valueBytes, part.valueOffsets, part.indices, part.count);
      return column.tooVaried() ? this.plain(column, k) : column;
    }
    const plain = column instanceof DictColumn ? this.plain(column, k) : column;
    if (part.kind === 'bytes') plain.appendCells(part.bytes, part.offsets, part.count);
    else {
      const { indices, valueBytes, valueOffsets } = part;
      plain.reserveCells(plain.count + part.count);
      for (let i = 0; i < part.count; i++) {
        const v = indices[i]!;
        plain.appendField(valueBytes, valueOffsets[v]!, valueOffsets[v + 1]!, 0);
      }
    }
    return plain;
  }

  // A column that stays dictionary-encoded: its indices (later its codes or numbers) go to the arena.
  private moveToArena(column: DictColumn): void {
    const indices = this.arena!.int32(Math.max(this.expectedRows, column.count));
    if (!indices) return;
    indices.set(column.indices.subarray(0, column.count));
    column.indices = indices;
  }

  // The same cells as plain bytes, in buffers sized for the whole input.
  private plain(column: DictColumn, k: number): ByteColumn {
    const arena = this.arena;
    const text = k === this.arenaText ? Math.ceil(this.columnBytes[k]! * ARENA_TEXT_ROOM) : 0;
    const plain = ByteColumn.over(arena && text ? arena.take(text) : null, arena?.int32(this.expectedRows + 1) ?? null, this.expectedRows, this.columnBytes[k]!);
    const values = column.values;
    for (let i = 0; i < column.count; i++) {
      const v = column.indices[i]!;
      plain.appendField(values.bytes, values.offsets[v]!, values.offsets[v + 1]!, 0);
    }
    return plain;
  }

  /**
   * The arena for a large input: in its region, the indices of each column that stays
   * dictionary-encoded (later its codes or numbers), the offsets of columns that turn plain, the
   * longest column's text (ARENA_TEXT_ROOM × its estimate), and the converted arrays (dates, decimals, label lists: per row, at most a cell's
   * bytes plus 12); in front, room for the messages, every dictionary included. Untouched room
   * costs no memory.
   */
  private reserveArena(): IpcArena | null {
    const rows = this.expectedRows;
    const cells = rows * this.ncols;
    if (cells * 4 < ARENA_MIN_BYTES) return null;
    let front = ARENA_SLACK;
    let region = ARENA_SLACK + maxOf(this.columnBytes, 0) * ARENA_TEXT_ROOM;
    for (let j = 0; j < this.ncols; j++) {
      const average = this.averages[j]!;
      front += Math.min(rows, 65_536) * (average + 8);
      region += rows * 8 + rows * (average + 12) * 1.1;
    }
    return IpcArena.reserve(Math.ceil(front), Math.ceil(region));
  }

  private growBatch(size: number): void {
    const capacity = Math.max(size, this.batchStarts.length * 2, 4096);
    ({ starts: this.batchStarts, ends: this.batchEnds, flags: this.batchFlags } = grownFieldRanges({ starts: this.batchStarts, ends: this.batchEnds, flags: this.batchFlags }, capacity));
  }
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
