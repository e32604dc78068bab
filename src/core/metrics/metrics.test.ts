import { describe, expect, it } from 'vitest';
import { confusionMatrix, expectedCalibrationError, multiLabelReport, singleLabelReport } from './classification.ts';
import { seededRandom, stratifiedSplit } from './split.ts';

describe('singleLabelReport', () => {
  // truth a a a b b c ; pred a a b b c c
  // a: tp2 fp0 fn1 -> P1 R2/3 F1 0.8 ; b: tp1 fp1 fn1 -> .5 .5 .5 ; c: tp1 fp1 fn0 -> .5 1 2/3
  const report = singleLabelReport(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c']);
  it('computes accuracy and per-class figures', () => {
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.perClass.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(report.perClass.b!.f1).toBeCloseTo(0.5, 12);
    expect(report.perClass.c!.precision).toBeCloseTo(0.5, 12);
    expect(report.perClass.c!.recall).toBe(1);
    expect(report.perClass.c!.f1).toBeCloseTo(2 / 3, 12);
  });
  it('averages micro (= accuracy for single label) and macro', () => {
    expect(report.micro.precision).toBeCloseTo(4 / 6, 12);
    expect(report.micro.recall).toBeCloseTo(4 / 6, 12);
    expect(report.micro.f1).toBeCloseTo(4 / 6, 12);
    expect(report.macro.precision).toBeCloseTo((1 + 0.5 + 0.5) / 3, 12);
    expect(report.macro.recall).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 12);
    expect(report.macro.f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(report.macro.support).toBe(6);
  });
  it('counts a class only ever predicted, and gives 0 for empty denominators', () => {
    const r = singleLabelReport(['a', 'a'], ['a', 'z']);
    expect(r.perClass.z).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macro.f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });
  it('refuses mismatched lengths', () => {
    expect(() => singleLabelReport(['a'], [])).toThrow(/1 true labels/);
  });
});

describe('multiLabelReport', () => {
  // item1 {x,y} vs {x}    : x tp, y fn
  // item2 {y}   vs {y,z}  : y tp, z fp
  // item3 {x,z} vs {x,z}  : x tp, z tp (exact)
  const r = multiLabelReport([['x', 'y'], ['y'], ['x', 'z']], [['x'], ['y', 'z'], ['z', 'x']]);
  it('uses exact-set accuracy and pooled micro counts', () => {
    expect(r.accuracy).toBeCloseTo(1 / 3, 12);
    // tp = 4, fp = 1, fn = 1
    expect(r.micro.precision).toBeCloseTo(0.8, 12);
    expect(r.micro.recall).toBeCloseTo(0.8, 12);
    expect(r.micro.f1).toBeCloseTo(0.8, 12);
  });
  it('computes per-class and macro figures', () => {
    expect(r.perClass.x).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(r.perClass.y).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(r.perClass.z).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(r.macro.f1).toBeCloseTo((1 + 2 / 3 + 2 / 3) / 3, 12);
  });
});

describe('confusionMatrix', () => {
  it('keeps the top classes by true count and folds the rest into other', () => {
    const truth = ['a', 'a', 'a', 'b', 'b', 'c', 'd'];
    const pred = ['a', 'b', 'a', 'b', 'd', 'c', 'a'];
    const m = confusionMatrix(truth, pred, 2);
    expect(m.labels).toEqual(['a', 'b', 'other']);
    expect(m.counts).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
  });
  it('has no other row when every class fits', () => {
    expect(confusionMatrix(['a', 'b'], ['b', 'b'], 5)).toEqual({ labels: ['a', 'b'], counts: [[0, 1], [0, 1]] });
  });
});

describe('stratifiedSplit', () => {
  const keys = [...Array(100)].map((_, i) => (i % 10 < 7 ? 'big' : i % 10 < 9 ? 'mid' : 'small'));
  it('splits each class by the fractions, deterministically', () => {
    const a = stratifiedSplit(keys, { validation: 0.1, test: 0.2, seed: 7 });
    const b = stratifiedSplit(keys, { validation: 0.1, test: 0.2, seed: 7 });
    expect(a).toEqual(b);
    expect([a.train.length, a.validation.length, a.test.length]).toEqual([70, 10, 20]);
    expect(a.test.filter((i) => keys[i] === 'big').length).toBe(14);
    expect(a.test.filter((i) => keys[i] === 'mid').length).toBe(4);
    expect(a.test.filter((i) => keys[i] === 'small').length).toBe(2);
    const all = [...a.train, ...a.validation, ...a.test].sort((x, y) => x - y);
    expect(all).toEqual([...Array(100).keys()]);
    expect(stratifiedSplit(keys, { validation: 0.1, test: 0.2, seed: 8 }).test).not.toEqual(a.test);
  });
  it('keeps a lone item in training', () => {
    expect(stratifiedSplit(['a', 'b', 'b'], { test: 0.5 })).toMatchObject({ train: expect.arrayContaining([0]) });
  });
  it('gives a reproducible random sequence', () => {
    const r = seededRandom(1);
    const first = [r(), r(), r()];
    const again = seededRandom(1);
    expect([again(), again(), again()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('expectedCalibrationError', () => {
  it('weighs each bin by its items: |mean confidence − accuracy| × share', () => {
    // Bin of 0.95: half right (gap 0.45, half the items); bin of 0.55: all right (gap 0.45, half).
    expect(expectedCalibrationError([0.95, 0.95, 0.55, 0.55], [true, false, true, true])).toBeCloseTo(0.45, 12);
    // Confidences that match accuracy bin by bin: 0; a confidence of 1 falls in the last bin.
    expect(expectedCalibrationError([1, 1, 0.5, 0.5], [true, true, true, false])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([0.9], [false], 10)).toBeCloseTo(0.9, 12);
    expect(expectedCalibrationError([], [])).toBeNaN();
    expect(() => expectedCalibrationError([0.5], [])).toThrow(/1 confidences but 0/);
  });
});
