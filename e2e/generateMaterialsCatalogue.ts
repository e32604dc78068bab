/**
 * Writes e2e/fixtures/materials-catalogue.csv (`npx tsx e2e/generateMaterialsCatalogue.ts`): 240
 * made-up items over 12 months (2023-07 … 2024-06, 20 a month) with a name, a description, a date
 * and a region — and no materials column. The descriptions name linen (rising towards summer),
 * wool and cashmere (in winter), suede and cotton, some in Chinese (亚麻, 羊毛); 3 a month name no
 * material. For `materials.spec.ts` (issue 17, item 8).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/core/random.ts';

const random = seededRandom(8);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const lines = ['name,description,date,region'];
for (let month = 0; month < 12; month++) {
  const date = new Date(Date.UTC(2023, 6 + month, 1));
  const summer = date.getUTCMonth() >= 3 && date.getUTCMonth() <= 8;
  for (let k = 0; k < 20; k++) {
    const day = String(1 + ((k * 3) % 27)).padStart(2, '0');
    const iso = `${date.toISOString().slice(0, 8)}${day}`;
    const region = pick(['EU', 'UK', 'US']);
    const r = random();
    let name: string;
    let description: string;
    if (k % 6 === 5) [name, description] = [pick(['Relaxed trousers', 'Everyday tee', 'Wide-leg jeans']), 'A relaxed fit for every day, machine washable.'];
    else if (k % 10 === 9) [name, description] = [pick(['亚麻衬衫', '亚麻阔腿裤']), summer ? '条纹亚麻面料，透气清爽' : '亚麻面料，米色'];
    else if (k % 10 === 4) [name, description] = [pick(['羊毛大衣', '羊毛围巾']), '羊毛面料，保暖柔软'];
    else if (summer ? r < 0.5 : r < 0.15) [name, description] = [pick(['Camp-collar shirt', 'Wide trousers', 'Shirt dress']), pick(['Linen-blend, striped, relaxed fit', 'Pure linen in sand', '100% linen, garment-dyed'])];
    else if (summer ? r < 0.65 : r < 0.6) [name, description] = [pick(['Crew-neck jumper', 'Long coat', 'Scarf']), pick(['Soft wool, ribbed cuffs', 'Merino wool blend in navy', 'Cashmere, knitted in Scotland', 'Wool-cashmere blend'])];
    else if (r < 0.8) [name, description] = [pick(['Chelsea boots', 'Loafers', 'Shoulder bag']), pick(['Suede upper, leather sole', 'Brushed suede in camel'])];
    else [name, description] = [pick(['Oxford shirt', 'Everyday tee']), pick(['Organic cotton, regular fit', 'Cotton poplin, white'])];
    lines.push([name, `"${description}"`, iso, region].join(','));
  }
}
writeFileSync(join(import.meta.dirname, 'fixtures', 'materials-catalogue.csv'), `${lines.join('\n')}\n`);
