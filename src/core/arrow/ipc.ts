/**
 * Arrow IPC encoding that never holds a table and its IPC copy whole at the same time.
 *
 * apache-arrow's writer hands out the stream as a list of chunks: small metadata messages and
 * views of the table's own buffers. They are copied one by one into the single output buffer, and
 * each table buffer is released (detached, its memory freed at once where the runtime supports
 * `ArrayBuffer.prototype.transfer`) as soon as its last byte is copied. Peak memory is the table
 * plus its largest column, not twice the table. A table whose arrays the parser and converters
 * wrote into an `IpcArena` (the buffer that becomes the output) is encoded around them: those
 * arrays are never copied (on a small VM, writing fresh memory costs ~5 ms per MB).
 */
import { makeVector, Message, RecordBatchStreamWriter, type Data, type RecordBatch, type Table, type Vector } from 'apache-arrow';
import { BufferRegion, RecordBatch as RecordBatchMetadata } from 'apache-arrow/ipc/metadata/message';

// Buffers smaller than this are left to the garbage collector (metadata, padding, tiny columns).
const RELEASE_AT_LEAST = 64 * 1024;

type Detachable = ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };

/**
 * Detaches an ArrayBuffer so its memory can be freed now rather than at the next garbage
 * collection. Every view of it reads as empty afterwards. SharedArrayBuffers are left alone.
 */
export function releaseBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || arenas.has(buffer)) return;
  const detachable = buffer as Detachable;
  if (typeof detachable.transfer === 'function') detachable.transfer(0);
  else structuredClone(buffer, { transfer: [buffer] });
}

/**
 * Encodes `table` as Arrow IPC stream bytes (the same bytes as `tableToIPC(table, 'stream')`),
 * releasing the table's buffers as they are copied: the table must not be used afterwards.
 */
