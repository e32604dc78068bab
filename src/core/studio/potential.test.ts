import { describe, expect, it } from 'vitest';
import { explainScore, rankConcepts, scoreConcept, seasonLengthOf, signedPercent, type AttributeSeries } from './potential.ts';

// Quarterly shares over two years (perYear 4, next season = 1 quarter); the same quarter last year is index 4 of 8.
const history = (lastYear: number) => [0.1, 0.1, 0.1, 0.1, lastYear, 0.1, 0.1, 0.1];
const series: Record<string, AttributeSeries> = {
  // Olive: 0.10 → 0.20 (×2), interval 0.15…0.30.
  'baseColour=Olive': { history: history(0.1), point: [0.2, 0.2], lo80: [0.15, 0.15], hi80: [0.3, 0.3] },
  // Dresses: flat 0.25 → 0.25, interval 0.2…0.3125.
  'articleType=Dresses': { history: history(0.25), point: [0.25], lo80: [0.2], hi80: [0.3125] },
  // Casual: 0.5 → 0.25 (×½), no interval.
  'usage=Casual': { history: history(0.5), point: [0.25] },
};
const lookup = (head: string, label: string) => series[`${head}=${label}`];

describe('scoreConcept', () => {
  it('averages the log share ratios and adds the interval half-widths in quadrature', () => {
    const score = scoreConcept(
      [
        { head: 'articleType', label: 'Dresses', sure: true },
        { head: 'baseColour', label: 'Olive', sure: true },
        { head: 'usage', label: 'Casual', sure: true },
      ],
      lookup,
      4,
      1,
    );
    // ln 2 + ln 1 + ln ½ = 0: the concept as a whole is flat.
    expect(score.counted).toBe(3);
    expect(score.potential).toBeCloseTo(0, 12);
    expect(score.baseline).toBe('last-year');
    expect(score.attributes.map((a) => a.status)).toEqual(['flat', 'rising', 'falling']);
    expect(score.attributes[1]!.change).toBeCloseTo(1, 12);
    expect(score.attributes[2]!.change).toBeCloseTo(-0.5, 12);
    // Down: Olive ln(0.2/0.15), Dresses ln(0.25/0.2); up: Olive ln(0.3/0.2), Dresses ln(0.3125/0.25); Casual none.
    const down = Math.sqrt(Math.log(0.2 / 0.15) ** 2 + Math.log(0.25 / 0.2) ** 2) / 3;
    const up = Math.sqrt(Math.log(0.3 / 0.2) ** 2 + Math.log(0.3125 / 0.25) ** 2) / 3;
    expect(score.lo).toBeCloseTo(-down, 12);
    expect(score.hi).toBeCloseTo(up, 12);
    expect(score.changeHi).toBeCloseTo(Math.exp(up) - 1, 12);
  });

  it('leaves unsure attributes and attributes without a forecast out, and says so', () => {
    const score = scoreConcept(
      [
        { head: 'baseColour', label: 'Olive', sure: true },
        { head: 'usage', label: 'Casual', sure: false },
        { head: 'season', label: 'Summer', sure: true },
      ],
      lookup,
      4,
      1,
    );
    expect(score.counted).toBe(1);
    expect(score.potential).toBeCloseTo(Math.log(2), 12);
    expect(score.change).toBeCloseTo(1, 12);
    expect(score.attributes.map((a) => a.status)).toEqual(['rising', 'unsure', 'no-forecast']);
    expect(explainScore(score, (h) => (h === 'usage' ? 'usage' : h))).toBe('Olive is forecast +100 % vs last year; usage not counted: the model is unsure (Casual?); Summer not counted: no forecast for it in this data.');
  });

  it('ranks rising above flat above falling, unscored last', () => {
    const one = (head: string, label: string, sure = true) => scoreConcept([{ head, label, sure }], lookup, 4, 1);
    const scores = [one('usage', 'Casual'), one('articleType', 'Dresses'), one('baseColour', 'Olive', false), one('baseColour', 'Olive')];
    expect(rankConcepts(scores)).toEqual([3, 1, 0, 2]);
    expect(Number.isNaN(scores[2]!.potential)).toBe(true);
  });

  it('explains the strongest mover first', () => {
    const score = scoreConcept(
      [
        { head: 'articleType', label: 'Dresses', sure: true },
        { head: 'usage', label: 'Casual', sure: true },
        { head: 'baseColour', label: 'Olive', sure: true },
      ],
      lookup,
      4,
      1,
    );
    // |ln 2| = |ln ½|: ties keep the given order (Casual before Olive).
    expect(explainScore(score)).toBe('Casual is forecast −50 % vs last year; Olive rising (+100 %); Dresses flat (±0 %).');
  });

  it('compares with the latest season when the history is shorter than a year', () => {
    const score = scoreConcept([{ head: 'x', label: 'A', sure: true }], () => ({ history: [0.2, 0.4], point: [0.3] }), 4, 1);
    expect(score.baseline).toBe('recent');
    expect(score.change).toBeCloseTo(0.3 / 0.4 - 1, 12);
    expect(explainScore(score)).toBe('A is forecast −25 % vs the latest season.');
  });
});

describe('words and season length', () => {
  it('writes signed percentages with a true minus', () => {
    expect([0.123, -0.08, 0.001, Number.NaN].map(signedPercent)).toEqual(['+12 %', '−8 %', '±0 %', '—']);
  });
  it('makes a season a quarter of a year', () => {
    expect([52, 12, 4, 2, 1].map(seasonLengthOf)).toEqual([13, 3, 1, 1, 1]);
  });
});

describe('baseShare', () => {
  it('takes the latest periods with a share when last year\'s season is thin', () => {
    // Yearly: last year (index 3) thin (NaN) → the latest finite value, 0.3.
    expect(scoreConcept([{ head: 'x', label: 'A', sure: true }], () => ({ history: [0.1, 0.2, 0.3, Number.NaN], point: [0.6] }), 1, 1).change).toBeCloseTo(1, 12);
  });
});
