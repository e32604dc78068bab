import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { loadHead, predictWithHead } from './head.ts';
import { crossValidateTaught, mergeTaughtLabels, teachRound, teachTrainingLabels, type ItemLabels } from './teach.ts';
import { temperProbabilities } from './temperature.ts';

// Five items of a model head: labels Tops(0), Jeans(1); item 4 has no text (no label).
const model: ItemLabels = {
  labels: ['Tops', 'Jeans'],
  codes: Int32Array.from([0, 1, 0, 1, -1]),
  probabilities: Float32Array.from([0.95, 0.4, 0.5, 0.9, 0]),
  sure: Uint8Array.from([1, 0, 0, 1, 2]),
};

describe('merging taught labels', () => {
  it('puts taught labels first, keeps sure model labels, and takes confident head guesses for unsure items only', () => {
    const taught = new Map([[1, 'Jumpers']]);
    const head = { labels: ['Jeans', 'Tops', 'Skirts', 'Tops', 'Tops'], probabilities: [0.99, 0.99, 0.9, 0.99, 0.99] };
    const merged = mergeTaughtLabels(model, taught, head, 0.85);
    expect(merged.labels).toEqual(['Tops', 'Jeans', 'Jumpers', 'Skirts']);
    // 0: model sure, kept (head disagrees); 1: taught; 2: unsure → head's confident Skirts; 3: sure; 4: no label stays none.
    expect(Array.from(merged.codes)).toEqual([0, 2, 3, 1, -1]);
    expect(Array.from(merged.sure)).toEqual([1, 1, 1, 1, 2]);
    expect(Array.from(merged.probabilities)).toEqual([Math.fround(0.95), 1, Math.fround(0.9), Math.fround(0.9), 0]);
    // The model's own labels are not changed in place (undo relies on them).
    expect(Array.from(model.codes)).toEqual([0, 1, 0, 1, -1]);
  });

  it('leaves an unsure item unsure when the head is not confident enough', () => {
    const merged = mergeTaughtLabels(model, new Map(), { labels: ['Tops', 'Tops', 'Skirts', 'Tops', ''], probabilities: [1, 0.6, 0.84, 1, 0] }, 0.85);
    expect(Array.from(merged.codes)).toEqual([0, 1, 0, 1, -1]);
    expect(Array.from(merged.sure)).toEqual([1, 0, 0, 1, 2]);
    expect(merged.labels).toEqual(['Tops', 'Jeans']);
  });

  it('refuses guesses for the wrong number of items', () => {
    expect(() => mergeTaughtLabels(model, new Map(), { labels: ['Tops'], probabilities: [1] }, 0.5)).toThrow(/1 labels for 5 items/);
  });

  it('trains on the taught items plus a capped sample of sure model labels', () => {
    const labels = teachTrainingLabels(model, new Map([[2, 'Skirts']]), 1);
    expect(labels[2]).toEqual(['Skirts']);
    expect(labels[1]).toEqual([]);
    expect(labels[4]).toEqual([]);
    // Exactly one of the two sure items (0: Tops, 3: Jeans) is used.
    const pseudo = [labels[0]!, labels[3]!].filter((l) => l.length > 0);
    expect(pseudo).toHaveLength(1);
    expect(teachTrainingLabels(model, new Map(), 10).filter((l) => l.length > 0)).toEqual([['Tops'], ['Jeans']]);
  });
});

// Separable texts: the label is in the words.
const kinds = [
  ['Tops', 'cotton top with short sleeves'],
  ['Jeans', 'denim jeans with five pockets'],
  ['Dresses', 'floaty midi dress with a tie waist'],
] as const;
const texts = Array.from({ length: 30 }, (_, i) => `${kinds[i % 3]![1]} ${['navy', 'white', 'green', 'red', 'black'][i % 5]}`);
const truth: string[] = texts.map((_, i) => kinds[i % 3]![0]);
const options = { hashBits: 10, maxEpochs: 20 };

describe('held-out estimate on taught items', () => {
  it('is checked only on taught items, each guessed by a head that never saw it', async () => {
    const taught = Array.from({ length: 12 }, (_, i) => i);
    const labels = truth.map((label) => [label]);
    const estimate = await crossValidateTaught(texts, labels, taught, { ...options, folds: 4 });
    expect(estimate.folds).toBe(4);
    expect(estimate.checked).toBe(12);
    expect(estimate.correct).toBe(12);
    expect(estimate.accuracy).toBe(1);
  });

  it('counts a label taught only once as wrong (no head saw it)', async () => {
    const labels = truth.map((label) => [label]);
    labels[0] = ['Camisoles'];
    const estimate = await crossValidateTaught(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 3 });
    expect(estimate.checked).toBe(6);
    expect(estimate.correct).toBe(5);
  });

  it('gives no estimate with fewer than two taught items', async () => {
    const estimate = await crossValidateTaught(texts, truth.map((l) => [l]), [3], options);
    expect(estimate.checked).toBe(0);
    expect(Number.isNaN(estimate.accuracy)).toBe(true);
  });
});

