/**
 * Design briefs: N candidate item names per tag combination, drafted by the shipped tag-conditioned
 * generator (config.json `generator`, training/train_generator.py) or, for a model folder without
 * one, the classifier's tied LM head (temperature, top-k and top-p sampling, seeded, streamed token
 * by token), each read back by the classifier, verbatim copies of catalogue names dropped, and a
 * one-line brief written from a template (neither model writes the brief itself).
 * Pure apart from the injected ONNX runtime: no DOM, no UI.
 */
import { seededRandom } from '../core/random.ts';
import { rowOf, type Classifier, type ItemPrediction, type ModelRuntime, type OrtTensorLike } from './classifier.ts';
import type { ClassifierConfig } from './config.ts';
import { generationPrompt } from './generate.ts';
import type { LlamaTokenizer } from './tokenizer.ts';

/** How the next token is drawn from the LM head's logits. */
export interface SamplingOptions {
  /** Softmax temperature (> 0); lower is safer, higher more varied. Default 1.2 (with guided decoding, the benchmark's best mix of adherence and variety). */
  temperature?: number;
  /** Keep only the k most likely tokens (0 = no limit). Default 40. */
  topK?: number;
  /** Nucleus: keep the smallest set of most likely tokens whose probabilities add up to p (1 = no limit). Default 0.95. */
  topP?: number;
}

/** Defaults of the sampling controls (the UI and the CLI start from these). */
export const DEFAULT_SAMPLING: Required<SamplingOptions> = { temperature: 1.2, topK: 40, topP: 0.95 };

/** Tags the generator and the read-back check know: the generation tags of the model. */
export const BRIEF_TAGS = ['gender', 'usage', 'season', 'baseColour', 'articleType'] as const;

/** The order tags are shown in (as the Studio's suggested combinations read: colour · article type · usage). */
export const BRIEF_DISPLAY_ORDER = ['baseColour', 'articleType', 'usage', 'gender', 'season'] as const;

/** A tag combination: tag name → value (e.g. articleType → Dresses). */
export type BriefTags = Partial<Record<(typeof BRIEF_TAGS)[number], string>>;

/** Checks sampling options; throws an Error with a plain message when one is out of range. */
export function checkSampling(options: SamplingOptions): Required<SamplingOptions> {
  const s = { ...DEFAULT_SAMPLING, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<SamplingOptions>;
  if (!Number.isFinite(s.temperature) || s.temperature <= 0 || s.temperature > 5) throw new Error(`The temperature must be a number above 0 and at most 5 (got ${s.temperature}).`);
  if (!Number.isFinite(s.topP) || s.topP <= 0 || s.topP > 1) throw new Error(`top-p must be above 0 and at most 1 (got ${s.topP}).`);
  if (!Number.isInteger(s.topK) || s.topK < 0) throw new Error(`top-k must be a whole number of 0 or more (got ${s.topK}).`);
  return s;
}

/**
 * Draws one token id from logits: scaled by 1/temperature, cut to the top-k, then to the nucleus
 * of probability top-p, then sampled with `random` (a number in [0, 1)). Ties keep the lower id.
 * Logits of -Infinity are never drawn.
 */
export function sampleToken(logits: ArrayLike<number>, options: Required<SamplingOptions>, random: () => number): number {
  const order: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i]! > -Infinity) order.push(i);
  if (order.length === 0) throw new Error('Every token is ruled out; nothing can be sampled.');
  order.sort((a, b) => logits[b]! - logits[a]! || a - b);
  if (options.topK > 0 && order.length > options.topK) order.length = options.topK;
  const max = logits[order[0]!]!;
  const weights = order.map((i) => Math.exp((logits[i]! - max) / options.temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  // Nucleus: the fewest leading tokens whose probability reaches top-p (always at least one).
  let keep = order.length;
  if (options.topP < 1) {
    let mass = 0;
    for (let j = 0; j < order.length; j++) {
      mass += weights[j]! / total;
      if (mass >= options.topP) {
        keep = j + 1;
        break;
      }
    }
  }
  const kept = weights.slice(0, keep).reduce((a, b) => a + b, 0);
  let r = random() * kept;
  for (let j = 0; j < keep; j++) {
    r -= weights[j]!;
    if (r < 0) return order[j]!;
  }
  return order[keep - 1]!;
}

/** log softmax(logits)[id], over the finite logits. */
export function logSoftmaxAt(logits: ArrayLike<number>, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let total = 0;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > -Infinity) total += Math.exp(logits[i]! - max);
  return logits[id]! - max - Math.log(total);
}

