/**
 * Params and results of the inference worker's requests (entries of RequestMap in protocol.ts).
 * Labels travel as Int32 codes into each head's label list, Float32 (calibrated) probabilities,
 * Uint8 sure flags and Float32 OOD distances, moved with transfer lists — never one object per item.
 */
import type { ItemReadings } from '../core/finetune/labelPrior.ts';
import type { NamedLabelsConfig } from '../model/config.ts';
import type { Backend } from '../model/session.web.ts';
import type { FlatEmbeddings } from './finetuneProtocol.ts';
import type { CoreMessage } from '../core/messages.ts';

/** `model.load`: load the shipped model and pick a backend. */
export interface ModelLoadParams {
  /** Model folder URL (default: the app's own /models/trendloom-classifier/). */
  baseUrl?: string;
  /** 'auto' (WebGPU on a real GPU, else WASM) or a forced backend (tests). */
  backend?: 'auto' | Backend;
  /** WASM threads (default: chosen from the machine's cores); benchmarks compare settings with it. */
  threads?: number;
}

/** What the UI shows about the loaded model. */
export interface ModelInfo {
  /** Backend in use. */
  backend: Backend;
  /** Why that backend (English). */
  reason: string;
  /** Why that backend, as a message code and parameters (absent from runtimes that give none). */
  reasonDetail?: CoreMessage;
  /** WASM threads. */
  threads: number;
  /** Head names in model order. */
  heads: string[];
  /** Labels per head, in class order. */
  labels: Record<string, string[]>;
  /** ONNX file size in bytes. */
  modelBytes: number;
  /** Identifies the model file; cache keys include it. */
  modelId: string;
  /** Milliseconds to fetch and create the session. */
  loadMs: number;
  /** Milliseconds of the warm-up run. */
  warmupMs: number;
  /** What the temperatures were fitted on, when config.json has a calibration block (else probabilities are uncalibrated). */
  calibratedOn?: string;
  /** The sure rule, when config.json has an unsure block (else every item is sure). */
  unsure?: {
    /** Per head: smallest sure calibrated top-1 probability. */
    minProbability: Record<string, number>;
    /** Largest OOD distance that is still sure, when the rule has an OOD test. */
    maxDistance?: number;
    /** Script rules: heads never sure for items whose text is at least `minShare` in `script`. */
    scripts?: { script: string; minShare: number; heads: string[] }[];
    /** Evidence rules: heads sure only when the item's text has one of `words` (whole words) or `substrings`. */
    evidence?: { heads: string[]; words: string[]; substrings: string[] }[];
    /** Convention rules: heads never sure (shops label them their own way), with what the rule rests on. */
    conventions?: { heads: string[]; basis: string }[];
    /** Text-named rules: a head sure only when the item's text names its label, with the named block whose words name them. */
    textNamed?: { head: string; block: NamedLabelsConfig }[];
    /** Text-contradiction rules: a head never sure when the item's text names other labels of it and not its label, with the named block. */
    textContradiction?: { head: string; block: NamedLabelsConfig }[];
    /** The name-contradiction rule: a head never sure when the item's name names other labels of it and not its label, with the named block. */
    nameContradiction?: { head: string; block: NamedLabelsConfig }[];
  };
}

/** `model.classify`: label item texts. */
export interface ModelClassifyParams {
  /** One text per item (the mapped text columns joined). */
  texts: string[];
  /** Use and fill the prediction cache (default true). */
  useCache?: boolean;
}

/** Predictions for every item: per head, the label code, its probability and whether it is sure. */
export interface ModelClassifyResult {
  /** Head names. */
  heads: string[];
  /** Per head: label index per item into ModelInfo.labels[head] (-1 for empty text). */
  codes: Record<string, Int32Array>;
  /** Per head: probability of that label per item (calibrated when config.json has temperatures). */
  probabilities: Record<string, Float32Array>;
  /** Per head: 1 where the label is sure under config.json's unsure rule, else 0 (0 for empty text; every labelled item is 1 without a rule). */
  sure: Record<string, Uint8Array>;
  /** Per item: OOD distance of its embedding to the training centroids (NaN for empty text); only when config.json has an OOD test. */
  oodDistances?: Float32Array;
  /** Distinct texts. */
  unique: number;
  /** Distinct texts answered from the cache. */
  cached: number;
  /** Milliseconds spent. */
  ms: number;
}

/** `model.explain`: which words drove one prediction (occlusion of each word). */
export interface ModelExplainParams {
  /** The item's text. */
  text: string;
  /** Head to explain. */
  head: string;
}

/** Words with how much removing each lowers the predicted label's probability. */
export interface ModelExplainResult {
  /** The predicted label. */
  label: string;
  /** Its probability on the full text. */
  probability: number;
  /** One entry per word, in text order: drop in probability when the word is removed (negative = the word argued against). */
  words: { word: string; weight: number }[];
}

/** `model.embed`: the frozen model's features for fine-tuned heads. */
export interface ModelEmbedParams {
  /** One text per item. */
  texts: string[];
  /** Append each model head's probabilities (as the head was trained with). */
  headProbabilities?: boolean;
  /** Also read each text for the teach loop's label-name prior (labelPrior.ts): these model heads' top `k` classes, from the same pass. */
  readings?: { heads: string[]; k: number };
}

/** Result of `model.embed`: the embeddings, and the readings when asked for. */
export type ModelEmbedResult = FlatEmbeddings & { readings?: ItemReadings };

/** `model.generate`: design-brief drafts for one tag combination, streamed token by token (progress `draft`), cancellable between tokens. */
export interface ModelGenerateParams {
  /** The combination: tag → value (articleType, baseColour, usage, gender, season). */
  tags: Record<string, string>;
  /** Drafts wanted. */
  n: number;
  /** Seed: the same seed and settings give the same drafts. Default 1. */
  seed?: number;
  /** Softmax temperature. */
  temperature?: number;
  /** Nucleus sampling threshold. */
  topP?: number;
  /** Top-k cut (0 = none). */
  topK?: number;
  /** Guided decoding (push towards the asked colour/article words, redraft contradicting drafts); default true. */
  guided?: boolean;
  /** Catalogue item names: drafts equal to one (case and spaces aside) are dropped and drafted again. */
  catalogue?: string[];
  /** Sorted name hashes of the model's training catalogue (`public/briefs/training-names.u32`): drafts equal to a training name are dropped too. */
  knownNameHashes?: Uint32Array;
}

/** Result of `model.generate`. */
export interface ModelGenerateResult {
  /** The drafts, each with its template brief and the classifier's read-back. */
  drafts: import('../model/briefs.ts').Draft[];
  /** Drafts dropped as verbatim catalogue copies (and drafted again). */
  droppedCopies: number;
  /** Drafts drafted again because another draft had the same name. */
  droppedRepeats: number;
  /** Drafts drafted again because their read-back contradicted an asked tag (guided). */
  redrafted: number;
  /** Tokens written. */
  tokens: number;
  /** Milliseconds spent. */
  ms: number;
}
