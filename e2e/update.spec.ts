import { cpSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';

// The "update available" prompt, end to end: the built app is served by a small static server
// of this test (a copy of dist/, with the cross-origin isolation headers `vite preview` sends),
// so the test can publish a new version while the page is open: it changes the version that
// the build wrote into sw.js (and marks index.html), exactly what a new build changes.

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A static server for `root` whose sw.js and index.html say which version `release()` names. */
function serve(root: string, release: () => number): Promise<{ server: Server; origin: string }> {
  const original = readFileSync(join(root, 'sw.js'), 'utf8');
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-cache', 'Content-Type': types[extname(file)] ?? 'application/octet-stream' };
    let body: Buffer | string;
    try {
      if (!file.startsWith(root)) throw new Error('outside');
      body = readFileSync(file);
    } catch {
      response.writeHead(404, headers).end('not found');
      return;
    }
    const version = release();
    if (path === '/sw.js' && version > 1) body = original.replace(/"version":"([0-9a-f]+)"/, `"version":"$1-release${version}"`);
    if ((path === '/' || path === '/index.html') && version > 1) body = body.toString().replace('<head>', `<head>\n    <meta name="e2e-release" content="${version}" />`);
    response.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

test('a new version shows "Update available", and accepting it reloads into that version', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const site = testInfo.outputPath('site');
  cpSync('dist', site, { recursive: true });
  const firstVersion = /"version":"([0-9a-f]+)"/.exec(readFileSync(join(site, 'sw.js'), 'utf8'))![1]!;
  let release = 1;
  const { server, origin } = await serve(site, () => release);
  const offOrigin: string[] = [];
  page.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== origin) offOrigin.push(r.url());
  });
  const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('trendloom-shell-')).sort());
  const banner = page.getByTestId('update-banner');
  /** Clicks the prompt's button and waits until the page has really reloaded (a flag set before is gone). */
  const acceptUpdate = async () => {
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate, undefined, { timeout: 60_000 });
  };
  try {
    await page.goto(`${origin}/`);
    // First visit: the worker installs (precache) and claims the page; nothing to update yet.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    expect(await shellCaches()).toEqual([`trendloom-shell-${firstVersion}`]);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Drop a catalogue file here' })).toBeVisible();
    await expect(banner).toHaveCount(0);

    // Release 2 is published while the page stays open: the page's own update check finds it.
    release = 2;
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(banner).toBeVisible({ timeout: 120_000 });
    await expect(banner).toContainText('A new version of Trendloom is ready.');
    // Accepting: the waiting worker takes over and the page reloads into release 2.
    await acceptUpdate();
    await expect(page.locator('meta[name="e2e-release"]')).toHaveAttribute('content', '2');
    await expect(page.getByRole('heading', { name: 'Drop a catalogue file here' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect.poll(shellCaches).toEqual([`trendloom-shell-${firstVersion}-release2`]);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null)).toBe(true);

    // Release 3 is published and the user comes back later (a reload): the prompt shows again.
    release = 3;
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 120_000 });
    await acceptUpdate();
    await expect(page.locator('meta[name="e2e-release"]')).toHaveAttribute('content', '3');
    await expect.poll(shellCaches, { timeout: 60_000 }).toEqual([`trendloom-shell-${firstVersion}-release3`]);
    await expect(banner).toHaveCount(0);
  } finally {
    await new Promise((r) => server.close(r));
  }
  expect(offOrigin, 'requests off the page origin').toEqual([]);
});
