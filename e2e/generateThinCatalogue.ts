import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/core/random.ts';

// The thin-periods catalogue of issue 17 (e2e/thinPeriods.spec.ts): 480 items over 30 months
// (2022-01 … 2024-06), about 16 a month, so months and weeks hold fewer than the 20 items a share
// needs while quarters hold about 48. Two months (2023-09, 2023-10) happen to have 21 and 22 items
// and two early ones 11 and 10, so the app used to end its monthly chart, and put "now", at 2023-10.
// Three regions, so each region by quarter is thin too. Deterministic (seeded).
const COLOURS = ['Black', 'White', 'Navy Blue', 'Beige', 'Olive', 'Burgundy'];
const MATERIALS = ['linen', 'wool', 'cotton', 'cashmere', 'suede', 'denim'];
const CATEGORIES = ['Shirt', 'Dress', 'Jeans', 'Coat', 'Sweater', 'Skirt', 'Jacket', 'Trousers'];
const AUDIENCE = ['Men', 'Women', 'Women', 'Unisex'];
const REGIONS = ['EU', 'US', 'CN'];

/** Items in each month from 2022-01: 16, except the four months named above. */
export function monthCounts(): number[] {
  const counts = new Array<number>(30).fill(16);
  counts[2] = 11; // 2022-03
  counts[3] = 10; // 2022-04
  counts[20] = 21; // 2023-09
  counts[21] = 22; // 2023-10
  return counts;
}

/** The catalogue as CSV text (header: id,date,description,category,colour,region,units). */
export function thinCatalogue(seed = 17): string {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const lines = ['id,date,description,category,colour,region,units'];
  let id = 5000;
  monthCounts().forEach((count, m) => {
    for (let k = 0; k < count; k++) {
      // Spread over the month's first 28 days, in order.
      const day = 1 + Math.floor((k * 28) / count);
      const date = new Date(Date.UTC(2022, m, day)).toISOString().slice(0, 10);
      const colour = pick(COLOURS);
      const category = pick(CATEGORIES);
      lines.push(`${id++},${date},${pick(AUDIENCE)} ${colour} ${pick(MATERIALS)} ${category},${category},${colour},${REGIONS[k % 3]},${1 + Math.floor(next() * 40)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

// `npx tsx e2e/generateThinCatalogue.ts` writes the fixture.
if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(new URL('./fixtures/thin-periods-catalogue.csv', import.meta.url), thinCatalogue());
