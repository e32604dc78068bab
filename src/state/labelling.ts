import { hasModelLabels, parseColumn } from '../core/columnKinds.ts';
import { itemTexts, predictionColumnNames, textColumnNames, withPredictionColumns } from '../model/predictionColumns.ts';
import { translate } from '../i18n/i18n.ts';
import { coreMessage } from '../core/messages.ts';
import { inferenceWorker } from '../workers/pageWorkers.ts';
import { CancelledError } from '../workers/protocol.ts';
import { useAppStore, type ColumnInfo, type LoadedDataset } from './store.ts';
import type { ModelInfo } from '../workers/inferenceProtocol.ts';

// The load in flight, shared by callers that arrive while it runs (one load, not one per caller).
let loading: Promise<ModelInfo> | undefined;

/**
 * Loads the classifier once (check → load → warm-up → ready) and records backend and reason.
 * `quiet` loads without reporting progress (a load in the background, e.g. for a reopened dataset).
 */
export async function ensureModel(signal?: AbortSignal, quiet = false): Promise<ModelInfo> {
  const existing = useAppStore.getState().model;
  if (existing) return existing;
  if (!loading) {
    const request = inferenceWorker().request('model.load', {}, quiet ? {} : { signal, onProgress: (p) => useAppStore.getState().setProgress(p) });
    loading = request.then(
      (info) => {
        useAppStore.getState().setModel(info);
        loading = undefined;
        return info;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  }
  return loading;
}

/**
 * A reopened dataset that carries model labels (`pred_<head>` columns) gets the model back, as a
 * freshly labelled one has it: item details, corrections and the Model tab need it. Loads it in
 * the background when it is not loaded yet; resolves false when the dataset has no model labels
 * or the model cannot be loaded (the labels themselves stay usable).
 */
export async function restoreModelFor(dataset: LoadedDataset): Promise<boolean> {
  if (!hasModelLabels(dataset.columns.map((c) => c.name))) return false;
  try {
    await ensureModel(undefined, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Labels every item of the mapped dataset with the shipped model and opens the dashboard. Without
 * a text column, or when cancelled or the model fails, the dashboard opens on the file's own
 * columns with a notice saying why there are no model labels.
 */
export async function labelDataset(): Promise<void> {
  const store = useAppStore.getState();
  const dataset = store.dataset;
  if (!dataset) return;
  const textColumns = textColumnNames(dataset.columns);
  if (textColumns.length === 0) {
    store.confirmMapping();
    useAppStore.setState({ notice: translate(store.language, 'noTextColumn') });
    return;
  }
  const signal = store.beginTask('labelling', { stage: 'load', done: 0, total: 3, message: coreMessage('progress.loading-model') });
  try {
    const model = await ensureModel(signal);
    const texts = itemTexts(dataset.table, textColumns);
    const started = performance.now();
    const result = await inferenceWorker().request('model.classify', { texts }, { signal, onProgress: (p) => useAppStore.getState().setProgress(p) });
    const extras = { sure: result.sure, oodDistances: result.oodDistances };
    const table = withPredictionColumns(dataset.table, result.heads, model.labels, result.codes, result.probabilities, extras);
    const added: ColumnInfo[] = predictionColumnNames(result.heads, { sure: true, oodDistances: result.oodDistances !== undefined }).map(({ name, type }) => ({
      name,
      type,
      role: parseColumn(name, result.heads)?.kind === 'label' ? 'label' : 'ignore',
    }));
    const columns = [...dataset.columns.filter((c) => !added.some((a) => a.name === c.name)), ...added];
    useAppStore.getState().setLabelled({ ...dataset, table, columns }, { items: texts.length, unique: result.unique, cached: result.cached, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    const language = useAppStore.getState().language;
    useAppStore.getState().confirmMapping();
    useAppStore.setState({
      notice: error instanceof CancelledError ? translate(language, 'labellingCancelled') : translate(language, 'labellingFailed', { error: (error as Error).message }),
    });
  }
}
