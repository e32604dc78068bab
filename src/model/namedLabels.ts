/**
 * The labels an item's name names — colours ("Sage green wrap dress" → Olive, Green), article types
 * ("Waves blouse" → Tops, Shirts) and genders ("Women's Notch Neck Top" → Women) — and the bonus config.json's
 * `named_colours`, `named_types` and `named_genders` blocks add to their head's logits of those labels. The
 * same rule as training/rules.py `name_colours` / `name_types` / `name_genders` (over training/taxonomy.py
 * `labels_named`), checked against the shared cases of test/fixtures/classifier/named-colour-cases.json,
 * named-type-cases.json and named-gender-cases.json. Pure; no DOM.
 */
import { itemWordsOf, nameWordsOf } from './inputText.ts';
import { NAMED_LABEL_BLOCKS, type ClassifierConfig, type NamedLabelsConfig, type NamedTypesConfig, type UnsureTextNamedRule } from './config.ts';

/** A `named_colours`, `named_types` or `named_genders` block ready to apply: its patterns compiled as whole-word matches. */
export interface NamedLabelMatcher {
  /** The head whose logits get the bonus. */
  head: string;
  /** Added to the logit of each named label. */
  bonus: number;
  /**
   * In order of priority; each claims its matches that no earlier pattern claimed (global regular expressions,
   * for matchAll), giving its `labels`, or, with `byWord`, the labels of the word it matched; one with a `gate` is skipped when
   * the gate (any of the phrases at once) finds nothing in the name, which is the same answer, faster.
   */
  patterns: { regex: RegExp; labels: readonly string[]; byWord?: ReadonlyMap<string, readonly string[]>; gate?: RegExp }[];
  /** After the patterns, in order: words found anywhere (Chinese words), each claiming its unclaimed occurrences. */
  substrings: { text: string; labels: readonly string[] }[];
  /** The input template's words around `{text}` ("Item:"), not part of the name. */
  templateText: string;
}

// Python's \b in a str pattern: a word character is a letter, a number or "_".
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

// A pattern that is one word, no hyphen beside it ("(?<!-)t-shirt(?!-)": named_types and named_genders words).
const HYPHEN_BOUND_WORD = /^\(\?<!-\)([\p{Ll}-]+)\(\?!-\)$/u;
// A pattern that is a phrase of such words, any white space between them ("(?<!-)bikini\\s+top(?!-)": named_types).
const HYPHEN_BOUND_PHRASE = /^\(\?<!-\)[\p{Ll}-]+(?:\\s\+[\p{Ll}-]+)+\(\?!-\)$/u;

/**
 * Compiles a `named_colours`, `named_types` or `named_genders` block for inputs built with `inputTemplate` (e.g. "Item: {text}").
 * When every pattern is a hyphen-bound word or phrase, each word's match is a whole run of letters and hyphens, so no two
 * words' matches can overlap and their order of claiming cannot matter: the words are compiled into one regular
 * expression (one pass over the name instead of one per word) that gives the labels of the word it matched. The phrases
 * keep their own expressions and claim first, in their order: a word can only overlap a phrase it is part of, and such a
 * phrase is longer, so it comes before the word in the block's longest-first order too.
 */
export function namedLabelMatcher(block: NamedLabelsConfig, inputTemplate: string): NamedLabelMatcher {
  const pairs = 'colours' in block ? block.colours : block.words;
  const words = pairs.map(([pattern]) => HYPHEN_BOUND_WORD.exec(pattern)?.[1]);
  const isPhrase = pairs.map(([pattern]) => HYPHEN_BOUND_PHRASE.test(pattern));
  const ownPattern = ([pattern, labels]: readonly [string, readonly string[]]) => ({ regex: new RegExp(`${WORD_BEFORE}(?:${pattern})${WORD_AFTER}`, 'gu'), labels });
  const wordEntries = pairs.flatMap(([, labels], i) => (words[i] !== undefined ? [[words[i]!, labels] as const] : []));
  const wordsAtOnce = () => ({ regex: new RegExp(`${WORD_BEFORE}(?<!-)(?:${wordEntries.map(([w]) => w).join('|')})(?!-)${WORD_AFTER}`, 'gu'), labels: [], byWord: new Map(wordEntries) });
  const patterns = words.every((w, i) => w !== undefined || isPhrase[i])
    ? [...phrasesGated(pairs.filter((_, i) => isPhrase[i]).map(ownPattern)), ...(wordEntries.length > 0 ? [wordsAtOnce()] : [])]
    : pairs.map(ownPattern);
  return {
    head: block.head,
    bonus: block.bonus,
    patterns,
    substrings: (block.substrings ?? []).map(([text, labels]) => ({ text, labels })),
    templateText: inputTemplate.replace('{text}', ''),
  };
}

/** The phrases' own expressions, each with one shared gate: any of them, in one pass (most names hold none). */
function phrasesGated(phrases: { regex: RegExp; labels: readonly string[] }[]): { regex: RegExp; labels: readonly string[]; gate: RegExp }[] {
  const gate = new RegExp(phrases.map(({ regex }) => regex.source).join('|'), 'u');
  return phrases.map((p) => ({ ...p, gate }));
}

/**
 * The labels a name names, in the order it names them: each pattern in turn claims its whole-word
 * matches (lower case) that no earlier pattern claimed ("grey melange" before "grey"), then each substring
 * its occurrences anywhere ("酒红色" before "红"), and gives its labels; "White Red Shoe" names White and
 * Red; nothing named gives [].
 */
