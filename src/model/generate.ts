import { seededRandom } from '../core/random.ts';
import { rowOf, type ModelRuntime } from './classifier.ts';
import type { ClassifierConfig } from './config.ts';
import type { LlamaTokenizer } from './tokenizer.ts';

/** Options of `generateText`. */
export interface GenerateOptions {
  /** Most tokens to add (also bounded by the model's maximum length). Default 24. */
  maxNewTokens?: number;
  /** 1 = greedy; k > 1 samples among the k most likely tokens. Default 1. */
  topK?: number;
  /** Softmax temperature for sampling. Default 0.8. */
  temperature?: number;
  /** Seed of the sampler, so a draft can be reproduced. Default 1. */
  seed?: number;
}

/** Tag order the model was trained with (`Item: [gender=…] [usage=…] [season=…] [baseColour=…] [articleType=…]`). */
export const GENERATION_TAGS = ['gender', 'usage', 'season', 'baseColour', 'articleType'] as const;

/** Builds a generation prompt such as `Item: [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]`. */
export function generationPrompt(tags: Partial<Record<string, string>>): string {
  const parts = GENERATION_TAGS.filter((k) => tags[k]).map((k) => `[${k}=${tags[k]}]`);
  return `Item: ${parts.join(' ')}`;
}

/**
 * Writes an item name after a prompt with the model's tied LM head (`next_token_logits`), one token
 * per model call (no KV cache: the prompts are short). Stops at `</s>` or the length limit.
 */
export async function generateText(
  runtime: ModelRuntime,
  tokenizer: LlamaTokenizer,
  config: ClassifierConfig,
  prompt: string,
  options: GenerateOptions = {},
): Promise<string> {
  const topK = Math.max(1, options.topK ?? 1);
  const temperature = options.temperature ?? 0.8;
  const random = seededRandom(options.seed ?? 1);
  const ids = [config.bos_token_id, ...tokenizer.encode(prompt)].slice(0, config.max_length - 1);
  const start = ids.length;
  const limit = Math.min(config.max_length, start + (options.maxNewTokens ?? 24));
  while (ids.length < limit) {
    const dims = [1, ids.length];
    const out = await runtime.session.run({
      input_ids: runtime.int64Tensor(BigInt64Array.from(ids, BigInt), dims),
      attention_mask: runtime.int64Tensor(new BigInt64Array(ids.length).fill(1n), dims),
    });
    const logits = Float64Array.from(rowOf(out, 'next_token_logits', 0));
    // Never emit <unk>/<s>; </s> is allowed and ends the text.
    for (let id = 0; id < logits.length; id++) {
      if (tokenizer.isSpecial(id) && id !== config.eos_token_id) logits[id] = -Infinity;
    }
    const next = topK === 1 ? argmax(logits) : sampleTopK(logits, topK, temperature, random);
    if (next === config.eos_token_id) break;
    ids.push(next);
  }
  return tokenizer.decode(ids.slice(start)).trim();
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function sampleTopK(logits: Float64Array, k: number, temperature: number, random: () => number): number {
  const order = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]!).slice(0, k);
  const max = logits[order[0]!]!;
  const weights = order.map((i) => Math.exp((logits[i]! - max) / Math.max(temperature, 1e-3)));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < order.length; j++) {
    r -= weights[j]!;
    if (r <= 0) return order[j]!;
  }
  return order[order.length - 1]!;
}

