/**
 * `npm run bench:classify-othershop [-- --compare <model dir>]`: accuracy of the shipped classifier's
 * own heads on the held-out items of its training split (`test/fixtures/finetune/model-heldout-ids.txt`)
 * with every name rewritten into another shop's description style (`rewriteAsDescription`: brand and
 * gender word dropped, product words swapped for synonyms, shop phrases around them), beside the
 * plain names. `--compare` scores another model folder (same config layout, e.g. an earlier release
 * taken from git) on the same texts. Accuracy only; no timing.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { rewriteAsDescription } from '../src/core/finetune/rewrite.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const models: [string, string][] = [['shipped', DEFAULT_MODEL_DIR]];
if (compareAt >= 0 && args[compareAt + 1]) models.push(['compared', args[compareAt + 1]!]);

const heldout = new Set(readFileSync('test/fixtures/finetune/model-heldout-ids.txt', 'utf8').split(/\s+/).filter(Boolean));
const parsed = Papa.parse<Record<string, string>>(readFileSync('../shared/data/fashion-products/styles.csv', 'utf8'), { header: true, skipEmptyLines: true });
const rows = parsed.data.filter((r) => heldout.has(r.id ?? '') && (r.productDisplayName ?? '').trim() !== '');
const variants = { plain: rows.map((r) => r.productDisplayName!.trim()), 'other shop': rows.map((r) => rewriteAsDescription(r.productDisplayName!.trim())) };
console.log(`${rows.length} held-out items; e.g. "${variants.plain[0]}" → "${variants['other shop'][0]}"`);

const result: Record<string, Record<string, Record<string, number>>> = {};
for (const [name, dir] of models) {
  const classifier = await loadNodeClassifier(dir, { threads: 2 });
  result[name] = {};
  for (const [variant, texts] of Object.entries(variants)) {
    const predictions = await classifier.classifyItems(texts);
    const accuracy: Record<string, number> = {};
    for (const head of classifier.config.head_order) {
      let labelled = 0;
      let right = 0;
      rows.forEach((row, i) => {
        if (!row[head]) return;
        labelled++;
        if (predictions[i]!.heads[head]!.label === row[head]) right++;
      });
      accuracy[head] = Number(((100 * right) / labelled).toFixed(2));
    }
    result[name]![variant] = accuracy;
    console.log(`${name.padEnd(9)} ${variant.padEnd(11)} ${Object.entries(accuracy).map(([h, a]) => `${h} ${a.toFixed(2)}`).join(', ')}`);
  }
}
console.log(JSON.stringify({ bench: 'classify-othershop', items: rows.length, models: Object.fromEntries(models), accuracy: result }));
