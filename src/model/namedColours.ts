/**
 * The colours an item's name names ("Sage green wrap dress" → Olive, Green), and the bonus config.json's
 * `named_colours` block adds to the colour head's logits of those colours. The same rule as
 * training/rules.py `name_colours` (over training/taxonomy.py `colours_named`), checked against the shared
 * cases of test/fixtures/classifier/named-colour-cases.json. Pure; no DOM.
 */
import { nameWordsOf } from './calibration.ts';
import type { NamedColoursConfig } from './config.ts';

/** A `named_colours` block ready to apply: its patterns compiled as whole-word matches. */
export interface NamedColourMatcher {
  /** The head whose logits get the bonus. */
  head: string;
  /** Added to the logit of each named colour. */
  bonus: number;
  /** In order of priority; each claims its matches that no earlier pattern claimed (global regular expressions, for matchAll). */
  patterns: { regex: RegExp; labels: readonly string[] }[];
  /** After the patterns, in order: words found anywhere (Chinese colour words), each claiming its unclaimed occurrences. */
  substrings: { text: string; labels: readonly string[] }[];
  /** The input template's words around `{text}` ("Item:"), not part of the name. */
  templateText: string;
}

// Python's \b in a str pattern: a word character is a letter, a number or "_".
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

/** Compiles a config's `named_colours` block for inputs built with `inputTemplate` (e.g. "Item: {text}"). */
export function namedColourMatcher(block: NamedColoursConfig, inputTemplate: string): NamedColourMatcher {
  return {
    head: block.head,
    bonus: block.bonus,
    patterns: block.colours.map(([pattern, labels]) => ({ regex: new RegExp(`${WORD_BEFORE}(?:${pattern})${WORD_AFTER}`, 'gu'), labels })),
    substrings: (block.substrings ?? []).map(([text, labels]) => ({ text, labels })),
    templateText: inputTemplate.replace('{text}', ''),
  };
}

/**
 * The colours a name names, in the order it names them: each pattern in turn claims its whole-word
 * matches (lower case) that no earlier pattern claimed ("grey melange" before "grey"), then each substring
 * its occurrences anywhere ("酒红色" before "红"), and gives its labels; "White Red Shoe" names White and
 * Red; no colour gives [].
 */
export function coloursNamedIn(name: string, matcher: Pick<NamedColourMatcher, 'patterns'> & Partial<Pick<NamedColourMatcher, 'substrings'>>): string[] {
  const text = name.toLowerCase();
  const claimed: [number, number][] = [];
  const found: { at: number; labels: readonly string[] }[] = [];
  const claim = (start: number, end: number, labels: readonly string[]) => {
    if (claimed.some(([s, e]) => start < e && s < end)) return;
    claimed.push([start, end]);
    found.push({ at: start, labels });
  };
  for (const { regex, labels } of matcher.patterns) {
    for (const match of text.matchAll(regex)) claim(match.index!, match.index! + match[0].length, labels);
  }
  for (const { text: word, labels } of matcher.substrings ?? []) {
    for (let at = text.indexOf(word); at >= 0 && word !== ''; at = text.indexOf(word, at + word.length)) claim(at, at + word.length, labels);
  }
  const out: string[] = [];
  for (const { labels } of found.sort((a, b) => a.at - b.at)) for (const label of labels) if (!out.includes(label)) out.push(label);
  return out;
}

/** The colours an input text's name names (`nameWordsOf`, then `coloursNamedIn`). */
export function coloursNamedInText(matcher: NamedColourMatcher, inputText: string): string[] {
  return coloursNamedIn(nameWordsOf(inputText, matcher.templateText), matcher);
}

/** A copy of the head's logits with `bonus` added at each named label's class (labels the head lacks are skipped). */
export function withNamedColourBonus(logits: ArrayLike<number>, classOf: ReadonlyMap<string, number>, named: readonly string[], bonus: number): Float32Array {
  const out = Float32Array.from(logits);
  for (const label of named) {
    const index = classOf.get(label);
    if (index !== undefined) out[index] = out[index]! + bonus;
  }
  return out;
}
