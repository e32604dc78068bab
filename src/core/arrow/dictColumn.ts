/**
 * A column of UTF-8 cells kept dictionary-encoded while the CSV streams in: each distinct cell's
 * bytes once, plus a 4-byte index per row. Most catalogue columns (categories, colours, units,
 * dates) have few distinct values, so this writes far less memory than copying every cell's bytes,
 * and typing then reads each distinct value once. It is lossless: a column that turns out to be
 * mostly distinct (an id, a description) is turned back into a plain ByteColumn.
 */
import { ByteColumn } from './byteColumn.ts';
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

/**
 * Hash of bytes[start, end): four bytes per multiply (the chain of multiplies is what a byte-wise
 * FNV loop waits on), then a final mix so the low bits used for table slots depend on every byte.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = (end - start) | 0;
  let p = start;
  for (; p + 4 <= end; p += 4) h = Math.imul(h ^ (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)), 0x01000193);
  for (; p < end; p++) h = Math.imul(h ^ bytes[p]!, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/** Dictionary-encoded UTF-8 cells; see the module comment. */
export class DictColumn implements CellColumn {
  /** The distinct cells (exact bytes, untrimmed), in order of first appearance. */
  readonly values = new ByteColumn(256, 4096);
  /** Index into `values` of each cell; only [0, count) is used. */
  indices: Int32Array;
  /** Number of cells. */
  count = 0;
  private size = 256;
  private table = new Int32Array(256); // 0 = empty slot, else value index + 1
  private hashes = new Int32Array(256);
  private scratch = new Uint8Array(256);

  constructor(expectedCells = 1024) {
    this.indices = new Int32Array(Math.max(16, Math.min(expectedCells, 1 << 16)));
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
    const values = this.values;
    const mask = this.size - 1;
    let slot = h & mask;
    let found = -1;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      const index = entry - 1;
      if (this.hashes[index] === h) {
        const vs = values.offsets[index]!;
        const length = values.offsets[index + 1]! - vs;
        if (length === e - s) {
          const vb = values.bytes;
          let k = 0;
          while (k < length && vb[vs + k] === source[s + k]) k++;
          if (k === length) {
            found = index;
            break;
          }
        }
      }
      slot = (slot + 1) & mask;
    }
    if (found < 0) {
      found = values.count;
      values.appendField(source, s, e, 0);
      if (found === this.hashes.length) {
        const grown = new Int32Array(this.hashes.length * 2);
        grown.set(this.hashes);
        this.hashes = grown;
      }
      this.hashes[found] = h;
      this.table[slot] = found + 1;
      if (values.count * 2 > this.size) this.rehash();
    }
    if (this.count === this.indices.length) {
      const grown = new Int32Array(this.indices.length * 2);
      grown.set(this.indices);
      this.indices = grown;
    }
    this.indices[this.count++] = found;
  }

  /**
   * Appends column k of a batch of scanner records (row-major ranges, `ncols` per row): the
   * per-chunk hot loop, with the hash table in locals.
   */
  addBatch(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, rows: number, ncols: number, k: number): void {
    if (this.count + rows > this.indices.length) {
      const grown = new Int32Array(Math.max(this.count + rows, this.indices.length * 2));
      grown.set(this.indices.subarray(0, this.count));
      this.indices = grown;
    }
    const indices = this.indices;
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
      // hashBytes, inlined: the per-cell hot loop.
      let h = (e - s) | 0;
      let p = s;
      for (; p + 4 <= e; p += 4) h = Math.imul(h ^ (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)), 0x01000193);
      for (; p < e; p++) h = Math.imul(h ^ bytes[p]!, 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      const table = this.table;
      const hashes = this.hashes;
      const values = this.values;
      const offsets = values.offsets;
      const vb = values.bytes;
      const mask = this.size - 1;
      let slot = h & mask;
      let found = -1;
      for (;;) {
        const entry = table[slot]!;
        if (entry === 0) break;
        const index = entry - 1;
        if (hashes[index] === h) {
          const vs = offsets[index]!;
          const length = offsets[index + 1]! - vs;
          if (length === e - s) {
            let q = 0;
            while (q < length && vb[vs + q] === bytes[s + q]) q++;
            if (q === length) {
              found = index;
              break;
            }
          }
        }
        slot = (slot + 1) & mask;
      }
      if (found >= 0) {
        indices[count++] = found;
        continue;
      }
      // A new value: the general path (appends it, grows and rehashes as needed).
      this.count = count;
      this.add(bytes, s, e, 0);
      count = this.count;
    }
    this.count = count;
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
    return [this.indices.buffer, this.table.buffer, this.hashes.buffer, ...this.values.buffers()];
  }

  private rehash(): void {
    this.size *= 2;
    const table = new Int32Array(this.size);
    const mask = this.size - 1;
    for (let v = 0; v < this.values.count; v++) {
      let t = this.hashes[v]! & mask;
      while (table[t] !== 0) t = (t + 1) & mask;
      table[t] = v + 1;
    }
    this.table = table;
  }
}
