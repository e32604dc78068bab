import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { blobSource, byteStreamChunks, bytesSource, intake, type IntakeResult } from './intake.ts';

const enc = new TextEncoder();

// A catalogue of a few MB with quoted commas, escaped quotes and quoted line breaks, so chunks cut
// through every kind of field and the reused buffers wrap around many times.
function catalogue(rows: number): string {
  const lines = ['id,description,colour,units,launch_date'];
  for (let i = 0; i < rows; i++) {
    const description = i % 5 === 0 ? `"Linen shirt, ""${i}"" edition"` : i % 7 === 0 ? `"Wool coat\nline two ${i}"` : `Relaxed tee no. ${i}`;
    lines.push(`${1000 + i},${description},${['Ivory', 'Sand', 'Navy'][i % 3]},${i % 40},2019-0${(i % 9) + 1}-1${i % 10}`);
  }
  return `${lines.join('\n')}\n`;
}

const summary = (result: IntakeResult) => ({
  stats: { ...result.stats, timings: null },
  problems: result.problems,
  columns: result.columns,
  cells: result.table.schema.fields.map((field) => Array.from(result.table.getChild(field.name)!, String)),
});

// A byte stream that hands out at most `piece` bytes per read, like a file read in parts.
function byteStream(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const request = controller.byobRequest!;
      const view = request.view as Uint8Array;
      const length = Math.min(piece, view.byteLength, bytes.length - at);
      if (length === 0) {
        controller.close();
        request.respond(0);
        return;
      }
      view.set(bytes.subarray(at, at + length));
      at += length;
      request.respond(length);
    },
  });
}

describe('blobSource: chunks read into reused buffers', () => {
  it('reads a multi-MB CSV exactly as from bytes in memory', async () => {
    const bytes = enc.encode(catalogue(80_000));
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const fromBlob = await intake(blobSource(new Blob([bytes]), 'catalogue.csv'));
    const fromBytes = await intake(bytesSource(bytes, 'catalogue.csv', 4099));
    expect(fromBlob.stats.rows).toBe(80_000);
    expect(summary(fromBlob)).toEqual(summary(fromBytes));
    expect(fromBlob.table.getChild('description')!.get(7)).toBe('Wool coat\nline two 7');
    expect(fromBlob.table.getChild('description')!.get(79_995)).toBe('Linen shirt, "79995" edition');
  });

  it('keeps an Arrow file whole although its chunks share memory', async () => {
    const n = 200_000;
    const table = tableFromArrays({ id: Int32Array.from({ length: n }, (_, i) => i), price: Float64Array.from({ length: n }, (_, i) => i / 4), name: Array.from({ length: n }, (_, i) => `item ${i}`) });
    const ipc = tableToIPC(table, 'file');
    expect(ipc.length).toBeGreaterThan(3 << 20);
    const result = await intake(blobSource(new Blob([new Uint8Array(ipc)]), 'catalogue.arrow'));
    expect(result.stats.rows).toBe(n);
    expect(result.table.getChild('id')!.get(n - 1)).toBe(n - 1);
    expect(result.table.getChild('name')!.get(123_456)).toBe('item 123456');
  });

  it('byteStreamChunks yields every byte, in order, through a ring of small buffers', async () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 0xff);
    const seen: number[] = [];
    const iterator = byteStreamChunks(byteStream(bytes, 777), 1000)[Symbol.asyncIterator]();
    let total = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      // Read each chunk before asking for the next, as the parser does.
      for (const byte of next.value) seen.push(byte);
      total += next.value.length;
    }
    expect(total).toBe(bytes.length);
    expect(Uint8Array.from(seen)).toEqual(bytes);
  });

  it('byteStreamChunks falls back to a stream’s own chunks when it is not a byte stream', async () => {
    const parts = [enc.encode('a,b\n'), enc.encode('1,2\n')];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        parts.forEach((part) => controller.enqueue(part));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const chunk of byteStreamChunks(stream)) out.push(new TextDecoder().decode(chunk));
    expect(out.join('')).toBe('a,b\n1,2\n');
  });
});
