/**
 * Handlers of the intake worker, callable directly from Node tests (no Worker needed).
 * The table leaves as Arrow IPC bytes whose buffer is transferred, not copied.
 */
import { tableToIPC } from 'apache-arrow';
import { tableToIPCReleasing } from '../core/arrow/ipc.ts';
import { blobSource, bytesSource, intake, type IntakeSource } from '../core/intake/intake.ts';
import type { HandlerContext, HandlerReply, RequestHandlers } from './handlers.ts';
import type { IntakeParseParams, IntakeParseResult, IntakePreviewParams } from './intakeProtocol.ts';

// Progress messages at most this often: a message per 64 KB chunk would flood the page.
const PROGRESS_EVERY_MS = 50;
// Let the worker's event loop run (to receive `cancel`) at least this often while parsing.
const YIELD_EVERY_MS = 16;

function sourceOf(params: IntakeParseParams): IntakeSource {
  const { file, name } = params;
  if (file instanceof Uint8Array) return bytesSource(file, name);
  if (file instanceof ArrayBuffer) return bytesSource(new Uint8Array(file), name);
  return blobSource(file, name);
}

/** A macrotask yield that, unlike setTimeout(0), is not clamped to 4 ms when nested. */
function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function run(params: IntakeParseParams, context: HandlerContext, preview: number | null): Promise<HandlerReply<IntakeParseResult>> {
  const source = sourceOf(params);
  const total = source.size;
  let lastProgress = -Infinity;
  let lastYield = performance.now();
  const result = await intake(
    source,
    preview === null ? params.options ?? {} : { ...params.options, maxRows: preview, capNote: false },
    {
      onProgress(bytes, rows) {
        const time = performance.now();
        if (time - lastProgress < PROGRESS_EVERY_MS && bytes !== total) return;
        lastProgress = time;
        context.progress({ stage: 'parse', done: bytes, total, unit: 'bytes', rows, message: `Reading ${params.name}` });
      },
      throwIfCancelled: () => context.throwIfCancelled(),
      async yieldNow() {
        if (performance.now() - lastYield < YIELD_EVERY_MS) return;
        await macrotask();
        lastYield = performance.now();
      },
    },
  );
  context.throwIfCancelled();
  context.progress({ stage: 'encode', done: result.stats.rows, total: result.stats.rows, unit: 'rows', rows: result.stats.rows, message: 'Preparing the table' });
  const encodeStarted = performance.now();
  // A CSV's table is built by intake alone and dropped here, so its buffers are released as they
  // are copied (peak: the table plus one column, not twice the table). Arrow/Parquet tables may
  // view the caller's bytes, so they are encoded without touching them.
  const ipc = result.stats.format === 'csv' ? await tableToIPCReleasing(result.table) : tableToIPC(result.table, 'stream');
  result.stats.timings.encode = performance.now() - encodeStarted;
  return {
    result: { ipc, columns: result.columns, problems: result.problems, notes: result.notes, noteDetails: result.noteDetails, dateColumn: result.dateColumn, stats: result.stats },
    transfer: [ipc.buffer],
  };
}

/** The intake worker's request handlers. */
export const intakeHandlers: RequestHandlers<'intake.parse' | 'intake.preview'> = {
  'intake.parse': (params, context) => run(params, context, null),
  'intake.preview': (params: IntakePreviewParams, context) => run(params, context, params.rows ?? 200),
};
