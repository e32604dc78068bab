import { deduplicate, padBatch, planBatches } from './batching.ts';
import { calibrationPlan, nameTooLongForNamedThresholds, oodDistance, ruleBlockedHeads, sureUnder, temperedSoftmax, type CalibrationPlan, type NamedTop, type UnsureRuleKind } from './calibration.ts';
import { headLabels, NAMED_LABEL_BLOCKS, type ClassifierConfig } from './config.ts';
import { buildInputText, nameWordsOf, type ItemTextFields } from './inputText.ts';
import { labelsNamedInItemText, labelsNamedInText, namedLabelMatcher, withNamedLabelBonus, type NamedLabelMatcher } from './namedLabels.ts';
import { textForm, type NgramHead } from './ngramHead.ts';
import { topLabelScores, type LabelScore } from './postprocess.ts';
import type { LlamaTokenizer } from './tokenizer.ts';

/** The part of an ONNX Runtime output tensor the classifier reads (ort-node and ort-web both fit). */
export interface OrtTensorLike {
  /** Flat values (Float32Array for the classifier's outputs). */
  readonly data: unknown;
  /** Shape. */
  readonly dims: readonly number[];
}

/** The part of an ONNX Runtime `InferenceSession` the classifier needs. */
export interface InferenceSessionLike {
  /** Runs the graph on named input tensors and resolves to the named outputs. */
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensorLike>>;
}

/** A session plus a way to make int64 input tensors with the same runtime's `Tensor` class. */
export interface ModelRuntime {
  /** The ONNX session of `onnx/model_quantized.onnx`. */
  session: InferenceSessionLike;
  /** `(data, dims) => new ort.Tensor('int64', data, dims)` for whichever ort package is in use. */
  int64Tensor(data: BigInt64Array, dims: number[]): unknown;
}

/** One head's answer for one item. */
export interface HeadPrediction {
  /** The most probable label. */
  label: string;
  /** Its probability (calibrated: the head's logits divided by its temperature before the softmax). */
  probability: number;
  /** The top-k labels, best first (the first is `label`), with calibrated probabilities. */
  top: LabelScore[];
  /** Whether the answer passes config.json's unsure rule (always true when the config has none). */
  sure: boolean;
  /** Set when a rule of config.json made the answer unsure: a convention, the text is mostly in a script, names nothing of the head's kind, or does not name the label. */
  unsureRule?: UnsureRuleKind;
}

/** The classifier's answer for one item. */
export interface ItemPrediction {
  /** Per head name (articleType, baseColour, …). */
  heads: Record<string, HeadPrediction>;
  /** The pooled hidden state (for fine-tuned heads), when requested. */
  embedding?: Float32Array;
  /** 1 − max cosine similarity of the embedding to the training centroids; only when config.json has `unsure.ood`. */
  oodDistance?: number;
}

/** Options of `Classifier.classifyTexts`. */
export interface ClassifyOptions {
  /** How many labels to keep per head (default 1). */
  topK?: number;
  /** Rows per model call (default 64). */
  maxBatch?: number;
  /** Padded tokens per model call (default 4096). */
  maxTokens?: number;
  /** Also return the pooled `embedding` (default false). */
  embeddings?: boolean;
  /** Called after each model call with unique texts done / total. */
  onProgress?(done: number, total: number): void;
  /** Stops between batches when `aborted` turns true. */
  signal?: { readonly aborted: boolean };
}

/** A `named_types.parents` head: its bonus, class index per label and each article type's label there. */
interface ParentBonus {
  head: string;
  bonus: number;
  classOf: Map<string, number>;
  parentOf: ReadonlyMap<string, string>;
}

/** One bonus an item gets on one head: the labels lifted (only those the head has), their class index and the bonus. */
interface NamedLift {
  classOf: Map<string, number>;
  bonus: number;
  labels: readonly string[];
}

