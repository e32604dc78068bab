/** A stand-in for the CLI's classifier in tests: one head, `kind`, that reads every text as Shirts (0.8, sure). */
import type { ItemPrediction } from '../../src/model/classifier.ts';
import type { CliClassifier } from '../../src/cli/classify.ts';

/** Every text is a sure Shirts (0.8) on the one head `kind`; `classifyItems` is not used by the commands under test. */
export const shirtsClassifier: CliClassifier = {
  heads: ['kind'],
  config: { input_template: 'Item: {text}' },
  labelsOf: () => [],
  classifyItems: () => Promise.reject(new Error('not used')),
  classifyTexts: async (texts): Promise<ItemPrediction[]> => texts.map(() => ({ heads: { kind: { label: 'Shirts', probability: 0.8, top: [{ label: 'Shirts', probability: 0.8 }], sure: true } } })),
};
