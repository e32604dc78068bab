import { beforeAll, describe, expect, it } from 'vitest';
import { BRIEF_ROUNDS, briefProblems, draftBriefs, isBriefLength, logSoftmaxAt, templateBrief, type DraftModel, type DraftToken } from './briefs.ts';
import type { Classifier } from './classifier.ts';
import { generationPrompt } from './generate.ts';
import { loadNodeClassifier } from './session.node.ts';

const MARKER = ' Details:';

/**
 * A scripted generator: it writes `name` after the tag prompt and `brief` after `<prompt> <name> Details:`,
 * one token per call, whatever the seed: the brief stage's checks are then the only thing that varies.
 */
function scriptedGenerator(classifier: Classifier, tags: Record<string, string>, name: string, brief: string): DraftModel {
  const { tokenizer, config } = classifier;
  const namePrompt = [config.bos_token_id, ...tokenizer.encode(generationPrompt(tags))];
  const briefPrompt = [config.bos_token_id, ...tokenizer.encode(`${generationPrompt(tags)} ${name}${MARKER}`)];
  const nameIds = [...tokenizer.encode(name), config.eos_token_id];
  const briefIds = [...tokenizer.encode(brief), config.eos_token_id];
  const vocab = config.vocab_size;
  return {
    maxLength: 96,
    briefMarker: MARKER,
    runtime: {
      int64Tensor: (data: BigInt64Array, dims: number[]) => ({ data, dims }),
      session: {
        async run(feeds: Record<string, unknown>) {
          const ids = feeds.input_ids as { data: BigInt64Array; dims: number[] };
          const mask = feeds.attention_mask as { data: BigInt64Array };
          const [rows, width] = ids.dims as [number, number];
          const logits = new Float32Array(rows * vocab);
          for (let r = 0; r < rows; r++) {
            let length = 0;
            for (let k = 0; k < width; k++) length += Number(mask.data[r * width + k]);
            const row = Array.from(ids.data.subarray(r * width, r * width + length), Number);
            const isBrief = row.length >= briefPrompt.length && briefPrompt.every((id, k) => row[k] === id);
            const next = isBrief ? briefIds[row.length - briefPrompt.length] : nameIds[row.length - namePrompt.length];
            logits[r * vocab + (next ?? config.eos_token_id)] = 50;
          }
          return { next_token_logits: { data: logits, dims: [rows, vocab] } };
        },
      },
    },
  };
}

describe('one-line briefs written by the generator, checked by the classifier', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await loadNodeClassifier(undefined, { threads: 1 });
  });
  const tags = { articleType: 'Dresses', baseColour: 'Green', usage: 'Casual' };

  it('keeps a brief that says what was asked, and streams it after the name', async () => {
    const brief = 'Green solid woven A-line dress, has a round neck, short sleeves and a flared hem.';
    const generator = scriptedGenerator(classifier, tags, 'Green Casual A-line Dress', brief);
    const streamed: DraftToken[] = [];
    const result = await draftBriefs(classifier, tags, { n: 2, seed: 4, generator, dropRepeats: false, onToken: (t) => streamed.push(t) });
    expect(result.drafts).toHaveLength(2);
    for (const d of result.drafts) {
      expect(d.text).toBe('Green Casual A-line Dress');
      expect(d.brief).toBe(brief);
      expect(d.briefBy).toBe('model');
    }
    expect(result.briefsRewritten).toBe(0);
    // The brief grows token by token after the name is done, for each draft's slot.
    const briefTokens = streamed.filter((t) => t.brief !== undefined && t.draft === 0);
    expect(briefTokens.length).toBeGreaterThan(3);
    expect(briefTokens.at(-1)!.brief).toBe(brief);
    expect(briefTokens.every((t) => t.text === 'Green Casual A-line Dress')).toBe(true);
  });

  it('writes a brief that does not say what was asked again, then falls back to the template and says so', async () => {
    const brief = 'Red solid saree, has a woven border.';
    // The premise: it names neither a dress nor green.
    expect(briefProblems(tags, brief)).toEqual(['articleType', 'baseColour']);
    const generator = scriptedGenerator(classifier, tags, 'Green Casual A-line Dress', brief);
    const streamed: DraftToken[] = [];
    const result = await draftBriefs(classifier, tags, { n: 3, seed: 4, generator, dropRepeats: false, onToken: (t) => streamed.push(t) });
    expect(result.drafts).toHaveLength(3);
    for (const d of result.drafts) {
      expect(d.brief).toBe(templateBrief(tags));
      expect(d.briefBy).toBe('template');
    }
    // Every try but the last was written again: 3 drafts × (BRIEF_ROUNDS − 1).
    expect(result.briefsRewritten).toBe(3 * (BRIEF_ROUNDS - 1));
    // What was streamed last for each slot is the brief it kept.
    for (let slot = 0; slot < 3; slot++) expect(streamed.filter((t) => t.draft === slot).at(-1)!.brief).toBe(templateBrief(tags));
  });

});

describe('brief checks that need no model', () => {
  it('a brief must name the asked type and colour in words', () => {
    const tags = { articleType: 'Dresses', baseColour: 'Green', usage: 'Casual' };
    expect(briefProblems(tags, 'Green printed woven A-line dress, has a V-neck.')).toEqual([]);
    // Plurals and capitals are the same word; the type's noun as names write it ("Tshirts" → t-shirt).
    expect(briefProblems(tags, 'Two GREEN DRESSES.')).toEqual([]);
    expect(briefProblems({ articleType: 'Tshirts', baseColour: 'Navy Blue' }, 'Navy blue printed T-shirt, has a polo collar.')).toEqual([]);
    expect(briefProblems({ articleType: 'Tshirts', baseColour: 'Navy Blue' }, 'Blue printed T-shirt.')).toEqual(['baseColour']);
    // A word inside another word does not count: "dress" is not in "address", "shirt" not in "T-shirt".
    expect(briefProblems(tags, 'Green top with an address print.')).toEqual(['articleType']);
    expect(briefProblems({ articleType: 'Shirts' }, 'Blue printed T-shirt, has a round neck.')).toEqual(['articleType']);
    expect(briefProblems({ articleType: 'Shirts' }, 'Blue checked casual shirt, has a spread collar.')).toEqual([]);
    // Types of two words: each word (flip, flops), hyphenated or not.
    expect(briefProblems({ articleType: 'Flip Flops', baseColour: 'Black' }, 'A pair of black flip-flops, has a textured footbed.')).toEqual([]);
    // Usage is not checked (a brief rarely says it), nor tags that were not asked.
    expect(briefProblems({ usage: 'Formal' }, 'Anything.')).toEqual([]);
  });

  it('a brief has at least five words', () => {
    expect(isBriefLength('Black Watch AD2122')).toBe(false);
    expect(isBriefLength('Blue printed A-line kurta, has a round neck.')).toBe(true);
    expect(isBriefLength('A pair of — white shoes')).toBe(true);
    expect(isBriefLength('A pair of — shoes')).toBe(false);
  });

  it('logSoftmaxAt is the log of the softmax probability over the finite logits', () => {
    const logits = [1, 2, -Infinity, 3];
    const total = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(logSoftmaxAt(logits, 3)).toBeCloseTo(Math.log(Math.exp(3) / total), 12);
    expect(logSoftmaxAt(logits, 0)).toBeCloseTo(Math.log(Math.exp(1) / total), 12);
    expect(logSoftmaxAt(logits, 2)).toBe(-Infinity);
    expect(logSoftmaxAt([1000, 1000], 0)).toBeCloseTo(Math.log(0.5), 12);
  });
});
