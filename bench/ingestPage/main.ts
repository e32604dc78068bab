/**
 * The intake benchmark page: parses the chosen file in a worker, either with Trendloom's intake
 * worker (into an Arrow table) or with PapaParse in its worker mode (into rows), while a timer loop
 * on the main thread records the longest stretch it could not run. Driven by bench/ingest.ts.
 */
import type PapaNamespace from 'papaparse';
import { tableFromIPC } from 'apache-arrow';
import { WorkerClient } from '../../src/workers/client.ts';
import type { IntakeStats } from '../../src/core/intake/intake.ts';
import type { ReadRequest } from './readWorker.ts';

// PapaParse is loaded as a classic script (papaparse.min.js, copied next to the page by
// bench/ingest.ts): its worker mode rebuilds itself from its own source, which bundling breaks.
declare const Papa: typeof PapaNamespace;

/** What the page can run: Trendloom (as the app runs it, or always reading a large CSV in two parts at once) or PapaParse. */
export type Engine = 'trendloom' | 'trendloom-two-parts' | 'papaparse';

/** What one run measured (page side). */
export interface PageRun {
  engine: Engine;
  ms: number;
  rows: number;
  columns: number;
  maxGapMs: number;
  longestLongTaskMs: number;
  problems?: number;
  workerTimings?: IntakeStats['timings'];
  decodeMs?: number;
}

// The previous run's output, held so it counts as loaded data until the next run replaces it.
let lastResult: unknown = null;
// The last run's worker, ended only before the next run: its thread's CPU time can still be read
// from /proc after the run (a terminated worker's thread is gone).
let lastWorker: Worker | null = null;
function keepUntilNextRun(worker: Worker): void {
  lastWorker?.terminate();
  lastWorker = worker;
}

function input(): File {
  const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('no file chosen');
  return file;
}

// Records the longest gap between 1 ms timer ticks: how long the main thread was unavailable.
function watchMainThread(): () => { maxGapMs: number; longestLongTaskMs: number } {
  let running = true;
  let last = performance.now();
  let maxGap = 0;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // Long Tasks API unavailable: the timer gap still measures blocking.
  }
  return () => {
    running = false;
    observer.disconnect();
    return { maxGapMs: maxGap, longestLongTaskMs: longest };
  };
}

async function runTrendloom(engine: 'trendloom' | 'trendloom-two-parts'): Promise<PageRun> {
  const file = input();
  const worker = new Worker(new URL('../../src/workers/intake.worker.ts', import.meta.url), { type: 'module' });
  const client = new WorkerClient(worker);
  // Start the worker before timing (module load), as the app does once per session.
  await client.request('ping' as never, { text: 'warm' } as never).catch(() => undefined);
  const stop = watchMainThread();
  const started = performance.now();
  const result = await client.request('intake.parse', { file, name: file.name, ...(engine === 'trendloom-two-parts' ? { split: true } : {}) });
  const decodeStarted = performance.now();
  const table = tableFromIPC(result.ipc);
  const decodeMs = performance.now() - decodeStarted;
  const ms = performance.now() - started;
  const watch = stop();
  keepUntilNextRun(worker);
  lastResult = table;
  return { engine, ms, rows: table.numRows, columns: table.numCols, problems: result.problems.length, workerTimings: result.stats.timings, decodeMs, ...watch };
}

async function runPapa(): Promise<PageRun> {
  const file = input();
  const stop = watchMainThread();
  const started = performance.now();
  const kept: unknown[][] = [];
  let rows = 0;
  let columns = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(file, {
      worker: true,
      header: false,
      dynamicTyping: false,
      skipEmptyLines: true,
      chunk(results) {
        rows += results.data.length;
        columns = Math.max(columns, results.data[0]?.length ?? 0);
        kept.push(results.data); // rows stay in memory, as a parsed table would
      },
      complete: () => resolve(),
      error: (error) => reject(error),
    });
  });
  const ms = performance.now() - started;
  const watch = stop();
  // The header row is a row to PapaParse (header: false); count data rows like Trendloom does.
  lastResult = kept; // kept alive until the next run, like a loaded table
  return { engine: 'papaparse', ms, rows: rows - 1, columns, ...watch };
}

declare global {
  interface Window {
    benchRun(engine: Engine): Promise<PageRun>;
    benchHolding(): boolean;
    benchClear(): void;
    benchRead(mode: 'stream' | 'slices'): Promise<{ ms: number; bytes: number; chunks: number }>;
    benchWorkerRead(touchBytes: number, scan: boolean): Promise<{ ms: number; bytes: number; fields: number }>;
  }
}

window.benchRun = (engine) => {
  lastResult = null;
  return engine === 'papaparse' ? runPapa() : runTrendloom(engine);
};
window.benchHolding = () => lastResult !== null;
window.benchClear = () => {
  lastResult = null;
  lastWorker?.terminate();
  lastWorker = null;
};
// Reads the file without parsing, to see what the reading itself costs.
window.benchRead = async (mode) => {
  const file = input();
  const started = performance.now();
  let bytes = 0;
  let chunks = 0;
  if (mode === 'stream') {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      chunks++;
    }
  } else {
    for (let at = 0; at < file.size; at += 4 << 20) {
      bytes += (await file.slice(at, at + (4 << 20)).arrayBuffer()).byteLength;
      chunks++;
    }
  }
  return { ms: performance.now() - started, bytes, chunks };
};
// Reads the file in a worker through the intake's BYOB ring (splitting records with `scan`), writing `touchBytes` of fresh memory as it goes.
window.benchWorkerRead = async (touchBytes, scan) => {
  const file = input();
  const worker = new Worker(new URL('./readWorker.ts', import.meta.url), { type: 'module' });
  keepUntilNextRun(worker);
  return new Promise<{ ms: number; bytes: number; fields: number }>((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ file, touchBytes, scan } satisfies ReadRequest);
  });
};
document.title = 'ready';
