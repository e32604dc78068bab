import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationKey, calibrationPlan, hanShare, nameTooLongForNamedThresholds, isSure, itemsInScript, itemsWithoutEvidence, latinWords, textRuleFor, l2Normalise, oodDistance, ruleBlockedHeads, sureUnder, temperedSoftmax } from './calibration.ts';
import { itemWordsOf, nameWordsOf } from './inputText.ts';
import { parseClassifierConfig, type ClassifierConfig } from './config.ts';
import { softmax, topKIndices } from './postprocess.ts';

/** Logits with distinct values at least 0.25 apart, so no two probabilities can round into a tie. */
const logitRows = fc.uniqueArray(fc.integer({ min: -40, max: 40 }), { minLength: 2, maxLength: 12 }).map((ints) => Float32Array.from(ints, (i) => i / 4));
const top1 = (p: Float64Array) => p[topKIndices(p, 1)[0]!]!;
const sum = (p: Float64Array) => p.reduce((a, b) => a + b, 0);

describe('temperedSoftmax', () => {
  it('temperature 1 leaves probabilities exactly as the plain softmax', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const logits = Float32Array.from(values);
        expect(temperedSoftmax(logits, 1)).toEqual(softmax(logits));
        expect(temperedSoftmax(logits)).toEqual(softmax(logits));
      }),
    );
  });

  it('a temperature above 1 flattens: top-1 probability falls, the argmax stays', () => {
    fc.assert(
      fc.property(logitRows, fc.double({ min: 1.05, max: 8, noNaN: true }), (logits, t) => {
        const plain = softmax(logits);
        const flat = temperedSoftmax(logits, t);
        expect(topKIndices(flat, 1)).toEqual(topKIndices(plain, 1));
        expect(top1(flat)).toBeLessThan(top1(plain));
        expect(sum(flat)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('a temperature below 1 sharpens: top-1 probability rises, the argmax stays', () => {
    fc.assert(
      fc.property(logitRows, fc.double({ min: 0.125, max: 0.95, noNaN: true }), (logits, t) => {
        const plain = softmax(logits);
        const sharp = temperedSoftmax(logits, t);
        expect(topKIndices(sharp, 1)).toEqual(topKIndices(plain, 1));
        expect(top1(sharp)).toBeGreaterThan(top1(plain));
        expect(sum(sharp)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('divides the logits by the temperature (hand-computed)', () => {
    // [2, 0, 0] / 2 = [1, 0, 0]: e / (e + 2).
    const p = temperedSoftmax([2, 0, 0], 2);
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 2), 12);
    expect(p[1]).toBeCloseTo(1 / (Math.E + 2), 12);
  });
});

describe('oodDistance', () => {
  const e1 = [1, 0, 0];
  const e2 = [0, 1, 0];

  it.each([
    { embedding: [2, 0, 0], centroids: [e1, e2], distance: 0, why: 'on a centroid (length does not matter)' },
    { embedding: [0, 0, 5], centroids: [e1, e2], distance: 1, why: 'orthogonal to every centroid' },
    { embedding: [1, 1, 0], centroids: [e1, e2], distance: 1 - Math.SQRT1_2, why: 'halfway between two centroids' },
    { embedding: [3, 4, 0], centroids: [e1, e2], distance: 1 - 0.8, why: 'nearest centroid wins (cos 0.8 to e2, 0.6 to e1)' },
    { embedding: [-3, 0, 0], centroids: [e1], distance: 2, why: 'opposite the only centroid' },
    { embedding: [0, 0, 0], centroids: [e1, e2], distance: 1, why: 'a zero embedding (as training/calibrate.py)' },
  ])('$why: $distance', ({ embedding, centroids, distance }) => {
    expect(oodDistance(Float32Array.from(embedding), centroids)).toBeCloseTo(distance, 6);
  });

  it('is NaN for a NaN embedding and refuses a centroid of another length', () => {
    expect(oodDistance([NaN, 0, 0], [e1])).toBeNaN();
    expect(() => oodDistance([1, 0], [e1])).toThrow(/2 values but an OOD centroid has 3/);
    expect(() => oodDistance([1, 0, 0], [])).toThrow(/at least one centroid/);
  });

  it('normalises vectors to unit length', () => {
    expect(Array.from(l2Normalise([3, 4]))).toEqual([0.6, 0.8]);
    expect(Array.from(l2Normalise([0, 0]))).toEqual([0, 0]);
  });
});

describe('the sure decision', () => {
  it.each([
    { probability: 0.9, min: 0.8, ood: undefined, sure: true },
    { probability: 0.8, min: 0.8, ood: undefined, sure: true },
    { probability: 0.79, min: 0.8, ood: undefined, sure: false },
    { probability: 0.9, min: 0.8, ood: { distance: 0.2, maxDistance: 0.3 }, sure: true },
    { probability: 0.9, min: 0.8, ood: { distance: 0.3, maxDistance: 0.3 }, sure: true },
    { probability: 0.9, min: 0.8, ood: { distance: 0.31, maxDistance: 0.3 }, sure: false },
    { probability: 0.5, min: 0.8, ood: { distance: 0.1, maxDistance: 0.3 }, sure: false },
    { probability: 0.5, min: 0.8, ood: { distance: 0.9, maxDistance: 0.3 }, sure: false },
    { probability: NaN, min: 0, ood: undefined, sure: false },
    { probability: 0.9, min: 0.8, ood: { distance: NaN, maxDistance: 0.3 }, sure: false },
  ])('p=$probability min=$min ood=$ood → $sure', ({ probability, min, ood, sure }) => {
    expect(isSure(probability, min, ood)).toBe(sure);
  });

  const base = { head_order: ['colour', 'fit'] };

  it('without an unsure block every answer is sure, and temperatures are 1', () => {
    const plan = calibrationPlan(base);
    expect(plan.judgesSure).toBe(false);
    expect(plan.ood).toBeUndefined();
    expect(plan.heads.get('colour')).toEqual({ temperature: 1, minProbability: 0 });
    expect(sureUnder(plan, 'colour', 0.01)).toBe(true);
    expect(sureUnder(plan, 'fit', NaN)).toBe(true);
  });

  it('applies per-head thresholds and the OOD test', () => {
    const plan = calibrationPlan({
      ...base,
      calibration: { temperature: { colour: 2, fit: 0.5 }, fitted_on: 'dev' },
      unsure: { min_probability: { colour: 0.6, fit: 0.7 }, ood: { kind: 'centroid_cosine', centroids: [[0.6, 0.8]], max_distance: 0.2 } },
    });
    expect(plan.heads.get('fit')).toEqual({ temperature: 0.5, minProbability: 0.7 });
    expect(sureUnder(plan, 'colour', 0.65, 0.1)).toBe(true);
    expect(sureUnder(plan, 'fit', 0.65, 0.1)).toBe(false);
    expect(sureUnder(plan, 'colour', 0.99, 0.25)).toBe(false);
    expect(() => sureUnder(plan, 'colour', 0.99)).toThrow(/distance/);
    expect(() => sureUnder(plan, 'size', 0.99, 0)).toThrow(/Unknown classifier head "size"/);
  });

  it('applies a head\'s named threshold only when the name names the top label, and only on that head', () => {
    const plan = calibrationPlan({ ...base, unsure: { min_probability: { colour: 0.85, fit: 0.85 }, named_min_probability: { colour: 0.5 } } });
    expect(plan.heads.get('colour')).toEqual({ temperature: 1, minProbability: 0.85, namedMinProbability: 0.5 });
    expect(sureUnder(plan, 'colour', 0.6, undefined, 'one')).toBe(true);
    expect(sureUnder(plan, 'colour', 0.6)).toBe(false); // not named: the head's own threshold
    expect(sureUnder(plan, 'colour', 0.45, undefined, 'one')).toBe(false); // under the named threshold
    expect(sureUnder(plan, 'colour', 0.6, undefined, 'several')).toBe(true); // no threshold for several: the named one
    expect(sureUnder(plan, 'fit', 0.6, undefined, 'one')).toBe(false); // no named threshold for fit
    expect(sureUnder(plan, 'fit', 0.9, undefined, 'one')).toBe(true);
  });

  it('applies the several-named threshold when the name names the top label among several labels of the head', () => {
    const plan = calibrationPlan({
      ...base,
      unsure: { min_probability: { colour: 0.85, fit: 0.85 }, named_min_probability: { colour: 0.5, fit: 0.5 }, named_several_min_probability: { colour: 0.7 } },
    });
    expect(plan.heads.get('colour')).toEqual({ temperature: 1, minProbability: 0.85, namedMinProbability: 0.5, namedSeveralMinProbability: 0.7 });
    expect(sureUnder(plan, 'colour', 0.6, undefined, 'one')).toBe(true);
    expect(sureUnder(plan, 'colour', 0.6, undefined, 'several')).toBe(false);
    expect(sureUnder(plan, 'colour', 0.7, undefined, 'several')).toBe(true);
    expect(sureUnder(plan, 'fit', 0.6, undefined, 'several')).toBe(true); // fit has no several threshold: its named one
  });

  it('keys caches by calibration: empty without blocks, changing with any value', () => {
    const a = { calibration: { temperature: { colour: 2 }, fitted_on: 'dev' } };
    expect(calibrationKey({})).toBe('');
    expect(calibrationKey(a)).not.toBe('');
    expect(calibrationKey(a)).toBe(calibrationKey({ calibration: { temperature: { colour: 2 }, fitted_on: 'dev' } }));
    expect(calibrationKey({ calibration: { temperature: { colour: 2.5 }, fitted_on: 'dev' } })).not.toBe(calibrationKey(a));
  });
});

describe('script rules (items written mostly in Chinese)', () => {
  it.each([
    { text: '白色T恤', share: 3 / 4 },
    { text: '男士圆领短袖t恤 纯棉 黑色 打底衫 L码', share: 15 / 17 },
    { text: 'Relaxed linen shirt', share: 0 },
    { text: 'Linen shirt 优', share: 1 / 3 },
    { text: '', share: 0 },
    { text: '2024 · 260g', share: 0 },
    { text: 'Ветровка 风衣', share: 2 / 3 },
  ])('hanShare($text) = $share', ({ text, share }) => {
    expect(hanShare(text)).toBeCloseTo(share, 12);
  });

  it('counts only the item\'s own words, not the template and field markers', () => {
    expect(itemWordsOf('Item: 白色T恤 Details: 纯棉 Colors: 白色', 'Item: ')).toBe(' 白色T恤  纯棉  白色');
    expect(hanShare(itemWordsOf('Item: 白色T恤 Details: 纯棉 Materials: 棉', 'Item: '))).toBeCloseTo(6 / 7, 12);
    // Not a marker inside a word or without its colon.
    expect(itemWordsOf('Item: Season pass Details: x', 'Item: ')).toBe(' Season pass  x');
  });

  const plan = calibrationPlan({
    head_order: ['colour', 'fit', 'gender'],
    input_template: 'Item: {text}',
    unsure: {
      min_probability: { colour: 0.5, fit: 0.5, gender: 0.5 },
      scripts: [{ script: 'Han', min_share: 0.5, heads: ['colour', 'fit'], basis: 'measured' }],
    },
  });

  it('keeps the rule\'s heads from being sure from half the words on, and no others', () => {
    expect([...ruleBlockedHeads(plan, 'Item: 白色T恤').keys()]).toEqual(['colour', 'fit']);
    expect([...ruleBlockedHeads(plan, 'Item: Linen shirt 优').keys()]).toEqual([]);
    expect([...ruleBlockedHeads(plan, 'Item: shirt 衬衫').keys()]).toEqual(['colour', 'fit']); // 2 of 3
    expect([...ruleBlockedHeads(plan, 'Item: white shirt 衬衫').keys()]).toEqual(['colour', 'fit']); // exactly half
    expect([...ruleBlockedHeads(plan, 'Item: white linen shirt 衬衫').keys()]).toEqual([]); // 2 of 5
    expect(ruleBlockedHeads(plan, 'Item: Relaxed linen shirt').size).toBe(0);
    expect(ruleBlockedHeads(calibrationPlan({ head_order: ['colour'] }), 'Item: 白色T恤').size).toBe(0);
  });
});

describe('evidence rules and the shipped rules', () => {
  it('splits words as the Python side does', () => {
    expect(latinWords('Off-White oversized 白色T恤')).toEqual(['off', 'white', 'oversized', 't']);
    expect(latinWords('TAN leather, 2024')).toEqual(['tan', 'leather']);
  });

  it('keeps a head unsure when the text names nothing of its kind, and says which rule did it', () => {
    const plan = calibrationPlan({
      head_order: ['colour', 'fit'],
      input_template: 'Item: {text}',
      unsure: { min_probability: { colour: 0.5, fit: 0.5 }, evidence: [{ heads: ['colour'], words: ['red', 'navy'], substrings: ['红'], basis: 'x' }] },
    });
    expect(Object.fromEntries(ruleBlockedHeads(plan, 'Item: Linen shirt'))).toEqual({ colour: 'evidence' });
    expect(ruleBlockedHeads(plan, 'Item: NAVY linen shirt').size).toBe(0);
    expect(ruleBlockedHeads(plan, 'Item: shirt with 红色 trim').size).toBe(0);
    expect(Object.fromEntries(ruleBlockedHeads(plan, 'Item: Redwood shirt'))).toEqual({ colour: 'evidence' }); // whole words only
  });

  it('keeps a convention rule\'s heads unsure whatever the text, before any other rule', () => {
    const plan = calibrationPlan({
      head_order: ['colour', 'usage', 'fit'],
      input_template: 'Item: {text}',
      unsure: {
        min_probability: { colour: 0.5, usage: 0.5, fit: 0.5 },
        conventions: [{ heads: ['usage'], basis: 'x' }],
        scripts: [{ script: 'Han', min_share: 0.5, heads: ['usage', 'fit'], basis: 'x' }],
        evidence: [{ heads: ['colour'], words: ['red'], basis: 'x' }],
      },
    });
    expect(Object.fromEntries(ruleBlockedHeads(plan, 'Item: Red formal shirt for the office'))).toEqual({ usage: 'convention' });
    expect(Object.fromEntries(ruleBlockedHeads(plan, 'Item: 白色T恤'))).toEqual({ usage: 'convention', fit: 'script', colour: 'evidence' });
    // Only the rule's heads: without conventions nothing is blocked for a text that names its colour.
    const without = calibrationPlan({ head_order: ['colour', 'usage'], input_template: 'Item: {text}', unsure: { min_probability: { colour: 0.5, usage: 0.5 } } });
    expect(ruleBlockedHeads(without, 'Item: Red formal shirt').size).toBe(0);
  });

  it('counts the items a rule covers, on texts as the app joins them (no template)', () => {
    const texts = ['Navy linen shirt', 'Relaxed linen shirt Details: soft and cool', '白色T恤', 'Wrap dress Details: in 红色 crepe', ''];
    expect(itemsWithoutEvidence(texts, { words: ['navy', 'white'], substrings: ['红'] })).toBe(3);
    expect(itemsInScript(texts, { script: 'Han', minShare: 0.5 })).toBe(1);
    expect(itemsInScript(texts, { script: 'Cyrillic', minShare: 0.5 })).toBe(0);
  });

  // The same cases as training/test_rules.py: the app and the Python tables apply one rule.
  const golden = JSON.parse(readFileSync(new URL('../../test/fixtures/classifier/unsure-rule-cases.json', import.meta.url), 'utf8')) as { cases: { text: string; blocked: string[] }[] };
  const shipped = parseClassifierConfig(JSON.parse(readFileSync(new URL('../../public/models/trendloom-classifier/config.json', import.meta.url), 'utf8')));
  const shippedPlan = calibrationPlan(shipped);
  it.each(golden.cases)('shipped rules on "$text" → $blocked', ({ text, blocked }) => {
    expect([...ruleBlockedHeads(shippedPlan, text).keys()].sort()).toEqual(blocked);
  });
});

describe('config.json calibration and unsure blocks', () => {
  const s = Math.SQRT1_2;
  const config = (extra: Record<string, unknown>) => ({
    vocab_size: 10,
    hidden_size: 2,
    max_length: 8,
    bos_token_id: 1,
    eos_token_id: 2,
    pad_token_id: 0,
    head_order: ['colour', 'fit'],
    heads: { colour: { id2label: { 0: 'Red', 1: 'Blue' } }, fit: { id2label: { 0: 'Slim', 1: 'Loose' } } },
    input_template: 'Item: {text}',
    onnx: { inputs: [], outputs: [], model_file: 'm.onnx' },
    ...extra,
  });
  const calibration = { temperature: { colour: 1.5, fit: 0.8 }, fitted_on: 'dev splits' };
  const unsure = { min_probability: { colour: 0.5, fit: 0.6 }, ood: { kind: 'centroid_cosine', centroids: [[1, 0], [s, s]], max_distance: 0.3 }, rule: 'documentation' };

  it('accepts a config with neither block, either, or both', () => {
    expect(parseClassifierConfig(config({})).calibration).toBeUndefined();
    expect(parseClassifierConfig(config({})).unsure).toBeUndefined();
    const both: ClassifierConfig = parseClassifierConfig(config({ calibration, unsure }));
    expect(both.calibration!.temperature.fit).toBe(0.8);
    expect(both.unsure!.ood!.max_distance).toBe(0.3);
    expect(parseClassifierConfig(config({ unsure: { min_probability: { colour: 0, fit: 1 } } })).unsure!.ood).toBeUndefined();
    expect(parseClassifierConfig(config({ unsure: { ...unsure, conventions: [{ heads: ['fit'], basis: 'measured' }] } })).unsure!.conventions).toEqual([{ heads: ['fit'], basis: 'measured' }]);
  });

  it.each([
    { name: 'a block that is not an object', extra: { calibration: null }, error: /calibration block must be an object \(got null\)/ },
    { name: 'a head without temperature', extra: { calibration: { temperature: { colour: 1 }, fitted_on: 'x' } }, error: /temperature has no value for head "fit"/ },
    { name: 'a temperature of 0', extra: { calibration: { temperature: { colour: 1, fit: 0 }, fitted_on: 'x' } }, error: /temperature\["fit"\] must be a finite number > 0 \(got 0\)/ },
    { name: 'a negative temperature', extra: { calibration: { temperature: { colour: -1, fit: 1 }, fitted_on: 'x' } }, error: /temperature\["colour"\] must be a finite number > 0 \(got -1\)/ },
    { name: 'a temperature as text', extra: { calibration: { temperature: { colour: '1', fit: 1 }, fitted_on: 'x' } }, error: /temperature\["colour"\] must be a finite number > 0 \(got "1"\)/ },
    { name: 'an infinite temperature', extra: { calibration: { temperature: { colour: Infinity, fit: 1 }, fitted_on: 'x' } }, error: /temperature\["colour"\] must be a finite number/ },
    { name: 'an unknown head', extra: { calibration: { temperature: { colour: 1, fit: 1, size: 2 }, fitted_on: 'x' } }, error: /names heads the model does not have: "size"/ },
    { name: 'no fitted_on', extra: { calibration: { temperature: { colour: 1, fit: 1 } } }, error: /fitted_on must be a string/ },
    { name: 'a threshold above 1', extra: { unsure: { min_probability: { colour: 1.5, fit: 0.5 } } }, error: /min_probability\["colour"\] must be a number from 0 to 1 \(got 1.5\)/ },
    { name: 'a NaN threshold', extra: { unsure: { min_probability: { colour: NaN, fit: 0.5 } } }, error: /min_probability\["colour"\] must be a number from 0 to 1/ },
    { name: 'no thresholds', extra: { unsure: { ood: unsure.ood } }, error: /min_probability must be an object/ },
    { name: 'another OOD kind', extra: { unsure: { ...unsure, ood: { ...unsure.ood, kind: 'euclidean' } } }, error: /ood.kind "euclidean" is not supported/ },
    { name: 'a centroid of the wrong length', extra: { unsure: { ...unsure, ood: { ...unsure.ood, centroids: [[1, 0], [1, 0, 0]] } } }, error: /ood.centroids\[1\] must have 2 numbers \(hidden_size; got 3\)/ },
    { name: 'a non-finite centroid value', extra: { unsure: { ...unsure, ood: { ...unsure.ood, centroids: [[1, null]] } } }, error: /ood.centroids\[0\]\[1\] must be a finite number \(got null\)/ },
    { name: 'a centroid that is not unit length', extra: { unsure: { ...unsure, ood: { ...unsure.ood, centroids: [[3, 4]] } } }, error: /ood.centroids\[0\] must be L2-normalised \(its length is 5.000\)/ },
    { name: 'no centroids', extra: { unsure: { ...unsure, ood: { ...unsure.ood, centroids: [] } } }, error: /ood.centroids must be a non-empty array of vectors \(got an empty array\)/ },
    { name: 'a distance above 2', extra: { unsure: { ...unsure, ood: { ...unsure.ood, max_distance: 3 } } }, error: /ood.max_distance must be a number from 0 to 2/ },
    { name: 'a script rule for another script', extra: { unsure: { ...unsure, scripts: [{ script: 'Cyrillic', min_share: 0.5, heads: ['fit'], basis: 'x' }] } }, error: /scripts\[0\].script "Cyrillic" is not supported \(expected one of Han\)/ },
    { name: 'a script rule with a share of 0', extra: { unsure: { ...unsure, scripts: [{ script: 'Han', min_share: 0, heads: ['fit'], basis: 'x' }] } }, error: /scripts\[0\].min_share must be a number above 0 and at most 1 \(got 0\)/ },
    { name: 'a script rule naming an unknown head', extra: { unsure: { ...unsure, scripts: [{ script: 'Han', min_share: 0.5, heads: ['size'], basis: 'x' }] } }, error: /scripts\[0\].heads names heads the model does not have: "size"/ },
    { name: 'a script rule without basis', extra: { unsure: { ...unsure, scripts: [{ script: 'Han', min_share: 0.5, heads: ['fit'] }] } }, error: /scripts\[0\].basis must say what the rule rests on/ },
    { name: 'script rules that are not a list', extra: { unsure: { ...unsure, scripts: { script: 'Han' } } }, error: /scripts must be an array of rules/ },
    { name: 'an evidence rule with upper-case words', extra: { unsure: { ...unsure, evidence: [{ heads: ['colour'], words: ['Red'], basis: 'x' }] } }, error: /evidence\[0\].words must be a non-empty array of lower-case words of letters only/ },
    { name: 'an evidence rule for an unknown head', extra: { unsure: { ...unsure, evidence: [{ heads: ['size'], words: ['red'], basis: 'x' }] } }, error: /evidence\[0\].heads names heads the model does not have: "size"/ },
    { name: 'a convention rule for an unknown head', extra: { unsure: { ...unsure, conventions: [{ heads: ['size'], basis: 'x' }] } }, error: /conventions\[0\].heads names heads the model does not have: "size"/ },
    { name: 'a convention rule without heads', extra: { unsure: { ...unsure, conventions: [{ heads: [], basis: 'x' }] } }, error: /conventions\[0\].heads must be a non-empty array of head names/ },
    { name: 'a convention rule without basis', extra: { unsure: { ...unsure, conventions: [{ heads: ['fit'] }] } }, error: /conventions\[0\].basis must say what the rule rests on/ },
    { name: 'convention rules that are not a list', extra: { unsure: { ...unsure, conventions: 'fit' } }, error: /conventions must be an array of rules \(got "fit"\)/ },
    { name: 'an evidence rule without basis', extra: { unsure: { ...unsure, evidence: [{ heads: ['colour'], words: ['red'] }] } }, error: /evidence\[0\].basis must say what the rule rests on/ },
    { name: 'a named threshold above the head\'s own', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_min_probability: { fit: 0.7 } } }, error: /named_min_probability.fit must be a number from 0 to min_probability.fit \(0.6; got 0.7\)/ },
    { name: 'a named threshold for an unknown head', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_min_probability: { size: 0.5 } } }, error: /named_min_probability must name heads of the model \(got "size"\)/ },
    { name: 'a several-named threshold above the head\'s own', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_several_min_probability: { fit: 0.7 } } }, error: /named_several_min_probability.fit must be a number from 0 to min_probability.fit \(0.6; got 0.7\)/ },
    { name: 'named thresholds that are not an object', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_min_probability: 0.5 } }, error: /named_min_probability must be an object of heads/ },
    { name: 'a longest name for the named thresholds that is not a whole number', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_max_name_chars: 60.5 } }, error: /named_max_name_chars must be a whole number of characters above 0 \(got 60.5\)/ },
    { name: 'a longest name of 0 characters', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_max_name_chars: 0 } }, error: /named_max_name_chars must be a whole number/ },
    { name: 'named contradiction heads that are not a list', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_contradiction: 'fit' } }, error: /named_contradiction must be a list of the model's heads \(colour, fit; got "fit"\)/ },
    { name: 'a named contradiction head the model lacks', extra: { unsure: { min_probability: { colour: 0.5, fit: 0.6 }, named_contradiction: ['size'] } }, error: /named_contradiction must be a list of the model's heads/ },
    { name: 'a missing distance', extra: { unsure: { ...unsure, ood: { kind: 'centroid_cosine', centroids: [[1, 0]] } } }, error: /ood.max_distance must be a number from 0 to 2 .*got nothing/ },
  ])('refuses $name', ({ extra, error }) => {
    expect(() => parseClassifierConfig(config(extra))).toThrow(error);
  });
});

