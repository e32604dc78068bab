/** The shipped classifier's `config.json` (a Llama config plus the heads' labels and input format). */
export interface ClassifierConfig {
  /** Vocabulary size of the tied embedding / LM head. */
  vocab_size: number;
  /** Hidden size (also the length of the `embedding` output). */
  hidden_size: number;
  /** Longest input in tokens, `<s>` and `</s>` included. */
  max_length: number;
  /** `<s>` id. */
  bos_token_id: number;
  /** `</s>` id. */
  eos_token_id: number;
  /** Id written into padding positions (they are masked anyway). */
  pad_token_id: number;
  /** Heads in output order. */
  head_order: string[];
  /** Per head: class index (as a string) → label. */
  heads: Record<string, { id2label: Record<string, string> }>;
  /** How item text is wrapped, e.g. `Item: {text}`. */
  input_template: string;
  /** ONNX file layout and names. */
  onnx: { inputs: string[]; outputs: string[]; model_file: string; model_file_webgpu?: string };
  /** Per-head softmax temperatures (absent: every temperature is 1, probabilities as the graph gives them). */
  calibration?: CalibrationConfig;
  /** When an item counts as `sure` per head (absent: every item is sure). */
  unsure?: UnsureConfig;
  /** The design-brief generator shipped beside the classifier (absent: drafts come from the classifier's own LM head). */
  generator?: GeneratorConfig;
  /** The n-gram head mixed into the Llama heads' logits (absent: the Llama heads alone). */
  ngram_head?: NgramHeadConfig;
  /** A bonus on the colour head's logits for the colours an item's name names (absent: none). */
  named_colours?: NamedColoursConfig;
  /** A bonus on the article-type head's logits for the types an item's name names (absent: none). */
  named_types?: NamedTypesConfig;
  /** A bonus on the gender head's logits for the genders an item's name names (absent: none). */
  named_genders?: NamedGendersConfig;
}

/** What the `named_colours`, `named_types` and `named_genders` blocks share: the head's logit of each label the item's name names gets `bonus` added, before the temperature. */
interface NamedLabelsBlock {
  /** The head it lifts. */
  head: string;
  /** Added to the logit of each named label (≥ 0), after the n-gram mix, before the calibration temperature. */
  bonus: number;
  /** `[word, labels]` matched anywhere in the name after the patterns, in order (Chinese words, longest first); optional. */
  substrings?: [string, string[]][];
  /** How the bonus was chosen and the matching works (documentation). */
  note?: string;
}

/** The `named_colours` block: base colours the item's name names. */
export interface NamedColoursConfig extends NamedLabelsBlock {
  /** `[pattern, labels]` in order of priority: each pattern (regular-expression alternatives, whole words, lower case) claims its matches in the name that no earlier one claimed and names its labels (labels the head lacks are skipped). */
  colours: [string, string[]][];
}

/** The `named_types` block: article types the item's name names. */
export interface NamedTypesConfig extends NamedLabelsBlock {
  /** `[pattern, labels]` as `colours` of `named_colours`: one word each, longest first. */
  words: [string, string[]][];
  /** Heads above the article type (masterCategory) whose logit of each named type's parent label gets its own bonus; optional. */
  parents?: Record<string, TypeParentBonus>;
}

/** The `named_genders` block: genders the item's name names ("Men's", "Ladies", "男士"). */
export interface NamedGendersConfig extends NamedLabelsBlock {
  /** `[pattern, labels]` as `colours` of `named_colours`: one word each, longest first. */
  words: [string, string[]][];
}

/** The named-label blocks of config.json, in the order the classifier applies them. */
export const NAMED_LABEL_BLOCKS = ['named_colours', 'named_types', 'named_genders'] as const;

/** One parent head of `named_types.parents`. */
export interface TypeParentBonus {
  /** Added to the logit of each parent label of the types named (≥ 0). */
  bonus: number;
  /** Each article type's label on this head ("Sweaters" → "Apparel"). */
  labels: Record<string, string>;
}

