import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Classifier, type ModelRuntime } from './classifier.ts';
import type { DraftModel } from './briefs.ts';
import { parseClassifierConfig, type ClassifierConfig } from './config.ts';
import { parseNgramHead, type NgramHead } from './ngramHead.ts';
import { LlamaTokenizer } from './tokenizer.ts';

/** The model folder shipped with the app (`public/models/trendloom-classifier/`). */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../public/models/trendloom-classifier/', import.meta.url));

/**
 * Session options for the int8 DequantizeLinear→MatMul graph: the "exact" accuracy level stops the
 * CPU provider from re-quantising activations to 8 bits (which would drift from the fp32 reference).
 */
export const SESSION_OPTIONS = {
  graphOptimizationLevel: 'all',
  extra: { session: { qdq_matmulnbits_accuracy_level: '0' } },
} as const;

/** An onnxruntime-node runtime for an ONNX file (int64 tensors made with ort-node's `Tensor`). */
export async function createNodeRuntime(onnxPath: string, threads?: number): Promise<ModelRuntime> {
  const session = await ort.InferenceSession.create(onnxPath, {
    ...SESSION_OPTIONS,
    ...(threads ? { intraOpNumThreads: threads } : {}),
  } as ort.InferenceSession.SessionOptions);
  return {
    session: { run: (feeds) => session.run(feeds as Record<string, ort.Tensor>) },
    int64Tensor: (data, dims) => new ort.Tensor('int64', data, dims),
  };
}

/** The design-brief generator of a model folder (config.json `generator`), or undefined when the model ships none. */
export async function loadNodeGenerator(modelDir: string, config: ClassifierConfig, threads?: number): Promise<DraftModel | undefined> {
  if (!config.generator) return undefined;
  const { max_length: maxLength, brief_marker: briefMarker } = config.generator;
  return { runtime: await createNodeRuntime(join(modelDir, config.generator.model_file), threads), maxLength, ...(briefMarker ? { briefMarker } : {}) };
}

/** Loads the shipped classifier (config, tokenizer, quantised ONNX) from a model folder for Node. */
export async function loadNodeClassifier(modelDir = DEFAULT_MODEL_DIR, options: { onnxFile?: string; threads?: number } = {}): Promise<Classifier> {
  const readJson = async (name: string) => {
    try {
      return JSON.parse(await readFile(join(modelDir, name), 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`Cannot read the classifier's ${name} in ${modelDir}: ${(error as Error).message}`);
    }
  };
  const config = parseClassifierConfig(await readJson('config.json'));
  const tokenizer = LlamaTokenizer.fromJson(await readJson('tokenizer.json'));
  const runtime = await createNodeRuntime(join(modelDir, options.onnxFile ?? config.onnx.model_file), options.threads);
  return new Classifier(runtime, tokenizer, config, await loadNodeNgramHead(modelDir, config));
}

/** The n-gram head a model folder's config.json names (`ngram_head`), or undefined when it names none. */
export async function loadNodeNgramHead(modelDir: string, config: ClassifierConfig): Promise<NgramHead | undefined> {
  const block = config.ngram_head;
  if (!block) return undefined;
  try {
    const json = JSON.parse(await readFile(join(modelDir, block.file), 'utf8')) as unknown;
    return parseNgramHead(json, await readFile(join(modelDir, block.weights_file)));
  } catch (error) {
    throw new Error(`Cannot read the classifier's n-gram head (${block.file}, ${block.weights_file}) in ${modelDir}: ${(error as Error).message}`);
  }
}
