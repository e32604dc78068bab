import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { fitLabelPriorWeights, itemReadingsOf, labelAgreement, LABEL_PRIOR_FLOOR, labelReadingsOf, withLabelPrior, type LabelPriorFitItem, type LabelPriorInput } from './labelPrior.ts';
import { crossValidateTaught, teachRound } from './teach.ts';

// Two model heads: gender (Women 0, Men 1, Girls 2) and masterCategory (Apparel 0, Footwear 1).
const heads = ['gender', 'masterCategory'];
const labelReadings = new Map<string, Float32Array[]>([
  ["Women's Clothing", [Float32Array.from([0.9, 0.05, 0.05]), Float32Array.from([0.95, 0.05])]],
  ["Men's Footwear", [Float32Array.from([0.1, 0.85, 0.05]), Float32Array.from([0.1, 0.9])]],
]);

describe('label agreement', () => {
  it('is the log of the chance the item and the label name get the same class, per head', () => {
    // One item: gender top Women 0.8, Men 0.2; masterCategory Footwear 1.
    const items = itemReadingsOf(heads, [[[[0, 0.8], [1, 0.2]], [[1, 1]]]], 2);
    const f = labelAgreement({ items, labels: labelReadings }, 0, ["Women's Clothing", "Men's Footwear"]);
    expect(f).toHaveLength(4);
    expect(f[0]).toBeCloseTo(Math.log(LABEL_PRIOR_FLOOR + 0.8 * 0.9 + 0.2 * 0.05), 5); // Women's Clothing, gender
    expect(f[1]).toBeCloseTo(Math.log(LABEL_PRIOR_FLOOR + 0.05), 5); // Women's Clothing, masterCategory
    expect(f[2]).toBeCloseTo(Math.log(LABEL_PRIOR_FLOOR + 0.8 * 0.1 + 0.2 * 0.85), 5);
    expect(f[3]).toBeCloseTo(Math.log(LABEL_PRIOR_FLOOR + 0.9), 5);
  });

  it('turns the readings of label names, every class kept, into full vectors per head', () => {
    const read = itemReadingsOf(heads, [[[[1, 0.7], [0, 0.3]], [[0, 1]]], [[[2, 1]], [[1, 0.6], [0, 0.4]]]], 2);
    const labels = labelReadingsOf(['Men', 'Girls'], read, [3, 2]);
    expect(labels.get('Men')!.map((v) => Array.from(v))).toEqual([[Math.fround(0.3), Math.fround(0.7), 0], [1, 0]]);
    expect(labels.get('Girls')!.map((v) => Array.from(v))).toEqual([[0, 0, 1], [Math.fround(0.4), Math.fround(0.6)]]);
    expect(() => labelReadingsOf(['Men'], read, [3, 2])).toThrow(/readings of 2 names for 1/);
    expect(() => labelReadingsOf(['Men', 'Girls'], read, [3])).toThrow(/1 class counts for 2 heads/);
  });

  it('refuses a label the model has not read, and an item read under other heads', () => {
    const items = itemReadingsOf(heads, [[[[0, 1]], [[0, 1]]]], 1);
    expect(() => labelAgreement({ items, labels: labelReadings }, 0, ['Rings'])).toThrow(/'Rings' has no reading/);
    expect(() => itemReadingsOf(heads, [[[[0, 1]]]], 1)).toThrow(/read under 1 heads, not 2/);
  });
});

describe('applying the prior', () => {
  it('leaves the probabilities unchanged with every weight 0 (a property over random inputs)', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const C = 2 + Math.floor(random() * 6);
      const raw = Array.from({ length: C }, () => random() + 1e-3);
      const sum = raw.reduce((a, b) => a + b, 0);
      const p = Float32Array.from(raw, (x) => x / sum);
      const features = Float32Array.from({ length: C * 2 }, () => Math.log(LABEL_PRIOR_FLOOR + random()));
      const out = withLabelPrior(p, features, [0, 0]);
      out.forEach((x, c) => expect(x).toBeCloseTo(p[c]!, 6));
    }
  });

  it('moves probability towards the labels the item agrees with, more with a larger weight', () => {
    const p = Float32Array.from([0.5, 0.5]);
    const features = Float32Array.from([Math.log(0.9), Math.log(0.1)]); // one head
    const mild = withLabelPrior(p, features, [0.5]);
    const strong = withLabelPrior(p, features, [2]);
    expect(mild[0]).toBeGreaterThan(0.5);
    expect(strong[0]).toBeGreaterThan(mild[0]!);
    expect(strong[0]! + strong[1]!).toBeCloseTo(1, 6);
    expect(() => withLabelPrior(p, features, [1, 1])).toThrow(/Expected 4 prior features/);
  });
});