/** Any of the named-label blocks. */
export type NamedLabelsConfig = NamedColoursConfig | NamedTypesConfig | NamedGendersConfig;

/** The two logits' factors of one head's mix for one text form. */
export interface MixFactors {
  /** Factor of the Llama head's logits (≥ 0). */
  llama: number;
  /** Factor of the n-gram head's logits (≥ 0). */
  ngram: number;
}

/** Text forms with their own mix: a name alone, or a text with a description (`Details: …`). */
export const TEXT_FORMS = ['name', 'description'] as const;

/** One of TEXT_FORMS. */
export type TextForm = (typeof TEXT_FORMS)[number];

/** The `ngram_head` block: per head and text form, logits = llama × logits_llama + ngram × logits_ngram, then the calibration temperature. */
export interface NgramHeadConfig {
  /** `ngram_head.json` (vocabulary, idf, scales, bias), relative to the model folder. */
  file: string;
  /** The int8 weights (n-grams × all heads' classes, row-major), relative to the model folder. */
  weights_file: string;
  /** Per head in `head_order`, per text form: the two logits' factors. */
  mix: Record<string, Record<TextForm, MixFactors>>;
  /** How the factors were chosen (documentation). */
  note?: string;
}

/** The `generator` block: a tag-conditioned language model sharing the classifier's tokenizer (issue 14). */
export interface GeneratorConfig {
  /** Its CPU graph (WASM, Node), relative to the model folder; output `next_token_logits`. */
  model_file: string;
  /** Its WebGPU graph (weight-only int8), if any. */
  model_file_webgpu?: string;
  /** Longest prompt + draft in tokens. */
  max_length: number;
  /** Present when it writes a one-line brief after the name: the words that start the brief (e.g. " Details:"). */
  brief_marker?: string;
  /** How it was trained (documentation). */
  note?: string;
}

/** The `calibration` block: each head's logits are divided by its temperature before the softmax. */
export interface CalibrationConfig {
  /** Per head in `head_order`: temperature > 0 (1 leaves probabilities unchanged). */
  temperature: Record<string, number>;
  /** Which data the temperatures were fitted on (documentation). */
  fitted_on: string;
}

/** The `unsure.ood` block: distance of an item's embedding to the nearest training centroid. */
export interface OodConfig {
  /** The only kind so far: 1 − max cosine similarity to L2-normalised centroids. */
  kind: 'centroid_cosine';
  /** L2-normalised centroids in the space of the `embedding` output (each of length `hidden_size`). */
  centroids: number[][];
  /** Largest distance that still counts as in distribution (in [0, 2]). */
  max_distance: number;
}

/** The `unsure` block: sure when calibrated top-1 ≥ min_probability[head] and (no ood, or distance ≤ max_distance). */
export interface UnsureConfig {
  /** Per head in `head_order`: smallest calibrated top-1 probability that is sure, in [0, 1]. */
  min_probability: Record<string, number>;
  /**
   * Optional, per head (any subset): the smallest calibrated top-1 probability that is sure when the top label
   * is one the item's name names (the `named_colours`, `named_types`, `named_genders` blocks and `parents`),
   * never above `min_probability` of that head.
   */
  named_min_probability?: Record<string, number>;
  /**
   * Optional, per head (any subset): the same when the name names several labels of the head (weaker evidence for
   * any one); absent for a head: `named_min_probability` applies. Never above `min_probability` of that head.
   */
  named_several_min_probability?: Record<string, number>;
  /** Optional: heads never sure when the item's name names labels of the head and the top label is none of them. */
  named_contradiction?: string[];
  /**
   * Optional: the named thresholds (`named_min_probability`, `named_several_min_probability`) apply only to names of at most
   * this many characters (Unicode code points); a longer name (a marketplace title naming many things) gets the head's own
   * `min_probability`. Absent: names of any length.
   */
  named_max_name_chars?: number;
  /** Optional out-of-distribution test on the embedding. */
  ood?: OodConfig;
  /** Optional: heads never sure for items written mostly in a script the model reads poorly. */
  scripts?: UnsureScriptRule[];
  /** Optional: heads sure only when the item's text names something of their kind (a colour word). */
  evidence?: UnsureEvidenceRule[];
  /** Optional: heads whose labels are a shop's own convention (usage), never sure whatever their probability. */
  conventions?: UnsureConventionRule[];
  /** Optional: heads sure only when the item's text (name or description) names the top label through the head's named block (gender). */
  text_named?: UnsureTextNamedRule[];
  /** Optional: heads never sure when the item's text (name or description) names labels of the head through its named block and the top label is none of them (articleType). */
  text_contradiction?: UnsureTextNamedRule[];
}

