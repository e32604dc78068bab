import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Classifier } from './classifier.ts';
import { parseClassifierConfig, parseNamedLabelsConfig } from './config.ts';
import { itemsContradicted, itemsLeftUnnamed, textRuleFor } from './calibration.ts';
import { nameWordsOf } from './inputText.ts';
import { labelsNamedIn, labelsNamedInItemText, labelsNamedInText, nameContradictionBlocks, namedBlocksFor, namedLabelMatcher, parentNamedBlock, textNamedBlocks, withNamedLabelBonus, type NamedLabelMatcher } from './namedLabels.ts';
import { TEST_MODEL_CONFIG, testModel } from './testModel.ts';

const shipped = parseClassifierConfig(JSON.parse(readFileSync(new URL('../../public/models/trendloom-classifier/config.json', import.meta.url), 'utf8')));
const matcher = namedLabelMatcher(shipped.named_colours!, shipped.input_template);
const typeMatcher = namedLabelMatcher(shipped.named_types!, shipped.input_template);
const genderMatcher = namedLabelMatcher(shipped.named_genders!, shipped.input_template);

/**
 * Registers the tests of one shared-cases fixture (training/test_rules.py checks the same cases) and returns it: at least
 * `cases` of them, at least `naming` naming something, and the matcher names each case's `key` labels.
 */
function sharedCases(fixture: string, key: string, matcher: NamedLabelMatcher, at: { cases: number; naming: number; kind: string }) {
  const golden = JSON.parse(readFileSync(new URL(`../../test/fixtures/classifier/${fixture}`, import.meta.url), 'utf8')) as { cases: ({ text: string } & Record<string, string[]>)[] };
  const cases = golden.cases.map((c) => ({ text: c.text, labels: c[key]! }));
  it(`has the shared cases, many naming a ${at.kind}`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(at.cases);
    expect(cases.filter((c) => c.labels.length > 0).length).toBeGreaterThanOrEqual(at.naming);
  });
  it.each(cases)('"$text" → $labels', ({ text, labels }) => {
    expect(labelsNamedInText(matcher, text)).toEqual(labels);
  });
  return golden;
}

