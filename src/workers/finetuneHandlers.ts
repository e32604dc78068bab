/**
 * Handlers of the fine-tuning worker: `finetune.train` (progress per epoch, cancel between
 * epochs) and `finetune.predict`. Plain functions, so Node tests call them without a Worker.
 */
import { loadHead, predictWithHead, trainHead, type EmbedFn } from '../core/finetune/head.ts';
import { teachRound } from '../core/finetune/teach.ts';
import { coreMessage } from '../core/messages.ts';
import type { HandlerContext, RequestHandlers } from './handlers.ts';
import { unflattenEmbeddings } from './flatEmbeddings.ts';

/** The request types this worker serves. */
export type FinetuneRequestType = 'finetune.train' | 'finetune.predict' | 'finetune.teach';

/** What the handlers may use besides their params. */
export interface FinetuneDeps {
  /** Computes embeddings with the frozen model when a request carries none (e.g. a model session in this worker). */
  embed?: EmbedFn;
}

function epochHooks(context: HandlerContext, maxEpochs: number) {
  return {
    checkCancel: () => context.throwIfCancelled(),
    onEpoch: (info: { epoch: number; validationAccuracy: number; validationLoss: number }) =>
      context.progress({
        stage: 'train',
        done: info.epoch,
        total: maxEpochs,
        unit: 'epochs',
        message: coreMessage('progress.epoch', { epoch: info.epoch, accuracy: `${(info.validationAccuracy * 100).toFixed(1)}%`, loss: info.validationLoss.toFixed(4) }),
      }),
  };
}

/** Builds the fine-tuning handlers; `deps.embed` is used when a request brings no embeddings. */
export function createFinetuneHandlers(deps: FinetuneDeps = {}): RequestHandlers<FinetuneRequestType> {
  return {
    async 'finetune.train'({ texts, labels, options = {}, embeddings }, context) {
      if (texts.length !== labels.length) throw new Error(`Got ${texts.length} texts but ${labels.length} label entries.`);
      let embed: EmbedFn | undefined = deps.embed;
      if (embeddings) {
        // trainHead embeds only the labelled items, in order; hand it exactly those vectors.
        const vectors = unflattenEmbeddings(embeddings, texts.length);
        const labelled = vectors.filter((_, i) => labels[i]!.length > 0);
        embed = async (subset) => {
          if (subset.length !== labelled.length) throw new Error('Embeddings do not line up with the labelled items.');
          return labelled;
        };
      }
      const result = await trainHead(texts, labels, options, embed, epochHooks(context, options.maxEpochs ?? 100));
      context.throwIfCancelled();
      return { result };
    },
    async 'finetune.predict'({ head, texts, embeddings }, context) {
      const loaded = loadHead(head);
      const vectors = embeddings ? unflattenEmbeddings(embeddings, texts.length) : undefined;
      context.progress({ stage: 'predict', done: 0, total: texts.length, unit: 'items' });
      const predictions = await predictWithHead(loaded, texts, deps.embed, vectors);
      const classes = head.labels.length;
      const all = new Float32Array(texts.length * classes);
      predictions.forEach((p, i) => all.set(p.all, i * classes));
      context.progress({ stage: 'predict', done: texts.length, total: texts.length, unit: 'items' });
      return { result: { labels: predictions.map((p) => p.labels), probabilities: predictions.map((p) => p.probabilities), all }, transfer: [all.buffer] };
    },
    async 'finetune.teach'({ texts, labels, taught, options = {}, embeddings }, context) {
      const vectors = embeddings ? unflattenEmbeddings(embeddings, texts.length) : undefined;
      context.progress({ stage: 'train', done: 0, total: 1, unit: 'rounds' });
      const round = await teachRound(texts, labels, taught, options, vectors, () => context.throwIfCancelled());
      context.progress({ stage: 'train', done: 1, total: 1, unit: 'rounds' });
      return { result: round, transfer: round.guesses ? [round.guesses.probabilities.buffer] : [] };
    },
  };
}
