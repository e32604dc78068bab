// Evaluates exported ONNX models on the held-out split with onnxruntime-node (the runtime the app
// uses), so the quantised model's accuracy is measured where it runs, not in PyTorch.
// usage: node training/eval_onnx.mjs <heldout.json> <out.json> <model.onnx> [<model2.onnx> …]
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';

const [heldoutPath, outPath, ...models] = process.argv.slice(2);
const heldout = JSON.parse(readFileSync(heldoutPath, 'utf8'));
const { heads, ids, labels } = heldout;

function metrics(yTrue, yPred) {
  const keep = [];
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] >= 0) keep.push(i);
  const stats = new Map();
  const stat = (c) => {
    if (!stats.has(c)) stats.set(c, { tp: 0, fp: 0, fn: 0 });
    return stats.get(c);
  };
  let correct = 0;
  for (const i of keep) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t === p) {
      correct++;
      stat(t).tp++;
    } else {
      stat(p).fp++;
      stat(t).fn++;
    }
  }
  let f1sum = 0;
  for (const s of stats.values()) {
    const denom = 2 * s.tp + s.fp + s.fn;
    f1sum += denom ? (2 * s.tp) / denom : 0;
  }
  return { n: keep.length, accuracy: correct / keep.length, macro_f1: f1sum / stats.size, micro_f1: correct / keep.length };
}

const order = ids.map((_, i) => i).sort((a, b) => ids[a].length - ids[b].length);
const result = {};
for (const modelPath of models) {
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    extra: { session: { qdq_matmulnbits_accuracy_level: '0' } },
  });
  const preds = Object.fromEntries(heads.map((h) => [h, new Array(ids.length).fill(-1)]));
  const t0 = performance.now();
  for (let s = 0; s < order.length; s += 128) {
    const batch = order.slice(s, s + 128);
    const len = Math.max(...batch.map((i) => ids[i].length));
    const inputIds = new BigInt64Array(batch.length * len);
    const mask = new BigInt64Array(batch.length * len);
    batch.forEach((row, b) => {
      ids[row].forEach((id, t) => {
        inputIds[b * len + t] = BigInt(id);
        mask[b * len + t] = 1n;
      });
    });
    const out = await session.run({
      input_ids: new ort.Tensor('int64', inputIds, [batch.length, len]),
      attention_mask: new ort.Tensor('int64', mask, [batch.length, len]),
    });
    for (const h of heads) {
      const t = out[`logits_${h}`];
      const n = t.dims[1];
      batch.forEach((row, b) => {
        let best = 0;
        for (let c = 1; c < n; c++) if (t.data[b * n + c] > t.data[b * n + best]) best = c;
        preds[h][row] = best;
      });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  result[basename(modelPath)] = {
    seconds,
    items_per_second: ids.length / seconds,
    heads: Object.fromEntries(heads.map((h) => [h, metrics(labels[h], preds[h])])),
  };
  console.log(`${basename(modelPath)}: ${ids.length} items in ${seconds.toFixed(1)} s; ` +
    heads.map((h) => `${h} ${(100 * result[basename(modelPath)].heads[h].accuracy).toFixed(2)}%`).join(', '));
}
writeFileSync(outPath, JSON.stringify(result, null, 2));
