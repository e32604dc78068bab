import { describe, expect, it } from 'vitest';
import { trainHead } from '../../core/finetune/head.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headColumnsWithModel, parseHeads } from './applyWithModel.ts';
import { classifyHeadColumns } from './classifyHeads.node.ts';
import { modelEmbedFn, type EmbeddingModel } from './embedding.ts';

/** A stand-in classifier whose embedding says whether the text mentions shoes. */
const model: EmbeddingModel = {
  heads: ['kind'],
  labelsOf: () => ['shoe', 'other'],
  async classifyItems(items) {
    return items.map((t) => {
      const shoe = /shoe|sneaker|boot/i.test(t) ? 1 : 0;
      return { embedding: Float32Array.of(shoe, 1 - shoe, t.length / 10), heads: { kind: { top: [{ label: shoe ? 'shoe' : 'other', probability: 0.9 }] } } };
    });
  },
};

const texts = ['red sneaker', 'blue boot', 'white shoe', 'black boot', 'green sneaker', 'red shirt', 'blue top', 'white dress', 'black jeans', 'green skirt'];
const labels = texts.map((t) => [/sneaker|boot|shoe/.test(t) ? 'Footwear' : 'Apparel']);

describe('headColumnsWithModel', () => {
  it('computes the features each head was trained with and adds pred_/prob_ columns', async () => {
    const plain = await trainHead(texts, labels, { hashBits: 8, validation: 0.2, maxEpochs: 60, patience: 60, learningRate: 0.05, labelColumn: 'category', textColumns: ['name'] }, modelEmbedFn(model));
    const probs = await trainHead(texts, labels, { hashBits: 8, validation: 0.2, maxEpochs: 60, patience: 60, learningRate: 0.05, labelColumn: 'category', textColumns: ['name'], embeddingFeatures: 'embedding+probabilities' }, modelEmbedFn(model, { headProbabilities: true }));
    expect(probs.head.featureSpec.embedding!.dim).toBe(5);
    const heads = parseHeads([
      { path: 'a.json', text: JSON.stringify(plain.head) },
      { path: 'b.json', text: JSON.stringify(probs.head) },
    ]);
    const table = { columns: ['name', 'pred_category'], rows: [['grey sneaker', 'x'], ['grey shirt', 'y']] };
    const columns = await headColumnsWithModel(table, heads, model);
    expect(columns.map((c) => c.name)).toEqual(['pred_category_head', 'prob_category_head', 'pred_category_head2', 'prob_category_head2']);
    expect(columns[0]!.values).toEqual(['Footwear', 'Apparel']);
    expect(columns[2]!.values).toEqual(['Footwear', 'Apparel']);
    expect(Number(columns[1]!.values[0])).toBeGreaterThan(0.5);
  });
  it('names the file that is not a head, and a missing text column', async () => {
    expect(() => parseHeads([{ path: 'notes.json', text: '{}' }])).toThrow(/^notes\.json: This file is not a Trendloom head/);
    const head = await trainHead(texts, labels, { hashBits: 8, validation: 0.2, textColumns: ['title'] });
    await expect(headColumnsWithModel({ columns: ['name'], rows: [['a']] }, parseHeads([{ path: 'h', text: JSON.stringify(head.head) }]), null)).rejects.toThrow(/no column 'title'/);
  });
});

describe('classifyHeadColumns (classify --head)', () => {
  it('reads head files, applies them with the loaded model, and reports unreadable ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-heads-'));
    const { head } = await trainHead(texts, labels, { hashBits: 8, validation: 0.2, maxEpochs: 60, patience: 60, learningRate: 0.05, labelColumn: 'category', textColumns: ['name'] }, modelEmbedFn(model));
    writeFileSync(join(dir, 'category.json'), JSON.stringify(head));
    const table = { columns: ['id', 'name'], rows: [['1', 'tan boot'], ['2', 'tan shirt']] };
    const columns = await classifyHeadColumns([join(dir, 'category.json'), join(dir, 'category.json')], table, model);
    expect(columns.map((c) => c.name)).toEqual(['pred_category', 'prob_category', 'pred_category_head', 'prob_category_head']);
    // A head named like one of the classifier's own heads does not shadow its columns.
    writeFileSync(join(dir, 'kind.json'), JSON.stringify({ ...head, labelColumn: 'kind' }));
    expect((await classifyHeadColumns([join(dir, 'kind.json')], table, model)).map((c) => c.name)).toEqual(['pred_kind_head', 'prob_kind_head']);
    expect(columns[0]!.values).toEqual(['Footwear', 'Apparel']);
    expect(columns[2]!.values).toEqual(columns[0]!.values);
    await expect(classifyHeadColumns([join(dir, 'nope.json')], table, model)).rejects.toThrow(/Cannot read the head '.*nope\.json': no such file/);
  });
});
