/**
 * Calibration and "unsure" for the classifier's heads, from the `calibration` and `unsure` blocks of
 * config.json: the temperature-scaled softmax, the embedding's out-of-distribution (OOD) distance
 * to the training centroids, and the per-head sure decision. Without either block everything is as
 * before: temperature 1 and every item sure. Pure; no DOM.
 */
import type { ClassifierConfig, NamedLabelsConfig, UnsureEvidenceRule, UnsureScriptRule } from './config.ts';
import { hashText } from './hash.ts';
import { itemWordsOf, nameWordsOf } from './inputText.ts';
import { labelsNamedIn, namedLabelMatcher, type NamedLabelMatcher } from './namedLabels.ts';
import { hanShare } from '../core/script.ts';

export { hanShare };
import { softmax } from './postprocess.ts';

/** Softmax of `logits / temperature`; temperature 1 is exactly `softmax(logits)`. */
export function temperedSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (temperature === 1) return softmax(logits);
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) scaled[i] = logits[i]! / temperature;
  return softmax(scaled);
}

/** `vector / max(‖vector‖, 1e-9)` (a zero vector stays zero, as training/calibrate.py's `unit`). */
export function l2Normalise(vector: ArrayLike<number>): Float64Array {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i]! * vector[i]!;
  const norm = Math.max(Math.sqrt(squares), 1e-9);
  const out = new Float64Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

/**
 * OOD distance: 1 − the largest cosine similarity between the L2-normalised embedding and any of the
 * (already L2-normalised) centroids; in [0, 2]. NaN when the embedding holds NaN (never "sure").
 */
export function oodDistance(embedding: ArrayLike<number>, centroids: readonly ArrayLike<number>[]): number {
  if (centroids.length === 0) throw new Error('The OOD test needs at least one centroid.');
  const unit = l2Normalise(embedding);
  let best = -Infinity;
  for (const centroid of centroids) {
    if (centroid.length !== unit.length) throw new Error(`The embedding has ${unit.length} values but an OOD centroid has ${centroid.length}; config.json and the model do not match.`);
    let dot = 0;
    for (let k = 0; k < unit.length; k++) dot += unit[k]! * centroid[k]!;
    best = Math.max(best, dot);
  }
  return 1 - best;
}

/** The OOD part of a sure decision: an item's distance and the largest distance still in distribution. */
export interface OodCheck {
  /** The item's OOD distance (`oodDistance`). */
  distance: number;
  /** `unsure.ood.max_distance`. */
  maxDistance: number;
}

/** Sure when `probability ≥ minProbability` and, with an OOD check, `distance ≤ maxDistance` (NaN anywhere: not sure). */
export function isSure(probability: number, minProbability: number, ood?: OodCheck): boolean {
  return probability >= minProbability && (ood === undefined || ood.distance <= ood.maxDistance);
}

const HAN = /\p{Script=Han}/u;
/** One head's calibration, ready to apply. */
export interface HeadCalibration {
  /** Softmax temperature (1 without a calibration block). */
  temperature: number;
  /** Smallest sure top-1 probability (0 without an unsure block). */
  minProbability: number;
  /** Smallest sure top-1 probability when the item's name names the top label (`unsure.named_min_probability`); absent: `minProbability`. */
  namedMinProbability?: number;
  /** The same when the name names several labels of the head (`unsure.named_several_min_probability`); absent: `namedMinProbability`. */
  namedSeveralMinProbability?: number;
}

/** A config's calibration and unsure rule in ready-to-use form (defaults where a block is absent). */
export interface CalibrationPlan {
  /** Per head in model order. */
  heads: ReadonlyMap<string, HeadCalibration>;
  /** Whether the config has an unsure block (without one every item is sure). */
  judgesSure: boolean;
  /** The OOD test, when the unsure block has one: centroids re-normalised exactly, and the threshold. */
  ood?: { centroids: Float64Array[]; maxDistance: number };
  /** Heads never sure when the item's name names labels of the head but not the top one (`unsure.named_contradiction`). */
  namedContradiction: ReadonlySet<string>;
  /** The named thresholds apply only to names of at most this many characters (`unsure.named_max_name_chars`); absent: any length. */
  namedMaxNameChars?: number;
  /** Heads of the convention rules (`unsure.conventions`): never sure, shops label them their own way. */
  conventionHeads: ReadonlySet<string>;
  /** Heads of the text-named rules (`unsure.text_named`): sure only when the item's text names the top label. */
  textNamedHeads: ReadonlySet<string>;
  /** Heads of the text-contradiction rules (`unsure.text_contradiction`): never sure when the item's text names labels of the head but not the top one. */
  textContradictionHeads: ReadonlySet<string>;
  /** Script rules (`unsure.scripts`): heads never sure for items written mostly in a script. */
  scriptRules: readonly UnsureScriptRule[];
  /** Evidence rules (`unsure.evidence`), their words as sets: heads sure only when the text names one. */
  evidenceRules: readonly { heads: readonly string[]; words: ReadonlySet<string>; substrings: readonly string[] }[];
  /** The input template's words around `{text}` ("Item:"), not counted as the item's own words. */
  templateText: string;
}

