/**
 * `npm run bench:attributes`: how long finding the materials, colours and patterns named in item
 * text takes on a 200,000-item synthetic catalogue (issue 17, item 8), in Node, against baselines
 * measured in the same run on the same table:
 *
 * - extraction: `PreparedDataset.found()` — every item's name and description read from the Arrow
 *   table, joined and searched once for all three kinds (what opening Material mix costs the first
 *   time on a file without a materials column; later views and filter changes reuse it);
 * - baseline 1: coding the catalogue's category column (`coded`), what any facet of the file's
 *   own costs the first time it is shown;
 * - baseline 2: reading the same texts out of the table and joining them, without searching (how
 *   much of the extraction is the Arrow reads);
 * - baseline 3: the first way this was written — one regular expression with every word of the
 *   vocabulary as an alternative (English ones between non-letters, longest first) run over the
 *   same joined texts — to show what the word-by-word lookup of core/text/attributes.ts saves;
 * - the same extraction a slice of 2,000 items at a time, as the page runs it between frames
 *   (`foundInBackground`): the longest slice is the longest the page cannot answer the user;
 * - then a recount of the found-materials trends by month (as a filter change does).
 *
 * Each is run REPEAT times on a fresh PreparedDataset; medians are printed with the load average.
 * Figures only, never pass/fail. Options: ROWS=200000 REPEAT=5.
 */
import { loadavg } from 'node:os';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { foundColumnName } from '../src/core/dashboard/facets.ts';
import { PreparedDataset } from '../src/core/dashboard/prepared.ts';
import type { DashboardSpec, LoadedDataset } from '../src/state/store.ts';
import { seededRandom } from '../src/core/random.ts';
import { ATTRIBUTE_TERMS } from '../src/core/text/attributes.ts';

const ROWS = Number(process.env.ROWS ?? 200_000);
const REPEAT = Number(process.env.REPEAT ?? 5);