describe('colours an item name names', () => {
  it('reads only the name: the words before the first field marker', () => {
    expect(nameWordsOf('Item: Navy linen shirt Details: white buttons', 'Item: ')).toBe('Navy linen shirt');
    expect(nameWordsOf('Details: a red dress', 'Item: ')).toBe('');
    expect(nameWordsOf('Item: Grey hoodie Colors: black', 'Item: ')).toBe('Grey hoodie');
    expect(labelsNamedInText(matcher, 'Item: Linen shirt Details: in navy')).toEqual([]);
  });

  it('maps trade names onto base colours, every colour named in the order named, a longer name before its part', () => {
    expect(labelsNamedInText(matcher, 'Item: Sage green wrap dress')).toEqual(['Olive', 'Green']);
    expect(labelsNamedInText(matcher, 'Item: White Red Shoe')).toEqual(['White', 'Red']);
    expect(labelsNamedInText(matcher, 'Item: Grey melange hoodie')).toEqual(['Grey Melange', 'Grey']); // "grey melange" claims "grey"
    expect(labelsNamedInText(matcher, 'Item: Off-White linen shirt')).toEqual(['Off White', 'Cream']);
    expect(labelsNamedInText(matcher, 'Item: Redwood shirt')).toEqual([]); // whole words only
    expect(labelsNamedInText(matcher, 'Item: 酒红色毛衣 女')).toEqual(['Maroon']); // the longest Chinese word claims its characters
    expect(labelsNamedInText(matcher, 'Item: 男士圆领短袖t恤 纯棉 黑色 打底衫')).toEqual(['Black']);
    expect(labelsNamedInText(matcher, 'Item: Navyé blazer')).toEqual([]); // an accented letter is part of the word, as in Python
  });

  // The same cases as training/test_rules.py: the app and the training tables lift the same colours.
  sharedCases('named-colour-cases.json', 'colours', matcher, { cases: 200, naming: 50, kind: 'colour' });

  it('works on a bare pattern list', () => {
    const word = (p: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${p})(?![\\p{L}\\p{N}_])`, 'gu');
    const m = { patterns: [{ regex: word('dark red'), labels: ['Maroon'] }, { regex: word('red'), labels: ['Red'] }] };
    expect(labelsNamedIn('Red dress', m)).toEqual(['Red']);
    expect(labelsNamedIn('Dark red dress with red trim', m)).toEqual(['Maroon', 'Red']);
    expect(labelsNamedIn('Dark red dress', m)).toEqual(['Maroon']);
    expect(labelsNamedIn('Bored', m)).toEqual([]);
  });
});

describe('article types an item name names', () => {
  it('reads every type word of the name, a longer word claiming its part, a hyphen joining words', () => {
    expect(labelsNamedInText(typeMatcher, 'Item: Waves blouse')).toEqual(['Tops', 'Shirts']);
    expect(labelsNamedInText(typeMatcher, 'Item: Ribbed crew-neck jumper Details: a dress to remember')).toEqual(['Sweaters']);
    expect(labelsNamedInText(typeMatcher, 'Item: Tie-dye T-shirt')).toEqual(['Tshirts']);
    expect(labelsNamedInText(typeMatcher, 'Item: Shirt, dress and belt')).toEqual(['Shirts', 'Dresses', 'Belts']);
    // A two-word name claims its words: a shirt dress is a dress, a bikini top swimwear, boxer shorts boxers.
    expect(labelsNamedInText(typeMatcher, 'Item: Shirt dress with belt')).toEqual(['Dresses', 'Belts']);
    expect(labelsNamedInText(typeMatcher, 'Item: Triangle bikini  top')).toEqual(['Swimwear']);
    expect(labelsNamedInText(typeMatcher, 'Item: Boxer shorts 3-pack')).toEqual(['Boxers']);
    expect(labelsNamedInText(typeMatcher, 'Item: Bikini-top')).toEqual([]); // hyphen-joined words name nothing alone, as "tie-dye"
    expect(labelsNamedInText(typeMatcher, 'Item: 2024夏季新款纯棉短袖T恤女宽松ins风白色上衣')).toEqual(['Tshirts', 'Tops']);
    expect(labelsNamedInText(typeMatcher, 'Item: Rebecca')).toEqual([]);
  });

  // The same cases as training/test_rules.py: the app and the training tables lift the same types.
  const golden = sharedCases('named-type-cases.json', 'types', typeMatcher, { cases: 250, naming: 100, kind: 'type' });

  it('compiles the hyphen-bound words into one pass, after the phrases, that names what one pattern per word or phrase names', () => {
    const phrases = shipped.named_types!.words.filter(([p]) => p.includes('\\s+')).length;
    expect(phrases).toBeGreaterThan(50);
    expect(typeMatcher.patterns).toHaveLength(phrases + 1);
    const word = (p: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${p})(?![\\p{L}\\p{N}_])`, 'gu');
    const oneByOne = { patterns: shipped.named_types!.words.map(([p, labels]) => ({ regex: word(p), labels })), substrings: typeMatcher.substrings };
    const names = [...golden.cases.map((c) => nameWordsOf(c.text, 'Item: ')), 'T-shirt, shirt and t-shirts', 'dress-shirt dress shirt', 'Shirt_dress shirt2 shirt', 'polo shirt dress', 'bikini top bikini  top bikini-top', 'swim shorts and boxer shorts', 'shirt\tdress'];
    for (const name of names) expect(labelsNamedIn(name, typeMatcher)).toEqual(labelsNamedIn(name, oneByOne));
  });

  it('the shipped config lifts the article-type head by a fitted bonus, and the master category through each type\'s parent', () => {
    expect(shipped.named_types!.head).toBe('articleType');
    expect(shipped.named_types!.bonus).toBeGreaterThan(0);
    const master = shipped.named_types!.parents!.masterCategory!;
    expect(master.bonus).toBeGreaterThan(0);
    expect([master.labels.Sweaters, master.labels['Casual Shoes'], master.labels.Handbags]).toEqual(['Apparel', 'Footwear', 'Accessories']);
    const masters = new Set(Object.values(shipped.heads.masterCategory!.id2label));
    expect(Object.values(master.labels).every((l) => masters.has(l))).toBe(true);
  });

  it('refuses a broken block with a readable error', () => {
    const base = { head_order: ['articleType'], heads: { articleType: { id2label: { 0: 'Dresses' } } } };
    expect(() => parseNamedLabelsConfig({ head: 'articleType', bonus: 1, colours: [['dress', ['Dresses']]] }, base, 'named_types')).toThrow(/words must be a non-empty list/);
    expect(() => parseNamedLabelsConfig({ head: 'articleType', bonus: 1, words: [['dress', []]] }, base, 'named_types')).toThrow(/each of words must be/);
    expect(parseNamedLabelsConfig({ head: 'articleType', bonus: 2, words: [['dress', ['Dresses']]] }, base, 'named_types').bonus).toBe(2);
    expect(() => parseNamedLabelsConfig({ head: 'articleType', bonus: 1, words: [['dress', ['Dresses']]], parents: { season: { bonus: 1, labels: {} } } }, base, 'named_types')).toThrow(/parents must name heads/);
    expect(() => parseNamedLabelsConfig({ head: 'articleType', bonus: 1, words: [['dress', ['Dresses']]], parents: { articleType: { bonus: -1, labels: {} } } }, base, 'named_types')).toThrow(/bonus must be a number/);
    expect(() => parseNamedLabelsConfig({ head: 'articleType', bonus: 1, words: [['dress', ['Dresses']]], parents: { articleType: { bonus: 1, labels: { Dresses: 3 } } } }, base, 'named_types')).toThrow(/labels must map/);
  });
});

