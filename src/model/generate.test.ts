import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from './classifier.ts';
import { generateText, generationPrompt } from './generate.ts';
import { createNodeRuntime, DEFAULT_MODEL_DIR, loadNodeClassifier } from './session.node.ts';
import { join } from 'node:path';

describe('item-name generation with the tied LM head', () => {
  let classifier: Classifier;
  let runtime: Awaited<ReturnType<typeof createNodeRuntime>>;
  beforeAll(async () => {
    classifier = await loadNodeClassifier();
    runtime = await createNodeRuntime(join(DEFAULT_MODEL_DIR, classifier.config.onnx.model_file), 1);
  });

  it('builds prompts in the trained tag order', () => {
    expect(generationPrompt({ articleType: 'Shirts', usage: 'Casual', baseColour: 'Navy Blue' })).toBe(
      'Item: [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]',
    );
  });

  it('writes non-empty, tokenizer-valid names for a prompt', async () => {
    const prompt = 'Item: [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]';
    const drafts = [
      await generateText(runtime, classifier.tokenizer, classifier.config, prompt),
      await generateText(runtime, classifier.tokenizer, classifier.config, prompt, { topK: 8, seed: 3 }),
      await generateText(runtime, classifier.tokenizer, classifier.config, generationPrompt({ gender: 'Women', articleType: 'Heels' }), { topK: 8, seed: 5 }),
    ];
    for (const text of drafts) {
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/\uFFFD|<\/?s>|<unk>/);
      // Tokenizer-valid: the text survives an encode/decode round trip unchanged.
      expect(classifier.tokenizer.decode(classifier.tokenizer.encode(text))).toBe(text);
    }
    // Greedy decoding is deterministic.
    expect(await generateText(runtime, classifier.tokenizer, classifier.config, prompt)).toBe(drafts[0]);
  });
});