describe('fitting the weights', () => {
  // Items whose true label the first head's agreement names; the second head's agreement is noise.
  function items(n: number, seed: number): LabelPriorFitItem[] {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => {
      const truth = random() < 0.5 ? 0 : 1;
      const features = new Float32Array(4);
      for (let c = 0; c < 2; c++) {
        features[c * 2] = Math.log(LABEL_PRIOR_FLOOR + (c === truth ? 0.8 : 0.1) + 0.1 * random());
        features[c * 2 + 1] = Math.log(LABEL_PRIOR_FLOOR + random());
      }
      return { probabilities: Float32Array.from([0.5, 0.5]), features, truth };
    });
  }

  it('weighs the informative head and hardly the noisy one, the same on every run', () => {
    const data = items(200, 5);
    const weights = fitLabelPriorWeights(data, 2);
    expect(weights[0]).toBeGreaterThan(1);
    expect(weights[1]).toBeLessThan(0.3);
    expect(fitLabelPriorWeights(data, 2)).toEqual(weights);
    // Applying the fitted weights gets most items right (the heads' probabilities alone are a coin toss).
    const right = data.filter((x) => { const p = withLabelPrior(x.probabilities, x.features, weights); return (p[x.truth]! > 0.5); }).length;
    expect(right).toBeGreaterThan(180);
  });

  it('stays at 0 with too few items, and keeps weights within the range', () => {
    expect(fitLabelPriorWeights(items(9, 1), 2)).toEqual([0, 0]);
    const weights = fitLabelPriorWeights(items(200, 2), 2, { maximum: 0.5 });
    expect(weights[0]).toBeLessThanOrEqual(0.5);
    expect(weights.every((w) => w >= 0)).toBe(true);
  });
});

// A catalogue whose words do not tell the labels apart (the same few words in every item), while
// the model's reading of each item (gender and master category) matches its label's name.
const n = 60;
const truth = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "Women's Clothing" : "Men's Footwear"));
const texts = Array.from({ length: n }, (_, i) => `item ${['navy', 'white', 'green'][i % 3]} classic ${i % 7 === 0 ? 'new' : 'basic'}`);
const readingOf = (right: boolean, random: () => number) => (i: number): [number, number][][] => {
  const women = right ? i % 2 === 0 : random() < 0.5;
  return [[[women ? 0 : 1, 0.9]], [[women ? 0 : 1, 0.9]]];
};
const priorOf = (right: boolean): LabelPriorInput => {
  const random = seededRandom(9);
  return { items: itemReadingsOf(heads, texts.map((_, i) => readingOf(right, random)(i)), 1), labels: labelReadings };
};
const taught = Array.from({ length: 40 }, (_, i) => i);
const labels = truth.map((label, i) => (i < 40 ? [label] : []));
const options = { hashBits: 8, maxEpochs: 20, folds: 5, seed: 3 };

describe('the prior in a teach round', () => {
  it('is kept when it gets more taught items right, and then guesses follow the label names', async () => {
    const withPrior = await crossValidateTaught(texts, labels, taught, options, undefined, undefined, null, undefined, priorOf(true));
    const without = await crossValidateTaught(texts, labels, taught, options);
    expect(without.priorCorrect).toBeUndefined();
    expect(withPrior.priorCorrect).toBeGreaterThan(without.correct);
    expect(withPrior.priorWeights!.some((w) => w > 0)).toBe(true);
    expect(withPrior.correct).toBe(withPrior.priorCorrect);
    const round = await teachRound(texts, labels, taught, { ...options, spread: null, labelPrior: priorOf(true) });
    const untaught = Array.from({ length: n - 40 }, (_, k) => 40 + k);
    const right = untaught.filter((i) => round.guesses!.labels[i] === truth[i]).length;
    expect(right).toBe(untaught.length);
  });

  it('weighs a reading at random next to nothing', async () => {
    const estimate = await crossValidateTaught(texts, labels, taught, options, undefined, undefined, null, undefined, priorOf(false));
    const informative = await crossValidateTaught(texts, labels, taught, options, undefined, undefined, null, undefined, priorOf(true));
    const fitted = estimate.priorWeights ?? [0, 0];
    expect(Math.max(...fitted)).toBeLessThan(0.2);
    expect(Math.max(...informative.priorWeights!)).toBeGreaterThan(1);
  });
});