describe('genders an item name names', () => {
  it('reads every gender word of the name as a whole word, a hyphen joining words, and the Chinese words', () => {
    expect(labelsNamedInText(genderMatcher, "Item: Everly Women's Notch Neck Top")).toEqual(['Women']);
    expect(labelsNamedInText(genderMatcher, 'Item: Nike Men Windrunner Blue Jacket')).toEqual(['Men']);
    expect(labelsNamedInText(genderMatcher, 'Item: Kids Superstar Shoes')).toEqual(['Boys', 'Girls']);
    expect(labelsNamedInText(genderMatcher, 'Item: Spider-Man Graphic Tee')).toEqual([]); // a hyphen joins words
    expect(labelsNamedInText(genderMatcher, 'Item: Boyfriend Jeans')).toEqual([]); // whole words only
    expect(labelsNamedInText(genderMatcher, 'Item: Ribbed jumper Details: for women')).toEqual([]); // the name only
    expect(labelsNamedInText(genderMatcher, 'Item: 秋季 新款 情侣款 黑 皮革 日常 双肩包')).toEqual(['Unisex']);
    expect(labelsNamedInText(genderMatcher, 'Item: 男士 polo衫 白色')).toEqual(['Men']);
  });

  // The same cases as training/test_rules.py: the app and the training tables lift the same genders.
  sharedCases('named-gender-cases.json', 'genders', genderMatcher, { cases: 250, naming: 100, kind: 'gender' });

  it('the shipped config lifts the gender head by a fitted bonus, onto genders the head has', () => {
    expect(genderMatcher.patterns).toHaveLength(1); // hyphen-bound words: one pass
    expect(shipped.named_genders!.head).toBe('gender');
    expect(shipped.named_genders!.bonus).toBeGreaterThan(0);
    const genders = new Set(Object.values(shipped.heads.gender!.id2label));
    expect(shipped.named_genders!.words.flatMap(([, labels]) => labels).every((l) => genders.has(l))).toBe(true);
    expect(shipped.named_genders!.substrings!.flatMap(([, labels]) => labels).every((l) => genders.has(l))).toBe(true);
  });

  it('refuses a broken block with a readable error', () => {
    const base = { head_order: ['gender'], heads: { gender: { id2label: { 0: 'Men' } } } };
    expect(() => parseNamedLabelsConfig({ head: 'gender', bonus: 1, colours: [['men', ['Men']]] }, base, 'named_genders')).toThrow(/words must be a non-empty list/);
    expect(() => parseNamedLabelsConfig({ head: 'sex', bonus: 1, words: [['men', ['Men']]] }, base, 'named_genders')).toThrow(/head must be one of/);
    expect(() => parseNamedLabelsConfig({ head: 'gender', bonus: 1, words: [['men', ['Men']]], parents: {} }, base, 'named_genders')).toThrow(/named_types only/);
    expect(parseNamedLabelsConfig({ head: 'gender', bonus: 1.5, words: [['men', ['Men']]] }, base, 'named_genders').bonus).toBe(1.5);
  });
});

