/**
 * A column of UTF-8 cells kept dictionary-encoded while the CSV streams in: each distinct cell's
 * bytes once, plus a 4-byte index per row. Most catalogue columns (categories, colours, units,
 * dates) have few distinct values, so this writes far less memory than copying every cell's bytes,
 * and typing then reads each distinct value once. It is lossless: a column that turns out to be
 * mostly distinct (an id, a description) is turned back into a plain ByteColumn.
 */
import { ByteColumn } from './byteColumn.ts';
import { ByteDictionary, hashBytes, tableSlots } from './byteDictionary.ts';
import { copyField } from '../csv/scanner.ts';

/** Any column of UTF-8 cells that can be read cell by cell. */
export interface CellColumn {
  /** Number of cells. */
  readonly count: number;
  /** Decodes cell i. */
  get(i: number): string;
}

/** Distinct values a column may have and stay dictionary-encoded. */
export const MAX_STREAM_DICTIONARY = 65_536;

/** Dictionary-encoded UTF-8 cells; see the module comment. */
export class DictColumn implements CellColumn {
  /** Index of each cell's value in `values`; only [0, count) is used. */
  indices: Int32Array;
  /** Number of cells. */
  count = 0;
  private readonly dictionary: ByteDictionary;
  private scratch = new Uint8Array(256);

  /** `indices`: where to write the cells' indices (e.g. room in an IPC arena), else a new array for `expectedCells`. */
  constructor(expectedCells = 1024, indices: Int32Array | null = null) {
    this.indices = indices ?? new Int32Array(Math.max(16, expectedCells));
    // Small for a column of few cells (a very wide file has many); it grows as values come.
    const room = Math.min(256, Math.max(8, expectedCells));
    this.dictionary = new ByteDictionary(tableSlots(room), room, room * 16);
  }

  /** The distinct cells (exact bytes, untrimmed), in order of first appearance. */
  get values(): ByteColumn {
    return this.dictionary.values;
  }

  /** Distinct values so far. */
  get distinct(): number {
    return this.values.count;
  }

  /** Decodes cell i. */
  get(i: number): string {
    return this.values.get(this.indices[i]!);
  }

  /**
   * Whether the column has become too varied to stay encoded (then call toByteColumn). The
   * share of distinct values is only judged after MAX_STREAM_DICTIONARY rows: a column with tens
   * of thousands of values (prices) looks unique in its first few thousand rows, yet repeats.
   */
  tooVaried(): boolean {
    const distinct = this.values.count;
    return distinct > MAX_STREAM_DICTIONARY || (this.count >= MAX_STREAM_DICTIONARY && distinct * 2 > this.count);
  }

  /** Appends a scanner field (flag says how to undo its quoting). */
  add(bytes: Uint8Array, start: number, end: number, flag: number): void {
    let source = bytes;
    let s = start;
    let e = end;
    if (flag > 1) {
      // Escaped or irregular quoting: unquote into scratch first, then encode those bytes.
      if (this.scratch.length < end - start) this.scratch = new Uint8Array((end - start) * 2);
      e = copyField(bytes, start, end, flag, this.scratch, 0);
      s = 0;
      source = this.scratch;
    }
    const h = hashBytes(source, s, e);
    let found = this.dictionary.find(source, s, e, h);
    if (found < 0) found = this.dictionary.insert(source, s, e, h, ~found);
    if (this.count === this.indices.length) {
      const grown = new Int32Array(this.indices.length * 2);
      grown.set(this.indices);
      this.indices = grown;
    }
    this.indices[this.count++] = found;
  }

  /**
   * Appends column k of a batch of scanner records (row-major ranges, `ncols` per row): the
   * per-chunk hot loop.
   */
  addBatch(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, rows: number, ncols: number, k: number): void {
    if (this.count + rows > this.indices.length) {
      const grown = new Int32Array(Math.max(this.count + rows, this.indices.length * 2));
      grown.set(this.indices.subarray(0, this.count));
      this.indices = grown;
    }
    const indices = this.indices;
    const dictionary = this.dictionary;
    let count = this.count;
    for (let r = 0, f = k; r < rows; r++, f += ncols) {
      const s = starts[f]!;
      const e = ends[f]!;
      if (flags[f]! > 1) {
        this.count = count;
        this.add(bytes, s, e, flags[f]!);
        count = this.count;
        continue;
      }
      const h = hashBytes(bytes, s, e);
      const found = dictionary.find(bytes, s, e, h);
      indices[count++] = found >= 0 ? found : dictionary.insert(bytes, s, e, h, ~found);
    }
    this.count = count;
  }

  /**
   * Appends `count` cells that are dictionary-encoded elsewhere (value v is
   * valueBytes[valueOffsets[v], valueOffsets[v + 1]), cell i is value indices[i]): each of their
   * values is looked up once, then the cells' indices are remapped.
   */
  appendEncoded(valueBytes: Uint8Array, valueOffsets: Int32Array, indices: Int32Array, count: number): void {
    const distinct = valueOffsets.length - 1;
    const remap = new Int32Array(Math.max(distinct, 0));
    const dictionary = this.dictionary;
    for (let v = 0; v < distinct; v++) {
      const s = valueOffsets[v]!;
      const e = valueOffsets[v + 1]!;
      const h = hashBytes(valueBytes, s, e);
      const found = dictionary.find(valueBytes, s, e, h);
      remap[v] = found >= 0 ? found : dictionary.insert(valueBytes, s, e, h, ~found);
    }
    if (this.count + count > this.indices.length) {
      const grown = new Int32Array(Math.max(this.count + count, this.indices.length * 2));
      grown.set(this.indices.subarray(0, this.count));
      this.indices = grown;
    }
    const own = this.indices;
    for (let i = 0, at = this.count; i < count; i++, at++) own[at] = remap[indices[i]!]!;
    this.count += count;
  }

  /** The same cells as a plain ByteColumn (for columns that turned out to be text or ids). */
  toByteColumn(expectedCells = this.count): ByteColumn {
    const values = this.values;
    let bytes = 0;
    for (let i = 0; i < this.count; i++) {
      const v = this.indices[i]!;
      bytes += values.offsets[v + 1]! - values.offsets[v]!;
    }
    const column = new ByteColumn(Math.max(expectedCells, this.count), Math.max(bytes * 2, 1024));
    for (let i = 0; i < this.count; i++) {
      const v = this.indices[i]!;
      column.appendField(values.bytes, values.offsets[v]!, values.offsets[v + 1]!, 0);
    }
    return column;
  }

  /** The buffers this column owns (to release them once it is converted). */
  buffers(): ArrayBufferLike[] {
    return [this.indices.buffer, ...this.dictionary.buffers()];
  }

}