/** A name as compared for the verbatim-copy filter: lower case, runs of white space as one space, trimmed. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The normalised names of a catalogue, for `isVerbatimCopy`. */
export function catalogueNameSet(names: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const name of names) {
    const n = normaliseName(name);
    if (n) set.add(n);
  }
  return set;
}

/** Whether a draft equals (after normalising case and space) a catalogue item's name. */
export function isVerbatimCopy(draft: string, catalogue: ReadonlySet<string>): boolean {
  return catalogue.has(normaliseName(draft));
}

/** A 32-bit FNV-1a hash of a name's normalised form (UTF-16 code units): how the shipped training-name list stores names. */
export function nameHash(name: string): number {
  const text = normaliseName(name);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Sorted, distinct name hashes (`nameHashes`), as in `public/briefs/training-names.u32`. */
export function nameHashes(names: Iterable<string>): Uint32Array {
  const set = new Set<number>();
  for (const name of names) if (normaliseName(name)) set.add(nameHash(name));
  return Uint32Array.from(set).sort();
}

/** Reads a hash list file (`public/briefs/training-names.u32`: little-endian uint32, sorted); throws a plain message for a damaged one. */
export function readNameHashes(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`The training-name list has ${bytes.byteLength} bytes, not a whole number of 4-byte hashes.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = view.getUint32(i * 4, true);
    if (i > 0 && out[i]! <= out[i - 1]!) throw new Error('The training-name list is not sorted; rebuild it with npm run briefs:training-names.');
  }
  return out;
}

/** Whether a draft's normalised name is in a sorted hash list (binary search; a false match is about 1 in 100,000 for 44,000 names). */
export function inNameHashes(draft: string, hashes: Uint32Array): boolean {
  const h = nameHash(draft);
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The seed of draft `index` of a request seeded `seed`: each draft has its own stream, so a draft does not depend on how many others were asked for. */
export function draftSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/** A token added to a draft while it is written (for streaming). */
export interface DraftToken {
  /** Which draft of the batch (0-based, in the order the drafts are returned). */
  draft: number;
  /** The draft's whole text so far. */
  text: string;
  /** Its one-line brief so far, once the name is done and the generator writes briefs. */
  brief?: string;
}

/** Options of `sampleDrafts`. */
export interface SampleDraftsOptions extends SamplingOptions {
  /** Drafts to write. */
  n: number;
  /** Seed: the same seed (and options) gives the same drafts. Default 1. */
  seed?: number;
  /** Index of the first draft (its seed stream), for drafting more after a first batch. Default 0. */
  firstIndex?: number;
  /** Most tokens per draft (also bounded by the model's maximum length). Default 24. */
  maxNewTokens?: number;
  /** Called after every step with each draft that grew. */
  onToken?(token: DraftToken): void;
  /** Called between steps; throw to stop (cancel). */
  beforeStep?(): void | Promise<void>;
  /** Guided decoding: words the draft should contain (lower case, see `tagWords`), whose tokens get `boost` added to their logits until the word is written. */
  boostWords?: readonly string[];
  /** Logit bonus for the tokens of `boostWords`. Default 0 (none). */
  boost?: number;
  /** Longest prompt + draft in tokens of the model that drafts (default: config.max_length). */
  maxLength?: number;
}

/** What `sampleDrafts` returns. */
export interface SampledDrafts {
  /** One text per draft, in draft order ('' when the model ended at once). */
  texts: string[];
  /** Tokens written in all (for tokens per second). */
  tokens: number;
}

/**
 * Writes `n` item names after the generation prompt for `tags`, all drafts in one batch per step
 * (every unfinished draft has the same length, so no padding), one model call per token.
 * Each draft samples from its own seeded stream (`draftSeed`), so the same seed gives the same drafts.
 */
export async function sampleDrafts(runtime: ModelRuntime, tokenizer: LlamaTokenizer, config: ClassifierConfig, tags: BriefTags, options: SampleDraftsOptions): Promise<SampledDrafts> {
  const sampling = checkSampling(options);
  const n = options.n;
  if (!Number.isInteger(n) || n < 1) throw new Error(`The number of drafts must be a whole number of 1 or more (got ${n}).`);
  const maxLength = options.maxLength ?? config.max_length;
  const prompt = [config.bos_token_id, ...tokenizer.encode(generationPrompt(tags))].slice(0, maxLength - 1);
  const start = prompt.length;
  const limit = Math.min(maxLength, start + (options.maxNewTokens ?? 24));
  const seed = options.seed ?? 1;
  const first = options.firstIndex ?? 0;
  const randoms = Array.from({ length: n }, (_, i) => seededRandom(draftSeed(seed, first + i)));
  const sequences = Array.from({ length: n }, () => [...prompt]);
  let active = sequences.map((_, i) => i);
  let tokens = 0;
  const booster = options.boostWords?.length && options.boost ? new WordBooster(tokenizer, options.boostWords) : undefined;
  for (let length = start; length < limit && active.length > 0; length++) {
    await options.beforeStep?.();
    const dims = [active.length, length];
    const ids = new BigInt64Array(active.length * length);
    active.forEach((d, row) => sequences[d]!.forEach((id, k) => (ids[row * length + k] = BigInt(id))));
    const out = await runtime.session.run({
      input_ids: runtime.int64Tensor(ids, dims),
      attention_mask: runtime.int64Tensor(new BigInt64Array(active.length * length).fill(1n), dims),
    });
    const still: number[] = [];
    active.forEach((d, row) => {
      const logits = writableLogits(out, row, tokenizer, config, length === start);
      if (booster) booster.apply(logits, tokenizer.decode(sequences[d]!.slice(start)), options.boost!);
      const next = sampleToken(logits, sampling, randoms[d]!);
      if (next === config.eos_token_id) return;
      sequences[d]!.push(next);
      tokens++;
      still.push(d);
      options.onToken?.({ draft: d, text: tokenizer.decode(sequences[d]!.slice(start)).trim() });
    });
    active = still;
  }
  return { texts: sequences.map((s) => tokenizer.decode(s.slice(start)).trim()), tokens };
}

/**
 * One row's next-token logits with what a draft or a brief may not write ruled out: <unk> and <s>
 * always, </s> before its first token (`first`), and the prompt's tag syntax (pieces with [ ] or =).
 */
function writableLogits(out: Record<string, OrtTensorLike>, row: number, tokenizer: LlamaTokenizer, config: ClassifierConfig, first: boolean): Float64Array {
  const logits = Float64Array.from(rowOf(out, 'next_token_logits', row));
  for (let id = 0; id < logits.length; id++) if (tokenizer.isSpecial(id) && (id !== config.eos_token_id || first)) logits[id] = -Infinity;
  for (const id of tagSyntaxPieces(tokenizer)) logits[id] = -Infinity;
  return logits;
}

const tagSyntaxCache = new WeakMap<LlamaTokenizer, number[]>();

/** Ids of the pieces holding `[`, `]` or `=` (the prompt's tag syntax). */
function tagSyntaxPieces(tokenizer: LlamaTokenizer): number[] {
  let ids = tagSyntaxCache.get(tokenizer);
  if (!ids) {
    ids = [];
    for (let id = 0; id < tokenizer.vocabSize; id++) if (!tokenizer.isSpecial(id) && /[[\]=]/.test(tokenizer.idToPiece(id))) ids.push(id);
    tagSyntaxCache.set(tokenizer, ids);
  }
  return ids;
}

/** Nouns that stay plural in item names ("Jeans", not "Jean"). */
const PLURAL_NOUNS = new Set(['jeans', 'shorts', 'trousers', 'capris', 'leggings', 'pants', 'briefs', 'boxers', 'trunks', 'glasses', 'sunglasses', 'flops', 'tights', 'jeggings', 'joggers']);
/** Name words of article types that the plain rule gets wrong. */
const ARTICLE_WORDS: Record<string, string[]> = { tshirts: ['t-shirt'], 'perfume and body mist': ['perfume'], 'necklace and chains': ['necklace'], 'innerwear vests': ['vest'], sarees: ['saree'], 'kajal and eyeliner': ['kajal'], 'flip flops': ['flip', 'flops'], 'night suits': ['night', 'suit'] };

/** The singular of a catalogue plural ("Dresses" → "dress", "Watches" → "watch", "Kurtas" → "kurta"). */
function singular(word: string): string {
  if (PLURAL_NOUNS.has(word)) return word;
  if (/(ss|ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The words a name for these tags should contain, lower case: the colour's words and the article
 * type's noun as names write it ("Navy Blue" + "Tshirts" → navy, blue, t-shirt). Used by guided decoding.
 */
export function tagWords(tags: BriefTags): string[] {
  const words: string[] = [];
  if (tags.baseColour) words.push(...lower(tags.baseColour).split(/\s+/).filter(Boolean));
  if (tags.articleType) {
    const type = lower(tags.articleType).trim();
    words.push(...(ARTICLE_WORDS[type] ?? [singular(type.split(/\s+/).pop()!)]));
  }
  return words;
}

/** Adds a bonus to the tokens that start or continue a wanted word not yet in the text. */
class WordBooster {
  private readonly pieces: { id: number; text: string; starts: boolean }[] = [];
  constructor(tokenizer: LlamaTokenizer, private readonly words: readonly string[]) {
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      if (tokenizer.isSpecial(id)) continue;
      const piece = tokenizer.idToPiece(id);
      if (/^<0x[0-9A-F]{2}>$/.test(piece)) continue;
      const starts = piece.startsWith('\u2581');
      const text = lower(starts ? piece.slice(1) : piece);
      if (text) this.pieces.push({ id, text, starts });
    }
  }

  apply(logits: Float64Array, draft: string, boost: number): void {
    const written = lower(draft);
    const partial = /\s$/.test(draft) ? '' : (written.split(/\s+/).pop() ?? '');
    for (const word of this.words) {
      if (new RegExp(`(^|[^a-z])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(written)) continue;
      // Part of the word is written: only its continuations are helped (not a fresh start).
      const continuing = partial && word.startsWith(partial) && partial.length < word.length;
      // A fresh start: pieces of at least 3 letters (or the word's first part before a hyphen), so a
      // stray "▁D" is not pushed in front of words that are not the one wanted.
      const shortest = Math.min(3, word.split('-')[0]!.length);
      for (const p of this.pieces) {
        if (logits[p.id] === -Infinity) continue;
        const helps = continuing ? !p.starts && word.startsWith(partial + p.text) : p.starts && p.text.length >= shortest && word.startsWith(p.text);
        if (helps) logits[p.id] += boost;
      }
    }
  }
}

