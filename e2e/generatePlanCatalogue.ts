import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/core/random.ts';

// The season-plan catalogue of issue 15 (e2e/plan.spec.ts): sales rows over 36 months
// (2022-01 … 2024-12) with units sold, a region and, on the last month's rows, the stock on hand.
// Linen shirts rise, wool coats fall (and have far too much stock), knitwear sells in winter and
// dresses in summer; linen is about twice as popular in IT as elsewhere; IS is a small region
// (a handful of rows). No description column, so the app opens the dashboard without labelling.
// Deterministic (seeded).

/** Categories with their rows per month: level, change per month, winter/summer swing. */
export const CATEGORIES = [
  { name: 'Linen shirt', level: 7, slope: 0.35, swing: -3, stock: 0 },
  { name: 'Wool coat', level: 14, slope: -0.3, swing: 5, stock: 900 },
  { name: 'Denim jeans', level: 10, slope: 0, swing: 0, stock: 40 },
  { name: 'Knit sweater', level: 8, slope: 0.05, swing: 6, stock: 30 },
  { name: 'Summer dress', level: 8, slope: 0.1, swing: -6, stock: 10 },
] as const;

const COLOURS = ['Black', 'White', 'Navy', 'Sand'];
const REGIONS = ['FR', 'DE', 'IT'];

/** The catalogue as CSV text (header: id,date,category,colour,region,units,stock). */
export function planCatalogue(seed = 15): string {
  const next = seededRandom(seed);
  const lines = ['id,date,category,colour,region,units,stock'];
  let id = 10_000;
  for (let m = 0; m < 36; m++) {
    // Winter months (Nov–Feb) +1, summer (May–Aug) −1, else 0.
    const month = m % 12;
    const winter = month >= 10 || month <= 1 ? 1 : month >= 4 && month <= 7 ? -1 : 0;
    for (const c of CATEGORIES) {
      const rows = Math.max(1, Math.round(c.level + c.slope * m + c.swing * winter + (next() - 0.5) * 3));
      for (let k = 0; k < rows; k++) {
        const day = 1 + Math.floor((k * 27) / rows);
        const date = new Date(Date.UTC(2022, m, day)).toISOString().slice(0, 10);
        // Linen goes to IT half the time (a third for the others); a few rows go to the small region IS.
        const r = next();
        const region = id % 60 === 0 ? 'IS' : c.name === 'Linen shirt' ? (r < 0.5 ? 'IT' : r < 0.75 ? 'FR' : 'DE') : REGIONS[Math.floor(r * 3)]!;
        const units = 1 + Math.floor(next() * 12);
        // The last month's rows carry the stock on hand, shared out over them.
        const stock = m === 35 ? String(Math.round(c.stock / rows)) : '';
        lines.push(`${id++},${date},${c.name},${COLOURS[Math.floor(next() * COLOURS.length)]},${region},${units},${stock}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

// `npx tsx e2e/generatePlanCatalogue.ts` writes the fixture.
if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(new URL('./fixtures/plan-catalogue.csv', import.meta.url), planCatalogue());
