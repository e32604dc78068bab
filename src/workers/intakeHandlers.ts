/**
 * Handlers of the intake worker, callable directly from Node tests (no Worker needed).
 * The table leaves as Arrow IPC bytes whose buffer is transferred, not copied. A large CSV file
 * may be read in two parts at once: the second by a helper worker (`intake.part`, see
 * `CsvSplitter`), whose raw columns come back as transferred typed arrays.
 */
import { yieldToEventLoop } from '../core/yieldToEventLoop.ts';
import { coreMessage, type CoreMessage } from '../core/messages.ts';
import { tableToIPC } from 'apache-arrow';
import { tableToIPCReleasing } from '../core/arrow/ipc.ts';
import { parseCsvPart, type CsvSplitter, type ParseHooks } from '../core/csv/parseCsv.ts';
import { partBuffers } from '../core/csv/recordColumns.ts';
import { blobSource, bytesSource, intake, type IntakeSource } from '../core/intake/intake.ts';
import type { WorkerClient } from './client.ts';
import type { HandlerContext, HandlerReply, RequestHandlers } from './handlers.ts';
import type { IntakeParseParams, IntakeParseResult, IntakePartParams, IntakePartResult, IntakePreviewParams } from './intakeProtocol.ts';

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

// Progress (throttled), cancel and yielding of one request.
function requestHooks(context: HandlerContext, total: number | undefined, message?: CoreMessage): ParseHooks {
  let lastProgress = -Infinity;
  let lastYield = performance.now();
  return {
    onProgress(bytes, rows) {
      const time = performance.now();
      if (time - lastProgress < PROGRESS_EVERY_MS && bytes !== total) return;
      lastProgress = time;
      context.progress({ stage: 'parse', done: bytes, total, unit: 'bytes', rows, ...(message ? { message } : {}) });
    },
    throwIfCancelled: () => context.throwIfCancelled(),
    async yieldNow() {
      if (performance.now() - lastYield < YIELD_EVERY_MS) return;
      await yieldToEventLoop();
      lastYield = performance.now();
    },
  };
}

/** Files from this size up are read in two parts at once when a helper worker is there. */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Cores from which a large CSV is read in two parts by default. With two cores, the browser's own
 * reading of the file already keeps the second core busy part of the time, and two parse threads
 * measured no faster than one (bench:ingest, Chromium, 2-core VM; docs/BENCHMARKS.md).
 */
export const SPLIT_MIN_CORES = 4;

/** A splitter that has the helper worker (a worker serving `intake.part`, started on first use) read the second part of `file`. */
export function helperSplitter(helper: () => WorkerClient, file: Blob, minBytes = SPLIT_MIN_BYTES): CsvSplitter {
  return {
    minBytes,
    async peek(start, end) {
      return new Uint8Array(await file.slice(start, end).arrayBuffer());
    },
    parse(start, settings, onProgress) {
      const abort = new AbortController();
      const result = helper().request('intake.part', { file, start, settings }, { signal: abort.signal, onProgress: (p) => onProgress(p.done, p.rows ?? 0) });
      result.catch(() => undefined);
      return { result, cancel: () => abort.abort() };
    },
  };
}

/** What the intake handlers may use besides the file. */
export interface IntakeHandlerOptions {
  /** The helper worker (serving `intake.part`), started when first asked for, to read the second half of a large CSV at the same time. */
  helper?: () => WorkerClient;
  /** Whether a read without `split` in its params is split (true when there are SPLIT_MIN_CORES cores). Default true. */
  splitByDefault?: boolean;
  /** Files smaller than this are read in one part (default SPLIT_MIN_BYTES). */
  splitMinBytes?: number;
}

async function run(params: IntakeParseParams, context: HandlerContext, preview: number | null, options: IntakeHandlerOptions): Promise<HandlerReply<IntakeParseResult>> {
  const source = sourceOf(params);
  const total = source.size;
  const hooks = requestHooks(context, total, coreMessage('progress.reading', { name: params.name }));
  // Only a whole read of a Blob is split: the helper reads its own slice of the same file.
  const split = params.split ?? options.splitByDefault ?? true;
  if (preview === null && split && options.helper && params.file instanceof Blob) hooks.splitter = helperSplitter(options.helper, params.file, options.splitMinBytes);
  const result = await intake(source, preview === null ? params.options ?? {} : { ...params.options, maxRows: preview, capNote: false }, hooks);
  context.throwIfCancelled();
  context.progress({ stage: 'encode', done: result.stats.rows, total: result.stats.rows, unit: 'rows', rows: result.stats.rows, message: coreMessage('progress.preparing-table') });
  const encodeStarted = performance.now();
  // A CSV's table is built by intake alone and dropped here, so its buffers are released as they
  // are copied (peak: the table plus one column, not twice the table). Arrow/Parquet tables may
  // view the caller's bytes, so they are encoded without touching them.
  const ipc = result.stats.format === 'csv' ? await tableToIPCReleasing(result.table) : tableToIPC(result.table, 'stream');
  result.stats.timings.encode = performance.now() - encodeStarted;
  return {
    result: { ipc, columns: result.columns, problems: result.problems, notes: result.notes, dateColumn: result.dateColumn, stats: result.stats },
    transfer: [ipc.buffer],
  };
}

// The second part of a split read: raw columns, buffers transferred back.
async function readPart({ file, start, settings }: IntakePartParams, context: HandlerContext): Promise<HandlerReply<IntakePartResult>> {
  const part = await parseCsvPart(blobSource(file.slice(start), 'part').chunks(), settings, requestHooks(context, file.size - start));
  return { result: part, transfer: partBuffers(part) };
}

/** The intake worker's request handlers; with a `helper`, large CSV files are read in two parts at once. */
export function createIntakeHandlers(options: IntakeHandlerOptions = {}): RequestHandlers<'intake.parse' | 'intake.preview' | 'intake.part'> {
  return {
    'intake.parse': (params, context) => run(params, context, null, options),
    'intake.preview': (params: IntakePreviewParams, context) => run(params, context, params.rows ?? 200, options),
    'intake.part': readPart,
  };
}

/** The intake handlers without a helper worker (Node, tests, the helper itself). */
export const intakeHandlers = createIntakeHandlers();
