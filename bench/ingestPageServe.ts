/**
 * The intake bench page, built and served: shared by `bench/ingest.ts` (the benchmark) and
 * `bench/profileIngest.ts` (a CPU profile of the intake worker in Chromium).
 */
import { copyFileSync, createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { appHeaders } from '../vite.config.ts';

const ROOT = resolve(import.meta.dirname, '..');
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.wasm': 'application/wasm' };

/** Builds `bench/ingestPage/` into `outDir` (unminified with `minify: false`, so profiles keep function names), PapaParse beside it. */
export async function buildIngestPage(outDir: string, minify = true): Promise<void> {
  await build({
    root: join(ROOT, 'bench', 'ingestPage'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, minify },
  });
  copyFileSync(join(ROOT, 'node_modules', 'papaparse', 'papaparse.min.js'), join(outDir, 'papaparse.min.js'));
}

/** Serves `dir` on 127.0.0.1 (a free port) with the app's headers (cross-origin isolation, CSP). */
export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    // Cross-origin isolation and the CSP, as the app is served.
    response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...appHeaders });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  }));
}
