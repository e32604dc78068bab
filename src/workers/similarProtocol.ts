/**
 * Params and results of the inference worker's similarity requests (entries of RequestMap in
 * protocol.ts): the catalogue's embeddings are kept in the worker (int8, see
 * core/studio/embeddingStore.ts); only item numbers and similarities cross to the page.
 */

/** `model.index`: make the catalogue the worker answers `model.similar` from. */
export interface ModelIndexParams {
  /** One text per item, as labelling built them (texts labelled before are not run again). */
  texts: string[];
}

/** What the index holds. */
export interface ModelIndexResult {
  /** Items in the catalogue. */
  items: number;
  /** Distinct texts (what is indexed). */
  unique: number;
  /** Texts the model had to embed now (the others were kept from labelling). */
  embedded: number;
  /** 'flat' (every row scanned) or 'ivf'. */
  kind: 'flat' | 'ivf';
  /** Bytes the index keeps. */
  bytes: number;
  /** Milliseconds spent. */
  ms: number;
}

/** `model.similar`: the catalogue items most similar to one item or to a text. */
export interface ModelSimilarParams {
  /** An item of the catalogue (its row number), or… */
  item?: number;
  /** …any text (a concept, a draft). */
  text?: string;
  /** How many (default 10). */
  k?: number;
}

/** Similar items, most similar first. */
export interface ModelSimilarResult {
  /** Row number of each (the first item with that text). */
  items: Int32Array;
  /** Cosine similarity of the model's embeddings. */
  similarity: Float32Array;
  /** How many items of the catalogue share each one's text. */
  sameText: Int32Array;
  /** Milliseconds the search took (the embedding of a text not included). */
  ms: number;
}
