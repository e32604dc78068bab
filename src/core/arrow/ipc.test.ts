import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ByteColumn } from './byteColumn.ts';
import { DictColumn } from './dictColumn.ts';
import { IpcArena, releaseBuffer, releaseUnless, tableToIPCReleasing, vectorBuffers } from './ipc.ts';
import { dictionaryEncode, dictionaryVectorOf, float64Vector, int32Vector, timestampVector, utf8Vector, ValidityBuilder } from './vectors.ts';

const enc = new TextEncoder();
const N = 40_000; // big enough that every column's buffers are released (≥ 64 KB)

function bytesOf(cells: string[]): ByteColumn {
  const column = new ByteColumn();
  for (const cell of cells) {
    const bytes = enc.encode(cell);
    column.appendField(bytes, 0, bytes.length, 0);
  }
  return column;
}

function makeTable(): Table {
  const text = bytesOf(Array.from({ length: N }, (_, i) => (i % 7 === 0 ? '' : `Relaxed linen shirt no. ${i}`)));
  const colours = bytesOf(Array.from({ length: N }, (_, i) => ['Ivory', 'Sand', ' Navy ', ''][i % 4]!));
  const validity = new ValidityBuilder(N);
  const floats = new Float64Array(N);
  const ms = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    floats[i] = i * 0.25;
    ms[i] = Date.UTC(2019, 0, 1) + i * 86_400_000;
    if (i % 11 === 0) validity.setNull(i);
  }
  return new Table({
    id: int32Vector(Int32Array.from({ length: N }, (_, i) => 100000 + i), { bitmap: null, nullCount: 0 }),
    text: utf8Vector(text),
    colour: dictionaryVectorOf(dictionaryEncode(colours, 100)!, () => false),
    price: float64Vector(floats, validity.finish()),
    date: timestampVector(ms, { bitmap: null, nullCount: 0 }),
  });
}

describe('tableToIPCReleasing', () => {
  it('writes what tableToIPC writes, and the page reads the same table', async () => {
    const expected = tableFromIPC(tableToIPC(makeTable(), 'stream'));
    const table = makeTable();
    const ipc = await tableToIPCReleasing(table);
    // Same length (dictionary ids aside, the bytes are the same stream), same columns and cells.
    expect(ipc.length).toBe(tableToIPC(makeTable(), 'stream').length);
    const back = tableFromIPC(ipc);
    expect(back.schema.fields.map((f) => `${f.name}: ${f.type}`)).toEqual(expected.schema.fields.map((f) => `${f.name}: ${f.type}`));
    for (const field of expected.schema.fields) expect(Array.from(back.getChild(field.name)!)).toEqual(Array.from(expected.getChild(field.name)!));
    expect(back.numRows).toBe(N);
    expect(back.getChild('text')!.get(1)).toBe('Relaxed linen shirt no. 1');
    expect(back.getChild('text')!.get(7)).toBeNull();
    expect(back.getChild('colour')!.get(2)).toBe('Navy');
    expect(back.getChild('price')!.get(11)).toBeNull();
    expect(back.getChild('price')!.get(12)).toBe(3);
    expect(back.getChild('id')!.get(N - 1)).toBe(100000 + N - 1);
  });

  it('releases the (large) table buffers it copied', async () => {
    const table = makeTable();
    const buffers = [...vectorBuffers(table.getChild('text')!), ...vectorBuffers(table.getChild('price')!)].filter((buffer) => buffer.byteLength >= 64 * 1024);
    expect(buffers.length).toBe(3);
    expect(buffers.every((buffer) => buffer.byteLength > 0)).toBe(true);
    await tableToIPCReleasing(table);
    expect(buffers.map((buffer) => buffer.byteLength)).toEqual(buffers.map(() => 0));
  });
});

describe('tableToIPCReleasing with an IPC arena', () => {
  // A table whose text and ids were written into an arena (prices are not: they are copied in).
  function arenaTable(front: number, spare: number) {
    const cells = Array.from({ length: N }, (_, i) => enc.encode(i % 9 === 0 ? '' : `Wool coat no. ${i}`));
    const textBytes = cells.reduce((sum, bytes) => sum + bytes.length, 0);
    const arena = IpcArena.reserve(front, textBytes + (N + 1) * 4 + N * 4 + 64 + spare)!;
    const text = ByteColumn.over(arena.take(textBytes), arena.int32(N + 1), N, 0);
    for (const bytes of cells) text.appendField(bytes, 0, bytes.length, 0);
    const ids = arena.int32(N)!;
    for (let i = 0; i < N; i++) ids[i] = i;
    const prices = float64Vector(Float64Array.from({ length: N }, (_, i) => i / 4), { bitmap: null, nullCount: 0 });
    const colours = dictionaryVectorOf(dictionaryEncode(bytesOf(Array.from({ length: N }, (_, i) => ['Ivory', 'Sand'][i % 2]!)), 10)!, () => false);
    return { arena, table: new Table({ id: int32Vector(ids, { bitmap: null, nullCount: 0 }), text: utf8Vector(text), colour: colours, price: prices }) };
  }
  const cells = (table: Table) => JSON.stringify(table.schema.fields.map((field) => Array.from(table.getChild(field.name)!)));

  it('builds the stream around the arrays where they lie: a view of the arena, the same table', async () => {
    const { arena, table } = arenaTable(1 << 16, N * 16 + (1 << 16));
    const expected = cells(tableFromIPC(tableToIPC(table, 'stream')));
    const ipc = await tableToIPCReleasing(table);
    expect(ipc.buffer).toBe(arena.buffer);
    expect(ipc.byteOffset % 8).toBe(0);
    expect(cells(tableFromIPC(ipc)) === expected).toBe(true);
    // The arena is the output: releasing the raw columns leaves it alone.
    releaseBuffer(arena.buffer);
    expect(arena.buffer.byteLength).toBeGreaterThan(0);
  });

  it('copies as usual when the arena has no room for the other arrays, or for the messages', async () => {
    for (const [front, spare] of [[1 << 16, 0], [64, N * 16 + (1 << 16)]] as const) {
      const { arena, table } = arenaTable(front, spare);
      const expected = cells(tableFromIPC(tableToIPC(table, 'stream')));
      const ipc = await tableToIPCReleasing(table);
      expect(ipc.buffer).not.toBe(arena.buffer);
      expect(cells(tableFromIPC(ipc)) === expected).toBe(true);
    }
  });
});

describe('releaseUnless', () => {
  it('frees the raw buffers a vector does not view, and keeps those it does', () => {
    const raw = bytesOf(['a', 'b', 'c']);
    const reused = utf8Vector(raw);
    releaseUnless(raw.buffers(), reused);
    expect(reused.get(1)).toBe('b');

    const dict = new DictColumn();
    for (const cell of ['x', 'y', 'x']) dict.add(enc.encode(cell), 0, 1, 0);
    const owned = dict.buffers();
    const converted = int32Vector(Int32Array.of(1, 2, 1), { bitmap: null, nullCount: 0 });
    releaseUnless(owned, converted);
    expect(owned.map((buffer) => buffer.byteLength)).toEqual(owned.map(() => 0));
    expect(converted.get(1)).toBe(2);
  });

  it('leaves SharedArrayBuffers and empty buffers alone', () => {
    const shared = new SharedArrayBuffer(16);
    releaseBuffer(shared);
    expect(shared.byteLength).toBe(16);
    expect(() => releaseBuffer(new ArrayBuffer(0))).not.toThrow();
  });
});
