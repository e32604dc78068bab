/**
 * Scores any model folder on the evaluation sets of leave-one-source-out runs
 * (training/out/teach/<fold>/export/eval_meta.json, written by training/train_multi.py for
 * training/teach_fold.sh): accuracy through the taxonomy's allowed sets, expected calibration error (15 bins) and the share and
 * accuracy of the items the model calls sure, per set and head — so an earlier model (say the
 * Myntra-only one, `git show <commit>:public/models/…`) is measured on exactly the items the
 * transfer table uses. A model that predates the "Details:" marker is fed `Item: <name> <description>`.
 *
 * usage: npx tsx bench/transferModel.ts <model dir> <eval_meta.json>… [--sets holdout,handwritten]
 */
import { readFileSync } from 'node:fs';
import { loadNodeClassifier } from '../src/model/session.node.ts';
import { expectedCalibrationError } from '../src/core/metrics/classification.ts';

interface EvalRow { labels: Record<string, string[]>; type_for_eval: string[]; text?: string }
interface EvalMeta { holdout: string; sets: Record<string, EvalRow[]> }

const args = process.argv.slice(2);
const setsFlag = args.indexOf('--sets');
const prefixes = setsFlag >= 0 ? args[setsFlag + 1]!.split(',') : ['holdout', 'handwritten'];
const positional = args.filter((_, i) => setsFlag < 0 || (i !== setsFlag && i !== setsFlag + 1));
const [modelDir, ...metaPaths] = positional;
if (!modelDir || metaPaths.length === 0) throw new Error('usage: npx tsx bench/transferModel.ts <model dir> <eval_meta.json>…');
const classifier = await loadNodeClassifier(modelDir, { threads: 1 });
const understandsDetails = (classifier.config as { description_marker?: string }).description_marker === 'Details:';
const HEADS = ['articleType', 'masterCategory', 'baseColour', 'gender', 'usage'];

const results: unknown[] = [];
for (const path of metaPaths) {
  const meta = JSON.parse(readFileSync(path, 'utf8')) as EvalMeta;
  for (const [key, rows] of Object.entries(meta.sets)) {
    if (!prefixes.some((p) => key.startsWith(p))) continue;
    if (rows.some((r) => r.text === undefined)) throw new Error(`${path} predates item texts in eval_meta.json; rerun its evaluation.`);
    const texts = rows.map((r) => (understandsDetails ? r.text! : r.text!.replace(/^Details: /, 'Item: ').replace(' Details: ', ' ')));
    const predictions = await classifier.classifyTexts(texts);
    for (const head of HEADS) {
      const conf: number[] = [];
      const right: boolean[] = [];
      const sure: boolean[] = [];
      rows.forEach((r, i) => {
        const allowed = head === 'articleType' ? (r.type_for_eval.length ? r.type_for_eval : r.labels.articleType ?? []) : r.labels[head] ?? [];
        if (allowed.length === 0) return;
        const p = predictions[i]!.heads[head]!;
        conf.push(p.probability);
        right.push(allowed.includes(p.label));
        sure.push(p.sure);
      });
      if (conf.length < 20) continue;
      const accuracy = right.filter(Boolean).length / right.length;
      const sureIdx = sure.map((s, i) => (s ? i : -1)).filter((i) => i >= 0);
      const line = {
        fold: meta.holdout, set: key, head, n: conf.length, accuracy, ece: expectedCalibrationError(conf, right),
        sure_coverage: sureIdx.length / conf.length, sure_accuracy: sureIdx.length ? sureIdx.filter((i) => right[i]).length / sureIdx.length : null,
      };
      results.push(line);
      console.log(`${key.padEnd(34)} ${head.padEnd(14)} n=${String(line.n).padStart(5)} acc ${accuracy.toFixed(3)} ECE ${line.ece.toFixed(3)} sure ${line.sure_coverage.toFixed(2)}@${(line.sure_accuracy ?? 0).toFixed(3)}`);
    }
  }
}
console.log(JSON.stringify({ bench: 'transfer-model', model: modelDir, results }));
