/**
 * Trendloom's service worker: makes the app work offline.
 *
 * - The app shell (HTML, JS, CSS, icons, demo data) is precached at install, from a manifest the
 *   build injects below, so a reload offline works after the first visit.
 * - Big assets (the model under /models/ and onnxruntime's .wasm files) are cached deliberately in
 *   their own cache: at install when the build lists them, and on first use otherwise; they are
 *   served cache-first because their URLs change when their content does (or the version bump does).
 * - A new build changes this file (the manifest holds hashed names), so the browser installs it as
 *   "waiting"; the page shows "Update available" and sends SKIP_WAITING when the user accepts.
 * - Nothing here talks to any origin but the page's own.
 */
// The page's tsconfig mixes DOM and WebWorker libs, so name the worker scope's real type once.
const sw = self as unknown as ServiceWorkerGlobalScope;

interface BuildManifest {
  version: string;
  shell: string[];
  assets: string[];
}

// A free identifier that the build replaces with the list of emitted files (pwaPlugin in vite.config.ts).
declare const __TRENDLOOM_BUILD_MANIFEST__: BuildManifest;
const manifest: BuildManifest = __TRENDLOOM_BUILD_MANIFEST__;
const shellCache = `trendloom-shell-${manifest.version}`;
const assetCache = `trendloom-assets-${manifest.version}`;

function isBigAsset(path: string): boolean {
  return path.startsWith('/models/') || path.endsWith('.wasm') || path.includes('/ort/');
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(shellCache);
      await shell.addAll(manifest.shell);
      // Big assets: try to have them offline right away, but a failure here must not block the shell.
      const assets = await caches.open(assetCache);
      await Promise.allSettled(manifest.assets.map((url) => assets.add(url)));
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([shellCache, assetCache]);
      for (const key of await caches.keys()) if (key.startsWith('trendloom-') && !keep.has(key)) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only our own origin's GETs; anything else goes to the network untouched (and the CSP forbids it anyway).
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
    return;
  }
  event.respondWith(cacheFirst(request, isBigAsset(url.pathname) ? assetCache : shellCache));
});

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(shellCache)).put('/index.html', response.clone());
    return response;
  } catch {
    const cached = (await caches.match('/index.html', { ignoreVary: true })) ?? (await caches.match('/', { ignoreVary: true }));
    return cached ?? new Response('Trendloom is offline and this page was never cached.', { status: 503 });
  }
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  // ignoreVary: module scripts are requested with an Origin header (CORS mode) while the precache
  // fetched them without one; the server's `Vary: Origin` would otherwise make every lookup miss.
  const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') (await caches.open(cacheName)).put(request, response.clone());
  return response;
}