describe('the text-named rule: genders the whole item text names', () => {
  it('reads the name and the description, without the template or the field markers', () => {
    expect(labelsNamedInItemText(genderMatcher, 'Item: Ribbed jumper Details: for women')).toEqual(['Women']);
    expect(labelsNamedInItemText(genderMatcher, "Item: Beach Shorts Details: These men's shorts dry fast")).toEqual(['Men']);
    expect(labelsNamedInItemText(genderMatcher, 'Item: Graphic Tee Details: Grab this t-shirt')).toEqual([]);
    expect(labelsNamedInItemText(genderMatcher, 'Item: Spider-Man tee Details: for kids')).toEqual(['Boys', 'Girls']);
    expect(labelsNamedInItemText(genderMatcher, 'Item: 男士 polo衫')).toEqual(['Men']);
    // The article type's words over the whole text, for the text-contradiction rule (the cases of training/test_rules.py).
    expect(labelsNamedInItemText(typeMatcher, 'Item: Amazing! Details: I love this tunic, super flattering')).toEqual(['Tunics']);
    expect(labelsNamedInItemText(typeMatcher, 'Item: Great long sweater Details: wear it over a t-shirt')).toEqual(['Sweaters', 'Tshirts']);
    expect(labelsNamedInItemText(typeMatcher, 'Item: 白色T恤')).toEqual(['Tshirts']);
  });

  it('pairs each head of the shipped rule with its named block, as the worker hands them to the page', () => {
    const blocks = textNamedBlocks(shipped, shipped.unsure!.text_named!);
    expect(blocks.map((b) => b.head)).toEqual(['gender']);
    expect(blocks[0]!.block).toBe(shipped.named_genders);
    // A head without a named block is left out.
    expect(textNamedBlocks(shipped, [{ heads: ['season'], basis: 'x' }])).toEqual([]);
  });

  it('tells the page which labels the rule keeps unsure (texts as the page joins them, no template)', () => {
    const rules = { textNamed: textNamedBlocks(shipped, shipped.unsure!.text_named!) };
    expect(textRuleFor('Graphic Tee Details: Grab this t-shirt', 'gender', rules, 'Women')).toBe('unnamed');
    expect(textRuleFor("Women's Graphic Tee", 'gender', rules, 'Women')).toBeUndefined();
    expect(textRuleFor('Graphic Tee Details: a tee for men', 'gender', rules, 'Women')).toBe('unnamed'); // names another gender
    expect(textRuleFor('Graphic Tee Details: a tee for men', 'gender', rules, 'Men')).toBeUndefined();
    expect(textRuleFor('Graphic Tee', 'articleType', rules, 'Tshirts')).toBeUndefined(); // no rule for the head
    expect(textRuleFor('Graphic Tee', 'gender', rules, null)).toBeUndefined(); // no label
    expect(textRuleFor('Graphic Tee', 'gender', rules)).toBeUndefined(); // no label given
    expect(textRuleFor('Graphic Tee', 'gender', undefined, 'Women')).toBeUndefined(); // no rules
    // A rule of the text itself comes first: the script rule, then the text-named one.
    const withScript = { ...rules, scripts: [{ script: 'Han', minShare: 0.5, heads: ['gender'] }] };
    expect(textRuleFor('白色T恤', 'gender', withScript, 'Women')).toBe('script');
    // The dashboard's count: items whose text does not name their label.
    const texts = ['Graphic Tee Details: Grab this t-shirt', "Women's Graphic Tee", 'Graphic Tee Details: a tee for men', 'Tee'];
    const labels = ['Women', 'Women', 'Men', null];
    expect(itemsLeftUnnamed(texts, { get: (i) => labels[i] }, rules.textNamed[0]!)).toBe(1);
  });

  it('tells the page which article types the text contradicts (the shipped text-contradiction rule)', () => {
    const blocks = textNamedBlocks(shipped, shipped.unsure!.text_contradiction!);
    expect(blocks.map((b) => b.head)).toEqual(['articleType']);
    expect(blocks[0]!.block).toBe(shipped.named_types);
    const rules = { textContradiction: blocks };
    expect(textRuleFor('Amazing! Details: I love this tunic', 'articleType', rules, 'Tshirts')).toBe('contradicted');
    expect(textRuleFor('Amazing! Details: I love this tunic', 'articleType', rules, 'Tunics')).toBeUndefined();
    expect(textRuleFor('Amazing! Details: So soft', 'articleType', rules, 'Tshirts')).toBeUndefined(); // names no type
    expect(textRuleFor('Amazing! Details: I love this tunic', 'gender', rules, 'Women')).toBeUndefined(); // no rule for the head
    expect(textRuleFor('Amazing! Details: I love this tunic', 'articleType', rules)).toBeUndefined(); // no label given
    // The name-contradiction rule on the page: the name alone (a description naming another colour does not count).
    expect(namedBlocksFor(shipped, shipped.unsure!.named_contradiction!).map((b) => b.head).sort()).toEqual(['articleType', 'baseColour', 'gender']); // master category has no block of its own
    const names = { nameContradiction: nameContradictionBlocks(shipped, shipped.unsure!.named_contradiction!) }; // as the worker hands them to the page
    // … so the page reads it through the type words' parents, as the classifier does.
    expect(names.nameContradiction.map((b) => b.head).sort()).toEqual(['articleType', 'baseColour', 'gender', 'masterCategory']);
    expect(textRuleFor('Leather sneakers Details: a soft cotton lining', 'masterCategory', names, 'Apparel')).toBe('contradicted');
    expect(textRuleFor('Leather sneakers Details: a soft cotton lining', 'masterCategory', names, 'Footwear')).toBeUndefined();
    expect(textRuleFor('Pebble Details: great with sneakers', 'masterCategory', names, 'Apparel')).toBeUndefined(); // the description does not count
    expect(textRuleFor('Navy linen shirt Details: white buttons', 'baseColour', names, 'White')).toBe('contradicted');
    expect(textRuleFor('Navy linen shirt Details: white buttons', 'baseColour', names, 'Navy Blue')).toBeUndefined();
    expect(textRuleFor('Linen shirt Details: white buttons', 'baseColour', names, 'Navy Blue')).toBeUndefined();
    // The dashboard's count: items whose text names other types than their label.
    const texts = ['Amazing! Details: I love this tunic', 'Amazing! Details: I love this tunic', 'So soft', 'Quilted vest'];
    const labels = ['Tshirts', 'Tunics', 'Tshirts', 'Jackets'];
    expect(itemsContradicted(texts, { get: (i) => labels[i] }, blocks[0]!)).toBe(2);
  });

  it("reads a parent head's labels from the type words as the classifier lifts them (each named type's parent)", () => {
    const parents = shipped.named_types!.parents!.masterCategory!;
    const block = parentNamedBlock(shipped.named_types!, 'masterCategory')!;
    expect(block.head).toBe('masterCategory');
    expect(block.bonus).toBe(parents.bonus);
    expect(parentNamedBlock(shipped.named_types!, 'season')).toBeUndefined();
    const parentMatcher = namedLabelMatcher(block, shipped.input_template);
    const names = ['Leather sneakers', 'Satin slip dress', 'Shirt dress with belt', 'Waves blouse', 'Canvas tote bag and scarf', 'Rebecca', '白色T恤', '运动鞋 黑色', 'Wool socks for boots'];
    for (const name of names) {
      const input = shipped.input_template.replace('{text}', name);
      const throughTypes = [...new Set(labelsNamedInText(typeMatcher, input).map((t) => parents.labels[t]).filter((l) => l !== undefined))];
      expect(labelsNamedInText(parentMatcher, input)).toEqual(throughTypes);
    }
    expect(labelsNamedInText(parentMatcher, 'Item: Leather sneakers')).toEqual(['Footwear']);
    expect(labelsNamedInText(parentMatcher, 'Item: Rebecca')).toEqual([]);
  });

  it('refuses a rule naming heads the model lacks', () => {
    const raw = JSON.parse(readFileSync(new URL('../../public/models/trendloom-classifier/config.json', import.meta.url), 'utf8'));
    raw.unsure.text_named = [{ heads: ['sex'], basis: 'x' }];
    expect(() => parseClassifierConfig(raw)).toThrow(/text_named\[0\]\.heads names heads the model does not have/);
    raw.unsure.text_named = [{ heads: ['gender'] }];
    expect(() => parseClassifierConfig(raw)).toThrow(/text_named\[0\]\.basis must say what the rule rests on/);
    raw.unsure.text_named = [{ heads: ['gender'], basis: 'x' }];
    raw.unsure.text_contradiction = [{ heads: ['type'], basis: 'x' }];
    expect(() => parseClassifierConfig(raw)).toThrow(/text_contradiction\[0\]\.heads names heads the model does not have/);
  });
});

