/**
 * `npx tsx bench/ingestNode.ts [file]`: the intake core on the bench CSV in Node (no browser), for
 * profiling (`node --cpu-prof --import tsx bench/ingestNode.ts`). Prints, for each of RUNS (default 3)
 * runs, wall and CPU time and the worker-side timings of each stage. Figures only.
 *
 * PREFAULT=1 alternates each run with one whose output buffer (the IPC arena) was written once
 * before the timer starts, so its memory is already mapped: the difference is what first-touch
 * page faults on the output cost on this machine.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { intakeHandlers } from '../src/workers/intakeHandlers.ts';
import { arenaBuffers } from '../src/core/arrow/ipc.ts';
import type { HandlerContext } from '../src/workers/handlers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const file = process.argv[2] ?? join(ROOT, 'bench', 'out', 'catalogue-1000000.csv');
const RUNS = Number(process.env.RUNS ?? 3);
const PREFAULT = process.env.PREFAULT === '1';

async function main(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const context = { progress: () => undefined, throwIfCancelled: () => undefined } as unknown as HandlerContext;
  const allocate = arenaBuffers.allocate;
  let arenaBytes = 0;
  for (let step = 0; step < (PREFAULT ? 2 * RUNS : RUNS); step++) {
    const run = PREFAULT ? step >> 1 : step;
    const prefaulted = PREFAULT && step % 2 === 1;
    arenaBuffers.allocate = (bytes) => {
      arenaBytes = bytes;
      return allocate(bytes);
    };
    if (prefaulted) {
      // The size the previous run asked for; written through once so every page is mapped.
      const ready = new ArrayBuffer(arenaBytes);
      new Uint8Array(ready).fill(0);
      arenaBuffers.allocate = (bytes) => (bytes <= ready.byteLength ? ready : allocate(bytes));
    }
    const cpu = process.cpuUsage();
    const started = performance.now();
    const reply = await intakeHandlers['intake.parse']({ file: bytes, name: 'catalogue.csv' }, context);
    const ms = performance.now() - started;
    // CPU time (user + system, all threads) moves less with the machine's load than wall time.
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const t = reply.result.stats.timings;
    const rss = process.memoryUsage().rss;
    process.stdout.write(`run ${run + 1}${prefaulted ? ', output memory already mapped' : ''}: ${ms.toFixed(0)} ms = ${(bytes.length / 1e6 / (ms / 1000)).toFixed(1)} MB/s, CPU ${cpuMs.toFixed(0)} ms (system ${(used.system / 1000).toFixed(0)}); parse ${t.parse.toFixed(0)}, infer ${t.infer.toFixed(0)}, convert ${t.convert.toFixed(0)}, encode ${(t.encode ?? 0).toFixed(0)} ms; ipc ${(reply.result.ipc.length / 1e6).toFixed(1)} MB (buffer ${(reply.result.ipc.buffer.byteLength / 1e6).toFixed(1)} MB); rss ${(rss / 1e6).toFixed(0)} MB; load ${loadavg()[0]!.toFixed(1)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
