import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arenaHolding, tableToIPCReleasing, vectorBuffers } from '../arrow/ipc.ts';
import { bytesSource, intake } from './intake.ts';

const enc = new TextEncoder();

// Schema (types included) and every value, as JSON.
const contents = (table: Table) => ({
  schema: table.schema.fields.map((field) => `${field.name}: ${String(field.type)}`),
  rows: table.numRows,
  cells: table.schema.fields.map((field) => JSON.stringify(Array.from(table.getChild(field.name)!, (value) => (value && typeof value === 'object' && 'toArray' in value ? Array.from(value as Iterable<unknown>) : typeof value === 'bigint' ? String(value) : value)))),
});

/** Reads `text`, encodes its table with the arena-aware writer and with plain tableToIPC; both must decode to the same table. Returns the IPC bytes. */
async function encodedBothWays(text: string): Promise<{ ipc: Uint8Array; rows: number; inArena: string[] }> {
  const { table } = await intake(bytesSource(enc.encode(text), 'f.csv', 1 << 16));
  const expected = contents(tableFromIPC(tableToIPC(table, 'stream')));
  const rows = table.numRows;
  // The columns with an array the parser or a converter wrote into the arena.
  const inArena = table.schema.fields.filter((field) => [...vectorBuffers(table.getChild(field.name)!)].some((buffer) => arenaHolding(new Uint8Array(buffer)))).map((field) => field.name);
  const ipc = await tableToIPCReleasing(table);
  const decoded = contents(tableFromIPC(ipc));
  expect(decoded.schema).toEqual(expected.schema);
  expect(decoded.rows).toBe(expected.rows);
  // (Compared column by column: a diff of the whole table would be unreadable.)
  decoded.cells.forEach((cells, k) => expect(cells === expected.cells[k], `column ${expected.schema[k]}`).toBe(true));
  return { ipc, rows, inArena };
}

const header = 'sku,description,colour,price,launch,tags,empty';
const row = (i: number, description = `Relaxed tee no. ${i}`) =>
  `S${i},"${description}",${['Ivory', 'Sand', 'Navy'][i % 3]},${(i % 997) / 4},2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},"${['red; blue', 'green', 'red'][i % 3]}",`;

describe('a table built inside its IPC output decodes to the same table as tableToIPC', () => {
  it('for a large file: text, categories, decimals, dates, label lists and an all-missing column', async () => {
    // (More rows than a column stays dictionary-encoded for while its values are all distinct.)
    const rows = Array.from({ length: 70_000 }, (_, i) => row(i));
    const { ipc, inArena } = await encodedBothWays(`${header}\n${rows.join('\n')}\n`);
    expect(inArena).toEqual(['sku', 'description', 'colour', 'price', 'launch', 'tags']);
    // Built in place: the output is a view of the arena (with room in front), not a fresh buffer.
    expect(ipc.byteOffset).toBeGreaterThan(0);
  });

  it('when the text outgrows the room reserved for it (cells past the sample much longer)', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => row(i, i < 2000 ? `t${i}` : `A much longer description than the sample had, no. ${i} `.repeat(3)));
    // The text moved out of its room; it is copied into the arena's free room, and the output is still built in place.
    const { ipc } = await encodedBothWays(`${header}\n${rows.join('\n')}\n`);
    expect(ipc.byteOffset).toBeGreaterThan(0);
  });

  it('with very long cells', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => row(i, i % 5000 === 0 ? 'x'.repeat(300_000) : `tee ${i}`));
    await encodedBothWays(`${header}\n${rows.join('\n')}\n`);
  });

  it('for a large file whose every row was rejected (an empty table); a header-only file is an error in words', async () => {
    const ragged = Array.from({ length: 70_000 }, (_, i) => `S${i},only two`);
    expect((await encodedBothWays(`${header}\n${ragged.join('\n')}\n`)).rows).toBe(0);
    await expect(intake(bytesSource(enc.encode(`${header}\n`), 'f.csv'))).rejects.toThrow(/column names .* but no rows/);
  });
});