/** `heads` are sure only when the item's text names the top label (through the head's `named_…` block's words, read over the whole text). */
export interface UnsureTextNamedRule {
  /** Heads the rule applies to; each needs a `named_…` block for its words. */
  heads: string[];
  /** What the rule rests on (measured). */
  basis: string;
}

/** `heads` are never sure: shops label them their own way, so the model's confidence says little on a new shop's items. */
export interface UnsureConventionRule {
  /** Heads the rule applies to. */
  heads: string[];
  /** What the rule rests on (measured). */
  basis: string;
}

/** `heads` are sure only when the item's own words include one of `words` (whole words, any case) or contain one of `substrings`. */
export interface UnsureEvidenceRule {
  /** Heads the rule applies to. */
  heads: string[];
  /** Lower-case whole words (letters only) that count as evidence. */
  words: string[];
  /** Strings that count as evidence anywhere in the text (Chinese words). */
  substrings?: string[];
  /** What the rule rests on (measured). */
  basis: string;
}

/** Scripts a script rule can name (Han: Chinese characters). */
export const RULE_SCRIPTS = ['Han'] as const;

/** Items whose text is at least `min_share` in `script` (`scriptShare`) are never sure for `heads`. */
export interface UnsureScriptRule {
  /** The writing system, one of RULE_SCRIPTS. */
  script: (typeof RULE_SCRIPTS)[number];
  /** Smallest share of the text in that script for the rule to apply, in (0, 1]. */
  min_share: number;
  /** Heads that are never sure for such items. */
  heads: string[];
  /** What the rule rests on (measured), shown to whoever reads the config. */
  basis: string;
}

/** Checks a parsed `config.json` and returns it typed; throws a readable error when it is not one. */
export function parseClassifierConfig(json: unknown): ClassifierConfig {
  const c = json as Partial<ClassifierConfig> | null;
  const missing = ['vocab_size', 'hidden_size', 'max_length', 'head_order', 'heads', 'input_template', 'onnx'].filter(
    (key) => !c || (c as Record<string, unknown>)[key] === undefined,
  );
  if (missing.length) throw new Error(`The classifier config.json is incomplete (missing ${missing.join(', ')}).`);
  const config = c as ClassifierConfig;
  for (const head of config.head_order) {
    if (!config.heads[head]) throw new Error(`The classifier config.json has no labels for head "${head}".`);
  }
  if (config.calibration !== undefined) parseCalibrationConfig(config.calibration, config.head_order);
  if (config.unsure !== undefined) parseUnsureConfig(config.unsure, config.head_order, config.hidden_size);
  if (config.generator !== undefined) parseGeneratorConfig(config.generator);
  if (config.ngram_head !== undefined) parseNgramHeadConfig(config.ngram_head, config.head_order);
  for (const block of NAMED_LABEL_BLOCKS) if (config[block] !== undefined) parseNamedLabelsConfig(config[block], config, block);
  return config;
}