/** How the classifier reads a draft back: per head, its label, probability and sure flag. */
export type ReadBack = Record<string, { label: string; probability: number; sure: boolean }>;

/** The read-back of one prediction, for the brief tags the model has heads for. */
export function readBackOf(prediction: ItemPrediction): ReadBack {
  const out: ReadBack = {};
  for (const tag of BRIEF_TAGS) {
    const head = prediction.heads[tag];
    if (head) out[tag] = { label: head.label, probability: head.probability, sure: head.sure };
  }
  return out;
}

/** The asked tags the read-back contradicts: the classifier reads another label (sure or not). */
export function disagreements(tags: BriefTags, readBack: ReadBack): string[] {
  return BRIEF_TAGS.filter((t) => tags[t] && readBack[t] && readBack[t]!.label !== tags[t]);
}

const lower = (s: string) => s.toLowerCase();

/**
 * The one-line brief after a draft's name, from a template (the model was trained on names
 * only): "Casual dresses in green for women, for the summer season." from the asked tags.
 */
export function templateBrief(tags: BriefTags): string {
  const what = [tags.usage ? lower(tags.usage) : '', tags.articleType ? lower(tags.articleType) : 'piece'].filter(Boolean).join(' ');
  const parts = [what.charAt(0).toUpperCase() + what.slice(1)];
  if (tags.baseColour) parts.push(`in ${lower(tags.baseColour)}`);
  if (tags.gender) parts.push(`for ${lower(tags.gender)}`);
  let line = parts.join(' ');
  if (tags.season) line += `, for the ${lower(tags.season)} season`;
  return `${line}.`;
}

