/**
 * The classifier's n-gram head (training/ngram_head.py): TF-IDF over word 1-2-grams of the model's
 * input text and one linear layer per head, its weights int8 with a scale per n-gram. Its logits are
 * mixed with the Llama heads' logits by the weights in config.json (`ngram_head.mix`). Pure: no DOM.
 */

// A CJK ideograph alone, or a run of letters/digits that are not CJK ideographs (ngram_head.py TOKEN_RE).
const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const TOKEN_RE = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');

/** The analyser's tokens of one text: lower-cased, single CJK characters or runs of letters and digits. */
export function ngramTokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN_RE) ?? [];
}

/** Unigrams and bigrams (joined by one space) of one text, in order, with repeats. */
export function ngramFeatures(text: string): string[] {
  const tokens = ngramTokens(text);
  const out = tokens.slice();
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

/** Which mix of config.json's `ngram_head` a text takes: "description" when it carries one (`Details: `), else "name" (training/hybrid.py text_form). */
export function textForm(inputText: string): 'name' | 'description' {
  return inputText.includes('Details: ') ? 'description' : 'name';
}

/** `ngram_head.json` as written by training/ship_ngram.py. */
export interface NgramHeadFile {
  /** The kept n-grams, in weight-row order. */
  terms: string[];
  /** Inverse document frequency per n-gram. */
  idf: number[];
  /** Dequantisation scale per n-gram (weight = int8 × scale). */
  scales: number[];
  /** Heads in column-block order, with their class counts. */
  heads: { name: string; size: number }[];
  /** Bias per column (all heads' classes, concatenated). */
  bias: number[];
}

/** A loaded n-gram head: vocabulary, idf and int8 weights (n-grams × all heads' classes). */
export class NgramHead {
  private readonly index: Map<string, number>;
  private readonly offsets = new Map<string, { start: number; size: number }>();
  /** Columns (all heads' classes). */
  readonly width: number;

  /** Wraps the parsed JSON and the int8 weights (`terms.length × width`, row-major). */
  constructor(
    readonly file: NgramHeadFile,
    private readonly weights: Int8Array,
  ) {
    this.index = new Map(file.terms.map((t, i) => [t, i]));
    let start = 0;
    for (const { name, size } of file.heads) {
      this.offsets.set(name, { start, size });
      start += size;
    }
    this.width = start;
    if (weights.length !== file.terms.length * this.width) {
      throw new Error(`The n-gram head's weights hold ${weights.length} values, not ${file.terms.length} × ${this.width}.`);
    }
    if (file.idf.length !== file.terms.length || file.scales.length !== file.terms.length || file.bias.length !== this.width) {
      throw new Error('The n-gram head file is inconsistent (idf, scales or bias of the wrong length).');
    }
  }

  /** The TF-IDF features of a text: (row, value) pairs, sublinear tf × idf, unit length. */
  features(text: string): { rows: number[]; values: number[] } {
    const counts = new Map<number, number>();
    for (const f of ngramFeatures(text)) {
      const i = this.index.get(f);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const rows = [...counts.keys()].sort((a, b) => a - b);
    const values = rows.map((r) => (1 + Math.log(counts.get(r)!)) * this.file.idf[r]!);
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
    return { rows, values: norm > 0 ? values.map((v) => v / norm) : values };
  }

  /** All heads' logits of one text (bias + features × weights). */
  logits(text: string): Float32Array {
    const out = Float32Array.from(this.file.bias);
    const { rows, values } = this.features(text);
    const width = this.width;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const scale = values[k]! * this.file.scales[r]!;
      const base = r * width;
      for (let c = 0; c < width; c++) out[c] += this.weights[base + c]! * scale;
    }
    return out;
  }

  /** One head's slice of `logits(text)`. */
  headSlice(all: Float32Array, head: string): Float32Array | undefined {
    const at = this.offsets.get(head);
    return at ? all.subarray(at.start, at.start + at.size) : undefined;
  }
}

/** Checks the parsed `ngram_head.json` and pairs it with its int8 weights. */
export function parseNgramHead(json: unknown, weights: Uint8Array | ArrayBuffer): NgramHead {
  const file = json as Partial<NgramHeadFile> | null;
  if (!file || !Array.isArray(file.terms) || !Array.isArray(file.idf) || !Array.isArray(file.scales) || !Array.isArray(file.heads) || !Array.isArray(file.bias)) {
    throw new Error('The n-gram head file is not a Trendloom n-gram head (terms, idf, scales, heads and bias are required).');
  }
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  return new NgramHead(file as NgramHeadFile, new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
