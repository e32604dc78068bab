import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/core/random.ts';

// A deterministic catalogue for the 100k-item journey: product-name-like descriptions that repeat
// the way real catalogues do (the same item sold in several regions and weeks), dates over four
// years with seasonal swings per style, regions, units sold and a multi-label styles column.
const CATEGORIES = ['Shirt', 'Dress', 'Jeans', 'Coat', 'Sweater', 'Skirt', 'Trousers', 'T-shirt', 'Sneakers', 'Handbag', 'Jacket', 'Shorts'];
const COLOURS = ['Black', 'White', 'Navy Blue', 'Beige', 'Olive', 'Burgundy', 'Grey', 'Pink', 'Rust', 'Cream'];
const MATERIALS = ['cotton', 'linen', 'wool', 'silk', 'denim', 'cashmere', 'viscose', 'leather'];
const AUDIENCE = ['Men', 'Women', 'Women', 'Unisex'];
const STYLES = ['casual', 'minimal', 'formal', 'street', 'boho', 'sporty', 'party'];
const REGIONS = ['EU', 'US', 'UK', 'CN', 'JP', 'BR'];


/** Writes `rows` catalogue rows to `path` (CSV with a header). */
export function writeJourneyCatalogue(path: string, rows: number, seed = 7): void {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const lines = ['id,date,description,category,colour,material,styles,region,units'];
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(next() * 4 * 364);
    const date = new Date(Date.UTC(2021, 0, 4) + day * 86_400_000);
    const category = pick(CATEGORIES);
    const colour = pick(COLOURS);
    const material = pick(MATERIALS);
    // Styles drift over time so the trends have something to show.
    const drift = day / (4 * 364);
    const style = next() < 0.3 + 0.3 * drift ? 'minimal' : next() < 0.5 - 0.3 * drift ? 'formal' : pick(STYLES);
    const styles = next() < 0.6 ? style : `${style}|${pick(STYLES)}`;
    const description = `${pick(AUDIENCE)} ${colour} ${material} ${category}`;
    const units = 1 + Math.floor(next() * 200);
    lines.push(`${200000 + i},${date.toISOString().slice(0, 10)},${description},${category},${colour},${material},${styles},${pick(REGIONS)},${units}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