export async function tableToIPCReleasing(table: Table): Promise<Uint8Array> {
  const arena = arenaOf(table);
  const writer = arena ? new ArenaStreamWriter(arena) : new RecordBatchStreamWriter();
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
  const placed = arena ? placeAroundArena(chunks, total, arena) : null;
  const out = placed?.out ?? new Uint8Array(total);
  let at = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    const length = chunk.byteLength; // (read before the chunk's buffer is released: then it is 0)
    // The arena's body is already where the output needs it: neither copied nor released.
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
 * Where arena buffers come from: a fresh ArrayBuffer. Replaceable so that `bench/ingestNode.ts`
 * (PREFAULT=1) can time the same parse writing into memory that is already mapped.
 */
export const arenaBuffers = { allocate: (bytes: number): ArrayBuffer => new ArrayBuffer(bytes) };

/**
 * One buffer that the parser and the converters write a table's large arrays into, and that then
 * becomes the Arrow IPC output: the record batch's body is the arena's used region as it is (each
 * array found by its offset, as Arrow IPC locates buffers), the messages before it are written
 * into the room reserved in front, so the large arrays are never copied. Untouched room costs no
 * memory, so the reservations can be generous; arrays that outgrow their room move to ordinary
 * memory and are copied in as usual.
 */
export class IpcArena {
  /** The whole buffer. */
  readonly buffer: ArrayBuffer;
  /** Where the region for arrays (the future record batch body) starts; before it: room for the messages. */
  readonly bodyStart: number;
  private top: number;

  private constructor(buffer: ArrayBuffer, bodyStart: number) {
    this.buffer = buffer;
    this.bodyStart = bodyStart;
    this.top = bodyStart;
    arenas.add(buffer);
    arenaByBuffer.set(buffer, this);
  }

  /** An arena with `front` bytes for messages and `region` bytes for arrays; null when the runtime refuses a buffer that large. */
  static reserve(front: number, region: number): IpcArena | null {
    const bodyStart = align8(front);
    try {
      return new IpcArena(arenaBuffers.allocate(bodyStart + align8(region) + ARENA_TAIL), bodyStart);
    } catch {
      return null;
    }
  }

  /** `bytes` bytes of the region (8-byte aligned), or null when it is full. */
  take(bytes: number): Uint8Array | null {
    const size = align8(bytes);
    if (this.top + size > this.buffer.byteLength - ARENA_TAIL) return null;
    const view = new Uint8Array(this.buffer, this.top, bytes);
    this.top += size;
    return view;
  }

  /** `count` Int32 values of the region, or null when it is full. */
  int32(count: number): Int32Array | null {
    const bytes = this.take(count * 4);
    return bytes && new Int32Array(this.buffer, bytes.byteOffset, count);
  }

  /** Whether `view` lies in this arena. */
  holds(view: ArrayBufferView): boolean {
    return view.buffer === this.buffer;
  }
}

/** The arena `view` lies in, if any. */
export function arenaHolding(view: ArrayBufferView): IpcArena | null {
  return arenaByBuffer.get(view.buffer) ?? null;
}

/** `count` Int32 values in the arena that `near` lies in (when it has room), else a new array: for a converted column built from an arena column. */
export function int32Near(near: ArrayBufferView, count: number): Int32Array {
  return arenaHolding(near)?.int32(count) ?? new Int32Array(count);
}

/** `count` Float64 values in the arena that `near` lies in (when it has room), else a new array. */
export function float64Near(near: ArrayBufferView, count: number): Float64Array {
  const bytes = arenaHolding(near)?.take(count * 8);
  return bytes ? new Float64Array(bytes.buffer, bytes.byteOffset, count) : new Float64Array(count);
}

/** `count` bytes in the arena that `near` lies in (when it has room), else a new array. */
export function bytesNear(near: ArrayBufferView, count: number): Uint8Array {
  return arenaHolding(near)?.take(count) ?? new Uint8Array(count);
}

const ARENA_TAIL = 64; // room after the region for the end-of-stream marker
const align8 = (n: number) => Math.ceil(n / 8) * 8;
// Arena buffers: never released piecemeal (they become the output).
const arenas = new WeakSet<ArrayBufferLike>();

/** The arena the table's arrays were written into, if any. */
function arenaOf(table: Table): IpcArena | null {
  for (const child of table.data[0]?.children ?? []) {
    for (const buffer of vectorBuffers(makeVector(child))) if (arenas.has(buffer)) return arenaByBuffer.get(buffer) ?? null;
  }
  return null;
}
const arenaByBuffer = new WeakMap<ArrayBufferLike, IpcArena>();

/**
 * A stream writer whose record batch body is the arena's region itself: each buffer is located
 * where it already lies (buffers elsewhere are first copied into the region's free room); the
 * body chunk it hands out is one view of the region, which tableToIPCReleasing leaves in place.
 */
class ArenaStreamWriter extends RecordBatchStreamWriter {
  constructor(private readonly arena: IpcArena) {
    super();
  }

  protected override _writeRecordBatch(batch: RecordBatch): this {
    const { nodes, bufferRegions, buffers, variadicBufferCounts } = this._assembleRecordBatch(batch);
    const arena = this.arena;
    const regions: BufferRegion[] = [];
    let bodyEnd = arena.bodyStart;
    for (let k = 0; k < buffers.length; k++) {
      const view = buffers[k]!;
      const length = bufferRegions[k]!.length;
      if (view.byteLength === 0) {
        regions.push(new BufferRegion(0, 0));
        continue;
      }
      let at: number;
      if (arena.holds(view) && view.byteOffset >= arena.bodyStart) at = view.byteOffset;
      else {
        const room = arena.take(length);
        if (!room) return super._writeRecordBatch(batch);
        room.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
        at = room.byteOffset;
      }
      regions.push(new BufferRegion(at - arena.bodyStart, length));
      bodyEnd = Math.max(bodyEnd, at + length);
    }
    const bodyLength = align8(bodyEnd - arena.bodyStart);
    const metadata = new RecordBatchMetadata(batch.numRows, nodes, regions, null, variadicBufferCounts, batch.metadata);
    this._writeDictionaries(batch);
    this._writeMessage(Message.from(metadata, bodyLength));
    return this._write(new Uint8Array(arena.buffer, arena.bodyStart, bodyLength));
  }
}

// Where the output goes when one chunk is the arena's body (at its bodyStart) and the messages
// before it fit in the room in front: the output is then a view of the arena, and that chunk
// (index `inPlace`) is not copied.
function placeAroundArena(chunks: Uint8Array[], total: number, arena: IpcArena): { out: Uint8Array; inPlace: number } | null {
  let before = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    if (chunk.buffer === arena.buffer && chunk.byteOffset === arena.bodyStart) {
      const start = arena.bodyStart - before;
      if (start < 0 || start + total > arena.buffer.byteLength) return null;
      // Messages before the body go in the front room, the end marker after the body: nothing else may view the arena.
      if (chunks.some((other, j) => j !== k && other.buffer === arena.buffer)) return null;
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
