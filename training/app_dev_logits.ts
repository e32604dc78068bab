// The shipped app pipeline's logits of some heads on the dev splits, for fitting the named-type and
// named-gender bonuses (training/ship_named_labels.py) when the shipped run's own evaluation arrays are not at
// hand: the int8 graph with the n-gram mix and the named-colour bonus exactly as the app runs them, those
// heads' temperatures set to 1 and the `named_types` and `named_genders` blocks left out, so log(probability)
// is a head's logit up to a constant per row.
// usage: npx tsx training/app_dev_logits.ts <model dir> <out.json> <eval_meta.json>… [--heads articleType,masterCategory,gender]
//   every "dev:" set of the eval_meta files, each set key once (the folds share the same dev splits)
import { readFileSync, writeFileSync } from 'node:fs';
import { Classifier } from '../src/model/classifier.ts';
import { loadNodeClassifier } from '../src/model/session.node.ts';

const args = process.argv.slice(2);
const headsFlag = args.indexOf('--heads');
const heads = headsFlag >= 0 ? args[headsFlag + 1]!.split(',') : ['articleType', 'masterCategory', 'gender'];
const [modelDir, outPath, ...metaPaths] = args.filter((_, i) => headsFlag < 0 || (i !== headsFlag && i !== headsFlag + 1));
if (!modelDir || !outPath || metaPaths.length === 0) throw new Error('usage: npx tsx training/app_dev_logits.ts <model dir> <out.json> <eval_meta.json>… [--heads a,b]');
const shipped = await loadNodeClassifier(modelDir, { threads: 1 });
const { named_types: _types, named_genders: _genders, ...config } = shipped.config;
const untempered = Object.fromEntries(heads.map((h) => [h, 1]));
const calibration = config.calibration ? { ...config.calibration, temperature: { ...config.calibration.temperature, ...untempered } } : undefined;
const classifier = new Classifier(shipped.runtime, shipped.tokenizer, { ...config, ...(calibration ? { calibration } : {}) }, shipped.ngram);
const labels = Object.fromEntries(heads.map((h) => [h, classifier.labelsOf(h)]));
const widest = Math.max(...heads.map((h) => labels[h]!.length));

const sets: Record<string, { rows: unknown[]; logits: Record<string, number[][]> }> = {};
for (const path of metaPaths) {
  const meta = JSON.parse(readFileSync(path, 'utf8')) as { sets: Record<string, { text: string }[]> };
  for (const [key, rows] of Object.entries(meta.sets)) {
    if (!key.startsWith('dev:') || sets[key]) continue;
    const started = Date.now();
    const predictions = await classifier.classifyTexts(rows.map((r) => r.text), { topK: widest });
    const logits = Object.fromEntries(heads.map((h) => [h, predictions.map((p) => {
      const byLabel = new Map(p.heads[h]!.top.map((s) => [s.label, s.probability]));
      return labels[h]!.map((l) => Math.log(Math.max(byLabel.get(l) ?? 0, 1e-30)));
    })]));
    sets[key] = { rows, logits };
    console.log(`${key}: ${rows.length} rows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
writeFileSync(outPath, JSON.stringify({ heads, labels, model: modelDir, sets }));
