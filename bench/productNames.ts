/**
 * Product names for the classifier benches: the last column (`productDisplayName`; quoted when it
 * holds commas) of `../shared/data/fashion-products/styles.csv`, or of a file in this repository
 * when the shared data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitCsvText as readCsvRows } from '../src/core/csv/textRows.ts';
import { joinNameAndDescription } from '../src/model/inputText.ts';

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

/**
 * Description-length item texts (`<name> Details: <description>`, in the `names` slot of productNames' answer) from the other shops' catalogues in
 * `../shared/data/catalogues` (adidas and Zara: names with one-paragraph descriptions), or the
 * product names with a fixed sentence appended when the shared data is absent.
 */
export function describedItems(fallback: string): { names: string[]; source: string } {
  const dir = resolve(ROOT, '..', 'shared/data/catalogues');
  const files = ['adidas_us.csv', 'zara_us.csv'].map((f) => resolve(dir, f)).filter(existsSync);
  if (files.length === 0) {
    const { names, source } = productNames(fallback);
    return { names: names.map((n) => joinNameAndDescription(n, `${n} in a relaxed fit with a soft hand feel, made to wear every day and easy to pair with the rest of the collection.`)), source };
  }
  const texts: string[] = [];
  for (const file of files) {
    const rows = readCsvRows(readFileSync(file, 'utf8'));
    const header = rows[0]!;
    const name = header.indexOf('name');
    const description = header.indexOf('description');
    for (const row of rows.slice(1)) if (row[description]) texts.push(joinNameAndDescription(row[name] ?? '', row[description]!));
  }
  return { names: texts, source: 'shared/data/catalogues/{adidas_us,zara_us}.csv' };
}

