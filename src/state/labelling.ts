import { itemTexts, predictionColumnNames, withPredictionColumns } from '../model/predictionColumns.ts';
import { translate } from '../ui/i18n.ts';
import { inferenceWorker } from '../workers/pageWorkers.ts';
import { CancelledError } from '../workers/protocol.ts';
import { useAppStore, type ColumnInfo } from './store.ts';

/** Loads the classifier once (check → load → warm-up → ready) and records backend and reason. */
export async function ensureModel(signal?: AbortSignal) {
  const existing = useAppStore.getState().model;
  if (existing) return existing;
  const info = await inferenceWorker().request('model.load', {}, { signal, onProgress: (p) => useAppStore.getState().setProgress(p) });
  useAppStore.getState().setModel(info);
  return info;
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
  const textColumns = dataset.columns.filter((c) => c.role === 'text').map((c) => c.name);
  if (textColumns.length === 0) {
    store.confirmMapping();
    useAppStore.setState({ notice: translate(store.language, 'noTextColumn') });
    return;
  }
  const signal = store.beginTask('labelling', { stage: 'load', done: 0, total: 3, message: translate(store.language, 'loadingModel') });
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
      role: name.startsWith('pred_') ? 'label' : 'ignore',
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
