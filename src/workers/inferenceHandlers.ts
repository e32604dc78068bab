/**
 * Handlers of the inference worker: load → warm-up → ready, then label texts with de-duplication,
 * a content-hash cache, length-bucketed batches, progress and cancel. The model loader and the
 * cache are injected, so Node tests run the same handlers on onnxruntime-node.
 */
import { BRIEF_TAGS, catalogueNameSet, DEFAULT_GUIDE, draftBriefs, type BriefTags, type DraftModel } from '../model/briefs.ts';
import { yieldToEventLoop } from '../core/yieldToEventLoop.ts';
import { coreMessage } from '../core/messages.ts';
import { calibrationKey } from '../model/calibration.ts';
import { modelEmbedFn, modelEmbeddingsAndReadings } from '../model/head/embedding.ts';
import { nameContradictionBlocks, textNamedBlocks } from '../model/namedLabels.ts';
import type { Classifier } from '../model/classifier.ts';
import { hashText } from '../model/hash.ts';
import type { Backend, BackendChoice } from '../model/session.web.ts';
import type { RequestHandlers } from './handlers.ts';
import type { ModelInfo } from './inferenceProtocol.ts';
import type { PredictionCache } from './predictionCache.ts';
import { flattenEmbeddings } from './flatEmbeddings.ts';
import { createSimilarHandlers, WorkerEmbeddings } from './similarHandlers.ts';
import { uniqueTexts } from './uniqueTexts.ts';

/** What a loader returns: the classifier and facts about it. */
export interface LoadedModel {
  /** The classifier. */
  classifier: Classifier;
  /** Backend choice and reason. */
  choice: BackendChoice;
  /** WASM threads. */
  threads: number;
  /** ONNX size in bytes. */
  modelBytes: number;
  /** Identifies the model file (cache keys include it). */
  modelId: string;
  /** Loads the design-brief generator (absent, or resolving to undefined: drafts come from the classifier's LM head). */
  loadGenerator?(): Promise<DraftModel | undefined>;
}

/** Loads the model for a base URL and backend preference. */
export type ModelLoader = (baseUrl: string | undefined, backend: 'auto' | Backend, threads?: number) => Promise<LoadedModel>;

/** Unique texts per model pass between progress messages and cancel checks. */
const CHUNK = 256;

/**
 * Cached rows: [code, probability] per head (the layout before calibration), then a sure flag per
 * head, then the OOD distance (NaN without an OOD test). Old rows of 2 × heads values are still read
 * when the model has no unsure rule (every item sure); a calibrated config keys its own rows.
 */
const packedLength = (heads: number) => 3 * heads + 1;

