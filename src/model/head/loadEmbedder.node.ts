/** Node: loads the shipped classifier as a head feature source, when its model folder is there. */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EmbedFn } from '../../core/finetune/head.ts';
import { cachedEmbedFn, modelEmbedFn } from './embedding.ts';

/** A loaded feature source and the name recorded in heads trained with it. */
export interface LoadedEmbedder {
  /** Computes the features of texts. */
  embed: EmbedFn;
  /** The model folder (relative to the working directory when inside it). */
  source: string;
}

/**
 * Loads the classifier from `modelDir` as an EmbedFn (cached per text), or null when the folder
 * has no model. `headProbabilities` appends the model heads' probabilities to the embedding.
 */
export async function loadModelEmbedder(modelDir: string, options: { headProbabilities?: boolean; threads?: number } = {}): Promise<LoadedEmbedder | null> {
  if (!existsSync(join(modelDir, 'config.json'))) return null;
  const { loadNodeClassifier } = await import('../session.node.ts');
  const classifier = await loadNodeClassifier(modelDir, { threads: options.threads });
  const rel = relative(process.cwd(), modelDir);
  const source = `${rel && !rel.startsWith('..') ? rel : modelDir}${options.headProbabilities ? '#embedding+probabilities' : '#embedding'}`;
  return { embed: cachedEmbedFn(modelEmbedFn(classifier, { headProbabilities: options.headProbabilities })), source };
}
