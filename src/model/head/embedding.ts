/**
 * Turns the frozen shipped classifier into the fine-tuned head's feature source: its pooled
 * `embedding`, optionally followed by every class probability of each of its own heads.
 */
import type { EmbedFn } from '../../core/finetune/head.ts';
import { itemReadingsOf, LABEL_PRIOR_HEADS, LABEL_PRIOR_TOP_K, labelReadingsOf, type ItemReadings } from '../../core/finetune/labelPrior.ts';

/** The part of the classifier (src/model/classifier.ts) a feature source needs. */
export interface EmbeddingModel {
  /** The model's own head names. */
  readonly heads: readonly string[];
  /** Labels of one model head in class order. */
  labelsOf(head: string): string[];
  /** Runs the model on item texts. */
  classifyItems(
    items: readonly string[],
    options: { embeddings?: boolean; topK?: number; onProgress?(done: number, total: number): void },
  ): Promise<{ heads: Record<string, { top: readonly { label: string; probability: number }[] }>; embedding?: Float32Array }[]>;
}

/** What the feature vector holds besides the embedding. */
export interface ModelFeatureOptions {
  /** Append each model head's full probability vector (default false). */
  headProbabilities?: boolean;
  /** Progress of the model pass (unique texts done / total). */
  onProgress?(done: number, total: number): void;
}

/** An EmbedFn backed by the classifier: embedding [+ per-head probabilities], one Float32Array per text. */
export function modelEmbedFn(model: EmbeddingModel, options: ModelFeatureOptions = {}): EmbedFn {
  return async (texts) => {
    const heads = options.headProbabilities ? [...model.heads] : [];
    const labelIndex = heads.map((h) => new Map(model.labelsOf(h).map((label, i) => [label, i])));
    const widths = heads.map((h) => model.labelsOf(h).length);
    const topK = Math.max(1, ...widths);
    const predictions = await model.classifyItems(texts, { embeddings: true, topK, onProgress: options.onProgress });
    return predictions.map((p) => {
      const embedding = p.embedding;
      if (!embedding) throw new Error('The classifier returned no embedding; is this the Trendloom classifier?');
      const out = new Float32Array(embedding.length + widths.reduce((a, b) => a + b, 0));
      out.set(embedding);
      let offset = embedding.length;
      heads.forEach((head, h) => {
        for (const { label, probability } of p.heads[head]?.top ?? []) {
          const k = labelIndex[h]!.get(label);
          if (k !== undefined) out[offset + k] = probability;
        }
        offset += widths[h]!;
      });
      return out;
    });
  };
}

/** Wraps an EmbedFn so each distinct text is computed once per process (benches and CLIs re-use it). */
export function cachedEmbedFn(embed: EmbedFn): EmbedFn {
  const cache = new Map<string, Float32Array>();
  return async (texts) => {
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    if (missing.length > 0) {
      const vectors = await embed(missing);
      missing.forEach((t, i) => cache.set(t, vectors[i]!));
    }
    return texts.map((t) => cache.get(t)!);
  };
}

/** The model heads the label-name prior reads: those of LABEL_PRIOR_HEADS the model has. */
export function labelPriorHeads(model: Pick<EmbeddingModel, 'heads'>): string[] {
  return LABEL_PRIOR_HEADS.filter((h) => model.heads.includes(h));
}

/** Item readings (labelPrior.ts) from the classifier's predictions: each of `heads`' top `k` classes per text. */
function readingsOf(model: EmbeddingModel, predictions: readonly { heads: Record<string, { top: readonly { label: string; probability: number }[] }> }[], heads: readonly string[], k: number): ItemReadings {
  const labelIndex = heads.map((h) => new Map(model.labelsOf(h).map((label, i) => [label, i])));
  return itemReadingsOf(heads, predictions.map((p) => heads.map((h, j) => (p.heads[h]?.top ?? []).flatMap(({ label, probability }) => {
    const c = labelIndex[j]!.get(label);
    return c === undefined ? [] : [[c, probability] as [number, number]];
  }))), k);
}

/** The model's reading of item texts for the label-name prior: each of `heads`' top `k` classes per text (labelPrior.ts). */
export async function modelItemReadings(model: EmbeddingModel, texts: readonly string[], heads: readonly string[], k = LABEL_PRIOR_TOP_K, onProgress?: (done: number, total: number) => void): Promise<ItemReadings> {
  return readingsOf(model, await model.classifyItems(texts, { topK: k, onProgress }), heads, k);
}

/** The model's embedding of each text and its reading for the label-name prior, from one pass of the model. */
export async function modelEmbeddingsAndReadings(model: EmbeddingModel, texts: readonly string[], heads: readonly string[], k = LABEL_PRIOR_TOP_K, onProgress?: (done: number, total: number) => void): Promise<{ embeddings: Float32Array[]; readings: ItemReadings }> {
  const predictions = await model.classifyItems(texts, { embeddings: true, topK: k, onProgress });
  const embeddings = predictions.map((p) => {
    if (!p.embedding) throw new Error('The classifier returned no embedding; is this the Trendloom classifier?');
    return p.embedding;
  });
  return { embeddings, readings: readingsOf(model, predictions, heads, k) };
}

/** The model's reading of label names for the label-name prior: every class probability of each of `heads`, per distinct name. */
export async function modelLabelReadings(model: EmbeddingModel, names: readonly string[], heads: readonly string[]): Promise<Map<string, Float32Array[]>> {
  const distinct = [...new Set(names)];
  const widths = heads.map((h) => model.labelsOf(h).length);
  return labelReadingsOf(distinct, await modelItemReadings(model, distinct, heads, Math.max(1, ...widths)), widths);
}