/** One finished draft. */
export interface Draft {
  /** The drafted item name (the model's words). */
  text: string;
  /** The one-line brief: written by the generator after the name when it can, else from the template. */
  brief: string;
  /** Who wrote the brief. */
  briefBy: 'model' | 'template';
  /** How the classifier reads the name back. */
  readBack: ReadBack;
  /** Asked tags the read-back contradicts. */
  disagrees: string[];
  /** Which draft stream it came from (its seed is draftSeed(seed, index)). */
  index: number;
}

/** The language model that drafts: the shipped tag-conditioned generator (config.json `generator`), or the classifier's own LM head. */
export interface DraftModel {
  /** Its ONNX runtime (output `next_token_logits`). */
  runtime: ModelRuntime;
  /** Longest prompt + draft in tokens. */
  maxLength: number;
  /** Set when the model writes a one-line brief after the name (trained on `<name> Details: <brief>`): the words that start it. */
  briefMarker?: string;
}

/** The model that drafts for a classifier: the generator when given, else the classifier's own tied LM head. */
export function drafterOf(classifier: Classifier, generator?: DraftModel): DraftModel {
  return generator ?? { runtime: classifier.runtime, maxLength: classifier.config.max_length };
}

/** Options of `draftBriefs`. */
export interface DraftBriefsOptions extends SamplingOptions {
  /** Drafts with this model (absent: the classifier's tied LM head); the classifier still reads every draft back. */
  generator?: DraftModel;
  /** Drafts wanted. */
  n: number;
  /** Seed. Default 1. */
  seed?: number;
  /** Most tokens per draft. Default 24. */
  maxNewTokens?: number;
  /** Normalised catalogue names (catalogueNameSet): drafts equal to one are dropped. */
  catalogue?: ReadonlySet<string>;
  /** Sorted hashes of more names to drop (the model's training names, `public/briefs/training-names.u32`). */
  knownHashes?: Uint32Array;
  /**
   * Guided decoding (absent = unguided): the tokens of the asked colour and article-type words get
   * `boost` added to their logits until the word is written (`tagWords`), and a draft whose read-back
   * contradicts an asked articleType, baseColour or usage is drafted again (a fresh seed stream), up
   * to `rounds` extra rounds.
   */
  guide?: { boost: number; rounds: number };
  /** Temperature of the briefs (default: the drafts' temperature, at most `BRIEF_MAX_TEMPERATURE`). */
  briefTemperature?: number;
  /** Draft again a name another draft of the request already has (default true). */
  dropRepeats?: boolean;
  /** Streaming: each draft's text as it grows (`draft` is its place in the result). */
  onToken?(token: DraftToken): void;
  /** Called between steps; throw to stop (cancel). */
  beforeStep?(): void | Promise<void>;
}

