import { tableFromIPC } from 'apache-arrow';
import { englishText } from '../core/messages.ts';
import { describe, expect, it } from 'vitest';
import { WorkerClient } from './client.ts';
import type { HandlerContext } from './handlers.ts';
import { inProcessPort } from './inProcess.ts';
import { createIntakeHandlers, intakeHandlers } from './intakeHandlers.ts';
import { CancelledError, type Progress } from './protocol.ts';

const csv = (rows: number) =>
  'sku,description,colour,price,launch_date\n' +
  Array.from({ length: rows }, (_, i) => `S${i},"Linen shirt, style ${i}",${['Ivory', 'Sand', 'Navy'][i % 3]},${(i % 90) + 0.5},2019-0${(i % 9) + 1}-15`).join('\n');

function context(progress: Progress[] = [], cancelled = () => false): HandlerContext {
  return {
    get cancelled() {
      return cancelled();
    },
    throwIfCancelled() {
      if (cancelled()) throw new CancelledError();
    },
    progress: (p) => progress.push(p),
  };
}

// One suite, two drivers: the handlers called directly and through the worker client.
const drivers = {
  direct: async (file: Blob, name: string) => (await intakeHandlers['intake.parse']({ file, name }, context())).result,
  client: (file: Blob, name: string) => new WorkerClient(inProcessPort(intakeHandlers)).request('intake.parse', { file, name }),
};

describe.each(Object.entries(drivers))('intake.parse (%s)', (_driver, parse) => {
  it('answers Arrow IPC bytes with schema, problems and stats', async () => {
    const result = await parse(new Blob([csv(500) + '\nbad row\n']), 'shirts.csv');
    const table = tableFromIPC(result.ipc);
    expect(table.numRows).toBe(500);
    expect(result.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['sku', 'id', 'id'],
      ['description', 'text', 'text'],
      ['colour', 'category', 'colours'],
      ['price', 'number', 'price'],
      ['launch_date', 'date', 'date'],
    ]);
    expect(table.get(1)!.toJSON()).toEqual({ sku: 'S1', description: 'Linen shirt, style 1', colour: 'Sand', price: 1.5, launch_date: Date.UTC(2019, 1, 15) });
    expect(result.problems).toEqual([{ line: 502, column: null, message: expect.stringMatching(/has 1 value but the file has 5 columns/), detail: { code: 'row.too-few-values', params: { count: 1, columns: 5, delimiter: { code: 'delimiter.comma' } } } }]);
    expect(result.stats).toMatchObject({ rows: 500, rejectedRows: 1, records: 501 });
  });

  it('rebuilds intake errors with their code', async () => {
    const error = (await parse(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])]), 'x.csv').catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.name).toBe('IntakeError');
    expect(error.code).toBe('image-file');
  });
});

