/**
 * `npm run bench:ingest`: parses a generated 1M-row catalogue CSV (~100 MB) in headless Chromium,
 * in a worker, with Trendloom's intake (into an Arrow table) and with PapaParse in worker mode
 * (into rows), in the same run. Prints MB/s, rows/s, peak memory, the longest main-thread block,
 * and one JSON line. Figures, never pass/fail.
 *
 * Memory: the resident set (RSS, from /proc) of the Chromium processes this bench started, sampled every 25 ms;
 * peak minus the level just before the run. Workers live in the page's renderer process, so this
 * counts the parser's buffers, the table, and what crosses to the page.
 * Main-thread block: the longest gap between 1 ms timer ticks on the page (and the longest Long
 * Task, when the API reports one).
 *
 * Also printed: how fast the page merely reads the file (Blob.stream() without parsing); floors
 * measured in a worker (reading through the intake's BYOB ring; also splitting records with the
 * intake's scanner; also writing as much fresh memory as the table takes); the CPU time of the
 * busiest threads during each run (/proc, per thread: the intake worker, V8's background compiler
 * in the renderer's thread pool, the browser's file reading); and the machine's load average,
 * since this machine is shared.
 *
 * Options: ROWS=1000000 RUNS=3 (per engine, alternating). Reported: the best time, the highest
 * memory peak of any run, and the main-thread block of the best run and of any run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { buildIngestPage, serve } from './ingestPageServe.ts';
import { writeCatalogue } from './ingestData.ts';
import type { Engine, PageRun } from './ingestPage/main.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const PAGE_OUT = join(OUT, 'ingest-page');
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const CSV = join(OUT, `catalogue-${ROWS}.csv`);


interface Measured extends PageRun {
  peakRssDelta: number;
}

// Chromium processes started by this bench: descendants of this Node process. Other engineers'
// browser tests run Chromium on the same machine; counting their processes made peaks of +1 GB.
function chromiumPids(): number[] {
  const parent = new Map<number, number>();
  const chromium = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('chromium') || cmd.includes('chrome')) chromium.add(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  return [...chromium].filter(ours);
}

function rssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // Ended.
    }
  }
  return total;
}

/** CPU ticks (user + system, 1/100 s) of every thread of `pids`, by "pid/tid", with the thread's "process kind/thread name". */
function threadTicks(pids: number[]): Map<string, { name: string; ticks: number }> {
  const threads = new Map<string, { name: string; ticks: number }>();
  for (const pid of pids) {
    try {
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        threads.set(`${pid}/${tid}`, { name: `${type}/${name}`, ticks: Number(fields[11]) + Number(fields[12]) });
      }
    } catch {
      // Ended.
    }
  }
  return threads;
}

/**
 * Where the CPU went between two `threadTicks` snapshots: the busiest thread names, in ms (threads
 * started in between count from zero; threads that ended in between are not seen).
 */
function cpuByThread(before: Map<string, { name: string; ticks: number }>, after: Map<string, { name: string; ticks: number }>): string {
  const byName = new Map<string, number>();
  for (const [id, { name, ticks }] of after) byName.set(name, (byName.get(name) ?? 0) + (ticks - (before.get(id)?.ticks ?? 0)) * 10);
  const used = [...byName].filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]);
  const total = used.reduce((sum, [, ms]) => sum + ms, 0);
  return `CPU ${total} ms: ${used.slice(0, 5).map(([name, ms]) => `${name} ${ms}`).join(', ')}`;
}

