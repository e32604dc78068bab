/**
 * A growable column of UTF-8 cells in Arrow's Utf8 layout (one byte buffer + Int32 offsets).
 *
 * The CSV scanner copies field bytes straight in, so a million cells cost two typed arrays, not a
 * million strings; text columns become Arrow vectors without decoding a single cell.
 */
import { copyField } from '../csv/scanner.ts';

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** UTF-8 cells in Arrow Utf8 layout; an empty cell (length 0) is read as missing. */
export class ByteColumn {
  /** Cell bytes, back to back; only [0, byteLength) is used. */
  bytes: Uint8Array;
  /** Used length of `bytes`. */
  byteLength = 0;
  /** offsets[i]..offsets[i+1] is cell i; only [0, count] is used. */
  offsets: Int32Array;
  /** Number of cells. */
  count = 0;

  constructor(expectedCells = 1024, expectedBytes = 16 * 1024) {
    this.bytes = new Uint8Array(Math.max(64, expectedBytes));
    this.offsets = new Int32Array(Math.max(16, expectedCells + 1));
  }

  /** A column whose cell bytes (and offsets, when given) are written into the given arrays (e.g. room in an IPC arena) until they outgrow them. */
  static over(bytes: Uint8Array | null, offsets: Int32Array | null, expectedCells: number, expectedBytes: number): ByteColumn {
    const column = new ByteColumn(offsets ? 0 : expectedCells, bytes ? 0 : expectedBytes);
    if (bytes) column.bytes = bytes;
    if (offsets) {
      column.offsets = offsets;
      offsets[0] = 0;
    }
    return column;
  }

  /** Appends a field from the scanner (flag says how to undo its quoting). */
  appendField(src: Uint8Array, start: number, end: number, flag: number): void {
    const need = this.byteLength + (end - start);
    if (need > this.bytes.length) this.growBytes(need);
    this.byteLength = copyField(src, start, end, flag, this.bytes, this.byteLength);
    this.pushOffset();
  }

  /** Appends `count` cells given in Arrow Utf8 layout (bytes[offsets[i], offsets[i + 1]) is cell i). */
  appendCells(bytes: Uint8Array, offsets: Int32Array, count: number): void {
    const first = offsets[0]!;
    const length = offsets[count]! - first;
    this.reserveBytes(this.byteLength + length);
    this.reserveCells(this.count + count);
    this.bytes.set(bytes.subarray(first, first + length), this.byteLength);
    const own = this.offsets;
    const shift = this.byteLength - first;
    for (let i = 1, at = this.count + 1; i <= count; i++, at++) own[at] = offsets[i]! + shift;
    this.byteLength += length;
    this.count += count;
  }

  /** Appends a JS string (Arrow / Parquet inputs); null becomes an empty (missing) cell. */
  appendString(value: string | null): void {
    if (value !== null && value.length > 0) {
      const need = this.byteLength + value.length * 3;
      if (need > this.bytes.length) this.growBytes(need);
      this.byteLength += utf8Encoder.encodeInto(value, this.bytes.subarray(this.byteLength)).written;
    }
    this.pushOffset();
  }

  /** Decodes cell i (for samples, messages and slow paths only). */
  get(i: number): string {
    return utf8Decoder.decode(this.bytes.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }

  /** The used bytes (a view). */
  usedBytes(): Uint8Array {
    return this.bytes.subarray(0, this.byteLength);
  }

  /** The used offsets, count + 1 of them (a view). */
  usedOffsets(): Int32Array {
    return this.offsets.subarray(0, this.count + 1);
  }

  /** The buffers this column owns (to release them once it is converted). */
  buffers(): ArrayBufferLike[] {
    return [this.bytes.buffer, this.offsets.buffer];
  }

  private pushOffset(): void {
    if (this.count + 2 > this.offsets.length) this.reserveCells(this.count + 2);
    this.offsets[++this.count] = this.byteLength;
  }

  /** Makes room for at least `cells` cells (offsets grow by doubling). */
  reserveCells(cells: number): void {
    if (cells + 1 <= this.offsets.length) return;
    const grown = new Int32Array(Math.max(cells + 1, this.offsets.length * 2));
    grown.set(this.offsets);
    this.offsets = grown;
  }

  /** Makes room for at least `need` bytes (grows by half again, so appends stay amortised O(1)). */
  reserveBytes(need: number): void {
    if (need > this.bytes.length) this.growBytes(need);
  }

  private growBytes(need: number): void {
    if (need > 0x7fffffff) throw new RangeError('A column holds more than 2 GB of text.');
    const grown = new Uint8Array(Math.min(0x7fffffff, Math.max(need, Math.floor(this.bytes.length * 1.5))));
    grown.set(this.bytes.subarray(0, this.byteLength));
    this.bytes = grown;
  }
}