/** What `draftBriefs` returns. */
export interface DraftBriefsResult {
  /** Up to n drafts (fewer when copies and empties could not be replaced within the rounds). */
  drafts: Draft[];
  /** Drafts dropped as verbatim copies of a catalogue (or training) name. */
  droppedCopies: number;
  /** Drafts drafted again because another draft of the request already had the same name. */
  droppedRepeats: number;
  /** Drafts drafted again because their read-back contradicted the asked tags (guided only). */
  redrafted: number;
  /** Briefs written again because they did not name the asked article type and colour, or were too short or garbled. */
  briefsRewritten: number;
  /** Tokens written in all. */
  tokens: number;
}

/** Guided decoding as the app and the CLI use it unless told otherwise (figures in docs/BENCHMARKS.md). */
export const DEFAULT_GUIDE = { boost: 4, rounds: 5 } as const;

/** Heads the guided decoding checks (those the benchmark scores adherence on). */
export const GUIDED_TAGS = ['articleType', 'baseColour', 'usage'] as const;

const guidedMisses = (draft: Draft) => draft.disagrees.filter((t) => (GUIDED_TAGS as readonly string[]).includes(t)).length;

/**
 * Drafts n names for a tag combination with their briefs and read-backs: drops empty drafts and
 * verbatim catalogue copies and drafts replacements (at most 5 more rounds: common combinations such as
 * white ethnic kurtas are mostly drafted as training names), and, guided, drafts
 * again those whose read-back contradicts an asked articleType/baseColour/usage.
 */