/** Builds the plan from a config (already checked by parseClassifierConfig); absent blocks give temperature 1 and all-sure. */
export function calibrationPlan(config: Pick<ClassifierConfig, 'head_order' | 'calibration' | 'unsure'> & Partial<Pick<ClassifierConfig, 'input_template'>>): CalibrationPlan {
  const heads = new Map<string, HeadCalibration>();
  for (const head of config.head_order) {
    const named = config.unsure?.named_min_probability?.[head];
    const several = config.unsure?.named_several_min_probability?.[head];
    heads.set(head, {
      temperature: config.calibration?.temperature[head] ?? 1,
      minProbability: config.unsure?.min_probability[head] ?? 0,
      ...(named !== undefined ? { namedMinProbability: named } : {}),
      ...(several !== undefined ? { namedSeveralMinProbability: several } : {}),
    });
  }
  const ood = config.unsure?.ood;
  return {
    heads,
    judgesSure: config.unsure !== undefined,
    namedContradiction: new Set(config.unsure?.named_contradiction ?? []),
    ...(config.unsure?.named_max_name_chars !== undefined ? { namedMaxNameChars: config.unsure.named_max_name_chars } : {}),
    conventionHeads: new Set((config.unsure?.conventions ?? []).flatMap((r) => r.heads)),
    textNamedHeads: new Set((config.unsure?.text_named ?? []).flatMap((r) => r.heads)),
    textContradictionHeads: new Set((config.unsure?.text_contradiction ?? []).flatMap((r) => r.heads)),
    scriptRules: config.unsure?.scripts ?? [],
    evidenceRules: (config.unsure?.evidence ?? []).map((r: UnsureEvidenceRule) => ({ heads: r.heads, words: new Set(r.words), substrings: r.substrings ?? [] })),
    templateText: (config.input_template ?? '').replace('{text}', ''),
    ...(ood ? { ood: { centroids: ood.centroids.map((c) => l2Normalise(c)), maxDistance: ood.max_distance } } : {}),
  };
}

/** Whether the item's name names the top label of a head: the only label of the head it names, one of several, or not at all. */
export type NamedTop = 'one' | 'several' | undefined;

/**
 * Whether a name is too long for the named thresholds (`unsure.named_max_name_chars`): a long marketplace title names many
 * things, so its naming the top label is weaker evidence. Characters are Unicode code points, as Python counts them.
 */
export function nameTooLongForNamedThresholds(plan: Pick<CalibrationPlan, 'namedMaxNameChars'>, name: string): boolean {
  if (plan.namedMaxNameChars === undefined || name.length <= plan.namedMaxNameChars) return false;
  let chars = 0;
  for (const _ of name) if (++chars > plan.namedMaxNameChars) return true;
  return false;
}

/**
 * Whether one head's calibrated top-1 `probability` is sure under a plan (always true without an unsure
 * block); `named`: the item's name names that top label (alone, or among several labels of the head), so the
 * head's named threshold for that case applies when it has one.
 */
export function sureUnder(plan: CalibrationPlan, head: string, probability: number, distance?: number, named: NamedTop = undefined): boolean {
  if (!plan.judgesSure) return true;
  const calibration = plan.heads.get(head);
  if (calibration === undefined) throw new Error(`Unknown classifier head "${head}".`);
  const namedMinimum = named === 'several' ? (calibration.namedSeveralMinProbability ?? calibration.namedMinProbability) : named === 'one' ? calibration.namedMinProbability : undefined;
  const minProbability = namedMinimum ?? calibration.minProbability;
  if (plan.ood && distance === undefined) throw new Error('The OOD test needs the item\'s distance (the model\'s embedding output).');
  return isSure(probability, minProbability, plan.ood ? { distance: distance!, maxDistance: plan.ood.maxDistance } : undefined);
}

/** Lower-case words of letters other than Han characters ("Off-White" → "off", "white"). */
export function latinWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}]+|(?=\p{Script=Han})|(?<=\p{Script=Han})/u)
    .filter((w) => w !== '' && !HAN.test(w));
}