/** Runs the shipped multi-head Llama classifier on item texts through an injected ONNX session. */
export class Classifier {
  /** Head names in model order. */
  readonly heads: string[];
  /** Temperatures, sure thresholds and OOD centroids from config.json (defaults where absent). */
  readonly calibration: CalibrationPlan;
  private readonly labels: Map<string, string[]>;
  /**
   * The `named_colours`, `named_types` and `named_genders` blocks, compiled, each with its head's class index per label and its
   * `parents` heads (a parent head's class index and each named type's label there); none: no bonus.
   */
  private readonly namedBlocks: { matcher: NamedLabelMatcher; classOf: Map<string, number>; parents: ParentBonus[] }[] = [];
  /** Per head of a text-named unsure rule (`unsure.text_named`): the named block's matcher, read over the whole item text. */
  private readonly textNamedMatchers: ReadonlyMap<string, NamedLabelMatcher>;
  /** Per head of a text-contradiction unsure rule (`unsure.text_contradiction`): the named block's matcher, read over the whole item text. */
  private readonly textContradictionMatchers: ReadonlyMap<string, NamedLabelMatcher>;

  /**
   * Wraps a runtime (session + tensor factory), the tokenizer, the model's config.json and, when the
   * config names one (`ngram_head`), the loaded n-gram head whose logits are mixed in.
   */
  constructor(
    /** The ONNX runtime (generation runs its LM head through it). */
    readonly runtime: ModelRuntime,
    readonly tokenizer: LlamaTokenizer,
    readonly config: ClassifierConfig,
    readonly ngram?: NgramHead,
  ) {
    this.heads = [...config.head_order];
    this.labels = new Map(this.heads.map((h) => [h, headLabels(config, h)]));
    this.calibration = calibrationPlan(config);
    const classIndex = (head: string) => new Map(this.labelsOf(head).map((label, i) => [label, i]));
    for (const block of NAMED_LABEL_BLOCKS.map((name) => config[name])) {
      if (!block) continue;
      const matcher = namedLabelMatcher(block, config.input_template);
      const parents = Object.entries(('parents' in block && block.parents) || {}).map(([head, parent]) => ({
        head, bonus: parent.bonus, classOf: classIndex(head), parentOf: new Map(Object.entries(parent.labels)),
      }));
      this.namedBlocks.push({ matcher, classOf: classIndex(matcher.head), parents });
    }
    this.textNamedMatchers = this.wholeTextMatchers(this.calibration.textNamedHeads, 'text-named');
    this.textContradictionMatchers = this.wholeTextMatchers(this.calibration.textContradictionHeads, 'text-contradiction');
    if (config.ngram_head && !ngram) {
      throw new Error(`The classifier's config.json mixes in an n-gram head (${config.ngram_head.file}) that was not loaded; its calibration is for the mix.`);
    }
    if (ngram) {
      for (const head of this.heads) {
        const slice = ngram.headSlice(new Float32Array(ngram.width), head);
        if (slice?.length !== this.labelsOf(head).length) throw new Error(`The n-gram head has ${slice?.length ?? 0} classes for "${head}", the model ${this.labelsOf(head).length}.`);
      }
    }
  }

  /**
   * The bonuses one input text gets, by head (also the labels named with a bonus of 0, for the named sure
   * threshold): each block's matcher runs once over the item's name, and its `parents` heads lift the parent
   * labels of the labels it found.
   */
  private namedLifts(inputText: string): Map<string, NamedLift[]> {
    const lifts = new Map<string, NamedLift[]>();
    // Only the labels the head has: a lift says what the name names on that head.
    const add = (head: string, { classOf, bonus, labels }: NamedLift) => {
      const own = labels.filter((l) => classOf.has(l));
      if (own.length > 0) lifts.set(head, [...(lifts.get(head) ?? []), { classOf, bonus, labels: own }]);
    };
    for (const { matcher, classOf, parents } of this.namedBlocks) {
      const labels = labelsNamedInText(matcher, inputText);
      add(matcher.head, { classOf, bonus: matcher.bonus, labels });
      for (const p of parents) add(p.head, { classOf: p.classOf, bonus: p.bonus, labels: [...new Set(labels.map((t) => p.parentOf.get(t)).filter((l): l is string => l !== undefined))] });
    }
    return lifts;
  }

