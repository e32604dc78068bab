import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';

/**
 * A collector on another 127.0.0.1 port that counts what reaches it, whoever sent it (page, worker
 * or service worker: the browser's request events do not all show service worker traffic). It
 * answers with permissive CORS/CORP headers so that, without the CSP, a cross-origin fetch from
 * the app would succeed — only the policy stands in the way.
 */
async function startCollector() {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Type': 'text/plain',
    }).end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The counter works: a request from the test itself is seen.
  await fetch(`${url}/control`);
  return { hits, url, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Runs in a worker or service worker: tries to post to the collector, says what happened. */
async function tryToPost(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/collect`, { method: 'POST', body: 'secret catalogue rows' });
    return `sent ${response.status}`;
  } catch (error) {
    return `blocked ${(error as Error).name}`;
  }
}

const intakeWorkerScript = () => {
  const name = readdirSync(resolve(import.meta.dirname, '..', 'dist', 'assets')).find((f) => /^intake\.worker-.*\.js$/.test(f));
  if (!name) throw new Error('dist/assets has no intake worker: run `npx vite build` first');
  return `/assets/${name}`;
};

test('the page, worker scripts and sw.js carry the CSP as an HTTP header, next to COOP/COEP', async ({ request }) => {
  for (const path of ['/', '/sw.js', intakeWorkerScript()]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("connect-src 'self'");
    expect(headers['content-security-policy'], path).toContain("default-src 'self'");
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], path).toBe('require-corp');
  }
});

test('the intake Web Worker cannot post to another origin', async ({ page }) => {
  const collector = await startCollector();
  try {
    await page.goto('/');
    const started = page.waitForEvent('worker');
    await page.evaluate((script) => {
      (window as unknown as { probe: Worker }).probe = new Worker(script, { type: 'module', name: 'csp-probe' });
    }, intakeWorkerScript());
    const worker = await started;
    expect(worker.url()).toContain('/assets/intake.worker-');
    expect(await worker.evaluate(tryToPost, collector.url)).toBe('blocked TypeError');
    await page.waitForTimeout(500);
    expect(collector.hits).toEqual(['GET /control']);
  } finally {
    await collector.close();
  }
});

test('the service worker cannot post to another origin', async ({ page, context }) => {
  const collector = await startCollector();
  try {
    const registered = context.serviceWorkers()[0] ? Promise.resolve(context.serviceWorkers()[0]!) : context.waitForEvent('serviceworker');
    await page.goto('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const sw = await registered;
    expect(new URL(sw.url()).pathname).toBe('/sw.js');
    expect(await sw.evaluate(tryToPost, collector.url)).toBe('blocked TypeError');
    await page.waitForTimeout(500);
    expect(collector.hits).toEqual(['GET /control']);
  } finally {
    await collector.close();
  }
});
