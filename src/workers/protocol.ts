/**
 * The one typed protocol between the page and every Trendloom worker.
 *
 * Requests and responses are discriminated unions keyed by `type` and matched by `id`.
 * `RequestMap` maps each request type to its params and result; add an entry here (and a
 * handler for it) to add a request. Bytes move as Arrow IPC buffers / typed arrays with
 * transfer lists, never as arrays of row objects.
 */

import { isCoreMessage, type CoreMessage } from '../core/messages.ts';

/** Progress of a long request: what stage, how far (done/total in the stage's unit). */
export interface Progress {
  /** Short machine-readable stage name, e.g. 'parse', 'classify'. */
  stage: string;
  /** Units done so far (bytes, rows, items…). */
  done: number;
  /** Units expected in all, when known. */
  total?: number;
  /** Unit of done/total, e.g. 'bytes', 'rows', 'items'. */
  unit?: string;
  /** Rows (or items) handled so far, when the unit is bytes. */
  rows?: number;
  /** A status line for the UI, as a message code and parameters (worded in the reader's language). */
  message?: CoreMessage;
  /** Generation streaming: the text so far of one draft (`model.generate`), and of its brief once the generator writes it. */
  draft?: { index: number; text: string; brief?: string };
}

/** An error as data, so it can cross the worker boundary and be rebuilt. */
export interface SerializedError {
  /** Error class name, e.g. 'IntakeError', 'Error'. */
  name: string;
  /** The message shown to the user. */
  message: string;
  /** Stack trace, for debugging only. */
  stack?: string;
  /** Machine-readable code when the error has one. */
  code?: string;
  /** The message as a code and parameters (core messages), so the page can word it in its language. */
  detail?: CoreMessage;
}

/** Params and result of every request type; extended by each feature. */
export interface RequestMap {
  /** Loads the shipped classifier, picks WebGPU or WASM, warms up. */
  'model.load': { params: import('./inferenceProtocol.ts').ModelLoadParams; result: import('./inferenceProtocol.ts').ModelInfo };
  /** Labels item texts (de-duplicated, cached, batched; progress and cancel). */
  'model.classify': { params: import('./inferenceProtocol.ts').ModelClassifyParams; result: import('./inferenceProtocol.ts').ModelClassifyResult };
  /** Which words drove one prediction (occlusion). */
  'model.explain': { params: import('./inferenceProtocol.ts').ModelExplainParams; result: import('./inferenceProtocol.ts').ModelExplainResult };
  /** The frozen model's features for fine-tuned heads. */
  'model.embed': { params: import('./inferenceProtocol.ts').ModelEmbedParams; result: import('./inferenceProtocol.ts').ModelEmbedResult };
  /** Keeps the catalogue's embeddings (int8) in the worker and indexes them for `model.similar`. */
  'model.index': { params: import('./similarProtocol.ts').ModelIndexParams; result: import('./similarProtocol.ts').ModelIndexResult };
  /** The catalogue items most similar to an item or a text (by the model's embedding). */
  'model.similar': { params: import('./similarProtocol.ts').ModelSimilarParams; result: import('./similarProtocol.ts').ModelSimilarResult };
  /** Drafts design briefs for a tag combination with the LM head, streamed token by token (progress `draft`). */
  'model.generate': { params: import('./inferenceProtocol.ts').ModelGenerateParams; result: import('./inferenceProtocol.ts').ModelGenerateResult };
  /** Health check: echoes its text back. */
  ping: { params: { text: string }; result: { text: string } };
  /** Trains a fine-tuned head on labelled texts (progress per epoch, cancel between epochs). */
  'finetune.train': { params: import('./finetuneProtocol.ts').FinetuneTrainParams; result: import('./finetuneProtocol.ts').FinetuneTrainResult };
  /** Applies a head to texts: labels and probabilities. */
  'finetune.predict': { params: import('./finetuneProtocol.ts').FinetunePredictParams; result: import('./finetuneProtocol.ts').FinetunePredictResult };
  /** One round of the teach loop: held-out estimate on the taught items, the head, and its guess for every item. */
  'finetune.teach': { params: import('./finetuneProtocol.ts').FinetuneTeachParams; result: import('./finetuneProtocol.ts').FinetuneTeachResult };
  /** Reads a file (CSV, Arrow IPC, Parquet) into an Arrow table; progress per chunk, cancel between chunks. */
  'intake.parse': { params: import('./intakeProtocol.ts').IntakeParseParams; result: import('./intakeProtocol.ts').IntakeParseResult };
  /** Reads the first rows of a file, for a quick look; same result shape. */
  'intake.preview': { params: import('./intakeProtocol.ts').IntakePreviewParams; result: import('./intakeProtocol.ts').IntakeParseResult };
  /** Reads the second part of a large CSV into raw columns (the intake worker's helper, for a split read). */
  'intake.part': { params: import('./intakeProtocol.ts').IntakePartParams; result: import('./intakeProtocol.ts').IntakePartResult };
  /** Forecasts a series set with the backtested ensemble; progress per series batch, cancel between batches. */
  'forecast.run': { params: import('./forecastProtocol.ts').ForecastRunParams; result: import('./forecastProtocol.ts').ForecastRunResult };
  /** Turns labelled items into share-per-period trend series. */
  /** Plans next season's units per group (planSeason): ranges, plan quantities, coherent totals; progress per forecast node. */
  'forecast.plan': { params: import('./forecastProtocol.ts').ForecastPlanParams; result: import('./forecastProtocol.ts').ForecastPlanResult };
}

/** Any request type name. */
export type RequestType = keyof RequestMap;
/** Params of request type K. */
export type ParamsOf<K extends RequestType> = RequestMap[K]['params'];
/** Result of request type K. */
export type ResultOf<K extends RequestType> = RequestMap[K]['result'];

/** A message from the page to a worker. */
export type WorkerRequest =
  | { [K in RequestType]: { type: K; id: number; params: ParamsOf<K> } }[RequestType]
  | { type: 'cancel'; id: number };

/** A message from a worker to the page. */
export type WorkerResponse =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'cancelled'; id: number };

/** Thrown inside a handler (and rebuilt on the page) when a request was cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** Turns any thrown value into its transferable form. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const detail = (error as { detail?: unknown }).detail;
    return { name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}), ...(isCoreMessage(detail) ? { detail } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an Error from its transferable form, keeping name, message, code and stack. */
export function deserializeError(data: SerializedError): Error {
  const error = data.name === 'CancelledError' ? new CancelledError(data.message) : new Error(data.message);
  error.name = data.name;
  if (data.stack) error.stack = data.stack;
  if (data.code) (error as Error & { code?: string }).code = data.code;
  if (data.detail) (error as Error & { detail?: CoreMessage }).detail = data.detail;
  return error;
}