export function labelsNamedIn(name: string, matcher: Pick<NamedLabelMatcher, 'patterns'> & Partial<Pick<NamedLabelMatcher, 'substrings'>>): string[] {
  const text = name.toLowerCase();
  const claimed: [number, number][] = [];
  const found: { at: number; labels: readonly string[] }[] = [];
  const claim = (start: number, end: number, labels: readonly string[]) => {
    if (claimed.some(([s, e]) => start < e && s < end)) return;
    claimed.push([start, end]);
    found.push({ at: start, labels });
  };
  let checkedGate: RegExp | undefined; // the phrases share one gate: it is tested once per name
  let gateOpen = false;
  for (const { regex, labels, byWord, gate } of matcher.patterns) {
    if (gate) {
      if (gate !== checkedGate) (checkedGate = gate), (gateOpen = gate.test(text));
      if (!gateOpen) continue;
    }
    for (const match of text.matchAll(regex)) claim(match.index!, match.index! + match[0].length, byWord?.get(match[0]) ?? labels);
  }
  for (const { text: word, labels } of matcher.substrings ?? []) {
    for (let at = text.indexOf(word); at >= 0 && word !== ''; at = text.indexOf(word, at + word.length)) claim(at, at + word.length, labels);
  }
  const out: string[] = [];
  for (const { labels } of found.sort((a, b) => a.at - b.at)) for (const label of labels) if (!out.includes(label)) out.push(label);
  return out;
}

/** The labels an input text's name names (`nameWordsOf`, then `labelsNamedIn`). */
export function labelsNamedInText(matcher: NamedLabelMatcher, inputText: string): string[] {
  return labelsNamedIn(nameWordsOf(inputText, matcher.templateText), matcher);
}

/** A copy of the head's logits with `bonus` added at each named label's class (labels the head lacks are skipped). */
export function withNamedLabelBonus(logits: ArrayLike<number>, classOf: ReadonlyMap<string, number>, named: readonly string[], bonus: number): Float32Array {
  const out = Float32Array.from(logits);
  for (const label of named) {
    const index = classOf.get(label);
    if (index !== undefined) out[index] = out[index]! + bonus;
  }
  return out;
}

/** The labels an input text names anywhere in the item's own words, name and description (`itemWordsOf`, then `labelsNamedIn`). */
export function labelsNamedInItemText(matcher: NamedLabelMatcher, inputText: string): string[] {
  return labelsNamedIn(itemWordsOf(inputText, matcher.templateText), matcher);
}

/** The config's named block whose words name `head`'s labels, if any. */
function ownNamedBlock(config: Pick<ClassifierConfig, (typeof NAMED_LABEL_BLOCKS)[number]>, head: string): NamedLabelsConfig | undefined {
  return NAMED_LABEL_BLOCKS.map((name) => config[name]).find((b) => b?.head === head);
}

/** Each of `heads` with the config's named block whose words name its labels (heads without one are left out). */
export function namedBlocksFor(config: Pick<ClassifierConfig, (typeof NAMED_LABEL_BLOCKS)[number]>, heads: Iterable<string>): { head: string; block: NamedLabelsConfig }[] {
  const out: { head: string; block: NamedLabelsConfig }[] = [];
  for (const head of new Set(heads)) {
    const block = ownNamedBlock(config, head);
    if (block) out.push({ head, block });
  }
  return out;
}

/**
 * A `named_types.parents` head's view of the type words (e.g. masterCategory): each word names its types' parent
 * labels there ("sneakers" → Footwear), as the classifier lifts and checks that head; undefined when the block has
 * no such parent head.
 */
export function parentNamedBlock(types: NamedTypesConfig, head: string): NamedTypesConfig | undefined {
  const parent = types.parents?.[head];
  if (!parent) return undefined;
  const up = (labels: readonly string[]) => [...new Set(labels.map((t) => parent.labels[t]).filter((l): l is string => l !== undefined))];
  return {
    head,
    bonus: parent.bonus,
    words: types.words.map(([pattern, labels]) => [pattern, up(labels)]),
    ...(types.substrings ? { substrings: types.substrings.map(([text, labels]) => [text, up(labels)] as [string, string[]]) } : {}),
  };
}

/**
 * Each of the name-contradiction rule's `heads` with the words that name its labels in the item's name, as the
 * classifier reads them: the head's own named block, or for a head above the article type the type words through
 * their parents (`parentNamedBlock`); heads with neither are left out.
 */
export function nameContradictionBlocks(config: Pick<ClassifierConfig, (typeof NAMED_LABEL_BLOCKS)[number]>, heads: Iterable<string>): { head: string; block: NamedLabelsConfig }[] {
  const out: { head: string; block: NamedLabelsConfig }[] = [];
  for (const head of new Set(heads)) {
    const block = ownNamedBlock(config, head) ?? (config.named_types ? parentNamedBlock(config.named_types, head) : undefined);
    if (block) out.push({ head, block });
  }
  return out;
}

/** Each head of the text-named (or text-contradiction) rules with the config's named block whose words name its labels (heads without one are left out). */
export function textNamedBlocks(config: Pick<ClassifierConfig, (typeof NAMED_LABEL_BLOCKS)[number]>, rules: readonly UnsureTextNamedRule[]): { head: string; block: NamedLabelsConfig }[] {
  return namedBlocksFor(config, rules.flatMap((r) => r.heads));
}