/** Builds the inference handlers around a loader and a prediction cache. */
export function createInferenceHandlers(load: ModelLoader, cache: PredictionCache): RequestHandlers<'model.load' | 'model.classify' | 'model.explain' | 'model.embed' | 'model.index' | 'model.similar' | 'model.generate'> {
  // Embeddings of the texts labelled, kept (int8) for similar items (issue 14, part 3).
  const embeddings = new WorkerEmbeddings();
  let loaded: { model: LoadedModel; info: ModelInfo; cachePrefix: string } | undefined;
  // The generator is loaded on the first draft (labelling never pays for it), once per loaded model.
  let generator: { model: LoadedModel; draft: Promise<DraftModel | undefined> } | undefined;
  const generatorOf = (model: LoadedModel) => {
    if (generator?.model !== model) {
      const draft = model.loadGenerator?.() ?? Promise.resolve(undefined);
      generator = { model, draft };
      // A failed load is not kept: the next draft tries again.
      draft.catch(() => {
        if (generator?.draft === draft) generator = undefined;
      });
    }
    return generator.draft;
  };
  const ready = () => {
    if (!loaded) throw new Error('The model is not loaded yet.');
    return loaded;
  };

  return {
    ...createSimilarHandlers(() => ready().model.classifier, embeddings),
    async 'model.load'(params, context) {
      const started = performance.now();
      context.progress({ stage: 'load', done: 0, total: 3, message: coreMessage('progress.loading-model') });
      const model = await load(params.baseUrl, params.backend ?? 'auto', params.threads);
      const loadMs = performance.now() - started;
      context.progress({ stage: 'load', done: 2, total: 3, message: coreMessage('progress.warming-up', { backend: model.choice.backend }) });
      const warm = performance.now();
      await model.classifier.classifyItems(['Navy blue cotton shirt for men']);
      const classifier = model.classifier;
      const { calibration, unsure } = classifier.config;
      const info: ModelInfo = {
        backend: model.choice.backend,
        reason: model.choice.reason,
        ...(model.choice.reasonDetail ? { reasonDetail: model.choice.reasonDetail } : {}),
        threads: model.threads,
        heads: [...classifier.heads],
        labels: Object.fromEntries(classifier.heads.map((h) => [h, classifier.labelsOf(h)])),
        modelBytes: model.modelBytes,
        modelId: model.modelId,
        loadMs,
        warmupMs: performance.now() - warm,
        ...(calibration ? { calibratedOn: calibration.fitted_on } : {}),
        ...(unsure
          ? {
              unsure: {
                minProbability: { ...unsure.min_probability },
                ...(unsure.ood ? { maxDistance: unsure.ood.max_distance } : {}),
                ...(unsure.scripts ? { scripts: unsure.scripts.map((r) => ({ script: r.script, minShare: r.min_share, heads: [...r.heads] })) } : {}),
                ...(unsure.evidence ? { evidence: unsure.evidence.map((r) => ({ heads: [...r.heads], words: [...r.words], substrings: [...(r.substrings ?? [])] })) } : {}),
                ...(unsure.conventions ? { conventions: unsure.conventions.map((r) => ({ heads: [...r.heads], basis: r.basis })) } : {}),
                ...(unsure.text_named ? { textNamed: textNamedBlocks(classifier.config, unsure.text_named) } : {}),
                ...(unsure.text_contradiction ? { textContradiction: textNamedBlocks(classifier.config, unsure.text_contradiction) } : {}),
                ...(unsure.named_contradiction ? { nameContradiction: nameContradictionBlocks(classifier.config, unsure.named_contradiction) } : {}),
              },
            }
          : {}),
      };
      // Calibrated results change with the config as well as with the graph.
      const key = calibrationKey(classifier.config);
      loaded = { model, info, cachePrefix: key ? `${model.modelId}+${key}` : model.modelId };
      return { result: info };
    },

    async 'model.classify'(params, context) {
      const { model, info, cachePrefix } = ready();
      const started = performance.now();
      const n = params.texts.length;
      const heads = info.heads;
      const H = heads.length;
      const plan = model.classifier.calibration;
      const codes = Object.fromEntries(heads.map((h) => [h, new Int32Array(n).fill(-1)]));
      const probabilities = Object.fromEntries(heads.map((h) => [h, new Float32Array(n)]));
      const sure = Object.fromEntries(heads.map((h) => [h, new Uint8Array(n)]));
      const oodDistances = plan.ood ? new Float32Array(n).fill(NaN) : undefined;
      // Identical texts are labelled once.
      const { unique, itemToUnique } = uniqueTexts(params.texts);
      const packed: (Float32Array | undefined)[] = new Array(unique.length);
      const keys = unique.map((t) => `${cachePrefix}:${hashText(t)}`);
      let cached = 0;
      if (params.useCache !== false) {
        const hits = await cache.getMany(keys);
        hits.forEach((hit, u) => {
          if (hit && (hit.length === packedLength(H) || (hit.length === 2 * H && !plan.judgesSure))) {
            packed[u] = hit;
            cached++;
          }
        });
      }
      const missing = unique.map((_, u) => u).filter((u) => !packed[u]);
      let done = cached;
      context.progress({ stage: 'classify', done, total: unique.length, unit: 'texts', message: cached ? coreMessage('progress.cached-texts', { n: cached }) : undefined });
      for (let start = 0; start < missing.length; start += CHUNK) {
        await yieldToEventLoop();
        context.throwIfCancelled();
        const chunk = missing.slice(start, start + CHUNK);
        const predictions = await model.classifier.classifyItems(chunk.map((u) => unique[u]!), { embeddings: true, signal: { get aborted() { return context.cancelled; } } });
        const entries: [string, Float32Array][] = [];
        chunk.forEach((u, k) => {
          const p = predictions[k]!;
          const row = new Float32Array(packedLength(H));
          heads.forEach((h, j) => {
            const labelIndex = info.labels[h]!.indexOf(p.heads[h]!.label);
            row[2 * j] = labelIndex;
            row[2 * j + 1] = p.heads[h]!.probability;
            row[2 * H + j] = p.heads[h]!.sure ? 1 : 0;
          });
          row[3 * H] = p.oodDistance ?? NaN;
          if (p.embedding) embeddings.put(unique[u]!, p.embedding);
          packed[u] = row;
          entries.push([keys[u]!, row]);
        });
        if (params.useCache !== false) await cache.putMany(entries).catch((error: unknown) => context.progress({ stage: 'classify', done, total: unique.length, message: coreMessage('plain', { text: (error as Error).message }) }));
        done += chunk.length;
        context.progress({ stage: 'classify', done, total: unique.length, unit: 'texts' });
      }
      for (let i = 0; i < n; i++) {
        const u = itemToUnique[i]!;
        if (u < 0) continue;
        const row = packed[u]!;
        const legacy = row.length === 2 * H;
        heads.forEach((h, j) => {
          codes[h]![i] = row[2 * j]!;
          probabilities[h]![i] = row[2 * j + 1]!;
          sure[h]![i] = legacy ? 1 : row[2 * H + j]!;
        });
        if (oodDistances) oodDistances[i] = row[3 * H]!;
      }
      const transfer = [...Object.values(codes), ...Object.values(probabilities), ...Object.values(sure), ...(oodDistances ? [oodDistances] : [])].map((a) => a.buffer);
      return { result: { heads, codes, probabilities, sure, ...(oodDistances ? { oodDistances } : {}), unique: unique.length, cached, ms: performance.now() - started }, transfer };
    },

    async 'model.explain'(params) {
      const { model } = ready();
      const words = params.text.split(/\s+/).filter(Boolean);
      const variants = [words.join(' '), ...words.map((_, k) => words.filter((__, j) => j !== k).join(' '))];
      const predictions = await model.classifier.classifyItems(variants, { topK: model.classifier.labelsOf(params.head).length });
      const full = predictions[0]!.heads[params.head];
      if (!full) throw new Error(`The model has no head "${params.head}".`);
      const probabilityOf = (k: number) => predictions[k]!.heads[params.head]!.top.find((t) => t.label === full.label)?.probability ?? 0;
      return {
        result: {
          label: full.label,
          probability: full.probability,
          words: words.map((word, k) => ({ word, weight: full.probability - probabilityOf(k + 1) })),
        },
      };
    },

    async 'model.generate'(params, context) {
      const { model } = ready();
      const started = performance.now();
      const tags: BriefTags = {};
      for (const [tag, value] of Object.entries(params.tags)) {
        if (!(BRIEF_TAGS as readonly string[]).includes(tag)) throw new Error(`Unknown tag "${tag}": the model knows ${BRIEF_TAGS.join(', ')}.`);
        if (value.trim()) tags[tag as keyof BriefTags] = value.trim();
      }
      if (Object.keys(tags).length === 0) throw new Error('Choose at least one tag to draft for.');
      const { n } = params;
      let written = 0;
      const drafter = await generatorOf(model);
      const result = await draftBriefs(model.classifier, tags, {
        n,
        ...(drafter ? { generator: drafter } : {}),
        seed: params.seed,
        temperature: params.temperature,
        topP: params.topP,
        topK: params.topK,
        ...(params.catalogue ? { catalogue: catalogueNameSet(params.catalogue) } : {}),
        ...(params.knownNameHashes ? { knownHashes: params.knownNameHashes } : {}),
        ...(params.guided === false ? {} : { guide: DEFAULT_GUIDE }),
        // One message per token: the draft's text so far; `done` counts the tokens written.
        onToken: (token) => context.progress({ stage: 'generate', done: ++written, unit: 'tokens', draft: { index: token.draft, text: token.text, ...(token.brief !== undefined ? { brief: token.brief } : {}) } }),
        // Between tokens: let a pending cancel in, and stop there.
        beforeStep: async () => {
          await yieldToEventLoop();
          context.throwIfCancelled();
        },
      });
      return { result: { ...result, ms: performance.now() - started } };
    },

    async 'model.embed'(params, context) {
      const { model } = ready();
      const onProgress = (done: number, total: number) => context.progress({ stage: 'embed', done, total, unit: 'texts' });
      if (params.readings && params.headProbabilities) throw new Error('model.embed reads texts for the label-name prior with the embedding alone, not with head probabilities.');
      // With `readings`, the embedding and the label-name prior's readings come from one pass of the model.
      const { embeddings, readings } = params.readings
        ? await modelEmbeddingsAndReadings(model.classifier, params.texts, params.readings.heads, params.readings.k, onProgress)
        : { embeddings: await modelEmbedFn(model.classifier, { headProbabilities: params.headProbabilities, onProgress })(params.texts), readings: undefined };
      const flat = flattenEmbeddings(embeddings);
      if (!readings) return { result: flat, transfer: [flat.data.buffer] };
      return { result: { ...flat, readings }, transfer: [flat.data.buffer, readings.classes.buffer, readings.probabilities.buffer] };
    },
  };
}