export async function draftBriefs(classifier: Classifier, tags: BriefTags, options: DraftBriefsOptions): Promise<DraftBriefsResult> {
  const { tokenizer, config } = classifier;
  const drafter = drafterOf(classifier, options.generator);
  const n = options.n;
  const slots: (Draft | undefined)[] = new Array(n).fill(undefined);
  let pending = slots.map((_, i) => i);
  let nextIndex = 0;
  let droppedCopies = 0;
  let redrafted = 0;
  let droppedRepeats = 0;
  let tokens = 0;
  const guide = Math.max(0, options.guide?.rounds ?? 0);
  const boostWords = options.guide?.boost ? tagWords(tags) : undefined;
  const rounds = 6 + guide;
  for (let round = 0; round < rounds && pending.length > 0; round++) {
    const base = nextIndex;
    nextIndex += pending.length;
    const batch = pending;
    const sampled = await sampleDrafts(drafter.runtime, tokenizer, config, tags, {
      ...options,
      maxLength: drafter.maxLength,
      n: batch.length,
      firstIndex: base,
      ...(boostWords ? { boostWords, boost: options.guide!.boost } : {}),
      onToken: options.onToken ? (t) => options.onToken!({ draft: batch[t.draft]!, text: t.text }) : undefined,
    });
    tokens += sampled.tokens;
    const predictions = await classifier.classifyItems(sampled.texts.map((t) => t || ' '));
    const retry: number[] = [];
    batch.forEach((slot, k) => {
      const text = sampled.texts[k]!;
      if (!text || (options.catalogue && isVerbatimCopy(text, options.catalogue)) || (options.knownHashes && inNameHashes(text, options.knownHashes))) {
        if (text) droppedCopies++;
        retry.push(slot);
        return;
      }
      // A name already drafted for another slot of this request is drafted again.
      const name = normaliseName(text);
      if (options.dropRepeats !== false && slots.some((d, s) => s !== slot && d && normaliseName(d.text) === name)) {
        droppedRepeats++;
        retry.push(slot);
        return;
      }
      const readBack = readBackOf(predictions[k]!);
      const disagrees = disagreements(tags, readBack);
      const draft: Draft = { text, brief: templateBrief(tags), briefBy: 'template', readBack, disagrees, index: base + k };
      const off = disagrees.some((t) => (GUIDED_TAGS as readonly string[]).includes(t));
      // Keep a contradicting draft unless a guided round is left to replace it.
      if (off && guide > 0 && round < guide) {
        redrafted++;
        retry.push(slot);
        if (!slots[slot] || guidedMisses(draft) < guidedMisses(slots[slot]!)) slots[slot] = draft;
        return;
      }
      // The last try keeps the draft that contradicts fewer asked tags.
      if (!slots[slot] || guidedMisses(draft) <= guidedMisses(slots[slot]!)) slots[slot] = draft;
    });
    pending = retry;
  }
  const kept = slots.flatMap((draft, slot) => (draft ? [{ draft, slot }] : []));
  const drafts = kept.map((k) => k.draft);
  let briefsRewritten = 0;
  if (options.generator?.briefMarker && drafts.length > 0) {
    const written = await briefsFor(classifier, options.generator, tags, kept, options);
    tokens += written.tokens;
    briefsRewritten = written.rewritten;
  }
  return { drafts, droppedCopies, droppedRepeats, redrafted, briefsRewritten, tokens };
}

/** Briefs are sampled at the drafts' temperature but never above this: a brief is meant to read plainly (figures in docs/BENCHMARKS.md). */
export const BRIEF_MAX_TEMPERATURE = 0.8;

/** Tries the generator gets to write a brief that names the asked type and colour (then the template writes it). */
export const BRIEF_ROUNDS = 4;

/** Tags a brief is checked against. */
export const BRIEF_CHECKED_TAGS = ['articleType', 'baseColour'] as const;

/**
 * A brief whose tokens the generator itself found this unlikely on average (mean log-probability at
 * temperature 1) is written again: on 96 briefs of 8 combinations its plain catalogue lines scored
 * −0.08 to −0.45 and most garbled ones ("black printed woven ballerinerinven baller top…") −0.5 to
 * −2.1 (docs/BENCHMARKS.md); the word check catches most of the garbled ones that score higher.
 */
