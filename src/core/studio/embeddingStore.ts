/**
 * Item embeddings kept compactly where labelling produces them (the inference worker): one int8
 * row with a scale per distinct text (see neighbours.ts), in one growing buffer, found by text.
 * Pure: no DOM.
 */
import { quantiseInto, type QuantisedRows } from './neighbours.ts';

/** Int8 embeddings by text. */
export class EmbeddingStore {
  private codes: Int8Array;
  private scales: Float32Array;
  private readonly rowOf = new Map<string, number>();
  /** Rows stored. */
  size = 0;

  constructor(readonly dim: number, capacity = 1024) {
    this.codes = new Int8Array(capacity * dim);
    this.scales = new Float32Array(capacity);
  }

  /** Whether `text` has an embedding. */
  has(text: string): boolean {
    return this.rowOf.has(text);
  }

  /** Stores (or replaces) the embedding of `text`. */
  put(text: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dim) throw new Error(`An embedding of ${vector.length} numbers does not fit rows of ${this.dim}.`);
    let row = this.rowOf.get(text);
    if (row === undefined) {
      row = this.size++;
      if (row >= this.scales.length) this.grow();
      this.rowOf.set(text, row);
    }
    this.scales[row] = quantiseInto(vector, this.codes, row * this.dim);
  }

  private grow(): void {
    const codes = new Int8Array(this.codes.length * 2);
    codes.set(this.codes);
    const scales = new Float32Array(this.scales.length * 2);
    scales.set(this.scales);
    this.codes = codes;
    this.scales = scales;
  }

  /** The int8 rows of `texts`, in their order (each must have an embedding). */
  rows(texts: readonly string[]): QuantisedRows {
    const { dim } = this;
    const codes = new Int8Array(texts.length * dim);
    const scales = new Float32Array(texts.length);
    texts.forEach((text, i) => {
      const row = this.rowOf.get(text);
      if (row === undefined) throw new Error(`No embedding for "${text.slice(0, 40)}".`);
      codes.set(this.codes.subarray(row * dim, (row + 1) * dim), i * dim);
      scales[i] = this.scales[row]!;
    });
    return { dim, codes, scales };
  }

  /** Bytes held by the rows. */
  get bytes(): number {
    return this.codes.byteLength + this.scales.byteLength;
  }
}