describe('Classifier with named-type and named-gender bonuses together (fake session)', () => {
  const items = [
    { text: 'Blue slim shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Plain shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  // The fake model's "fit" plays the article type and "colour" the gender head.
  const config = parseClassifierConfig({
    ...TEST_MODEL_CONFIG,
    named_types: { head: 'fit', bonus: 2, words: [['slim', ['Slim']]] },
    named_genders: { head: 'colour', bonus: 2.5, words: [['(?<!-)blue(?!-)', ['Green']]] },
  });

  it('lifts the gender head by its own bonus, for the names that name one only', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [named, plain] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text), { topK: 3 });
    const z = [Math.exp(2), Math.exp(1), Math.exp(0 + 2.5)];
    expect(named!.heads.colour!.label).toBe('Green');
    expect(named!.heads.colour!.probability).toBeCloseTo(z[2]! / (z[0]! + z[1]! + z[2]!), 6);
    expect(named!.heads.fit!.label).toBe('Slim');
    expect(plain!.heads.colour!.label).toBe('Red'); // no gender word: the graph's logits
    expect(plain!.heads.fit!.label).toBe('Loose');
  });
});

describe('Classifier with a named sure threshold (fake session)', () => {
  const items = [
    { text: 'Slim shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Plain shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Loose shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  // "slim" lifts Slim by 1.5 (p = e^1.5 / (e^1.5 + e^1) ≈ 0.62); "loose" names Loose with a bonus of 0 (p = e / (1 + e) ≈ 0.73).
  const config = parseClassifierConfig({
    ...TEST_MODEL_CONFIG,
    named_types: { head: 'fit', bonus: 1.5, words: [['slim', ['Slim']]] },
    named_genders: { head: 'fit', bonus: 0, words: [['loose', ['Loose']]] },
    unsure: { min_probability: { colour: 0.85, fit: 0.85 }, named_min_probability: { fit: 0.6 } },
  });

  it('is sure from the named threshold when the name names the top label, with the head\'s own threshold otherwise', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [slim, plain, loose] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text));
    expect(slim!.heads.fit!.label).toBe('Slim');
    expect(slim!.heads.fit!.probability).toBeCloseTo(Math.exp(1.5) / (Math.exp(1.5) + Math.exp(1)), 6);
    expect(slim!.heads.fit!.sure).toBe(true); // 0.62 ≥ 0.6, named
    expect(plain!.heads.fit!.label).toBe('Loose');
    expect(plain!.heads.fit!.sure).toBe(false); // 0.73 < 0.85, not named
    expect(loose!.heads.fit!.sure).toBe(true); // named with a bonus of 0 still counts as named
    expect(slim!.heads.colour!.sure).toBe(false); // other heads keep their own threshold
  });
});

