import { readFileSync } from 'node:fs';
import { Table, TimestampMillisecond, Utf8, Dictionary, Int32, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { bytesSource, intake } from './intake.ts';
import { IntakeError } from './errors.ts';

function sourceTable(): Table {
  return new Table({
    description: vectorFromArray(['Relaxed linen shirt with rolled sleeves', 'Wrap dress with a tie waist', null, 'Cropped denim jacket with patch pockets'], new Utf8()),
    colour: vectorFromArray(['Ivory', 'Sand', 'Ivory', 'Navy'], new Dictionary(new Utf8(), new Int32())),
    units: vectorFromArray([12, 7, null, 30], new Int32()),
    launch: vectorFromArray([Date.UTC(2019, 2, 1), Date.UTC(2019, 9, 1), Date.UTC(2020, 0, 15), null], new TimestampMillisecond()),
    launch_text: vectorFromArray(['2019-03-01', '2019-10-01', '2020-01-15', ''], new Utf8()),
  });
}

describe('intake: Arrow IPC', () => {
  it.each(['file', 'stream'] as const)('reads the %s format into the same typed table', async (format) => {
    const bytes = tableToIPC(sourceTable(), format);
    const result = await intake(bytesSource(bytes, `catalogue.${format === 'file' ? 'arrow' : 'arrows'}`));
    expect(result.stats).toMatchObject({ format: format === 'file' ? 'arrow-file' : 'arrow-stream', rows: 4, records: 4, rejectedRows: 0 });
    expect(result.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['description', 'text', 'text'],
      ['colour', 'category', 'colours'],
      ['units', 'number', 'units'],
      ['launch', 'date', 'date'],
      ['launch_text', 'date', 'date'],
    ]);
    expect(result.table.get(0)!.toJSON()).toEqual({
      description: 'Relaxed linen shirt with rolled sleeves',
      colour: 'Ivory',
      units: 12,
      launch: Date.UTC(2019, 2, 1),
      launch_text: Date.UTC(2019, 2, 1),
    });
    // Missing stays missing, in every type.
    expect(result.table.get(2)!.toJSON()).toMatchObject({ description: null, units: null });
    expect(result.table.get(3)!.toJSON()).toMatchObject({ launch: null, launch_text: null });
  });

  it('explains a damaged Arrow file', async () => {
    const bytes = tableToIPC(sourceTable(), 'file').slice(0, 200);
    await expect(intake(bytesSource(bytes, 'cut.arrow'))).rejects.toMatchObject({ code: 'unreadable-arrow', message: expect.stringMatching(/could not be read.*export it again/) });
  });
});

describe('intake: Parquet', () => {
  it('reads a Snappy-compressed Parquet file (test/fixtures/intake/catalogue.parquet)', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/intake/catalogue.parquet', import.meta.url)));
    const result = await intake(bytesSource(bytes, 'catalogue.parquet'));
    expect(result.stats).toMatchObject({ format: 'parquet', rows: 4 });
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['sku', 'id'],
      ['description', 'text'],
      ['colour', 'category'],
      ['units', 'number'],
      ['price', 'number'],
      ['launch_date', 'date'],
      ['season_text', 'date'],
    ]);
    const rows = result.table.toArray().map((row) => row.toJSON());
    expect(rows[0]).toEqual({
      sku: 'A1', description: 'Relaxed linen shirt with rolled sleeves', colour: 'Ivory', units: 12, price: 49.5,
      launch_date: Date.UTC(2019, 2, 1), season_text: Date.UTC(2019, 3, 15), // SS → 15 April
    });
    expect(rows[2]).toMatchObject({ description: null, units: null, price: 12.25 });
    expect(rows[3]).toMatchObject({ launch_date: null });
  });

  it('explains a damaged Parquet file', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/intake/catalogue.parquet', import.meta.url)));
    const error = await intake(bytesSource(bytes.slice(0, 300), 'cut.parquet')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as IntakeError).code).toBe('unreadable-parquet');
  });
});