describe('a teach round', () => {
  it('trains a head on the training rows and guesses every item', async () => {
    const labels = truth.map((label, i) => (i < 9 ? [label] : []));
    const round = await teachRound(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 3 });
    expect(round.head?.labels).toEqual(['Dresses', 'Jeans', 'Tops']);
    expect(round.guesses!.labels).toEqual(truth);
    expect(round.heldOut.checked).toBe(6);
  });

  it('guesses only the items asked for when given a list', async () => {
    const labels = truth.map((label, i) => (i < 9 ? [label] : []));
    const round = await teachRound(texts, labels, [0, 1, 2], { ...options, folds: 3, guess: [10, 20] });
    expect(round.guesses!.labels.filter(Boolean)).toEqual([truth[10], truth[20]]);
    expect(round.guesses!.labels[11]).toBe('');
    expect(round.guesses!.probabilities[11]).toBe(0);
    expect(round.guesses!.probabilities[10]).toBeGreaterThan(0);
    await expect(teachRound(texts, labels, [0, 1, 2], { ...options, guess: [30] })).rejects.toThrow(/Item 30 to guess is not among the 30 items/);
  });

  it('keeps the head alone when spreading gets no more taught items right', async () => {
    const labels = truth.map((label, i) => (i < 9 ? [label] : []));
    const alone = await teachRound(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 3, spread: null });
    const tried = await teachRound(texts, labels, [0, 1, 2, 3, 4, 5], { ...options, folds: 3, spread: { alpha: 0.5, neighbours: 5 } });
    expect(alone.heldOut.spreadCorrect).toBeUndefined();
    expect(tried.heldOut.headCorrect).toBe(alone.heldOut.correct);
    expect(tried.heldOut.spreadCorrect).toBeLessThanOrEqual(tried.heldOut.headCorrect!);
    expect(tried.heldOut.spread).toBe(false);
    expect([...tried.guesses!.probabilities]).toEqual([...alone.guesses!.probabilities]);
  });

  it('spreads the guesses when the cross-validation says it helps: chains of look-alikes the head cannot read', async () => {
    // Three kinds; within a kind, item j shares one made-up word with item j − 1 and one with j + 1,
    // and no word with any other kind. Every other item is taught, so a held-out taught item shares
    // no word with the head's training rows, but its untaught neighbours do.
    const random = seededRandom(5);
    const word = () => Array.from({ length: 7 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(random() * 20)]).join('');
    const kindsOf = ['Tops', 'Jeans', 'Dresses'];
    const chainTexts: string[] = [];
    const chainTruth: string[] = [];
    for (const kind of kindsOf) {
      const words = Array.from({ length: 17 }, word);
      for (let j = 0; j < 16; j++) {
        chainTexts.push(`${words[j]} ${words[j + 1]}`);
        chainTruth.push(kind);
      }
    }
    const taught = chainTexts.map((_, i) => i).filter((i) => i % 2 === 0);
    const chainLabels = chainTruth.map((label, i) => (i % 2 === 0 ? [label] : []));
    const settings = { hashBits: 14, maxEpochs: 20, folds: 4 };
    const spread = await teachRound(chainTexts, chainLabels, taught, { ...settings, spread: { alpha: 0.8, neighbours: 2, power: 1, ngrams: { word: [1, 1], char: null } } });
    const alone = await teachRound(chainTexts, chainLabels, taught, { ...settings, spread: null });
    expect(spread.heldOut.spread).toBe(true);
    expect(spread.heldOut.spreadCorrect!).toBeGreaterThan(spread.heldOut.headCorrect!);
    expect(spread.heldOut.correct).toBe(spread.heldOut.spreadCorrect);
    const untaught = chainTexts.map((_, i) => i).filter((i) => i % 2 === 1);
    const right = (round: typeof spread) => untaught.filter((i) => round.guesses!.labels[i] === chainTruth[i]).length;
    expect(right(spread)).toBe(untaught.length);
    expect(right(alone)).toBeLessThanOrEqual(right(spread));
  });

  it('gives the guesses at the temperature fitted on the cross-validated taught items (1 with fewer than 40)', async () => {
    const few = await teachRound(texts, truth.map((label, i) => (i < 9 ? [label] : [])), [0, 1, 2, 3, 4, 5], { ...options, folds: 3, spread: null });
    expect(few.heldOut.temperature).toBe(1);
    // 60 items, 45 taught; the colour words are noise the head must learn to ignore.
    const manyTexts = Array.from({ length: 60 }, (_, i) => `${kinds[i % 3]![1]} ${['navy', 'white', 'green', 'red', 'black', 'sand', 'teal'][i % 7]}`);
    const manyTruth = manyTexts.map((_, i) => kinds[i % 3]![0]);
    const taught = Array.from({ length: 45 }, (_, i) => i);
    const round = await teachRound(manyTexts, manyTruth.map((label, i) => (i < 45 ? [label] : [])), taught, { ...options, folds: 5, spread: null });
    const t = round.heldOut.temperature!;
    expect(t).toBeGreaterThanOrEqual(0.5);
    expect(t).toBeLessThanOrEqual(2);
    expect(t).not.toBe(1);
    const head = await predictWithHead(loadHead(round.head!), manyTexts.slice(45));
    head.forEach((p, k) => {
      const label = round.head!.labels.indexOf(p.labels[0]!);
      expect(round.guesses!.labels[45 + k]).toBe(p.labels[0]);
      expect(round.guesses!.probabilities[45 + k]).toBeCloseTo(temperProbabilities(p.all, t)[label]!, 5);
    });
  });

  it('says why no head was trained when only one label was taught', async () => {
    const labels = truth.map((_, i) => (i < 3 ? ['Tops'] : []));
    const round = await teachRound(texts, labels, [0, 1, 2], options);
    expect(round.head).toBeNull();
    expect(round.reason).toMatch(/Only one label \('Tops'\)/);
    expect(round.guesses).toBeUndefined();
  });
});