/** Checks a `named_colours`, `named_types` or `named_genders` block (a head of the model, a bonus ≥ 0, patterns that compile, each with labels) and returns it typed; throws a readable error otherwise. */
export function parseNamedLabelsConfig<K extends (typeof NAMED_LABEL_BLOCKS)[number]>(
  json: unknown,
  config: Pick<ClassifierConfig, 'head_order' | 'heads'>,
  block: K,
): NonNullable<ClassifierConfig[K]> {
  const where = `The classifier config.json ${block} block`;
  const listKey = block === 'named_colours' ? 'colours' : 'words';
  if (!isObject(json)) throw new Error(`${where} must be an object (got ${shown(json)}).`);
  const head = json.head;
  if (typeof head !== 'string' || !config.head_order.includes(head)) throw new Error(`${where}: head must be one of the model's heads (${config.head_order.join(', ')}; got ${shown(head)}).`);
  if (!isFiniteNumber(json.bonus) || json.bonus < 0) throw new Error(`${where}: bonus must be a number ≥ 0 (got ${shown(json.bonus)}).`);
  const list = json[listKey];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${where}: ${listKey} must be a non-empty list of [pattern, labels] (got ${shown(list)}).`);
  for (const entry of list as unknown[]) {
    const [pattern, named] = Array.isArray(entry) ? entry : [];
    if (typeof pattern !== 'string' || pattern === '' || !Array.isArray(named) || named.length === 0) throw new Error(`${where}: each of ${listKey} must be [pattern, labels] (got ${shown(entry)}).`);
    try {
      new RegExp(pattern, 'u');
    } catch {
      throw new Error(`${where}: the pattern ${shown(pattern)} is not a regular expression.`);
    }
    if (named.some((l) => typeof l !== 'string' || l === '')) throw new Error(`${where}: the labels of ${shown(pattern)} must be words (got ${shown(named)}).`);
  }
  if (json.substrings !== undefined) {
    if (!Array.isArray(json.substrings)) throw new Error(`${where}: substrings must be a list of [word, labels] (got ${shown(json.substrings)}).`);
    for (const entry of json.substrings as unknown[]) {
      const [word, named] = Array.isArray(entry) ? entry : [];
      if (typeof word !== 'string' || word === '' || !Array.isArray(named) || named.length === 0 || named.some((l) => typeof l !== 'string' || l === '')) {
        throw new Error(`${where}: each substring must be [word, labels] (got ${shown(entry)}).`);
      }
    }
  }
  if (json.parents !== undefined) {
    if (block !== 'named_types' || !isObject(json.parents)) throw new Error(`${where}: parents must be an object of heads, named_types only (got ${shown(json.parents)}).`);
    for (const [parentHead, parent] of Object.entries(json.parents)) {
      if (!config.head_order.includes(parentHead)) throw new Error(`${where}: parents must name heads of the model (got ${shown(parentHead)}).`);
      if (!isObject(parent) || !isFiniteNumber(parent.bonus) || parent.bonus < 0) throw new Error(`${where}: parents.${parentHead}.bonus must be a number ≥ 0 (got ${shown(isObject(parent) ? parent.bonus : parent)}).`);
      if (!isObject(parent.labels) || Object.values(parent.labels).some((l) => typeof l !== 'string' || l === '')) {
        throw new Error(`${where}: parents.${parentHead}.labels must map article types to labels (got ${shown(parent.labels)}).`);
      }
    }
  }
  return json as unknown as NonNullable<ClassifierConfig[K]>;
}

/** Checks a `generator` block (a graph file name and a length above 8) and returns it typed; throws a readable error otherwise. */
export function parseGeneratorConfig(json: unknown): GeneratorConfig {
  const where = 'The classifier config.json generator block';
  if (!isObject(json)) throw new Error(`${where} must be an object (got ${shown(json)}).`);
  if (typeof json.model_file !== 'string' || !json.model_file.endsWith('.onnx')) throw new Error(`${where}: model_file must name an .onnx file (got ${shown(json.model_file)}).`);
  if (json.model_file_webgpu !== undefined && (typeof json.model_file_webgpu !== 'string' || !json.model_file_webgpu.endsWith('.onnx'))) {
    throw new Error(`${where}: model_file_webgpu must name an .onnx file (got ${shown(json.model_file_webgpu)}).`);
  }
  if (!Number.isInteger(json.max_length) || (json.max_length as number) <= 8) throw new Error(`${where}: max_length must be a whole number above 8 (got ${shown(json.max_length)}).`);
  if (json.brief_marker !== undefined && (typeof json.brief_marker !== 'string' || !json.brief_marker.trim())) throw new Error(`${where}: brief_marker must be the words that start a brief (got ${shown(json.brief_marker)}).`);
  return json as unknown as GeneratorConfig;
}

/** Checks an `ngram_head` block (two file names, a pair of factors ≥ 0 for every head) and returns it typed; throws a readable error otherwise. */
export function parseNgramHeadConfig(json: unknown, headOrder: readonly string[]): NgramHeadConfig {
  const where = 'The classifier config.json ngram_head block';
  if (!isObject(json)) throw new Error(`${where} must be an object (got ${shown(json)}).`);
  if (typeof json.file !== 'string' || !json.file.endsWith('.json')) throw new Error(`${where}: file must name a .json file (got ${shown(json.file)}).`);
  if (typeof json.weights_file !== 'string' || json.weights_file === '') throw new Error(`${where}: weights_file must name a file (got ${shown(json.weights_file)}).`);
  const mix = json.mix;
  if (!isObject(mix)) throw new Error(`${where}: mix must be an object with one entry per head (got ${shown(mix)}).`);
  for (const key of Object.keys(mix)) if (!headOrder.includes(key)) throw new Error(`${where}: mix names a head the model does not have: "${key}" (heads: ${headOrder.join(', ')}).`);
  for (const head of headOrder) {
    const forms = mix[head];
    for (const form of TEXT_FORMS) {
      const pair = isObject(forms) ? forms[form] : undefined;
      if (!isObject(pair) || !isFiniteNumber(pair.llama) || !isFiniteNumber(pair.ngram) || pair.llama < 0 || pair.ngram < 0 || pair.llama + pair.ngram === 0) {
        throw new Error(`${where}: mix["${head}"].${form} must be {llama, ngram} with two numbers ≥ 0, not both 0 (got ${shown(pair)}).`);
      }
    }
  }
  return json as unknown as NgramHeadConfig;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value));

/** Checks a per-head number map: exactly the heads of `headOrder` (own keys), each passing `valid`. */
function checkPerHead(where: string, map: unknown, headOrder: readonly string[], valid: (n: number) => boolean, expected: string): void {
  if (!isObject(map)) throw new Error(`${where} must be an object with one number per head (got ${shown(map)}).`);
  const unknown = Object.keys(map).filter((key) => !headOrder.includes(key));
  if (unknown.length) throw new Error(`${where} names heads the model does not have: ${unknown.map((k) => `"${k}"`).join(', ')} (heads: ${headOrder.join(', ')}).`);
  for (const head of headOrder) {
    if (!Object.hasOwn(map, head)) throw new Error(`${where} has no value for head "${head}".`);
    const value = map[head];
    if (!isFiniteNumber(value) || !valid(value)) throw new Error(`${where}["${head}"] must be ${expected} (got ${shown(value)}).`);
  }
}

/** Checks a `calibration` block (every head of `headOrder` has a finite temperature > 0) and returns it typed; throws a readable error otherwise. */
export function parseCalibrationConfig(json: unknown, headOrder: readonly string[]): CalibrationConfig {
  const where = 'The classifier config.json calibration block';
  if (!isObject(json)) throw new Error(`${where} must be an object (got ${shown(json)}).`);
  checkPerHead(`${where}: temperature`, json.temperature, headOrder, (t) => t > 0, 'a finite number > 0');
  if (typeof json.fitted_on !== 'string') throw new Error(`${where}: fitted_on must be a string saying what the temperatures were fitted on (got ${shown(json.fitted_on)}).`);
  return json as unknown as CalibrationConfig;
}

/** Checks an `unsure` block (thresholds in [0, 1] per head; ood centroids finite, of length `hiddenSize`, unit length) and returns it typed; throws a readable error otherwise. */
export function parseUnsureConfig(json: unknown, headOrder: readonly string[], hiddenSize: number): UnsureConfig {
  const where = 'The classifier config.json unsure block';
  if (!isObject(json)) throw new Error(`${where} must be an object (got ${shown(json)}).`);
  checkPerHead(`${where}: min_probability`, json.min_probability, headOrder, (p) => p >= 0 && p <= 1, 'a number from 0 to 1');
  for (const key of ['named_min_probability', 'named_several_min_probability'] as const) {
    const named = json[key];
    if (named === undefined) continue;
    const minimum = json.min_probability as Record<string, number>;
    if (!isObject(named)) throw new Error(`${where}: ${key} must be an object of heads (got ${shown(named)}).`);
    for (const [head, p] of Object.entries(named)) {
      if (!headOrder.includes(head)) throw new Error(`${where}: ${key} must name heads of the model (got ${shown(head)}).`);
      if (!isFiniteNumber(p) || p < 0 || p > minimum[head]!) throw new Error(`${where}: ${key}.${head} must be a number from 0 to min_probability.${head} (${minimum[head]}; got ${shown(p)}).`);
    }
  }
  if (json.named_max_name_chars !== undefined && !(Number.isInteger(json.named_max_name_chars) && (json.named_max_name_chars as number) > 0)) {
    throw new Error(`${where}: named_max_name_chars must be a whole number of characters above 0 (got ${shown(json.named_max_name_chars)}).`);
  }
  if (json.named_contradiction !== undefined) {
    const heads = json.named_contradiction;
    if (!Array.isArray(heads) || heads.some((h) => typeof h !== 'string' || !headOrder.includes(h))) {
      throw new Error(`${where}: named_contradiction must be a list of the model's heads (${headOrder.join(', ')}; got ${shown(heads)}).`);
    }
  }
  if (json.scripts !== undefined) parseScriptRules(where, json.scripts, headOrder);
  if (json.evidence !== undefined) parseEvidenceRules(where, json.evidence, headOrder);
  if (json.conventions !== undefined) parseConventionRules(where, json.conventions, headOrder);
  if (json.text_named !== undefined) checkRuleList(where, 'text_named', json.text_named, headOrder, () => {});
  if (json.text_contradiction !== undefined) checkRuleList(where, 'text_contradiction', json.text_contradiction, headOrder, () => {});
  if (json.ood === undefined) return json as unknown as UnsureConfig;
  const ood = json.ood;
  if (!isObject(ood)) throw new Error(`${where}: ood must be an object (got ${shown(ood)}).`);
  if (ood.kind !== 'centroid_cosine') throw new Error(`${where}: ood.kind ${shown(ood.kind)} is not supported (expected "centroid_cosine").`);
  if (!isFiniteNumber(ood.max_distance) || ood.max_distance < 0 || ood.max_distance > 2) {
    throw new Error(`${where}: ood.max_distance must be a number from 0 to 2 (a cosine distance; got ${shown(ood.max_distance)}).`);
  }
  const centroids = ood.centroids;
  if (!Array.isArray(centroids) || centroids.length === 0) throw new Error(`${where}: ood.centroids must be a non-empty array of vectors (got ${Array.isArray(centroids) ? 'an empty array' : shown(centroids)}).`);
  centroids.forEach((centroid: unknown, i) => {
    if (!Array.isArray(centroid) || centroid.length !== hiddenSize) {
      throw new Error(`${where}: ood.centroids[${i}] must have ${hiddenSize} numbers (hidden_size; got ${Array.isArray(centroid) ? centroid.length : shown(centroid)}).`);
    }
    let squares = 0;
    centroid.forEach((v: unknown, k) => {
      if (!isFiniteNumber(v)) throw new Error(`${where}: ood.centroids[${i}][${k}] must be a finite number (got ${shown(v)}).`);
      squares += v * v;
    });
    // Centroids are written rounded (5 decimals), so their length is 1 only to about 1e-4.
    const norm = Math.sqrt(squares);
    if (Math.abs(norm - 1) > 1e-3) throw new Error(`${where}: ood.centroids[${i}] must be L2-normalised (its length is ${norm.toPrecision(4)}).`);
  });
  return json as unknown as UnsureConfig;
}