describe('Classifier with a longest name for the named thresholds (fake session)', () => {
  const longName = 'Slim shirt for work and weekends with a soft cotton feel and a relaxed collar'; // 77 characters
  const items = [
    { text: 'Slim shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
    { text: longName, colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  // "slim" lifts Slim by 1.5 (p ≈ 0.62, above the named 0.6, below the head's own 0.85) in both names.
  const unsure = { min_probability: { colour: 0.85, fit: 0.85 }, named_min_probability: { fit: 0.6 }, named_contradiction: ['fit'] };
  const named_types = { head: 'fit', bonus: 1.5, words: [['slim', ['Slim']]] };

  it('gives a name longer than named_max_name_chars the head\'s own threshold, a shorter one the named threshold', async () => {
    const { tokenizer, runtime } = testModel(items);
    const limited = parseClassifierConfig({ ...TEST_MODEL_CONFIG, named_types, unsure: { ...unsure, named_max_name_chars: 60 } });
    const [short, long] = await new Classifier(runtime, tokenizer, limited).classifyTexts(items.map((i) => i.text));
    expect(short!.heads.fit!.label).toBe('Slim');
    expect(short!.heads.fit!.sure).toBe(true);
    expect(long!.heads.fit!.label).toBe('Slim');
    expect(long!.heads.fit!.probability).toBeCloseTo(short!.heads.fit!.probability, 6);
    expect(long!.heads.fit!.sure).toBe(false); // 0.62 < 0.85: too long for the named threshold
    expect(long!.heads.fit!.unsureRule).toBeUndefined(); // a threshold, not a rule: the probability is the reason
    const unlimited = parseClassifierConfig({ ...TEST_MODEL_CONFIG, named_types, unsure });
    const [, longAgain] = await new Classifier(runtime, tokenizer, unlimited).classifyTexts(items.map((i) => i.text));
    expect(longAgain!.heads.fit!.sure).toBe(true);
  });
});

describe('Classifier with a several-named sure threshold (fake session)', () => {
  const items = [
    { text: 'Slim shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Slim loose shirt', colour: [0, 0, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  // "slim" lifts Slim by 1.5 (p ≈ 0.62); "slim loose" names both fits, lifting each by 1.5 (Loose wins, p = e / (1 + e) ≈ 0.73).
  const config = parseClassifierConfig({
    ...TEST_MODEL_CONFIG,
    named_types: { head: 'fit', bonus: 1.5, words: [['slim', ['Slim']], ['loose', ['Loose']]] },
    unsure: { min_probability: { colour: 0.85, fit: 0.85 }, named_min_probability: { fit: 0.6 }, named_several_min_probability: { fit: 0.8 } },
  });

  it('is sure from the several-named threshold when the name names several labels of the head', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [one, several] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text));
    expect(one!.heads.fit!.label).toBe('Slim');
    expect(one!.heads.fit!.sure).toBe(true); // 0.62 ≥ 0.6, the only fit named
    expect(several!.heads.fit!.label).toBe('Loose');
    expect(several!.heads.fit!.probability).toBeCloseTo(Math.E / (1 + Math.E), 6);
    expect(several!.heads.fit!.sure).toBe(false); // 0.73 < 0.8: named among two
    const lower = parseClassifierConfig({ ...config, unsure: { ...config.unsure!, named_several_min_probability: { fit: 0.7 } } });
    const [, again] = await new Classifier(runtime, tokenizer, lower).classifyTexts(items.map((i) => i.text));
    expect(again!.heads.fit!.sure).toBe(true);
  });
});

describe('Classifier with the named contradiction rule (fake session)', () => {
  const items = [
    { text: 'Slim shirt', colour: [0, 0, 0], fit: [0, 5], embedding: [1, 0] },
    { text: 'Plain shirt', colour: [0, 0, 0], fit: [0, 5], embedding: [1, 0] },
    { text: 'Purple shirt', colour: [0, 0, 0], fit: [0, 5], embedding: [1, 0] },
  ];
  // "slim" names Slim (bonus 1: Loose still wins at e^5 / (e^5 + e^1) ≈ 0.98); "purple" names a label the head lacks.
  const named_types = { head: 'fit', bonus: 1, words: [['slim', ['Slim']], ['purple', ['Purple']]] };
  const unsure = { min_probability: { colour: 0.85, fit: 0.85 } };

  it('keeps a head unsure when the name names labels of it but not the top one, and only on the heads it lists', async () => {
    const { tokenizer, runtime } = testModel(items);
    const withRule = parseClassifierConfig({ ...TEST_MODEL_CONFIG, named_types, unsure: { ...unsure, named_contradiction: ['fit'] } });
    const [slim, plain, purple] = await new Classifier(runtime, tokenizer, withRule).classifyTexts(items.map((i) => i.text));
    expect(slim!.heads.fit!.label).toBe('Loose');
    expect(slim!.heads.fit!.probability).toBeGreaterThan(0.95);
    expect(slim!.heads.fit!.sure).toBe(false); // the name says slim, the model Loose
    expect(slim!.heads.fit!.unsureRule).toBe('contradicted'); // the reason the item view gives
    expect(plain!.heads.fit!.sure).toBe(true); // the name names no fit
    expect(purple!.heads.fit!.sure).toBe(true); // a named label the head does not have is not a contradiction
    const withoutRule = parseClassifierConfig({ ...TEST_MODEL_CONFIG, named_types, unsure });
    const [slimAgain] = await new Classifier(runtime, tokenizer, withoutRule).classifyTexts([items[0]!.text]);
    expect(slimAgain!.heads.fit!.sure).toBe(true);
  });
});

describe('the named-colour bonus', () => {
  it('adds the bonus at each named class, skips labels the head lacks and leaves the input alone', () => {
    const logits = Float32Array.from([0, 1, 2]);
    const classOf = new Map([['Red', 0], ['Blue', 2]]);
    const out = withNamedLabelBonus(logits, classOf, ['Red', 'Mushroom Brown'], 1.5);
    expect([...out]).toEqual([1.5, 1, 2]);
    expect([...logits]).toEqual([0, 1, 2]);
    expect([...withNamedLabelBonus(logits, classOf, [], 1.5)]).toEqual([0, 1, 2]);
  });

  it('the shipped config lifts its colour head by a fitted bonus', () => {
    expect(shipped.named_colours!.head).toBe('baseColour');
    expect(shipped.named_colours!.bonus).toBeGreaterThan(0);
  });

  it('refuses a broken block with a readable error', () => {
    const base = { head_order: ['baseColour'], heads: { baseColour: { id2label: { 0: 'Red' } } } };
    expect(() => parseNamedLabelsConfig({ head: 'colour', bonus: 1, colours: [['red', ['Red']]] }, base, 'named_colours')).toThrow(/head must be one of/);
    expect(() => parseNamedLabelsConfig({ head: 'baseColour', bonus: -1, colours: [['red', ['Red']]] }, base, 'named_colours')).toThrow(/bonus/);
    expect(() => parseNamedLabelsConfig({ head: 'baseColour', bonus: 1, colours: [['(red', ['Red']]] }, base, 'named_colours')).toThrow(/not a regular expression/);
    expect(() => parseNamedLabelsConfig({ head: 'baseColour', bonus: 1, colours: [['red', []]] }, base, 'named_colours')).toThrow(/must be \[pattern, labels\]/);
    expect(() => parseNamedLabelsConfig({ head: 'baseColour', bonus: 1, colours: [['red', ['Red']]], substrings: [['', ['Red']]] }, base, 'named_colours')).toThrow(/\[word, labels\]/);
    expect(parseNamedLabelsConfig({ head: 'baseColour', bonus: 1, colours: [['red', ['Red']]] }, base, 'named_colours').bonus).toBe(1);
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

describe('Classifier with named-colour and named-type bonuses together (fake session)', () => {
  const items = [
    { text: 'Blue slim shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Blue shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  const config = parseClassifierConfig({
    ...TEST_MODEL_CONFIG,
    named_colours: { head: 'colour', bonus: 3, colours: [['blue', ['Blue']]] },
    named_types: { head: 'fit', bonus: 2, words: [['slim', ['Slim']]] },
  });

  it('lifts each block\'s own head by its own bonus', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [both, colourOnly] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text));
    expect(both!.heads.colour!.label).toBe('Blue');
    expect(both!.heads.fit!.label).toBe('Slim');
    expect(both!.heads.fit!.probability).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1)), 6);
    expect(colourOnly!.heads.colour!.label).toBe('Blue');
    expect(colourOnly!.heads.fit!.label).toBe('Loose'); // no type word: the graph's logits
  });
});

describe('Classifier with a named type\'s parent bonus (fake session)', () => {
  const items = [
    { text: 'Slim shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
    { text: 'Plain shirt', colour: [2, 1, 0], fit: [0, 1], embedding: [1, 0] },
  ];
  // The fake model's "fit" plays the article type and "colour" its parent head.
  const config = parseClassifierConfig({
    ...TEST_MODEL_CONFIG,
    named_types: { head: 'fit', bonus: 2, words: [['slim', ['Slim']]], parents: { colour: { bonus: 1.5, labels: { Slim: 'Green', Loose: 'Red' } } } },
  });

  it('lifts the parent label of each type named, by the parent\'s own bonus', async () => {
    const { tokenizer, runtime } = testModel(items);
    const [named, plain] = await new Classifier(runtime, tokenizer, config).classifyTexts(items.map((i) => i.text), { topK: 3 });
    expect(named!.heads.fit!.label).toBe('Slim');
    const green = named!.heads.colour!.top.find((s) => s.label === 'Green')!.probability;
    const z = [Math.exp(2), Math.exp(1), Math.exp(0 + 1.5)];
    expect(green).toBeCloseTo(z[2]! / (z[0]! + z[1]! + z[2]!), 6);
    expect(plain!.heads.colour!.top.find((s) => s.label === 'Green')!.probability).toBeCloseTo(1 / (Math.exp(2) + Math.exp(1) + 1), 6);
  });
});
