/**
 * Deterministic synthetic catalogue CSV for the intake benchmark: ~110 bytes a row, the column
 * mix of a real export (id, ISO date, free-text description with some quoted commas, categories,
 * a multi-label style cell, integer units, decimal price).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../src/core/random.ts';

const CATEGORIES = ['Shirts', 'Dresses', 'Jeans', 'Coats', 'Knitwear', 'Skirts', 'Trousers', 'Tshirts', 'Sneakers', 'Bags', 'Jackets', 'Shorts'];
const COLOURS = ['Black', 'White', 'Navy Blue', 'Ivory', 'Sand', 'Camel', 'Olive', 'Burgundy', 'Grey', 'Sky Blue', 'Rust', 'Sage'];
const MATERIALS = ['cotton', 'linen', 'wool', 'silk', 'denim', 'cashmere', 'polyester', 'viscose', 'leather', 'recycled nylon'];
const STYLES = ['casual', 'minimal', 'formal', 'street', 'boho', 'sporty', 'classic', 'party', 'workwear', 'romantic'];
const REGIONS = ['EU', 'US', 'UK', 'CN', 'JP', 'BR', 'IN', 'AU'];
const ADJECTIVES = ['Relaxed', 'Slim', 'Oversized', 'Cropped', 'Tailored', 'Washed', 'Ribbed', 'Pleated', 'Quilted', 'Striped', 'Printed', 'Organic'];

/** The benchmark file's header line. */
export const HEADER = 'id,date,description,category,colour,material,styles,region,units,price';

/** Row i of the synthetic catalogue (no line break). */
export function catalogueRow(i: number, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const day = Math.floor(next() * 2190); // six years of days
  const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const category = pick(CATEGORIES);
  const colour = pick(COLOURS);
  const material = pick(MATERIALS);
  const adjective = pick(ADJECTIVES);
  // One description in eight has a comma, so it is quoted (and one in 64 has an escaped quote).
  const description = next() < 0.125
    ? next() < 0.125 ? `"${adjective} ${material} ${category.toLowerCase()}, ""${colour}"" edition"` : `"${adjective} ${material} ${category.toLowerCase()}, ${colour.toLowerCase()}"`
    : `${adjective} ${colour.toLowerCase()} ${material} ${category.toLowerCase()} no. ${i % 997}`;
  const styles = next() < 0.5 ? pick(STYLES) : `${pick(STYLES)}|${pick(STYLES)}`;
  const units = Math.floor(next() * 500);
  const price = (5 + next() * 295).toFixed(2);
  return `${100000 + i},${date},${description},${category},${colour},${material},${styles},${pick(REGIONS)},${units},${price}`;
}

/** Writes `rows` rows to `path`; resolves to the byte size. */
export async function writeCatalogue(path: string, rows: number, seed = 42): Promise<number> {
  const out = createWriteStream(path);
  const next = seededRandom(seed);
  let bytes = 0;
  let batch: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    batch.push(catalogueRow(i, next));
    if (batch.length === 10_000 || i === rows - 1) {
      const text = `${batch.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
      batch = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