describe('textRuleFor (why an item is unsure, in the item view)', () => {
  const rules = { scripts: [{ script: 'Han', minShare: 0.5, heads: ['colour', 'type'] }], evidence: [{ heads: ['colour'], words: ['red'], substrings: ['红'] }] };
  it('names a convention rule first, whatever the text', () => {
    const withConvention = { ...rules, conventions: [{ heads: ['type'] }] };
    expect(textRuleFor('白色T恤', 'type', withConvention)).toBe('convention');
    expect(textRuleFor('Red linen shirt', 'type', withConvention)).toBe('convention');
    expect(textRuleFor('白色T恤', 'colour', withConvention)).toBe('script');
  });

  it('names the script rule first, then the evidence rule, else nothing', () => {
    expect(textRuleFor('白色T恤', 'colour', rules)).toBe('script');
    expect(textRuleFor('白色T恤', 'type', rules)).toBe('script');
    expect(textRuleFor('白色T恤', 'gender', rules)).toBeUndefined();
    expect(textRuleFor('Linen shirt Details: soft', 'colour', rules)).toBe('evidence');
    expect(textRuleFor('Red linen shirt', 'colour', rules)).toBeUndefined();
    expect(textRuleFor('Linen shirt', 'colour', undefined)).toBeUndefined();
  });
});

