// The shipped app pipeline's logits of one head on the dev splits, for fitting that head's named-label bonus
// (training/ship_named_types.py) when the shipped run's own evaluation arrays are not at hand: the int8 graph
// with the n-gram mix and the named-colour bonus exactly as the app runs them, the head's temperature set to 1
// and its `named_types` block left out, so log(probability) is the head's logit up to a constant per row.
// usage: npx tsx training/app_dev_logits.ts <model dir> <out.json> <eval_meta.json>…
//   every "dev:" set of the eval_meta files, each set key once (the folds share the same dev splits)
import { readFileSync, writeFileSync } from 'node:fs';
import { Classifier } from '../src/model/classifier.ts';
import { loadNodeClassifier } from '../src/model/session.node.ts';

const HEAD = 'articleType';
const [modelDir, outPath, ...metaPaths] = process.argv.slice(2);
if (!modelDir || !outPath || metaPaths.length === 0) throw new Error('usage: npx tsx training/app_dev_logits.ts <model dir> <out.json> <eval_meta.json>…');
const shipped = await loadNodeClassifier(modelDir, { threads: 1 });
const { named_types: _left, ...config } = shipped.config;
const calibration = config.calibration ? { ...config.calibration, temperature: { ...config.calibration.temperature, [HEAD]: 1 } } : undefined;
const classifier = new Classifier(shipped.runtime, shipped.tokenizer, { ...config, ...(calibration ? { calibration } : {}) }, shipped.ngram);
const labels = classifier.labelsOf(HEAD);

const sets: Record<string, { rows: unknown[]; logits: number[][] }> = {};
for (const path of metaPaths) {
  const meta = JSON.parse(readFileSync(path, 'utf8')) as { sets: Record<string, { text: string }[]> };
  for (const [key, rows] of Object.entries(meta.sets)) {
    if (!key.startsWith('dev:') || sets[key]) continue;
    const started = Date.now();
    const predictions = await classifier.classifyTexts(rows.map((r) => r.text), { topK: labels.length });
    const logits = predictions.map((p) => {
      const byLabel = new Map(p.heads[HEAD]!.top.map((s) => [s.label, s.probability]));
      return labels.map((l) => Math.log(Math.max(byLabel.get(l) ?? 0, 1e-30)));
    });
    sets[key] = { rows, logits };
    console.log(`${key}: ${rows.length} rows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
writeFileSync(outPath, JSON.stringify({ head: HEAD, labels, model: modelDir, sets }));
