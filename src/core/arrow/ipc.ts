/**
 * Arrow IPC encoding that never holds a table and its IPC copy whole at the same time.
 *
 * apache-arrow's writer hands out the stream as a list of chunks: small metadata messages and
 * views of the table's own buffers. They are copied one by one into the single output buffer, and
 * each table buffer is released (detached, its memory freed at once where the runtime supports
 * `ArrayBuffer.prototype.transfer`) as soon as its last byte is copied. Peak memory is the table
 * plus its largest column, not twice the table.
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
  const out = new Uint8Array(total);
  let at = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    out.set(chunk, at);
    at += chunk.byteLength;
    if (lastUse.get(chunk.buffer) === k) releaseBuffer(chunk.buffer);
    chunks[k] = EMPTY;
  }
  return out;
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
