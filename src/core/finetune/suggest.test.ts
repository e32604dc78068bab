import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { suggestItemsToLabel } from './suggest.ts';

/** Ten small groups of three similar products each (different words between groups). */
const GROUPS = [
  'leather ankle boot black',
  'silk slip dress emerald',
  'canvas tote bag natural',
  'denim trucker jacket indigo',
  'gold hoop earrings small',
  'linen wide trousers sand',
  'wool beanie hat charcoal',
  'suede loafers tan penny',
  'floral midi skirt pleated',
  'running sneakers white mesh',
];
const groupTexts = GROUPS.flatMap((g) => [g, `${g} classic`, `new ${g}`]);
const groupOf = (i: number) => Math.floor(i / 3);

/** 50 near-identical jumpers (only a reference number differs), then the ten groups. */
function catalogue() {
  const jumpers = Array.from({ length: 50 }, (_, i) => `Ribbed crew neck wool jumper navy ref ${i + 1}`);
  const texts = [...jumpers, ...groupTexts];
  const confidence = texts.map((_, i) => (i < 50 ? 0.4 : 0.5));
  return { texts, confidence };
}

describe('suggestItemsToLabel', () => {
  it('takes one item from a cluster of 50 uncertain near-duplicates, not 50, and spreads the batch', () => {
    const items = catalogue();
    const picks = suggestItemsToLabel(items, 8, { seed: 3 });
    expect(picks).toHaveLength(8);
    // The cluster stands for 50 items and is the most uncertain: its representative comes first.
    expect(picks[0]).toBeLessThan(50);
    expect(picks.filter((i) => i < 50)).toHaveLength(1);
    // The other seven come from seven different groups.
    const groups = picks.filter((i) => i >= 50).map((i) => groupOf(i - 50));
    expect(new Set(groups).size).toBe(7);
  });

  it('prefers a representative uncertain item to a fully unsure outlier', () => {
    const texts = [...Array.from({ length: 20 }, (_, i) => `plain cotton t-shirt white crew ${['S', 'M', 'L', 'XL'][i % 4]}`), 'zqxv gizmo 9000 quartz'];
    const confidence = texts.map((_, i) => (i === 20 ? 0 : i === 7 ? 0.5 : 0.95));
    const picks = suggestItemsToLabel({ texts, confidence }, 2, { seed: 1 });
    expect(picks[0]).toBe(7);
    // The outlier still has some value, more than a confident near-copy of the first pick.
    expect(picks[1]).toBe(20);
  });

  it('is not just the least confident item: uncertainty times density decides', () => {
    const texts = [...Array.from({ length: 30 }, (_, i) => `striped linen shirt blue ${i}`), 'one-off ceramic vase hand painted'];
    const confidence = texts.map((_, i) => (i === 30 ? 0.1 : 0.6));
    const [first] = suggestItemsToLabel({ texts, confidence }, 1);
    expect(first).toBeLessThan(30);
  });

  it('never returns excluded items and returns each item at most once', () => {
    const items = catalogue();
    const first = suggestItemsToLabel(items, 1, { seed: 3 })[0]!;
    const exclude = new Set([first, 0, 1, 2, 50, 51, 52, 79]);
    const all = suggestItemsToLabel(items, 1000, { exclude, seed: 3 });
    expect(all).toHaveLength(items.texts.length - exclude.size);
    expect(new Set(all).size).toBe(all.length);
    for (const i of all) expect(exclude.has(i)).toBe(false);
    // With the cluster's best item excluded, another jumper takes its place at the top.
    expect(all[0]).toBeLessThan(50);
    expect(all[0]).not.toBe(first);
  });

  it('moves on from the kinds of item already labelled, which it never suggests again', () => {
    const items = catalogue();
    // One jumper labelled: excluded only, the next jumper is still the most valuable item.
    const excludedOnly = suggestItemsToLabel(items, 3, { exclude: new Set([0]), seed: 3 });
    expect(excludedOnly[0]).toBeLessThan(50);
    // Labelled: the other 49 near-copies are covered, so the batch comes from three other groups.
    const covered = suggestItemsToLabel(items, 3, { labelled: [0], seed: 3 });
    expect(covered).toHaveLength(3);
    for (const i of covered) expect(i).toBeGreaterThanOrEqual(50);
    expect(new Set(covered.map((i) => groupOf(i - 50))).size).toBe(3);
    // A labelled group item covers its group too, and labelled items are never returned.
    const all = suggestItemsToLabel(items, 1000, { labelled: [0, 50], seed: 3 });
    expect(all).toHaveLength(items.texts.length - 2);
    expect(all).not.toContain(0);
    expect(all).not.toContain(50);
    expect(all.slice(0, 9).map((i) => (i < 50 ? -1 : groupOf(i - 50)))).not.toContain(0);
  });

  it('is deterministic for a seed, also when it samples references and candidates', () => {
    const random = seededRandom(11);
    const words = ['dress', 'shirt', 'boot', 'bag', 'scarf', 'coat', 'skirt', 'belt', 'red', 'blue', 'black', 'linen', 'wool', 'silk', 'long', 'short'];
    const texts = Array.from({ length: 600 }, () => Array.from({ length: 4 }, () => words[Math.floor(random() * words.length)]).join(' '));
    const confidence = texts.map(() => random());
    const options = { seed: 5, references: 100, candidates: 200 };
    const a = suggestItemsToLabel({ texts, confidence }, 20, options);
    const b = suggestItemsToLabel({ texts, confidence }, 20, options);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(20);
    // Only the 200 most uncertain items are candidates.
    const cutoff = [...confidence].sort((x, y) => x - y)[199]!;
    for (const i of a) expect(confidence[i]).toBeLessThanOrEqual(cutoff);
  });

  it('measures similarity on embeddings when given (the texts are then not used)', () => {
    // Two directions: 40 items along one, 5 along the other, 5 scattered; all equally unsure.
    const random = seededRandom(2);
    const jitter = () => (random() - 0.5) * 0.05;
    const embeddings = Array.from({ length: 50 }, (_, i) => {
      if (i < 40) return Float32Array.from([1 + jitter(), jitter(), jitter(), jitter()]);
      if (i < 45) return Float32Array.from([jitter(), 1 + jitter(), jitter(), jitter()]);
      return Float32Array.from([jitter(), jitter(), random() * 2 - 1, random() * 2 - 1]);
    });
    const texts = embeddings.map(() => 'same text');
    const confidence = new Float32Array(50).fill(0.3);
    const picks = suggestItemsToLabel({ texts, confidence, embeddings }, 2, { seed: 4 });
    expect(picks[0]).toBeLessThan(40);
    expect(picks[1]).toBeGreaterThanOrEqual(40);
  });

  it('handles 100,000 items by sampling, and treats missing confidence as unsure', () => {
    const random = seededRandom(9);
    const total = 100_000;
    const embeddings = Array.from({ length: total }, (_, i) => Float32Array.from([i % 7, (i * 3) % 5, random(), random()]));
    const confidence = new Float32Array(total).fill(0.99);
    confidence[12_345] = Number.NaN;
    const picks = suggestItemsToLabel({ texts: new Array<string>(total).fill(''), confidence, embeddings }, 10, { seed: 1 });
    expect(picks).toHaveLength(10);
    expect(new Set(picks).size).toBe(10);
    expect(picks[0]).toBe(12_345);
  });

  it('explains bad input plainly', () => {
    expect(() => suggestItemsToLabel({ texts: ['a', 'b'], confidence: [0.5] }, 1)).toThrow(/1 confidences for 2 items/);
    expect(() => suggestItemsToLabel({ texts: ['a', 'b'], confidence: [0.5, 0.5], embeddings: [new Float32Array(3)] }, 1)).toThrow(/1 embeddings for 2 items/);
    expect(suggestItemsToLabel({ texts: ['a'], confidence: [0] }, 0)).toEqual([]);
  });
});
