/**
 * `npm run bench:ingest-profile`: CPU profiles of the intake worker in headless Chromium, on the
 * bench's 1M-row CSV (run `npm run bench:ingest` once first, to write it). The worker's own
 * profile is what this measures: Node's profile of the same code (`node --cpu-prof`) differs
 * (in Chromium, for instance, the dictionary lookup is not inlined into its loop).
 *
 * It builds the bench page unminified (so functions keep their names), serves it, opens it in
 * Chromium with a DevTools port, and has every worker the page starts wait for a debugger: the
 * profiler starts before the worker's first line. For each of RUNS (default 2) runs, it writes
 * `bench/out/intake-worker-<run>.cpuprofile` (open it in Chrome DevTools' Performance panel) and
 * prints the functions with the most self time. Figures only.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
// A plain DevTools-protocol socket: a worker's messages need a session id on each message, which
// Playwright's CDPSession does not take (and Node 20 has no WebSocket of its own).
import WebSocket from 'ws';
import { buildIngestPage, serve } from './ingestPageServe.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const PAGE_OUT = join(OUT, 'ingest-page-profile');
const CSV = join(OUT, 'catalogue-1000000.csv');
const RUNS = Number(process.env.RUNS ?? 2);
const PORT = 9333;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), largest first. */
function selfTimes(profile: Profile): [string, number][] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const frame = nodes.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}`.trim();
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  return [...times].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  await buildIngestPage(PAGE_OUT, false);
  const { server, url } = await serve(PAGE_OUT);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', `--remote-debugging-port=${PORT}`] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    await page.setInputFiles('#file', CSV);
    const version = (await (await fetch(`http://127.0.0.1:${PORT}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const socket = new WebSocket(version.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise((opened) => socket.on('open', opened));
    let lastId = 0;
    const pending = new Map<number, (result: unknown) => void>();
    const send = <T>(method: string, params: object = {}, sessionId?: string) =>
      new Promise<T>((done) => {
        const id = ++lastId;
        pending.set(id, done as (result: unknown) => void);
        socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      });
    const workers: string[] = [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown; method?: string; params?: { sessionId: string; targetInfo: { type: string } } };
      if (message.id !== undefined) {
        pending.get(message.id)?.(message.result ?? message.error);
        pending.delete(message.id);
        return;
      }
      if (message.method !== 'Target.attachedToTarget' || !message.params) return;
      const { sessionId, targetInfo } = message.params;
      void (async () => {
        if (targetInfo.type === 'worker') {
          workers.push(sessionId);
          await send('Profiler.enable', {}, sessionId);
          await send('Profiler.setSamplingInterval', { interval: 250 }, sessionId);
          await send('Profiler.start', {}, sessionId);
        }
        await send('Runtime.runIfWaitingForDebugger', {}, sessionId);
      })();
    });
    const { targetInfos } = await send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
    const target = targetInfos.find((info) => info.type === 'page' && info.url.startsWith(url))!;
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true });
    await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
    for (let run = 0; run < RUNS; run++) {
      const started = workers.length;
      const result = await page.evaluate(() => window.benchRun('trendloom'));
      const timings = result.workerTimings!;
      process.stdout.write(`run ${run + 1}: ${result.ms.toFixed(0)} ms (worker: read+split ${timings.parse.toFixed(0)}, types+roles ${timings.infer.toFixed(0)}, convert ${timings.convert.toFixed(0)} ms)\n`);
      for (const [k, worker] of workers.slice(started).entries()) {
        const { profile } = await send<{ profile: Profile }>('Profiler.stop', {}, worker);
        const file = join(OUT, `intake-worker-${run + 1}${k ? `-${k + 1}` : ''}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        process.stdout.write(`  ${file}; most self time:\n`);
        for (const [name, ms] of selfTimes(profile).slice(0, 15)) process.stdout.write(`  ${ms.toFixed(0).padStart(6)} ms  ${name}\n`);
      }
    }
    socket.close();
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`profileIngest failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
