/**
 * Arrow IPC encoding that never holds a table and its IPC copy whole at the same time.
 *
 * apache-arrow's writer hands out the stream as a list of chunks: small metadata messages and
 * views of the table's own buffers. They are copied one by one into the single output buffer, and
 * each table buffer is released (detached, its memory freed at once where the runtime supports
 * `ArrayBuffer.prototype.transfer`) as soon as its last byte is copied. Peak memory is the table
 * plus its largest column, not twice the table. The largest text column can be written by the
 * parser straight into an `IpcArena`, the buffer that becomes the output: its bytes are then
 * never copied (on a small VM, writing ~45 MB of fresh memory costs ~0.2 s).
 */
import { RecordBatchStreamWriter, type Data, type Table, type Vector } from 'apache-arrow';

// Buffers smaller than this are left to the garbage collector (metadata, padding, tiny columns).
const RELEASE_AT_LEAST = 64 * 1024;

type Detachable = ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };

/**
 * Detaches an ArrayBuffer so its memory can be freed now rather than at the next garbage
 * collection. Every view of it reads as empty afterwards. SharedArrayBuffers are left alone.
 */
export function releaseBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  const detachable = buffer as Detachable;
  if (typeof detachable.transfer === 'function') detachable.transfer(0);
  else structuredClone(buffer, { transfer: [buffer] });
}

/**
 * Encodes `table` as Arrow IPC stream bytes (the same bytes as `tableToIPC(table, 'stream')`),
 * releasing the table's buffers as they are copied: the table must not be used afterwards.
 */
export async function tableToIPCReleasing(table: Table): Promise<Uint8Array> {
  const writer = new RecordBatchStreamWriter();
  writer.writeAll(table);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of writer) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  // The last chunk that views each (large) buffer: after copying it, the buffer can go.
  const lastUse = new Map<ArrayBufferLike, number>();
  chunks.forEach((chunk, k) => {
    if (chunk.buffer.byteLength >= RELEASE_AT_LEAST) lastUse.set(chunk.buffer, k);
  });
  const placed = placeAroundArena(chunks, total);
  const out = placed?.out ?? new Uint8Array(total);
  let at = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    const length = chunk.byteLength; // (read before the chunk's buffer is released: then it is 0)
    // The arena's text is already where the output needs it: neither copied nor released.
    if (k !== placed?.inPlace) {
      out.set(chunk, at);
      if (lastUse.get(chunk.buffer) === k) releaseBuffer(chunk.buffer);
    }
    at += length;
    chunks[k] = EMPTY;
  }
  return out;
}

/**
 * A buffer that can become the IPC output around one column's text: the text is written at
 * `textAt`, with room reserved before it (for every message and buffer the stream has before the
 * text) and after it (the buffers after it). Untouched memory costs nothing, so the room can be
 * generous; when the stream does not fit, it is copied as usual.
 */
export interface IpcArena {
  /** The whole buffer. */
  buffer: ArrayBuffer;
  /** Where the text starts (a multiple of 8). */
  textAt: number;
}

// Arenas by buffer, so the encoder recognises a text buffer that lives in one.
const arenas = new WeakMap<ArrayBufferLike, IpcArena>();

/**
 * Reserves an arena with `before` bytes of room, then `textBytes` for the text, then `after`;
 * null when the runtime refuses a buffer that large. The text's view is `bytes`.
 */
export function reserveIpcArena(before: number, textBytes: number, after: number): (IpcArena & { bytes: Uint8Array }) | null {
  const textAt = Math.ceil(before / 8) * 8;
  let buffer: ArrayBuffer;
  try {
    buffer = new ArrayBuffer(textAt + textBytes + after);
  } catch {
    return null;
  }
  const arena = { buffer, textAt };
  arenas.set(buffer, arena);
  return { ...arena, bytes: new Uint8Array(buffer, textAt, textBytes) };
}

// Where the output goes when one chunk is an arena's text and the rest fits around it: the
// output is then a view of the arena, and that chunk (index `inPlace`) is not copied.
function placeAroundArena(chunks: Uint8Array[], total: number): { out: Uint8Array; inPlace: number } | null {
  let before = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    const arena = arenas.get(chunk.buffer);
    if (arena && chunk.byteOffset === arena.textAt && chunk.byteLength > 0) {
      const start = arena.textAt - before;
      if (start < 0 || start + total > arena.buffer.byteLength) return null;
      // Nothing else may view the arena (its text is one chunk only), or writing around it could overwrite it.
      if (chunks.some((other, j) => j !== k && other.buffer === chunk.buffer)) return null;
      return { out: new Uint8Array(arena.buffer, start, total), inPlace: k };
    }
    before += chunk.byteLength;
  }
  return null;
}

const EMPTY = new Uint8Array(0);

/** The ArrayBuffers a vector's data views (values, offsets, validity, children, dictionaries). */
export function vectorBuffers(vector: Vector): Set<ArrayBufferLike> {
  const found = new Set<ArrayBufferLike>();
  const visit = (data: Data): void => {
    for (const view of [data.values, data.valueOffsets, data.nullBitmap, data.typeIds] as (ArrayBufferView | undefined)[]) if (view) found.add(view.buffer);
    data.children.forEach(visit);
    if (data.dictionary) data.dictionary.data.forEach(visit);
  };
  vector.data.forEach(visit);
  return found;
}

/** Releases each of `buffers` that `vector` does not view (raw parser columns once converted). */
export function releaseUnless(buffers: ArrayBufferLike[], vector: Vector): void {
  const used = vectorBuffers(vector);
  for (const buffer of buffers) if (!used.has(buffer)) releaseBuffer(buffer);
}
