import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Classifier } from './classifier.ts';
import { parseClassifierConfig, parseNamedColoursConfig } from './config.ts';
import { nameWordsOf } from './calibration.ts';
import { coloursNamedIn, coloursNamedInText, namedColourMatcher, withNamedColourBonus } from './namedColours.ts';
import { TEST_MODEL_CONFIG, testModel } from './testModel.ts';

const shipped = parseClassifierConfig(JSON.parse(readFileSync(new URL('../../public/models/trendloom-classifier/config.json', import.meta.url), 'utf8')));
const matcher = namedColourMatcher(shipped.named_colours!, shipped.input_template);

describe('colours an item name names', () => {
  it('reads only the name: the words before the first field marker', () => {
    expect(nameWordsOf('Item: Navy linen shirt Details: white buttons', 'Item: ')).toBe('Navy linen shirt');
    expect(nameWordsOf('Details: a red dress', 'Item: ')).toBe('');
    expect(nameWordsOf('Item: Grey hoodie Colors: black', 'Item: ')).toBe('Grey hoodie');
    expect(coloursNamedInText(matcher, 'Item: Linen shirt Details: in navy')).toEqual([]);
  });

  it('maps trade names onto base colours, every colour named in the order named, a longer name before its part', () => {
    expect(coloursNamedInText(matcher, 'Item: Sage green wrap dress')).toEqual(['Olive', 'Green']);
    expect(coloursNamedInText(matcher, 'Item: White Red Shoe')).toEqual(['White', 'Red']);
    expect(coloursNamedInText(matcher, 'Item: Grey melange hoodie')).toEqual(['Grey Melange', 'Grey']); // "grey melange" claims "grey"
    expect(coloursNamedInText(matcher, 'Item: Off-White linen shirt')).toEqual(['Off White', 'Cream']);
    expect(coloursNamedInText(matcher, 'Item: Redwood shirt')).toEqual([]); // whole words only
    expect(coloursNamedInText(matcher, 'Item: 酒红色毛衣 女')).toEqual(['Maroon']); // the longest Chinese word claims its characters
    expect(coloursNamedInText(matcher, 'Item: 男士圆领短袖t恤 纯棉 黑色 打底衫')).toEqual(['Black']);
    expect(coloursNamedInText(matcher, 'Item: Navyé blazer')).toEqual([]); // an accented letter is part of the word, as in Python
  });

  // The same cases as training/test_rules.py: the app and the training tables lift the same colours.
  const golden = JSON.parse(readFileSync(new URL('../../test/fixtures/classifier/named-colour-cases.json', import.meta.url), 'utf8')) as { cases: { text: string; colours: string[] }[] };
  it('has the shared cases, many naming a colour', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(200);
    expect(golden.cases.filter((c) => c.colours.length > 0).length).toBeGreaterThanOrEqual(50);
  });
  it.each(golden.cases)('"$text" → $colours', ({ text, colours }) => {
    expect(coloursNamedInText(matcher, text)).toEqual(colours);
  });

  it('works on a bare pattern list', () => {
    const word = (p: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${p})(?![\\p{L}\\p{N}_])`, 'gu');
    const m = { patterns: [{ regex: word('dark red'), labels: ['Maroon'] }, { regex: word('red'), labels: ['Red'] }] };
    expect(coloursNamedIn('Red dress', m)).toEqual(['Red']);
    expect(coloursNamedIn('Dark red dress with red trim', m)).toEqual(['Maroon', 'Red']);
    expect(coloursNamedIn('Dark red dress', m)).toEqual(['Maroon']);
    expect(coloursNamedIn('Bored', m)).toEqual([]);
  });
});

describe('the named-colour bonus', () => {
  it('adds the bonus at each named class, skips labels the head lacks and leaves the input alone', () => {
    const logits = Float32Array.from([0, 1, 2]);
    const classOf = new Map([['Red', 0], ['Blue', 2]]);
    const out = withNamedColourBonus(logits, classOf, ['Red', 'Mushroom Brown'], 1.5);
    expect([...out]).toEqual([1.5, 1, 2]);
    expect([...logits]).toEqual([0, 1, 2]);
    expect([...withNamedColourBonus(logits, classOf, [], 1.5)]).toEqual([0, 1, 2]);
  });

  it('the shipped config lifts its colour head by a fitted bonus', () => {
    expect(shipped.named_colours!.head).toBe('baseColour');
    expect(shipped.named_colours!.bonus).toBeGreaterThan(0);
  });

  it('refuses a broken block with a readable error', () => {
    const base = { head_order: ['baseColour'], heads: { baseColour: { id2label: { 0: 'Red' } } } };
    expect(() => parseNamedColoursConfig({ head: 'colour', bonus: 1, colours: [['red', ['Red']]] }, base)).toThrow(/head must be one of/);
    expect(() => parseNamedColoursConfig({ head: 'baseColour', bonus: -1, colours: [['red', ['Red']]] }, base)).toThrow(/bonus/);
    expect(() => parseNamedColoursConfig({ head: 'baseColour', bonus: 1, colours: [['(red', ['Red']]] }, base)).toThrow(/not a regular expression/);
    expect(() => parseNamedColoursConfig({ head: 'baseColour', bonus: 1, colours: [['red', []]] }, base)).toThrow(/\[pattern, labels\]/);
    expect(() => parseNamedColoursConfig({ head: 'baseColour', bonus: 1, colours: [['red', ['Red']]], substrings: [['', ['Red']]] }, base)).toThrow(/\[word, labels\]/);
    expect(parseNamedColoursConfig({ head: 'baseColour', bonus: 1, colours: [['red', ['Red']]] }, base).bonus).toBe(1);
  });
});

describe('Classifier with a named-colour bonus (fake session)', () => {
  const items = [
    { text: 'Blue linen shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Linen shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Linen shirt Details: blue buttons', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  const config = parseClassifierConfig({ ...TEST_MODEL_CONFIG, named_colours: { head: 'colour', bonus: 3, colours: [['blue', ['Blue']], ['red', ['Red']]] } });

  it('lifts the colours the name names before the softmax, and only those', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [named, plain, described] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text));
    const z = [Math.exp(2), Math.exp(1 + 3), 1];
    expect(named!.heads.colour!.label).toBe('Blue');
    expect(named!.heads.colour!.probability).toBeCloseTo(z[1]! / (z[0]! + z[1]! + z[2]!), 6);
    expect(plain!.heads.colour!.label).toBe('Red'); // no colour named: the graph's logits
    expect(described!.heads.colour!.label).toBe('Red'); // a colour in the description is not the name's
    expect(named!.heads.fit).toEqual(plain!.heads.fit); // other heads untouched
  });
});
