/**
 * A streaming, byte-level RFC 4180 record scanner over UTF-8 bytes.
 *
 * It never builds strings or row objects: for each record it hands the sink the byte ranges of
 * the fields inside the current buffer, so the caller can copy them straight into column
 * builders (the optional flush callback lets a caller batch those copies per chunk: the ranges stay
 * valid until it returns). Chunks may cut anywhere (inside a quoted field, between CR and LF, inside a UTF-8
 * character); the scanner keeps the unfinished record's bytes and resumes where it stopped, so
 * each byte is scanned once even when one field spans many chunks.
 */

/** Field flag: plain bytes, copy as they are. */
export const FIELD_PLAIN = 0;
/** Field flag: quoted; the range is the content between the quotes, with no escapes inside. */
export const FIELD_QUOTED = 1;
/** Field flag: quoted with doubled quotes inside; the range is the content between the outer quotes. */
export const FIELD_ESCAPED = 2;
/** Field flag: irregular quoting (text after the closing quote); the range starts at the opening quote. */
export const FIELD_IRREGULAR = 3;

/**
 * Receives one record: `starts[k]`/`ends[k]` are byte offsets of field k in `bytes`, `flags[k]`
 * one of the FIELD_* flags, `line` the 1-based physical line where the record starts.
 */
export type RecordSink = (bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number) => void;

/** A quoted field still open at the end of the input. */
export interface UnclosedQuote {
  /** Line where the record with the open quote starts. */
  line: number;
  /** 0-based index of the field whose quote is never closed. */
  field: number;
  /** Physical lines the open field swallowed (up to the end of the file). */
  linesSwallowed: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// Scanner states between chunks.
const S_FIELD_START = 0;
const S_UNQUOTED = 1;
const S_QUOTED = 2;
const S_AFTER_CLOSE = 3;
const S_IRREGULAR = 4;

/** Scans chunks of UTF-8 bytes into records for a sink; see the module comment. */
export class CsvScanner {
  private buf = new Uint8Array(0);
  private bufLen = 0;
  private pos = 0;
  private state = S_FIELD_START;
  private fieldStart = 0;
  private quoteAt = 0;
  private closeAt = 0;
  private quotedFlag = FIELD_QUOTED;
  private skipLf = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private count = 0;
  private line = 1;
  private recordLine = 1;
  // 1 for the bytes that end an unquoted field: the delimiter, LF and CR.
  private readonly stops = new Uint8Array(256);
  /** Records handed to the sink so far (blank lines included). */
  records = 0;
  /** Set by `end()` when the input ends inside a quoted field. */
  unclosed: UnclosedQuote | null = null;

  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
    /** Called after each push/end with the bytes the records just emitted point into, before they are dropped. */
    private readonly flush?: (bytes: Uint8Array) => void,
  ) {
    this.stops[delimiter] = 1;
    this.stops[LF] = 1;
    this.stops[CR] = 1;
  }

  /** The physical line the scanner has reached (1-based). */
  get currentLine(): number {
    return this.line;
  }

  /**
   * True when everything pushed so far ends exactly at a record boundary: no field or record is
   * open, no quote, no byte kept for the next chunk (a line end inside quotes is not a boundary).
   */
  atRecordStart(): boolean {
    return this.state === S_FIELD_START && this.count === 0 && this.bufLen === 0 && !this.skipLf;
  }

  /** Scans one chunk. The chunk is not kept after the call returns (its tail is copied). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    let bytes: Uint8Array;
    let n: number;
    if (this.bufLen === 0) {
      bytes = chunk;
      n = chunk.length;
    } else {
      this.reserve(this.bufLen + chunk.length);
      this.buf.set(chunk, this.bufLen);
      this.bufLen += chunk.length;
      bytes = this.buf;
      n = this.bufLen;
    }
    const recordStart = this.scan(bytes, n, false);
    this.flush?.(bytes);
    this.keepTail(bytes, recordStart, n);
  }

  /** Ends the input: emits the last record (without a final newline) and notes an open quote. */
  end(): void {
    const n = this.bufLen;
    if (n > 0 || this.count > 0 || this.state !== S_FIELD_START) {
      this.scan(this.buf, n, true);
      this.flush?.(this.buf);
    }
    this.bufLen = 0;
  }