/**
 * Why a rule kept a head from being sure: shops label the head their own way, the text is mostly in a script,
 * names nothing of the head's kind, (a text-named rule) does not name the top label, or (a text-contradiction
 * rule) names other labels of the head and not the top one.
 */
export type UnsureRuleKind = 'convention' | 'script' | 'evidence' | 'unnamed' | 'contradicted';

/** Whether an item's own words (`itemWordsOf`) are at least `minShare` in the rule's script (only Han is known). */
function inScript(own: string, rule: { script: string; minShare: number }): boolean {
  return rule.script === 'Han' && hanShare(own) >= rule.minShare;
}

/** Whether an item's own words name one of `words` (whole words, any case) or contain one of `substrings`. */
function namesEvidence(own: string, words: ReadonlySet<string>, substrings: readonly string[]): boolean {
  return latinWords(own).some((w) => words.has(w)) || substrings.some((s) => own.includes(s));
}

/**
 * Heads that the plan's convention, script and evidence rules keep from being sure for one input text
 * (built with the input template), with the kind of rule that did it (the first that applies); empty when no rule applies.
 */
export function ruleBlockedHeads(plan: CalibrationPlan, inputText: string): Map<string, UnsureRuleKind> {
  const blocked = new Map<string, UnsureRuleKind>();
  for (const head of plan.conventionHeads) blocked.set(head, 'convention');
  if (plan.scriptRules.length === 0 && plan.evidenceRules.length === 0) return blocked;
  const own = itemWordsOf(inputText, plan.templateText);
  for (const rule of plan.scriptRules) {
    if (inScript(own, { script: rule.script, minShare: rule.min_share })) for (const head of rule.heads) if (!blocked.has(head)) blocked.set(head, 'script');
  }
  for (const rule of plan.evidenceRules) {
    if (!namesEvidence(own, rule.words, rule.substrings)) for (const head of rule.heads) if (!blocked.has(head)) blocked.set(head, 'evidence');
  }
  return blocked;
}

/** The text rules as the page holds them (the worker's model info): convention, script and evidence rules. */
export interface TextRules {
  /** Heads never sure: shops label them their own way. */
  conventions?: readonly { heads: readonly string[] }[];
  /** Heads never sure for items at least `minShare` in `script`. */
  scripts?: readonly { script: string; minShare: number; heads: readonly string[] }[];
  /** Heads sure only when the text has one of `words` (whole words) or `substrings`. */
  evidence?: readonly { heads: readonly string[]; words: readonly string[]; substrings: readonly string[] }[];
  /** Heads sure only when the item's text names the top label, each with its `named_…` block (whose words name the labels). */
  textNamed?: readonly { head: string; block: NamedLabelsConfig }[];
  /** Heads never sure when the item's text names labels of the head but not the top one, each with its `named_…` block. */
  textContradiction?: readonly { head: string; block: NamedLabelsConfig }[];
  /** Heads never sure when the item's name names labels of the head but not the top one (`unsure.named_contradiction`), each with its `named_…` block. */
  nameContradiction?: readonly { head: string; block: NamedLabelsConfig }[];
}

// Matchers of the page's named-block rules (text-named, text- and name-contradiction), compiled once per named block.
const pageMatchers = new WeakMap<NamedLabelsConfig, NamedLabelMatcher>();

/** The compiled matcher of a rule's named block, for texts as `itemTexts` joins them (no template). */
function pageMatcher(block: NamedLabelsConfig): NamedLabelMatcher {
  let matcher = pageMatchers.get(block);
  if (!matcher) {
    matcher = namedLabelMatcher(block, '{text}');
    pageMatchers.set(block, matcher);
  }
  return matcher;
}

/**
 * Which text rule, if any, keeps `head` unsure for an item's text (as `itemTexts` joins it): a convention first,
 * then the script, then evidence, then — given the item's `label` — a text-named rule whose words the text does
 * not name that label with, then a text-contradiction rule whose words name other labels and not that one, then the
 * name-contradiction rule (the same, over the name alone). The head's rules (and their word sets) are picked once,
 * for many texts.
 */
