import { describe, expect, it } from 'vitest';
import { teachConfidence } from './teach.ts';

describe('teachConfidence (what the teach loop ranks items by)', () => {
  const rules = { conventions: [{ heads: ['usage'] }], scripts: [{ script: 'Han', minShare: 0.5, heads: ['season'] }], evidence: [{ heads: ['baseColour'], words: ['red'], substrings: [] }] };
  const texts = ['Red linen shirt', 'Linen shirt', '白色T恤', 'Red dress'];
  const probabilities = [0.95, 0.92, 0.9, 0.6];

  it('is the label\'s probability, but 0 while a text rule keeps the label unsure', () => {
    // usage: a convention rule keeps every unsure item's label unsure, however probable.
    expect([...teachConfidence(texts, probabilities, Uint8Array.from([0, 0, 0, 0]), 'usage', rules)]).toEqual([0, 0, 0, 0]);
    // Once taught, an item the taught head is sure of ranks by its probability again.
    expect([...teachConfidence(texts, probabilities, Uint8Array.from([1, 0, 0, 1]), 'usage', rules)]).toEqual([0.95, 0, 0, 0.6]);
    // Colour: only the items naming no colour are kept unsure by the rule; an item unsure by probability keeps it.
    expect([...teachConfidence(texts, probabilities, Uint8Array.from([1, 0, 0, 0]), 'baseColour', rules)]).toEqual([0.95, 0, 0, 0.6]);
    // Season: the Chinese title only.
    expect([...teachConfidence(texts, probabilities, Uint8Array.from([0, 0, 0, 0]), 'season', rules)]).toEqual([0.95, 0.92, 0, 0.6]);
  });

  it('is 0 for a gender its text does not name (the text-named rule), given the labels', () => {
    const named = { textNamed: [{ head: 'gender', block: { head: 'gender', bonus: 1, words: [['(?<!-)women(?!-)', ['Women']], ['(?<!-)men(?!-)', ['Men']]] as [string, string[]][] } }] };
    const genderTexts = ['Tank top Details: a ribbed tank', "Women's tank top", 'Tank top Details: for men', 'Tank top'];
    const labels = { get: (i: number) => ['Women', 'Women', 'Women', 'Women'][i] };
    const flags = Uint8Array.from([0, 0, 0, 1]);
    expect([...teachConfidence(genderTexts, probabilities, flags, 'gender', named, labels)]).toEqual([0, 0.92, 0, 0.6]);
    // Without the labels the rule cannot be read, and the probability stands.
    expect([...teachConfidence(genderTexts, probabilities, flags, 'gender', named)]).toEqual(probabilities);
  });

  it('is 0 for an article type its text names others than (the text-contradiction rule), given the labels', () => {
    const contradiction = { textContradiction: [{ head: 'articleType', block: { head: 'articleType', bonus: 1, words: [['(?<!-)tunic(?!-)', ['Tunics']], ['(?<!-)dress(?!-)', ['Dresses']]] as [string, string[]][] } }] };
    const typeTexts = ['Amazing! Details: I love this tunic', 'Amazing! Details: I love this tunic', 'Amazing! Details: so soft', 'Lovely Details: this dress'];
    const labels = { get: (i: number) => ['Tshirts', 'Tunics', 'Tshirts', 'Tshirts'][i] };
    // Unsure items only: the Tshirts guess the text contradicts ranks as uncertain; the named Tunics, the silent text and a sure item keep their probabilities.
    expect([...teachConfidence(typeTexts, probabilities, Uint8Array.from([0, 0, 0, 1]), 'articleType', contradiction, labels)]).toEqual([0, 0.92, 0.9, 0.6]);
  });

  it('is the probability everywhere without sure flags or rules', () => {
    expect([...teachConfidence(texts, probabilities, undefined, 'usage', rules)]).toEqual(probabilities);
    expect([...teachConfidence(texts, probabilities, Uint8Array.from([0, 0, 0, 0]), 'usage', undefined)]).toEqual(probabilities);
  });
});