  private reserve(size: number): void {
    if (this.buf.length >= size) return;
    const grown = new Uint8Array(Math.max(size, this.buf.length * 2, 1 << 16));
    grown.set(this.buf.subarray(0, this.bufLen));
    this.buf = grown;
  }

  // Keeps the unfinished record [recordStart, n) for the next chunk, rebasing every saved offset.
  private keepTail(bytes: Uint8Array, recordStart: number, n: number): void {
    const tail = n - recordStart;
    if (bytes === this.buf) {
      if (recordStart > 0) this.buf.copyWithin(0, recordStart, n);
    } else {
      this.bufLen = 0;
      this.reserve(tail);
      this.buf.set(bytes.subarray(recordStart, n), 0);
    }
    this.bufLen = tail;
    if (recordStart === 0) return;
    this.pos -= recordStart;
    this.fieldStart -= recordStart;
    this.quoteAt -= recordStart;
    this.closeAt -= recordStart;
    for (let k = 0; k < this.count; k++) {
      this.starts[k]! -= recordStart;
      this.ends[k]! -= recordStart;
    }
  }

  private addField(start: number, end: number, flag: number): void {
    const k = this.count;
    if (k === this.starts.length) ({ starts: this.starts, ends: this.ends, flags: this.flags } = grownFieldRanges({ starts: this.starts, ends: this.ends, flags: this.flags }, k * 2));
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = flag;
    this.count = k + 1;
  }

  /**
   * Scans bytes[pos, n) and returns where the unfinished record starts. With `final`, the end
   * of the input closes whatever is open.
   */
  private scan(b: Uint8Array, n: number, final: boolean): number {
    const d = this.delimiter;
    const stops = this.stops;
    let i = this.pos;
    let state = this.state;
    let recordStart = 0;
    let line = this.line;
    if (this.skipLf && i < n) {
      if (b[i] === LF) i++;
      this.skipLf = false;
      recordStart = i;
    }
    for (;;) {
      let c = 0;
      let fieldEnd = 0;
      // Each case runs to the end of one field (or the end of the bytes) in a tight loop.
      if (state === S_FIELD_START) {
        if (i >= n) {
          if (final && this.count > 0) {
            // "a,b," at EOF: the delimiter promised one more (empty) field.
            this.addField(i, i, FIELD_PLAIN);
            this.emit(b);
          }
          break;
        }
        c = b[i]!;
        if (c === QUOTE) {
          this.quoteAt = i;
          this.quotedFlag = FIELD_QUOTED;
          i++;
          state = S_QUOTED;
        } else {
          this.fieldStart = i;
          state = S_UNQUOTED;
        }
        continue;
      }
      if (state === S_UNQUOTED || state === S_IRREGULAR) {
        // One table load per byte instead of three comparisons: the hottest loop of intake.
        while (i < n && stops[b[i]!] === 0) i++;
        if (i < n) c = b[i]!;
        if (i >= n && !final) break;
        fieldEnd = i;
        if (state === S_UNQUOTED) this.addField(this.fieldStart, fieldEnd, FIELD_PLAIN);
        else this.addField(this.quoteAt, fieldEnd, FIELD_IRREGULAR);
      } else if (state === S_QUOTED) {
        let closed = false;
        while (i < n) {
          c = b[i]!;
          if (c === QUOTE) {
            if (i + 1 >= n) {
              if (!final) break; // cannot tell `""` from a closing quote yet
              this.closeAt = i;
              i++;
              closed = true;
              break;
            }
            if (b[i + 1] === QUOTE) {
              this.quotedFlag = FIELD_ESCAPED;
              i += 2;
              continue;
            }
            this.closeAt = i;
            i++;
            closed = true;
            break;
          }
          if (c === LF) line++;
          i++;
        }
        if (!closed) {
          if (!final) break;
          // The quote never closes: the rest of the input is this one field.
          this.unclosed = { line: this.recordLine, field: this.count, linesSwallowed: line - this.recordLine + (n > 0 && b[n - 1] === LF ? 0 : 1) };
          this.addField(this.quoteAt, n, FIELD_IRREGULAR);
          this.emit(b);
          i = n;
          break;
        }
        state = S_AFTER_CLOSE;
        continue;
      } else {
        // S_AFTER_CLOSE: the closing quote must be followed by a delimiter or a line end.
        if (i >= n) {
          if (!final) break;
          this.addField(this.quoteAt + 1, this.closeAt, this.quotedFlag);
          this.emit(b);
          break;
        }
        c = b[i]!;
        if (c !== d && c !== LF && c !== CR) {
          state = S_IRREGULAR;
          continue;
        }
        this.addField(this.quoteAt + 1, this.closeAt, this.quotedFlag);
      }
      // Here the field is added and b[i] is a delimiter, a line end, or i === n with final.
      if (i >= n) {
        this.emit(b);
        state = S_FIELD_START;
        recordStart = n;
        break;
      }
      i++;
      if (c === d) {
        state = S_FIELD_START;
        continue;
      }
      this.emit(b);
      line++;
      this.recordLine = line;
      if (c === CR) {
        if (i < n) {
          if (b[i] === LF) i++;
        } else if (!final) this.skipLf = true;
      }
      state = S_FIELD_START;
      recordStart = i;
    }
    this.state = state;
    this.line = line;
    this.pos = i;
    return Math.min(recordStart, i);
  }