/** The labels of one head in class-index order. */
export function headLabels(config: ClassifierConfig, head: string): string[] {
  const id2label = config.heads[head]?.id2label;
  if (!id2label) throw new Error(`Unknown classifier head "${head}".`);
  const labels: string[] = [];
  for (const [index, label] of Object.entries(id2label)) labels[Number(index)] = label;
  return labels;
}

/**
 * Checks one list of unsure rules (`unsure.<key>`): an array of objects, each naming known heads and saying its
 * basis, with `checkOwn` checking the kind's own fields; throws a readable error otherwise.
 */
function checkRuleList(where: string, key: string, rules: unknown, headOrder: readonly string[], checkOwn: (at: string, rule: Record<string, unknown>) => void): void {
  if (!Array.isArray(rules)) throw new Error(`${where}: ${key} must be an array of rules (got ${shown(rules)}).`);
  rules.forEach((rule: unknown, i) => {
    const at = `${where}: ${key}[${i}]`;
    if (!isObject(rule)) throw new Error(`${at} must be an object (got ${shown(rule)}).`);
    checkOwn(at, rule);
    checkRuleHeads(at, rule.heads, headOrder);
    if (typeof rule.basis !== 'string' || rule.basis.trim() === '') throw new Error(`${at}.basis must say what the rule rests on (got ${shown(rule.basis)}).`);
  });
}