describe('intake worker progress and cancel', () => {
  it('reports progress in bytes and rows, ending at the file size', async () => {
    const bytes = new TextEncoder().encode(csv(60_000));
    const progress: Progress[] = [];
    await intakeHandlers['intake.parse']({ file: bytes, name: 'big.csv' }, context(progress));
    const parse = progress.filter((p) => p.stage === 'parse');
    expect(parse.length).toBeGreaterThan(1);
    expect(parse.at(-1)).toMatchObject({ done: bytes.length, total: bytes.length, unit: 'bytes' });
    expect(parse.at(-1)!.rows).toBe(60_000);
  });

  it('stops between chunks when cancelled and answers cancelled', async () => {
    const client = new WorkerClient(inProcessPort(intakeHandlers));
    const controller = new AbortController();
    const pending = client.request('intake.parse', { file: new Blob([csv(200_000)]), name: 'big.csv' }, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('answers a large text column from where the parser wrote it (the IPC is built around it)', async () => {
    // (More rows than a column stays dictionary-encoded for while its values are all distinct.)
    const { result } = await intakeHandlers['intake.parse']({ file: new TextEncoder().encode(csv(70_000)), name: 'big.csv' }, context());
    expect(result.ipc.byteOffset).toBeGreaterThan(0);
    const table = tableFromIPC(result.ipc);
    expect(table.numRows).toBe(70_000);
    expect(table.get(69_999)!.toJSON()).toMatchObject({ sku: 'S69999', description: 'Linen shirt, style 69999', colour: 'Ivory' });
  });

  it('previews only the first rows', async () => {
    const { result } = await intakeHandlers['intake.preview']({ file: new TextEncoder().encode(csv(5000)), name: 'p.csv', rows: 20 }, context());
    expect(tableFromIPC(result.ipc).numRows).toBe(20);
    expect(result.notes.map(englishText).join(' ')).not.toMatch(/very large/);
  });
});

describe('intake worker with a helper (a large CSV read in two parts)', () => {
  const helperHandlers = (splitByDefault = true) => {
    const helper = new WorkerClient(inProcessPort(intakeHandlers));
    return createIntakeHandlers({ helper: () => helper, splitMinBytes: 0, splitByDefault });
  };
  const rowsOf = (ipc: Uint8Array) => tableFromIPC(ipc).toArray().map((row) => JSON.stringify(row));

  it('answers the same table, problems and counts as one read, with progress to the end', async () => {
    const text = `${csv(8000)}\nbad row\n${csv(3000).split('\n').slice(1).join('\n')}\n`;
    const progress: Progress[] = [];
    const split = await new WorkerClient(inProcessPort(helperHandlers())).request('intake.parse', { file: new Blob([text]), name: 'big.csv' }, { onProgress: (p) => progress.push(p) });
    const one = await new WorkerClient(inProcessPort(intakeHandlers)).request('intake.parse', { file: new Blob([text]), name: 'big.csv' });
    expect(split.stats.timings.parts).toBe(2);
    expect(one.stats.timings.parts).toBe(1);
    expect(rowsOf(split.ipc)).toEqual(rowsOf(one.ipc));
    expect(split.problems).toEqual(one.problems);
    expect({ ...split.stats, timings: null }).toEqual({ ...one.stats, timings: null });
    const size = new Blob([text]).size;
    expect(progress.filter((p) => p.stage === 'parse').at(-1)).toMatchObject({ done: size, total: size, rows: 11_000 });
  });

  it('answers the same as one read for a CRLF file with a byte-order mark, multi-byte text and an unclosed quote near the end', async () => {
    const rows = csv(9000).replaceAll('Linen shirt', 'Châle 中😀').split('\n');
    rows[7000] = 'S6999,"ragged'; // line 7001: its quote runs into the next line and leaves the record ragged
    const text = `\ufeff${rows.join('\r\n')}\r\nS9999,"never closed,Ivory,1,2019-01-15\r\n`;
    const file = new Blob([text]);
    const split = await new WorkerClient(inProcessPort(helperHandlers())).request('intake.parse', { file, name: 'big.csv' });
    const one = await new WorkerClient(inProcessPort(intakeHandlers)).request('intake.parse', { file, name: 'big.csv' });
    expect(split.stats.timings.parts).toBe(2);
    expect(rowsOf(split.ipc)).toEqual(rowsOf(one.ipc));
    expect(split.problems).toEqual(one.problems);
    expect(split.problems.map((p) => p.line)).toEqual([7001, 9002]);
    expect({ ...split.stats, timings: null }).toEqual({ ...one.stats, timings: null });
  });

  it('reads in one part when asked to, for previews, and by default with too few cores', async () => {
    const file = new Blob([csv(8000)]);
    const handlers = helperHandlers();
    const parts = async (reply: Promise<{ result: { stats: { timings: { parts?: number } } } }>) => (await reply).result.stats.timings.parts;
    expect(await parts(handlers['intake.parse']({ file, name: 'big.csv', split: false }, context()))).toBe(1);
    expect(await parts(handlers['intake.preview']({ file, name: 'big.csv' }, context()))).toBe(1);
    const fewCores = helperHandlers(false);
    expect(await parts(fewCores['intake.parse']({ file, name: 'big.csv' }, context()))).toBe(1);
    expect(await parts(fewCores['intake.parse']({ file, name: 'big.csv', split: true }, context()))).toBe(2);
  });

  it('answers cancelled when cancelled while the helper reads', async () => {
    const client = new WorkerClient(inProcessPort(helperHandlers()));
    const controller = new AbortController();
    const pending = client.request('intake.parse', { file: new Blob([csv(200_000)]), name: 'big.csv' }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done > 1 << 20) controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});