export const BRIEF_MIN_MEAN_LOG_PROBABILITY = -0.6;

/** Fewest words a brief has: fewer is a name again ("Black Watch AD2122"), not a brief. */
export const BRIEF_MIN_WORDS = 5;

/** Whether a written brief is long enough to be one (`BRIEF_MIN_WORDS` words or more). */
export function isBriefLength(brief: string): boolean {
  return brief.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= BRIEF_MIN_WORDS;
}

/** Whether `text` has `word` at the start of one of its words (case aside: "kurta" is in "Blue kurtas"; "shirt" is not in "T-shirt"). */
function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<![a-z])(?<!t-)${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(lower(text));
}

/**
 * The asked tags a brief does not name: it must say the asked article type and colour in words, as
 * `tagWords` writes them ("t-shirt", "navy", "blue"). The classifier's reading of a brief alone is
 * not used to judge it: it reads Myntra's own shirt lines ("Blue checked casual shirt, has a spread
 * collar…") as Tops, sure (docs/BENCHMARKS.md).
 */
export function briefProblems(tags: BriefTags, brief: string): string[] {
  return BRIEF_CHECKED_TAGS.filter((t) => tags[t] && !tagWords({ [t]: tags[t] }).every((w) => hasWord(brief, w)));
}

/**
 * The generator writes each kept draft's one-line brief after its name (streamed with the draft's
 * slot; not word-boosted: favouring the type word made it stop right after it, "Blue Kurta"); a
 * brief that is too short (`isBriefLength`), garbled (`BRIEF_MIN_MEAN_LOG_PROBABILITY`) or does not
 * name the asked article type and colour (`briefProblems`) is written again
 * from a fresh seed stream, up to `BRIEF_ROUNDS` tries in all. A draft still without a fitting brief
 * keeps the template's.
 */
async function briefsFor(
  classifier: Classifier,
  generator: DraftModel,
  tags: BriefTags,
  kept: readonly { draft: Draft; slot: number }[],
  options: DraftBriefsOptions,
): Promise<{ tokens: number; rewritten: number }> {
  let pending = kept.map((_, k) => k);
  let tokens = 0;
  let rewritten = 0;
  for (let round = 0; round < BRIEF_ROUNDS && pending.length > 0; round++) {
    await options.beforeStep?.();
    const batch = pending;
    const items = batch.map((k) => ({ name: kept[k]!.draft.text, seed: draftSeed(options.seed ?? 1, 100_000 * (round + 1) + kept[k]!.draft.index) }));
    const written = await writeBriefs(generator, classifier.tokenizer, classifier.config, tags, items, {
      ...options,
      temperature: options.briefTemperature ?? Math.min(options.temperature ?? DEFAULT_SAMPLING.temperature, BRIEF_MAX_TEMPERATURE),
      onBrief: options.onToken ? (item, brief) => options.onToken!({ draft: kept[batch[item]!]!.slot, text: kept[batch[item]!]!.draft.text, brief }) : undefined,
    });
    tokens += written.tokens;
    const retry: number[] = [];
    batch.forEach((k, i) => {
      const brief = written.briefs[i]!;
      const fluent = written.meanLogProbabilities[i]! >= BRIEF_MIN_MEAN_LOG_PROBABILITY;
      if (fluent && isBriefLength(brief) && briefProblems(tags, brief).length === 0) {
        Object.assign(kept[k]!.draft, { brief, briefBy: 'model' as const });
      } else {
        retry.push(k);
      }
    });
    if (round < BRIEF_ROUNDS - 1) rewritten += retry.length;
    pending = retry;
  }
  // Still without a fitting brief after the last try: the template's brief (already set) stays, and the stream shows it.
  for (const k of pending) options.onToken?.({ draft: kept[k]!.slot, text: kept[k]!.draft.text, brief: kept[k]!.draft.brief });
  return { tokens, rewritten };
}

/** The longest brief kept, in characters (whole sentences up to it, as the generator was trained). */
export const BRIEF_MAX_CHARS = 160;