describe('names too long for the named thresholds (unsure.named_max_name_chars)', () => {
  // The same cases as training/test_rules.py: the app and the training tables take the same names as too long.
  const golden = JSON.parse(readFileSync('test/fixtures/classifier/long-name-cases.json', 'utf8')) as { max_chars: number; cases: { text: string; name_chars: number; too_long: boolean }[] };
  const plan = { namedMaxNameChars: golden.max_chars };

  it('has the shared cases, some too long', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(10);
    expect(golden.cases.filter((c) => c.too_long).length).toBeGreaterThanOrEqual(4);
  });

  it.each(golden.cases)('"$text": $name_chars characters, too long $too_long', ({ text, name_chars, too_long }) => {
    const name = nameWordsOf(text, 'Item: ');
    expect([...name].length).toBe(name_chars); // Unicode code points, as Python counts them
    expect(nameTooLongForNamedThresholds(plan, name)).toBe(too_long);
  });

  it('is never too long without a limit, and the shipped config sets one', () => {
    expect(nameTooLongForNamedThresholds({}, 'x'.repeat(500))).toBe(false);
    const shipped = parseClassifierConfig(JSON.parse(readFileSync('public/models/trendloom-classifier/config.json', 'utf8')));
    expect(calibrationPlan(shipped).namedMaxNameChars).toBe(golden.max_chars);
  });
});