  /**
   * One head's logits for the softmax: the Llama head's, mixed with the n-gram head's when the model has
   * one, plus the item's named-label bonuses on that head (`namedLifts`).
   */
  private mixedLogits(llama: Float32Array, ngramAll: Float32Array | undefined, head: string, inputText: string, lifts: Map<string, NamedLift[]>): ArrayLike<number> {
    const mix = this.config.ngram_head?.mix[head]?.[textForm(inputText)];
    let out: Float32Array = llama;
    if (ngramAll && mix && this.ngram) {
      const ngram = this.ngram.headSlice(ngramAll, head)!;
      out = new Float32Array(llama.length);
      for (let i = 0; i < out.length; i++) out[i] = mix.llama * llama[i]! + mix.ngram * ngram[i]!;
    }
    for (const { classOf, labels, bonus } of lifts.get(head) ?? []) if (bonus !== 0) out = withNamedLabelBonus(out, classOf, labels, bonus);
    return out;
  }

  /** The labels of one head, in class-index order. */
  labelsOf(head: string): string[] {
    const labels = this.labels.get(head);
    if (!labels) throw new Error(`Unknown classifier head "${head}".`);
    return labels;
  }

  /** `<s>` + pieces + `</s>`, cut to the model's maximum length (pooling reads the `</s>`). */
  encodeForClassifier(inputText: string): number[] {
    const body = this.tokenizer.encode(inputText).slice(0, this.config.max_length - 2);
    return [this.config.bos_token_id, ...body, this.config.eos_token_id];
  }

  /** Classifies items given as fields or bare text (wrapped with the config's input template). */
  classifyItems(items: readonly (ItemTextFields | string)[], options: ClassifyOptions = {}): Promise<ItemPrediction[]> {
    return this.classifyTexts(
      items.map((item) => buildInputText(item, this.config.input_template)),
      options,
    );
  }

  /** The named block's matcher for each head of a whole-text unsure rule (`kind` names the rule); a head without a named block is refused. */
  private wholeTextMatchers(heads: Iterable<string>, kind: string): Map<string, NamedLabelMatcher> {
    const out = new Map<string, NamedLabelMatcher>();
    for (const head of heads) {
      const block = this.namedBlocks.find((b) => b.matcher.head === head);
      if (!block) throw new Error(`The classifier's config.json has a ${kind} unsure rule for "${head}" but no named block (named_colours, named_types or named_genders) whose words name its labels.`);
      out.set(head, block.matcher);
    }
    return out;
  }

