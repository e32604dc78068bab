/**
 * Distinct byte strings (UTF-8 cells) found by hashing their bytes, so no JS string is made per
 * cell: the dictionary under both `DictColumn` (cells streaming in from the CSV scanner) and
 * `dictionaryEncode` (a finished byte column). Values keep their order of first appearance, so a
 * value's index never changes; the open-addressing table is kept at most half full.
 */
import { ByteColumn } from './byteColumn.ts';

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

/** Hash table slots for `values` distinct values (a power of two, at least twice as many, at least 16). */
export function tableSlots(values: number): number {
  let slots = 16;
  while (slots < values * 2) slots *= 2;
  return slots;
}

/** A set of distinct byte strings, each with a stable index; see the module comment. */
export class ByteDictionary {
  /** The distinct values (exact bytes), in order of first appearance. */
  readonly values: ByteColumn;
  private table: Int32Array; // 0 = empty slot, else value index + 1; length is a power of two
  private hashes: Int32Array; // hashBytes of each value, for probing and rehashing

  /** `slots`: initial table size (a power of two); `valueCells`, `valueBytes`: initial room for values. */
  constructor(slots: number, valueCells: number, valueBytes: number) {
    this.values = new ByteColumn(valueCells, valueBytes);
    this.table = new Int32Array(slots);
    this.hashes = new Int32Array(slots);
  }

  /**
   * Index of the value bytes[start, end), whose `hashBytes` is `h`; when it is absent, the bitwise
   * NOT (a negative number) of the empty slot where `insert` puts it.
   */
  find(bytes: Uint8Array, start: number, end: number, h: number): number {
    const table = this.table;
    const hashes = this.hashes;
    const offsets = this.values.offsets;
    const stored = this.values.bytes;
    const length = end - start;
    const mask = table.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) return ~slot;
      const index = entry - 1;
      if (hashes[index] === h) {
        const vs = offsets[index]!;
        if (offsets[index + 1]! - vs === length) {
          let q = 0;
          while (q < length && stored[vs + q] === bytes[start + q]) q++;
          if (q === length) return index;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds the absent value bytes[start, end) with hash `h` at `slot` (from `find`) and returns its index. */
  insert(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const index = this.values.count;
    this.values.appendField(bytes, start, end, 0);
    if (index === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[index] = h;
    this.table[slot] = index + 1;
    if (this.values.count * 2 > this.table.length) this.rehash();
    return index;
  }

  /** The buffers it owns (to release them once its column is converted). */
  buffers(): ArrayBufferLike[] {
    return [this.table.buffer, this.hashes.buffer, ...this.values.buffers()];
  }

  // Doubles the table so probes stay short.
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let v = 0; v < this.values.count; v++) {
      let t = this.hashes[v]! & mask;
      while (table[t] !== 0) t = (t + 1) & mask;
      table[t] = v + 1;
    }
    this.table = table;
  }
}