const mb = (bytes: number) => bytes / 1e6;
const navigatorCores = () => availableParallelism();
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  if (!existsSync(CSV)) {
    process.stdout.write(`Generating ${CSV} (${ROWS.toLocaleString('en-US')} rows)…\n`);
    await writeCatalogue(CSV, ROWS);
  }
  const fileBytes = statSync(CSV).size;
  process.stdout.write(`Building the bench page…\n`);
  await buildIngestPage(PAGE_OUT);
  const { server, url } = await serve(PAGE_OUT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
  });
  const version = browser.version();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    await page.setInputFiles('#file', CSV);
    // The floor: how fast the page can merely read the file (Blob.stream(), no parsing).
    const reads: number[] = [];
    for (let run = 0; run < RUNS; run++) reads.push((await page.evaluate(() => window.benchRead('stream'))).ms);
    const readMs = Math.min(...reads);
    process.stdout.write(`  reading the file alone (Blob.stream(), no parsing): ${fmt(readMs, 0)} ms = ${fmt(mb(fileBytes) / (readMs / 1000))} MB/s\n`);
    // The same in a worker through the intake's BYOB ring; then also splitting records (the
    // intake's scanner, no columns); then also writing as much fresh memory as the table takes
    // (~the file's size): floors for a worker that reads, splits and writes a table.
    const floors: [string, string, number, boolean][] = [
      ['read', 'reading', 0, false],
      ['readSplit', 'reading + splitting records', 0, true],
      ['readWrite', `reading + writing ${fmt(mb(fileBytes), 0)} MB of fresh memory`, fileBytes, false],
      ['readSplitWrite', `reading + splitting + writing ${fmt(mb(fileBytes), 0)} MB`, fileBytes, true],
    ];
    const floorMs: Record<string, number> = {};
    for (const [key, label, touch, scan] of floors) {
      const times: number[] = [];
      let cpu = '';
      for (let run = 0; run < RUNS; run++) {
        const pids = chromiumPids();
        const before = threadTicks(pids);
        const read = await page.evaluate(([t, s]) => window.benchWorkerRead(t, s), [touch, scan] as const);
        times.push(read.ms);
        if (read.ms <= Math.min(...times)) cpu = cpuByThread(before, threadTicks(pids));
      }
      const ms = Math.min(...times);
      floorMs[key] = Math.round(ms);
      process.stdout.write(`  worker ${label}: best ${fmt(ms, 0)} ms = ${fmt(mb(fileBytes) / (ms / 1000))} MB/s (runs ${times.map((t) => fmt(t, 0)).join(' / ')}); ${cpu}\n`);
    }
    const loadBefore = loadavg()[0]!;
    const results: Measured[] = [];
    // TWO_PARTS=1 also runs Trendloom reading the file in two parts at once (a helper worker reads
    // the second half), which the app does by default only with SPLIT_MIN_CORES cores or more.
    const engines: Engine[] = process.env.TWO_PARTS === '1' ? ['trendloom', 'trendloom-two-parts', 'papaparse'] : ['trendloom', 'papaparse'];
    for (let run = 0; run < RUNS; run++) {
      for (const engine of engines) {
        // Drop the previous run's output before measuring the baseline, so it is not counted as freed memory.
        await page.evaluate(() => {
          window.benchClear();
          (globalThis as { gc?: () => void }).gc?.();
        });
        await new Promise((r) => setTimeout(r, 500));
        const pids = chromiumPids();
        const baseline = rssBytes(pids);
        let peak = baseline;
        // The page's processes exist before the run (the worker lives in the renderer), so the
        // list is taken once: each sample then reads only their status files.
        const sampler = setInterval(() => {
          peak = Math.max(peak, rssBytes(pids));
        }, 25);
        const ticksBefore = threadTicks(pids);
        const measured = await page.evaluate((e) => window.benchRun(e), engine);
        const cpu = cpuByThread(ticksBefore, threadTicks(pids));
        clearInterval(sampler);
        peak = Math.max(peak, rssBytes(pids));
        results.push({ ...measured, peakRssDelta: peak - baseline });
        process.stdout.write(`  run ${run + 1} ${engine.padEnd(18)} ${fmt(measured.ms, 0)} ms  ${fmt(mb(fileBytes) / (measured.ms / 1000))} MB/s  peak +${fmt(mb(peak - baseline), 0)} MB  main-thread gap ${fmt(measured.maxGapMs, 0)} ms${measured.workerTimings ? `  (worker: read+split ${fmt(measured.workerTimings.parse, 0)} ms in ${measured.workerTimings.parts ?? 1} part(s)${measured.workerTimings.splitWait !== undefined ? ` (waited ${fmt(measured.workerTimings.splitWait, 0)} ms for the second, appended it in ${fmt(measured.workerTimings.splitMerge ?? 0, 0)} ms)` : ''}, convert ${fmt(measured.workerTimings.convert, 0)}, encode ${fmt(measured.workerTimings.encode ?? 0, 0)})` : ''}\n      ${cpu}\n`);
      }
    }
    const best = (engine: string) => results.filter((r) => r.engine === engine).sort((a, b) => a.ms - b.ms)[0]!;
    const worstGap = (engine: string) => Math.max(...results.filter((r) => r.engine === engine).map((r) => Math.max(r.maxGapMs, r.longestLongTaskMs)));
    const peakOf = (engine: string) => Math.max(...results.filter((r) => r.engine === engine).map((r) => r.peakRssDelta));
    const summary = (engine: string) => {
      const r = best(engine);
      return {
        ms: Math.round(r.ms),
        mbPerS: Number(fmt(mb(fileBytes) / (r.ms / 1000))),
        rowsPerS: Math.round(r.rows / (r.ms / 1000)),
        rows: r.rows,
        peakMemoryMB: Math.round(mb(peakOf(engine))),
        peakMemoryVsFile: Number(fmt(peakOf(engine) / fileBytes, 2)),
        longestMainThreadBlockMs: Math.round(worstGap(engine)),
        mainThreadBlockInBestRunMs: Math.round(Math.max(r.maxGapMs, r.longestLongTaskMs)),
        ...(r.workerTimings
          ? {
              workerParseMs: Math.round(r.workerTimings.parse),
              workerInferMs: Math.round(r.workerTimings.infer),
              workerConvertMs: Math.round(r.workerTimings.convert),
              workerEncodeMs: Math.round(r.workerTimings.encode ?? 0),
              workerParts: r.workerTimings.parts ?? 1,
              pageDecodeMs: Math.round(r.decodeMs ?? 0),
            }
          : {}),
      };
    };
    const ours = summary('trendloom');
    const papa = summary('papaparse');
    const speedup = Number(fmt(papa.ms / ours.ms, 2));
    const load = [loadBefore, loadavg()[0]!].map((l) => fmt(l, 1)).join(' → ');
    const readMbPerS = Number(fmt(mb(fileBytes) / (readMs / 1000)));
    const lines = [
      '',
      `Intake benchmark: ${fmt(mb(fileBytes))} MB, ${ours.rows.toLocaleString('en-US')} rows, Chromium ${version} headless, best of ${RUNS} runs each`,
      `  machine: ${navigatorCores()} cores, load average ${load} during the runs; reading the file alone: ${readMbPerS} MB/s`,
      `  Trendloom (worker → Arrow): ${fmt(ours.mbPerS)} MB/s, ${ours.rowsPerS.toLocaleString('en-US')} rows/s, ${ours.ms} ms `,
      `                              worker: read+split ${ours.workerParseMs} ms, types+roles ${ours.workerInferMs} ms, convert ${ours.workerConvertMs} ms, IPC encode ${ours.workerEncodeMs} ms; page: tableFromIPC ${ours.pageDecodeMs} ms; read in ${ours.workerParts} part(s) at once`,
      `                              peak memory +${ours.peakMemoryMB} MB (${ours.peakMemoryVsFile}× the file), longest main-thread block ${ours.mainThreadBlockInBestRunMs} ms in the best run, ${ours.longestMainThreadBlockMs} ms in any run`,
      ...(engines.includes('trendloom-two-parts')
        ? (() => {
            const one = summary('trendloom-two-parts');
            return [
              `  Trendloom, two parts:       ${fmt(one.mbPerS)} MB/s, ${one.ms} ms; worker: read+split ${one.workerParseMs} ms, types+roles ${one.workerInferMs} ms, convert ${one.workerConvertMs} ms, IPC encode ${one.workerEncodeMs} ms`,
              `                              peak memory +${one.peakMemoryMB} MB (${one.peakMemoryVsFile}× the file), longest main-thread block ${one.mainThreadBlockInBestRunMs} ms in the best run, ${one.longestMainThreadBlockMs} ms in any run; ${fmt(papa.ms / one.ms, 2)}× PapaParse`,
            ];
          })()
        : []),
      `  PapaParse (worker → rows):  ${fmt(papa.mbPerS)} MB/s, ${papa.rowsPerS.toLocaleString('en-US')} rows/s, ${papa.ms} ms`,
      `                              peak memory +${papa.peakMemoryMB} MB (${papa.peakMemoryVsFile}× the file), longest main-thread block ${papa.mainThreadBlockInBestRunMs} ms in the best run, ${papa.longestMainThreadBlockMs} ms in any run`,
      `  Trendloom is ${speedup}× PapaParse (same run). Goals: ≥ 100 MB/s, ≥ 5× PapaParse, peak ≤ 2× file, no block > 50 ms.`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    process.stdout.write(`${JSON.stringify({ bench: 'ingest', fileMB: Number(fmt(mb(fileBytes))), rows: ours.rows, runs: RUNS, chromium: version, cores: navigatorCores(), loadAverage: [Number(fmt(loadBefore)), Number(fmt(loadavg()[0]!))], readOnlyMBPerS: readMbPerS, workerFloorsMs: floorMs, trendloom: ours, papaparse: papa, speedup })}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:ingest failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
