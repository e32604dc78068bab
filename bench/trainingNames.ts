/**
 * `npm run briefs:training-names`: writes `public/briefs/training-names.u32`, the sorted distinct
 * 32-bit hashes (src/model/briefs.ts `nameHash`, little-endian) of every item name of the Myntra
 * catalogue the model was trained on (`../shared/data/fashion-products/styles.csv`). The Studio and
 * `trendloom brief` drop drafts whose name is one of them (a verbatim training name), without
 * shipping the names themselves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { nameHashes } from '../src/model/briefs.ts';

const ROOT = resolve(import.meta.dirname, '..');
const source = resolve(ROOT, '..', 'shared/data/fashion-products/styles.csv');
const table = readCsvRows(readFileSync(source, 'utf8'));
const column = table.columns.indexOf('productDisplayName');
const hashes = nameHashes(table.rows.map((r) => r[column] ?? ''));
// Little-endian on every platform.
const bytes = new Uint8Array(hashes.length * 4);
const view = new DataView(bytes.buffer);
hashes.forEach((h, i) => view.setUint32(i * 4, h, true));
const out = resolve(ROOT, 'public/briefs/training-names.u32');
writeFileSync(out, bytes);
console.log(`${table.rows.length} names, ${hashes.length} distinct → ${out} (${bytes.length} bytes)`);
