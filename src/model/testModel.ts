/**
 * A hand-made stand-in for the ONNX classifier, for tests: two heads (colour: Red/Blue/Green,
 * fit: Slim/Loose), a 2-value embedding, and per item text fixed logits. Each text is one token (its
 * index in the item list), so the fake graph knows which item each batch row holds.
 */
import type { Classifier, ModelRuntime, OrtTensorLike } from './classifier.ts';

/** One item the fake graph knows: its text, its logits per head and its embedding. */
export interface TestModelItem {
  /** The input text exactly as the classifier gets it. */
  text: string;
  /** Logits of the colour head (3 classes). */
  colour: number[];
  /** Logits of the fit head (2 classes). */
  fit: number[];
  /** The pooled embedding (hidden_size 2). */
  embedding: number[];
}

/** A config.json for the fake graph, without calibration or unsure blocks. */
export const TEST_MODEL_CONFIG = {
  vocab_size: 1000,
  hidden_size: 2,
  max_length: 8,
  bos_token_id: 1,
  eos_token_id: 2,
  pad_token_id: 0,
  head_order: ['colour', 'fit'],
  heads: { colour: { id2label: { 0: 'Red', 1: 'Blue', 2: 'Green' } }, fit: { id2label: { 0: 'Slim', 1: 'Loose' } } },
  input_template: '{text}',
  onnx: { inputs: ['input_ids', 'attention_mask'], outputs: [], model_file: 'fake.onnx' },
};

const TOKEN_BASE = 10;

/** A runtime and tokenizer answering for `items`; `seen` counts model runs and reads of the `embedding` output. */
export function testModel(items: readonly TestModelItem[]) {
  const seen = { embeddingReads: 0, runs: 0 };
  const tokenizer = {
    encode: (text: string) => {
      const index = items.findIndex((item) => item.text === text);
      if (index < 0) throw new Error(`The test model does not know "${text}".`);
      return [TOKEN_BASE + index];
    },
  } as unknown as Classifier['tokenizer'];
  const runtime: ModelRuntime = {
    int64Tensor: (data, dims) => ({ data, dims }),
    session: {
      async run(feeds) {
        seen.runs++;
        const ids = feeds.input_ids as { data: BigInt64Array; dims: number[] };
        const [rows, width] = ids.dims as [number, number];
        // Row r holds <s> token </s>: the item is the middle token.
        const batch = Array.from({ length: rows }, (_, r) => items[Number(ids.data[r * width + 1]!) - TOKEN_BASE]!);
        const tensor = (pick: (item: TestModelItem) => number[]): OrtTensorLike => ({ data: Float32Array.from(batch.flatMap(pick)), dims: [rows, pick(items[0]!).length] });
        const outputs: Record<string, OrtTensorLike> = { logits_colour: tensor((i) => i.colour), logits_fit: tensor((i) => i.fit) };
        const embedding = tensor((i) => i.embedding);
        Object.defineProperty(outputs, 'embedding', { enumerable: true, get: () => (seen.embeddingReads++, embedding) });
        return outputs;
      },
    },
  };
  return { seen, tokenizer, runtime };
}
