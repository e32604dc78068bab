import { describe, expect, it } from 'vitest';
import { Classifier, type ModelRuntime, type OrtTensorLike } from './classifier.ts';
import { TEST_MODEL_CONFIG, testModel, type TestModelItem } from './testModel.ts';
import { headLabels, parseClassifierConfig, type ClassifierConfig } from './config.ts';
import { padBatch } from './batching.ts';
import { topLabels } from './postprocess.ts';
import { createNodeRuntime, DEFAULT_MODEL_DIR, loadNodeClassifier } from './session.node.ts';
import { join } from 'node:path';

const ITEMS: TestModelItem[] = [
  { text: 'near and confident', colour: [4, 0, 0], fit: [0, 2], embedding: [1, 0] },
  { text: 'near but unsure', colour: [1, 0.8, 0], fit: [0, 0.2], embedding: [0.9, 0.1] },
  { text: 'far away', colour: [4, 0, 0], fit: [0, 2], embedding: [-1, 0] },
];
const fakeModel = () => testModel(ITEMS);
const base = TEST_MODEL_CONFIG;
const withBlocks: ClassifierConfig = parseClassifierConfig({
  ...base,
  calibration: { temperature: { colour: 2, fit: 0.5 }, fitted_on: 'hand-made' },
  unsure: { min_probability: { colour: 0.6, fit: 0.7 }, ood: { kind: 'centroid_cosine', centroids: [[1, 0], [0, 1]], max_distance: 0.2 } },
});
const texts = ITEMS.map((i) => i.text);
const e = Math.exp;

describe('Classifier with calibration and unsure blocks (fake session)', () => {
  it('divides logits by each head temperature, judges sure per head and reports the OOD distance', async () => {
    const { seen, tokenizer, runtime } = fakeModel();
    const predictions = await new Classifier(runtime, tokenizer, withBlocks).classifyTexts([...texts, texts[0]!], { topK: 3 });
    const [near, unsure, far, again] = predictions;

    // colour [4,0,0] / 2 = [2,0,0]; fit [0,2] / 0.5 = [0,4].
    expect(near!.heads.colour!.label).toBe('Red');
    expect(near!.heads.colour!.probability).toBeCloseTo(e(2) / (e(2) + 2), 6);
    expect(near!.heads.colour!.top.map((t) => t.probability)).toEqual([near!.heads.colour!.probability, expect.closeTo(1 / (e(2) + 2), 6), expect.closeTo(1 / (e(2) + 2), 6)]);
    expect(near!.heads.fit!.label).toBe('Loose');
    expect(near!.heads.fit!.probability).toBeCloseTo(e(4) / (1 + e(4)), 6);
    expect(near!.oodDistance).toBeCloseTo(0, 6);
    expect([near!.heads.colour!.sure, near!.heads.fit!.sure]).toEqual([true, true]);

    // colour [1,0.8,0] / 2 → 0.398 < 0.6; fit [0,0.2] / 0.5 → 0.599 < 0.7; close to centroid [1,0].
    expect(unsure!.heads.colour!.probability).toBeCloseTo(e(0.5) / (e(0.5) + e(0.4) + 1), 6);
    expect(unsure!.heads.fit!.probability).toBeCloseTo(e(0.4) / (1 + e(0.4)), 6);
    expect(unsure!.oodDistance).toBeCloseTo(1 - 0.9 / Math.sqrt(0.82), 6);
    expect([unsure!.heads.colour!.sure, unsure!.heads.fit!.sure]).toEqual([false, false]);

    // Confident, but orthogonal to one centroid and opposite the other: distance 1 > 0.2, unsure on every head.
    expect(far!.heads.fit!.probability).toBeCloseTo(e(4) / (1 + e(4)), 6);
    expect(far!.oodDistance).toBeCloseTo(1, 6);
    expect([far!.heads.colour!.sure, far!.heads.fit!.sure]).toEqual([false, false]);

    expect(again).toEqual(near);
    // The OOD test read the embedding although the caller did not ask for it, and none is returned.
    expect(seen.embeddingReads).toBeGreaterThan(0);
    expect(near!.embedding).toBeUndefined();
  });

  it('returns the embedding as well when asked', async () => {
    const { tokenizer, runtime } = fakeModel();
    const [far] = await new Classifier(runtime, tokenizer, withBlocks).classifyTexts([texts[2]!], { embeddings: true });
    expect(Array.from(far!.embedding!)).toEqual([-1, 0]);
    expect(far!.oodDistance).toBeCloseTo(1, 6);
  });

  it('without the blocks: plain softmax, every head sure, no OOD distance, the embedding not read', async () => {
    const { seen, tokenizer, runtime } = fakeModel();
    const predictions = await new Classifier(runtime, tokenizer, parseClassifierConfig(base)).classifyTexts(texts);
    expect(predictions[0]!.heads.colour!.probability).toBeCloseTo(e(4) / (e(4) + 2), 6);
    expect(predictions[1]!.heads.colour!.probability).toBeCloseTo(e(1) / (e(1) + e(0.8) + 1), 6);
    expect(predictions[1]!.heads.fit!.probability).toBeCloseTo(e(0.2) / (1 + e(0.2)), 6);
    expect(predictions.flatMap((p) => Object.values(p.heads).map((h) => h.sure))).toEqual([true, true, true, true, true, true]);
    expect(predictions.map((p) => p.oodDistance)).toEqual([undefined, undefined, undefined]);
    expect(seen.embeddingReads).toBe(0);
  });

  it('with thresholds but no OOD test: sure follows the calibrated probability alone', async () => {
    const { seen, tokenizer, runtime } = fakeModel();
    const config = parseClassifierConfig({ ...base, unsure: { min_probability: { colour: 0.6, fit: 0.7 } } });
    const predictions = await new Classifier(runtime, tokenizer, config).classifyTexts(texts);
    // Uncalibrated: colour 0.96 / 0.46 / 0.96, fit 0.88 / 0.55 / 0.88.
    expect(predictions.map((p) => [p.heads.colour!.sure, p.heads.fit!.sure])).toEqual([[true, true], [false, false], [true, true]]);
    expect(predictions[2]!.oodDistance).toBeUndefined();
    expect(seen.embeddingReads).toBe(0);
  });

  it('says so when the graph has no embedding output but the config has an OOD test', async () => {
    const { tokenizer, runtime } = fakeModel();
    const noEmbedding: ModelRuntime = {
      ...runtime,
      session: { run: async (feeds) => ({ ...(await runtime.session.run(feeds)), embedding: undefined as unknown as OrtTensorLike }) },
    };
    await expect(new Classifier(noEmbedding, tokenizer, withBlocks).classifyTexts(texts)).rejects.toThrow(/did not return "embedding"/);
  });
});

