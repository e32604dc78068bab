import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes } from '../model/hash.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier, loadNodeGenerator } from '../model/session.node.ts';
import type { ModelLoader } from './inferenceHandlers.ts';

/** A ModelLoader for Node tests of the inference handlers: the shipped model through onnxruntime-node, one thread. */
export const shippedModelLoader: ModelLoader = async () => {
  const modelFile = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'config.json'), 'utf8')).onnx.model_file as string;
  const bytes = readFileSync(join(DEFAULT_MODEL_DIR, modelFile));
  const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 1 });
  return {
    classifier,
    loadGenerator: () => loadNodeGenerator(DEFAULT_MODEL_DIR, classifier.config, 1),
    choice: { backend: 'wasm', reason: 'onnxruntime-node in tests' },
    threads: 1,
    modelBytes: bytes.byteLength,
    modelId: hashBytes(bytes),
  };
};