  /**
   * Classifies ready-made input texts (`Item: …`); identical texts are run once, batches are bucketed
   * by length. Probabilities are calibrated and each head says whether it is sure; with an OOD test in
   * config.json the `embedding` output is read for it even when `embeddings` was not asked for.
   */
  async classifyTexts(inputTexts: readonly string[], options: ClassifyOptions = {}): Promise<ItemPrediction[]> {
    const topK = Math.max(1, options.topK ?? 1);
    const { unique, indexOf } = deduplicate(inputTexts);
    const sequences = unique.map((t) => this.encodeForClassifier(t));
    const batches = planBatches(sequences.map((s) => s.length), options.maxBatch ?? 64, options.maxTokens ?? 4096);
    const results: ItemPrediction[] = new Array(unique.length);
    let done = 0;
    for (const batch of batches) {
      if (options.signal?.aborted) throw new Error('Classification was cancelled.');
      const rows = batch.members.map((m) => sequences[m]!);
      const { inputIds, attentionMask } = padBatch(rows, batch.width, this.config.pad_token_id);
      const dims = [rows.length, batch.width];
      const out = await this.runtime.session.run({
        input_ids: this.runtime.int64Tensor(inputIds, dims),
        attention_mask: this.runtime.int64Tensor(attentionMask, dims),
      });
      const ood = this.calibration.ood;
      batch.members.forEach((member, row) => {
        const embedding = options.embeddings || ood ? rowOf(out, 'embedding', row) : undefined;
        const distance = ood ? oodDistance(embedding!, ood.centroids) : undefined;
        const heads: Record<string, HeadPrediction> = {};
        const blocked = ruleBlockedHeads(this.calibration, unique[member]!);
        const ngramAll = this.ngram?.logits(unique[member]!);
        const lifts = this.namedLifts(unique[member]!);
        // Read only when the name names a label (the named thresholds apply to nothing else).
        const longName = lifts.size > 0 && nameTooLongForNamedThresholds(this.calibration, nameWordsOf(unique[member]!, this.calibration.templateText));
        for (const head of this.heads) {
          const logits = this.mixedLogits(rowOf(out, `logits_${head}`, row), ngramAll, head, unique[member]!, lifts);
          const probabilities = temperedSoftmax(logits, this.calibration.heads.get(head)!.temperature);
          const top = topLabelScores(probabilities, this.labelsOf(head), topK);
          const probability = top[0]!.probability;
          const rule = blocked.get(head);
          const lifted = lifts.get(head) ?? [];
          const namedLabels = new Set(lifted.flatMap((lift) => lift.labels));
          const named: NamedTop = namedLabels.has(top[0]!.label) ? (namedLabels.size > 1 ? 'several' : 'one') : undefined;
          // The name names labels of this head but not the top one: never sure where the config says so.
          const nameContradicts = !named && lifted.length > 0 && this.calibration.namedContradiction.has(head);
          // A name too long for the named thresholds (a marketplace title naming many things): the head's own threshold.
          const namedThreshold = named && !longName ? named : undefined;
          // The whole-text rules, read only when no rule of the text itself already decided.
          // A text-named rule: sure only when the item's name or description names the top label.
          const textMatcher = rule ? undefined : this.textNamedMatchers.get(head);
          const unnamed = textMatcher !== undefined && !labelsNamedInItemText(textMatcher, unique[member]!).includes(top[0]!.label);
          // A text-contradiction rule: the name or description names labels of this head, none of them the top one.
          const contradictionMatcher = rule ? undefined : this.textContradictionMatchers.get(head);
          const textLabels = contradictionMatcher ? labelsNamedInItemText(contradictionMatcher, unique[member]!) : [];
          const textContradicts = textLabels.length > 0 && !textLabels.includes(top[0]!.label);
          const why = rule ?? (unnamed ? 'unnamed' : textContradicts || nameContradicts ? 'contradicted' : undefined);
          const sure = !why && sureUnder(this.calibration, head, probability, distance, namedThreshold);
          heads[head] = { label: top[0]!.label, probability, top, sure, ...(why ? { unsureRule: why } : {}) };
        }
        const prediction: ItemPrediction = { heads };
        if (options.embeddings) prediction.embedding = Float32Array.from(embedding!);
        if (distance !== undefined) prediction.oodDistance = distance;
        results[member] = prediction;
      });
      done += rows.length;
      options.onProgress?.(done, unique.length);
    }
    return Array.from(indexOf, (u) => results[u]!);
  }
}

/** Row `row` of a [batch, n] float output. */
export function rowOf(outputs: Record<string, OrtTensorLike>, name: string, row: number): Float32Array {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`The model did not return "${name}"; is this the Trendloom classifier?`);
  const width = tensor.dims[1]!;
  return (tensor.data as Float32Array).subarray(row * width, (row + 1) * width);
}