describe('the shipped graph with its config stripped of calibration, unsure rule, n-gram mix and named-label bonuses (onnxruntime-node)', () => {
  it('gives exactly the plain softmax of the graph\'s logits, every head sure, as before calibration', async () => {
    const shipped = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1 });
    const { calibration: _c, unsure: _u, ngram_head: _n, named_colours: _b, named_types: _t, named_genders: _g, ...plain } = shipped.config;
    const runtime = await createNodeRuntime(join(DEFAULT_MODEL_DIR, plain.onnx.model_file), 1);
    const classifier = new Classifier(runtime, shipped.tokenizer, plain);
    const inputs = ['Item: Puma Men Black Running Shoes', 'Item: Biba Women Red Kurta'];
    // One item per run, as the direct runs below: the same graph on the same input gives bit-identical logits.
    const predictions = await classifier.classifyTexts(inputs, { topK: 2, maxBatch: 1 });
    const ids = inputs.map((t) => classifier.encodeForClassifier(t));
    for (const [row, sequence] of ids.entries()) {
      const { inputIds, attentionMask } = padBatch([sequence], sequence.length, plain.pad_token_id);
      const out = await runtime.session.run({ input_ids: runtime.int64Tensor(inputIds, [1, sequence.length]), attention_mask: runtime.int64Tensor(attentionMask, [1, sequence.length]) });
      for (const head of plain.head_order) {
        const expected = topLabels(out[`logits_${head}`]!.data as Float32Array, headLabels(plain, head), 2);
        expect(predictions[row]!.heads[head]).toEqual({ label: expected[0]!.label, probability: expected[0]!.probability, top: expected, sure: true });
      }
      expect(predictions[row]!.oodDistance).toBeUndefined();
    }
  });
});
