import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer (WASM threads).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The page may talk only to its own origin: no remote scripts, no eval (WebAssembly compilation
 * is allowed for onnxruntime), no connections elsewhere — even a compromised dependency cannot
 * send the user's data away. Applied to built pages only (Vite's dev server injects inline code).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The same policy for Vite's dev server (`npm start`), whose React refresh preamble is an inline
 * script; everything else — above all `connect-src 'self'` — is unchanged.
 */
export const devContentSecurityPolicy = contentSecurityPolicy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

/**
 * Headers every server of the app sends. The CSP goes out as a header, not only as the page's
 * `<meta>` tag: a meta policy does not reach worker scripts or the service worker, which take
 * their policy from their own response, so without the header they could post data anywhere.
 */
export const appHeaders = { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy };

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Big assets are cached deliberately (their own cache), the rest is the precached shell. */
function isBigAsset(url: string): boolean {
  return url.startsWith('/models/') || url.endsWith('.wasm');
}

/** Builds the service worker (src/pwa/sw.ts → /sw.js) with the list of files to cache injected. */
function pwaPlugin(): Plugin {
  return {
    name: 'trendloom-pwa',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`);
    },
    generateBundle(_options, bundle) {
      const publicDir = join(process.cwd(), 'public');
      const hash = createHash('sha256');
      const urls: string[] = ['/'];
      for (const file of listFiles(publicDir).sort()) {
        const url = `/${relative(publicDir, file).split('\\').join('/')}`;
        if (url.endsWith('.md') || url === '/_headers') continue; // host configuration, not a page asset
        urls.push(url);
        hash.update(url).update(readFileSync(file));
      }
      for (const fileName of Object.keys(bundle).sort()) {
        if (fileName === 'sw.js' || fileName.endsWith('.map')) continue;
        urls.push(`/${fileName}`);
        hash.update(fileName);
        const item = bundle[fileName]!;
        hash.update(item.type === 'chunk' ? item.code : item.source);
      }
      const manifest = {
        version: hash.digest('hex').slice(0, 16),
        shell: urls.filter((u) => !isBigAsset(u)),
        assets: urls.filter(isBigAsset),
      };
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('pwaPlugin: sw.js chunk missing');
      if (!sw.code.includes('__TRENDLOOM_BUILD_MANIFEST__')) throw new Error('pwaPlugin: manifest placeholder missing from sw.js');
      sw.code = sw.code.replaceAll('__TRENDLOOM_BUILD_MANIFEST__', JSON.stringify(manifest));
    },
  };
}

export default defineConfig({
  plugins: [react(), pwaPlugin()],
  server: { headers: { ...isolationHeaders, 'Content-Security-Policy': devContentSecurityPolicy } },
  preview: { headers: appHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { main: 'index.html', diagnostics: 'diagnostics.html', sw: 'src/pwa/sw.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
