import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appHeaders, contentSecurityPolicy, devContentSecurityPolicy } from '../vite.config.ts';

const root = resolve(import.meta.dirname, '..');

/** Header lines of `public/_headers` under its `/*` rule, as a record. */
function staticHostHeaders(): Record<string, string> {
  const lines = readFileSync(resolve(root, 'public/_headers'), 'utf8').split('\n');
  const start = lines.indexOf('/*');
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (match) out[match[1]!] = match[2]!.trim();
  }
  return out;
}

describe('headers for every way the app is served', () => {
  it('public/_headers sends exactly the preview server\'s headers, CSP included', () => {
    expect(staticHostHeaders()).toEqual(appHeaders);
    expect(appHeaders['Content-Security-Policy']).toContain("connect-src 'self'");
    expect(appHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('the dev server policy differs only by allowing the inline refresh preamble', () => {
    expect(devContentSecurityPolicy).toBe(contentSecurityPolicy.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'"));
    expect(devContentSecurityPolicy).toContain("connect-src 'self'");
  });

  it('the README\'s nginx and Caddy snippets carry the same policy', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    expect(readme).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy}" always;`);
    expect(readme).toContain(`Content-Security-Policy "${contentSecurityPolicy}"`);
  });
});