  private emit(b: Uint8Array): void {
    this.records++;
    this.sink(b, this.starts, this.ends, this.flags, this.count, this.recordLine);
    this.count = 0;
  }
}

/** Field ranges as the scanner hands them out: start, end and FIELD_* flag of field k at index k. */
export interface FieldRanges {
  /** Byte offset where each field starts. */
  starts: Int32Array<ArrayBuffer>;
  /** Byte offset where each field ends. */
  ends: Int32Array<ArrayBuffer>;
  /** Each field's FIELD_* flag. */
  flags: Uint8Array<ArrayBuffer>;
}

/** Copies of `ranges`' three arrays with room for `capacity` fields (the scanner's record, a batch of records). */
export function grownFieldRanges(ranges: FieldRanges, capacity: number): FieldRanges {
  const starts = new Int32Array(capacity);
  starts.set(ranges.starts);
  const ends = new Int32Array(capacity);
  ends.set(ranges.ends);
  const flags = new Uint8Array(capacity);
  flags.set(ranges.flags);
  return { starts, ends, flags };
}

/** Copies a field's bytes, undoing CSV quoting for FIELD_ESCAPED / FIELD_IRREGULAR fields, into `out` at `at`; returns the new end. */
export function copyField(bytes: Uint8Array, start: number, end: number, flag: number, out: Uint8Array, at: number): number {
  if (flag <= FIELD_QUOTED) {
    const length = end - start;
    if (length < 16) {
      for (let k = start; k < end; k++) out[at++] = bytes[k]!;
      return at;
    }
    out.set(bytes.subarray(start, end), at);
    return at + length;
  }
  if (flag === FIELD_ESCAPED) {
    for (let k = start; k < end; k++) {
      const c = bytes[k]!;
      out[at++] = c;
      if (c === QUOTE) k++; // `""` inside quotes stands for one quote
    }
    return at;
  }
  // Irregular: `"ab"cd` reads as `abcd`, `"a""b` (unclosed) as `a"b`; quotes toggle, `""` inside is one quote.
  let inQuotes = false;
  for (let k = start; k < end; k++) {
    const c = bytes[k]!;
    if (c === QUOTE) {
      if (inQuotes && k + 1 < end && bytes[k + 1] === QUOTE) {
        out[at++] = QUOTE;
        k++;
      } else if (inQuotes || k === start) inQuotes = !inQuotes;
      else out[at++] = c;
      continue;
    }
    out[at++] = c;
  }
  return at;
}