/** Whole sentences of a written brief up to `BRIEF_MAX_CHARS` (the first one cut with … when it alone is longer); '' for none. */
export function briefSentences(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  const sentences = clean.match(/[^.!?]+[.!?]+/g) ?? [];
  let out = '';
  for (const sentence of sentences) {
    const next = out ? `${out} ${sentence.trim()}` : sentence.trim();
    if (next.length > BRIEF_MAX_CHARS) break;
    out = next;
  }
  if (out) return out;
  const first = (sentences[0] ?? clean).trim();
  return first.length > BRIEF_MAX_CHARS ? `${first.slice(0, BRIEF_MAX_CHARS - 1).trimEnd()}…` : first;
}

/**
 * Writes a one-line brief after each name with a generator trained on `<name> Details: <brief>`:
 * the prompt, the name and the marker are tokenised together (as in training), the drafts run as one
 * right-padded batch per step (the graph reads the next token at each row's last real token), each
 * from its own seeded stream, until `</s>` or about 48 tokens; the result is cut to whole sentences.
 */
export async function writeBriefs(
  generator: DraftModel,
  tokenizer: LlamaTokenizer,
  config: ClassifierConfig,
  tags: BriefTags,
  items: readonly { name: string; seed: number }[],
  sampling: SamplingOptions & { onBrief?(item: number, brief: string): void; beforeStep?(): void | Promise<void> },
): Promise<{ briefs: string[]; tokens: number; meanLogProbabilities: number[] }> {
  const options = checkSampling(sampling);
  const marker = generator.briefMarker ?? ' Details:';
  const sequences = items.map((item) => [config.bos_token_id, ...tokenizer.encode(`${generationPrompt(tags)} ${item.name}${marker}`)]);
  const starts = sequences.map((s) => s.length);
  const randoms = items.map((item) => seededRandom(item.seed));
  // How likely the model found each brief it wrote: the sum and count of its tokens' log-probabilities (at temperature 1).
  const logProbability = items.map(() => ({ sum: 0, count: 0 }));
  let active = sequences.map((_, i) => i).filter((i) => sequences[i]!.length < generator.maxLength);
  let tokens = 0;
  for (let step = 0; step < 48 && active.length > 0; step++) {
    await sampling.beforeStep?.();
    const width = Math.max(...active.map((d) => sequences[d]!.length));
    const ids = new BigInt64Array(active.length * width).fill(BigInt(config.pad_token_id));
    const mask = new BigInt64Array(active.length * width);
    active.forEach((d, row) =>
      sequences[d]!.forEach((id, k) => {
        ids[row * width + k] = BigInt(id);
        mask[row * width + k] = 1n;
      }),
    );
    const out = await generator.runtime.session.run({
      input_ids: generator.runtime.int64Tensor(ids, [active.length, width]),
      attention_mask: generator.runtime.int64Tensor(mask, [active.length, width]),
    });
    const still: number[] = [];
    active.forEach((d, row) => {
      const logits = writableLogits(out, row, tokenizer, config, sequences[d]!.length === starts[d]);
      const next = sampleToken(logits, options, randoms[d]!);
      logProbability[d]!.sum += logSoftmaxAt(logits, next);
      logProbability[d]!.count++;
      if (next === config.eos_token_id) return;
      sequences[d]!.push(next);
      tokens++;
      sampling.onBrief?.(d, tokenizer.decode(sequences[d]!.slice(starts[d])).trim());
      if (sequences[d]!.length < generator.maxLength) still.push(d);
    });
    active = still;
  }
  return {
    briefs: sequences.map((s, i) => briefSentences(tokenizer.decode(s.slice(starts[i])))),
    tokens,
    meanLogProbabilities: logProbability.map((p) => (p.count ? p.sum / p.count : -Infinity)),
  };
}

/** Parses "articleType=Dresses,baseColour=Green,usage=Casual" into tags; throws with a plain message on a bad pair or unknown tag. */
export function parseBriefTags(text: string): BriefTags {
  const tags: BriefTags = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`Each tag is name=value, e.g. articleType=Dresses (got "${part}").`);
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!(BRIEF_TAGS as readonly string[]).includes(name)) throw new Error(`Unknown tag "${name}": the model knows ${BRIEF_TAGS.join(', ')}.`);
    if (!value) throw new Error(`The tag "${name}" has no value.`);
    tags[name as keyof BriefTags] = value;
  }
  if (Object.keys(tags).length === 0) throw new Error('Give at least one tag, e.g. articleType=Dresses.');
  return tags;
}
