import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ByteColumn } from './byteColumn.ts';
import { DictColumn } from './dictColumn.ts';
import { releaseBuffer, releaseUnless, reserveIpcArena, tableToIPCReleasing, vectorBuffers } from './ipc.ts';
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

describe('tableToIPCReleasing around an IPC arena', () => {
  // A table whose text column was written into an arena with `before` bytes of room in front.
  function arenaTable(before: number, after = 1 << 20) {
    const cells = Array.from({ length: N }, (_, i) => enc.encode(i % 9 === 0 ? '' : `Wool coat no. ${i}`));
    // Room for the text exactly, so `after` is all there is behind it.
    const arena = reserveIpcArena(before, cells.reduce((sum, bytes) => sum + bytes.length, 0), after)!;
    const text = ByteColumn.over(arena.bytes, N);
    for (const bytes of cells) text.appendField(bytes, 0, bytes.length, 0);
    const ids = int32Vector(Int32Array.from({ length: N }, (_, i) => i), { bitmap: null, nullCount: 0 });
    const prices = float64Vector(Float64Array.from({ length: N }, (_, i) => i / 4), { bitmap: null, nullCount: 0 });
    return { arena, table: new Table({ id: ids, text: utf8Vector(text), price: prices }) };
  }
  const cells = (table: Table) => JSON.stringify(table.schema.fields.map((field) => Array.from(table.getChild(field.name)!)));

  it('writes the stream around the text in place: a view of the arena, the same table', async () => {
    const { arena, table } = arenaTable(1 << 20);
    const expected = cells(tableFromIPC(tableToIPC(table, 'stream')));
    const ipc = await tableToIPCReleasing(table);
    expect(ipc.buffer).toBe(arena.buffer);
    expect(ipc.byteOffset % 8).toBe(0);
    expect(ipc.byteOffset).toBeGreaterThan(0);
    expect(cells(tableFromIPC(ipc))).toEqual(expected);
  });

  it('copies as usual when the room before or after the text is too small', async () => {
    for (const [before, after] of [[1024, 1 << 20], [1 << 20, 64]] as const) {
      const { arena, table } = arenaTable(before, after);
      const expected = cells(tableFromIPC(tableToIPC(table, 'stream')));
      const ipc = await tableToIPCReleasing(table);
      expect(ipc.buffer).not.toBe(arena.buffer);
      expect(cells(tableFromIPC(ipc))).toEqual(expected);
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