// A catalogue in two shops' styles: English names with descriptions, and Chinese ones; a third of
// the descriptions name no material at all.
const random = seededRandom(17);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const garments = ['shirt', 'dress', 'coat', 'trousers', 'jumper', 'skirt', 'blazer', 'boots', 'scarf', 'tote bag'];
const fibres = ['linen', 'wool', 'cashmere', 'suede', 'cotton', 'silk', 'denim', 'leather', 'viscose'];
const colours = ['navy', 'black', 'off-white', 'camel', 'burgundy', 'sage green', 'grey'];
const patterns = ['striped', 'floral print', 'plaid', 'polka-dot', 'solid', ''];
const zhGarments = ['衬衫', '连衣裙', '大衣', '长裤', '毛衣', '半身裙', '短靴', '围巾'];
const zhFibres = ['亚麻', '羊毛', '羊绒', '麂皮', '纯棉', '真丝', '牛仔', '皮革'];
const zhColours = ['藏青', '黑色', '米白', '驼色', '酒红', '灰色'];
const zhPatterns = ['条纹', '碎花', '格纹', '波点', '纯色', ''];
const names: string[] = [];
const descriptions: string[] = [];
for (let i = 0; i < ROWS; i++) {
  const none = random() < 1 / 3;
  if (random() < 0.7) {
    const fibre = pick(fibres);
    names.push(`${pick(['Relaxed', 'Slim', 'Oversized', 'Cropped', 'Classic'])} ${none ? '' : `${fibre} `}${pick(garments)}`);
    descriptions.push(none ? `A ${pick(['relaxed', 'tailored', 'soft'])} piece for every day, machine washable, regular fit.` : `${pick(patterns)} ${fibre}-blend ${pick(garments)} in ${pick(colours)}, 100% ${pick(fibres)} lining. Dry clean only.`);
  } else {
    names.push(`${pick(zhColours)}${none ? '' : pick(zhFibres)}${pick(zhGarments)}`);
    descriptions.push(none ? '宽松版型，日常百搭，可机洗。' : `${pick(zhPatterns)}${pick(zhFibres)}面料，${pick(zhColours)}，手感柔软。`);
  }
}
const start = Date.parse('2022-01-01T00:00:00Z');
const table = new Table({
  date: vectorFromArray(Array.from({ length: ROWS }, (_, i) => new Date(start + Math.floor((i / ROWS) * 900) * 86_400_000)), new TimestampMillisecond()),
  name: vectorFromArray(names, new Utf8()),
  description: vectorFromArray(descriptions, new Utf8()),
  category: vectorFromArray(names.map((_, i) => pick(garments) + (i % 3)), new Utf8()),
});
const dataset: LoadedDataset = {
  fileName: 'synthetic.csv',
  fileSize: 0,
  table,
  columns: [
    { name: 'date', type: 'date', role: 'date' },
    { name: 'name', type: 'text', role: 'text' },
    { name: 'description', type: 'text', role: 'text' },
    { name: 'category', type: 'category', role: 'category' },
  ],
  problems: [],
  notes: [],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (run: () => void) => {
  const t = performance.now();
  run();
  return performance.now() - t;
};
// Baseline 3: one alternation of every word, longest first.
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLengthDown = (a: string, b: string) => b.length - a.length;
const englishWords = [...new Set(ATTRIBUTE_TERMS.flatMap((t) => t.en))].sort(byLengthDown).map((w) => `${w.split(' ').map(escape).join('[\\s-]*')}(?:e?s)?`);
const chineseWords = [...new Set(ATTRIBUTE_TERMS.flatMap((t) => t.zhWords))].sort(byLengthDown).map(escape);
const oneRegex = new RegExp(`(?<![A-Za-z0-9\\u00C0-\\u024F])(?:${englishWords.join('|')})(?![A-Za-z0-9\\u00C0-\\u024F])|${chineseWords.join('|')}`, 'gi');

const spec: DashboardSpec = { facet: foundColumnName('materials'), grain: 'month', measure: 'items', filters: {}, horizon: 4, minSupport: 20, topN: 8 };
const extract: number[] = [];
const category: number[] = [];
const readOnly: number[] = [];
const recount: number[] = [];
const regex: number[] = [];
let regexFinds = 0;
const slices: number[] = [];
let withAny = 0;
for (let r = 0; r < REPEAT; r++) {
  const prepared = new PreparedDataset(dataset);
  category.push(time(() => prepared.coded('category')));
  const vectors = [table.getChild('name')!, table.getChild('description')!];
  readOnly.push(
    time(() => {
      let length = 0;
      for (let row = 0; row < ROWS; row++) length += `${vectors[0]!.get(row) as string} \n ${vectors[1]!.get(row) as string}`.length;
      if (length === 0) throw new Error('no text');
    }),
  );
  regex.push(
    time(() => {
      regexFinds = 0;
      for (let row = 0; row < ROWS; row++) {
        const text = `${vectors[0]!.get(row) as string} \n ${vectors[1]!.get(row) as string}`;
        oneRegex.lastIndex = 0;
        while (oneRegex.exec(text)) regexFinds++;
      }
    }),
  );
  extract.push(time(() => (withAny = prepared.found().materials.itemsWithAny)));
  // The page's way: the same, 2,000 items per slice (timed one by one, as idle moments would run them).
  const sliced = new PreparedDataset(dataset);
  const original = globalThis.setTimeout;
  let last = performance.now();
  (globalThis as { setTimeout: unknown }).setTimeout = (run: () => void) => {
    slices.push(performance.now() - last);
    last = performance.now();
    run();
  };
  await sliced.foundInBackground();
  slices.push(performance.now() - last);
  globalThis.setTimeout = original;
  prepared.trends(spec);
  recount.push(time(() => prepared.countTrends(spec)));
}
const [l1, l5] = loadavg();
console.log(`bench:attributes — ${ROWS.toLocaleString('en')} items (name + description, 70 % English, 30 % Chinese), median of ${REPEAT}, load ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min)`);
console.log(`  find materials, colours, patterns (PreparedDataset.found): ${median(extract).toFixed(0)} ms  (${(median(extract) / ROWS * 1000).toFixed(2)} µs per item; ${withAny.toLocaleString('en')} items name a material)`);
console.log(`  baseline: read + join the same texts only:                 ${median(readOnly).toFixed(0)} ms`);
console.log(`  baseline: code the category column (a file facet):        ${median(category).toFixed(0)} ms`);
console.log(`  baseline: one regular expression of every word:           ${median(regex).toFixed(0)} ms  (${regexFinds.toLocaleString('en')} words found)`);
console.log(`  in slices of 2,000 items (foundInBackground): median slice ${median(slices).toFixed(1)} ms, longest ${Math.max(...slices).toFixed(1)} ms`);
console.log(`  recount found-materials trends by month (filter change):  ${median(recount).toFixed(1)} ms`);