/** Checks a rule's `heads`: a non-empty array of the model's head names; throws a readable error otherwise. */
function checkRuleHeads(at: string, heads: unknown, headOrder: readonly string[]): void {
  if (!Array.isArray(heads) || heads.length === 0) throw new Error(`${at}.heads must be a non-empty array of head names (got ${shown(heads)}).`);
  const unknownHeads = heads.filter((h: unknown) => typeof h !== 'string' || !headOrder.includes(h));
  if (unknownHeads.length) throw new Error(`${at}.heads names heads the model does not have: ${unknownHeads.map((h: unknown) => shown(h)).join(', ')} (heads: ${headOrder.join(', ')}).`);
}

/** Checks `unsure.scripts`: each rule names a known script, a share in (0, 1], known heads and its basis; throws a readable error otherwise. */
function parseScriptRules(where: string, rules: unknown, headOrder: readonly string[]): void {
  checkRuleList(where, 'scripts', rules, headOrder, (at, rule) => {
    if (!(RULE_SCRIPTS as readonly unknown[]).includes(rule.script)) throw new Error(`${at}.script ${shown(rule.script)} is not supported (expected one of ${RULE_SCRIPTS.join(', ')}).`);
    if (!isFiniteNumber(rule.min_share) || rule.min_share <= 0 || rule.min_share > 1) throw new Error(`${at}.min_share must be a number above 0 and at most 1 (got ${shown(rule.min_share)}).`);
  });
}

/** Checks `unsure.conventions`: each rule names known heads and its basis; throws a readable error otherwise. */
function parseConventionRules(where: string, rules: unknown, headOrder: readonly string[]): void {
  checkRuleList(where, 'conventions', rules, headOrder, () => {});
}

/** Checks `unsure.evidence`: each rule names known heads, non-empty lower-case words (and optional substrings) and its basis. */
function parseEvidenceRules(where: string, rules: unknown, headOrder: readonly string[]): void {
  checkRuleList(where, 'evidence', rules, headOrder, (at, rule) => {
    if (!Array.isArray(rule.words) || rule.words.length === 0 || rule.words.some((w: unknown) => typeof w !== 'string' || w === '' || w !== w.toLowerCase() || /[^\p{L}]/u.test(w))) {
      throw new Error(`${at}.words must be a non-empty array of lower-case words of letters only (got ${shown(rule.words)}).`);
    }
    if (rule.substrings !== undefined && (!Array.isArray(rule.substrings) || rule.substrings.some((w: unknown) => typeof w !== 'string' || w === ''))) {
      throw new Error(`${at}.substrings must be an array of non-empty strings (got ${shown(rule.substrings)}).`);
    }
  });
}
