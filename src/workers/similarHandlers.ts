/**
 * The inference worker's similarity requests: `model.index` keeps the catalogue's embeddings as
 * int8 rows (re-using those labelling stored) and indexes them; `model.similar` finds the nearest
 * items to an item or a text. Callable from Node tests with any classifier.
 */
import type { Classifier } from '../model/classifier.ts';
import { EmbeddingStore } from '../core/studio/embeddingStore.ts';
import { NeighbourIndex } from '../core/studio/neighbours.ts';
import type { RequestHandlers } from './handlers.ts';
import { yieldToEventLoop } from '../core/yieldToEventLoop.ts';
import { uniqueTexts } from './uniqueTexts.ts';

/** Texts per model pass between progress messages and cancel checks. */
const CHUNK = 256;

/** Where the embeddings of labelled texts are kept (created with the first one, at the model's width). */
export class WorkerEmbeddings {
  /** The store, once something was stored. */
  store: EmbeddingStore | undefined;
  /** Stores one text's embedding. */
  put(text: string, vector: Float32Array): void {
    this.store ??= new EmbeddingStore(vector.length, 4096);
    this.store.put(text, vector);
  }
  /** Whether the text has one. */
  has(text: string): boolean {
    return this.store?.has(text) ?? false;
  }
}

/** Builds the similarity handlers around the loaded classifier and the stored embeddings. */
export function createSimilarHandlers(classifier: () => Classifier, embeddings: WorkerEmbeddings): RequestHandlers<'model.index' | 'model.similar'> {
  let catalogue: { index: NeighbourIndex; itemToUnique: Int32Array; firstItem: Int32Array; counts: Int32Array } | undefined;

  const embed = async (texts: string[], signal?: { readonly aborted: boolean }) => {
    const predictions = await classifier().classifyItems(texts, { embeddings: true, ...(signal ? { signal } : {}) });
    predictions.forEach((p, i) => {
      if (!p.embedding) throw new Error('The classifier returned no embedding; is this the Trendloom classifier?');
      embeddings.put(texts[i]!, p.embedding);
    });
    return predictions.map((p) => p.embedding!);
  };

  return {
    async 'model.index'(params, context) {
      const started = performance.now();
      const n = params.texts.length;
      const { unique, itemToUnique, first, counts } = uniqueTexts(params.texts);
      if (unique.length === 0) throw new Error('No item has a text, so there is nothing to compare.');
      const missing = unique.filter((t) => !embeddings.has(t));
      for (let start = 0; start < missing.length; start += CHUNK) {
        await yieldToEventLoop();
        context.throwIfCancelled();
        context.progress({ stage: 'embed', done: start, total: missing.length, unit: 'texts' });
        await embed(missing.slice(start, start + CHUNK), { get aborted() { return context.cancelled; } });
      }
      const index = new NeighbourIndex(embeddings.store!.rows(unique));
      catalogue = { index, itemToUnique, firstItem: first, counts };
      return { result: { items: n, unique: unique.length, embedded: missing.length, kind: index.kind, bytes: index.bytes, ms: performance.now() - started } };
    },

    async 'model.similar'(params) {
      if (!catalogue) throw new Error('The catalogue is not indexed yet (model.index).');
      const k = Math.max(1, Math.min(100, Math.round(params.k ?? 10)));
      let query: Float32Array;
      const exclude = new Set<number>();
      if (params.item !== undefined) {
        const u = catalogue.itemToUnique[params.item];
        if (u === undefined) throw new Error(`There is no item ${params.item} (the catalogue has ${catalogue.itemToUnique.length}).`);
        if (u < 0) throw new Error(`Item ${params.item} has no text, so nothing can be compared with it.`);
        query = catalogue.index.vectorOf(u);
        exclude.add(u);
      } else if (params.text?.trim()) {
        query = (await embed([params.text.trim()]))[0]!;
      } else throw new Error('Say which item or which text to find similar items for.');
      const started = performance.now();
      const found = catalogue.index.search(query, k, exclude);
      const items = Int32Array.from(found.ids, (u) => catalogue!.firstItem[u]!);
      const sameText = Int32Array.from(found.ids, (u) => catalogue!.counts[u]!);
      const similarity = found.scores;
      return { result: { items, similarity, sameText, ms: performance.now() - started }, transfer: [items.buffer, similarity.buffer, sameText.buffer] };
    },
  };
}
