/** One model call: which unique texts go in, and the padded length they share. */
export interface TokenBatch {
  /** Indices into the unique-text list, in batch-row order. */
  members: number[];
  /** Longest token count in the batch (the padded width). */
  width: number;
}

/** Distinct texts and, for every input position, which distinct text it is. */
export interface Deduplicated {
  /** Each distinct text once, in first-seen order. */
  unique: string[];
  /** For input i, the index of its text in `unique`. */
  indexOf: Int32Array;
}

/** Collapses identical texts so each is classified once. */
export function deduplicate(texts: readonly string[]): Deduplicated {
  const seen = new Map<string, number>();
  const unique: string[] = [];
  const indexOf = new Int32Array(texts.length);
  texts.forEach((text, i) => {
    let at = seen.get(text);
    if (at === undefined) {
      at = unique.length;
      seen.set(text, at);
      unique.push(text);
    }
    indexOf[i] = at;
  });
  return { unique, indexOf };
}

/**
 * Groups sequences of similar token length so each batch pads only to its own longest member
 * (never to the global longest). Batches hold at most `maxBatch` rows and `maxTokens` padded tokens.
 */
export function planBatches(lengths: readonly number[], maxBatch = 64, maxTokens = 4096): TokenBatch[] {
  const order = Array.from(lengths.keys()).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: TokenBatch[] = [];
  let current: number[] = [];
  let width = 0;
  for (const index of order) {
    const len = lengths[index]!;
    const nextWidth = Math.max(width, len);
    if (current.length > 0 && (current.length >= maxBatch || nextWidth * (current.length + 1) > maxTokens)) {
      batches.push({ members: current, width });
      current = [];
      width = 0;
    }
    current.push(index);
    width = Math.max(width, len);
  }
  if (current.length) batches.push({ members: current, width });
  return batches;
}

/** Right-padded int64 `input_ids` and `attention_mask` buffers for one batch. */
export function padBatch(sequences: readonly (readonly number[])[], width: number, padId: number): {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
} {
  const inputIds = new BigInt64Array(sequences.length * width).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(sequences.length * width);
  sequences.forEach((seq, row) => {
    seq.forEach((id, t) => {
      inputIds[row * width + t] = BigInt(id);
      attentionMask[row * width + t] = 1n;
    });
  });
  return { inputIds, attentionMask };
}