export function textRuleChecker(head: string, rules: TextRules | undefined): (text: string, label?: string | null) => UnsureRuleKind | undefined {
  if (!rules) return () => undefined;
  if (rules.conventions?.some((rule) => rule.heads.includes(head))) return () => 'convention';
  const scripts = (rules.scripts ?? []).filter((rule) => rule.heads.includes(head));
  const evidence = (rules.evidence ?? []).filter((rule) => rule.heads.includes(head)).map((rule) => ({ words: new Set(rule.words), substrings: rule.substrings }));
  const matcherOf = (blocks: readonly { head: string; block: NamedLabelsConfig }[] | undefined) => {
    const rule = blocks?.find((b) => b.head === head);
    return rule ? pageMatcher(rule.block) : undefined;
  };
  const matcher = matcherOf(rules.textNamed);
  const contradictionMatcher = matcherOf(rules.textContradiction);
  const nameMatcher = matcherOf(rules.nameContradiction);
  if (scripts.length === 0 && evidence.length === 0 && !matcher && !contradictionMatcher && !nameMatcher) return () => undefined;
  /** Whether `words` name labels of the matcher's head, none of them `label`. */
  const contradicts = (words: string, m: NamedLabelMatcher, label: string) => {
    const named = labelsNamedIn(words, m);
    return named.length > 0 && !named.includes(label);
  };
  return (text, label) => {
    const own = itemWordsOf(text, '');
    if (scripts.some((rule) => inScript(own, rule))) return 'script';
    if (evidence.some((rule) => !namesEvidence(own, rule.words, rule.substrings))) return 'evidence';
    if (label === null || label === undefined) return undefined;
    if (matcher && !labelsNamedIn(own, matcher).includes(label)) return 'unnamed';
    if (contradictionMatcher && contradicts(own, contradictionMatcher, label)) return 'contradicted';
    if (nameMatcher && contradicts(nameWordsOf(text, ''), nameMatcher, label)) return 'contradicted';
    return undefined;
  };
}

/** Which text rule, if any, keeps `head` (labelled `label`, for a text-named rule) unsure for one item's text (`textRuleChecker` for a single text). */
export function textRuleFor(text: string, head: string, rules: TextRules | undefined, label?: string | null): UnsureRuleKind | undefined {
  return textRuleChecker(head, rules)(text, label);
}

/** How many of the items (texts as `itemTexts` joins them, labelled `labels`) `rules` keep unsure on `head` for the reason `kind`. */
function itemsKeptUnsure(texts: readonly string[], labels: { get(i: number): unknown }, head: string, rules: TextRules, kind: UnsureRuleKind): number {
  const ruleOf = textRuleChecker(head, rules);
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (ruleOf(texts[i]!, labels.get(i) as string | null) === kind) n++;
  return n;
}

/** How many of the items (texts as `itemTexts` joins them) a text-named rule keeps unsure: their text does not name their label. */
export function itemsLeftUnnamed(texts: readonly string[], labels: { get(i: number): unknown }, rule: { head: string; block: NamedLabelsConfig }): number {
  return itemsKeptUnsure(texts, labels, rule.head, { textNamed: [rule] }, 'unnamed');
}

/** How many of the items (texts as `itemTexts` joins them) a text-contradiction rule keeps unsure: their text names other labels of the head, not theirs. */
export function itemsContradicted(texts: readonly string[], labels: { get(i: number): unknown }, rule: { head: string; block: NamedLabelsConfig }): number {
  return itemsKeptUnsure(texts, labels, rule.head, { textContradiction: [rule] }, 'contradicted');
}

/** How many of the items (texts as `itemTexts` joins them) a script rule covers: at least `minShare` of their words in its script. */
export function itemsInScript(texts: readonly string[], rule: { script: string; minShare: number }): number {
  let n = 0;
  for (const text of texts) if (inScript(itemWordsOf(text, ''), rule)) n++;
  return n;
}

/** How many of the items (texts as `itemTexts` joins them) name none of an evidence rule's words or substrings. */
export function itemsWithoutEvidence(texts: readonly string[], rule: { words: readonly string[]; substrings: readonly string[] }): number {
  const words = new Set(rule.words);
  let n = 0;
  for (const text of texts) if (!namesEvidence(itemWordsOf(text, ''), words, rule.substrings)) n++;
  return n;
}

/** Identifies a config's calibration, unsure rule and n-gram mix ('' when it has none), so caches of calibrated results follow them. */
export function calibrationKey(config: Pick<ClassifierConfig, 'calibration' | 'unsure' | 'ngram_head'>): string {
  if (config.calibration === undefined && config.unsure === undefined && config.ngram_head === undefined) return '';
  const mixed = config.ngram_head ? { ngram_head: config.ngram_head } : {};
  return hashText(JSON.stringify({ calibration: config.calibration ?? null, unsure: config.unsure ?? null, ...mixed }));
}
