/**
 * Product names for the classifier benches: the last column (`productDisplayName`; quoted when it
 * holds commas) of `../shared/data/fashion-products/styles.csv`, or of a file in this repository
 * when the shared data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = 'shared/data/fashion-products/styles.csv';

/** The names, and where they came from (`fallback`, relative to the repository, when ../shared is absent). */
export function productNames(fallback: string, fallbackLabel = fallback): { names: string[]; source: string } {
  const shared = resolve(ROOT, '..', SHARED);
  const path = existsSync(shared) ? shared : resolve(ROOT, fallback);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const names = lines.map((line) => {
    const quoted = /"((?:[^"]|"")*)"\s*$/.exec(line);
    return quoted ? quoted[1]!.replaceAll('""', '"') : line.slice(line.lastIndexOf(',') + 1);
  });
  return { names, source: path === shared ? SHARED : fallbackLabel };
}
