import { filledColumn } from '../../core/columnKinds.ts';
import { Table } from 'apache-arrow';
import { useState } from 'react';
import { codeColumn } from '../../core/dashboard/columns.ts';
import { FILL_MIN_PROBABILITY, fillFromTaught, fillThreshold } from '../../core/dashboard/fillColumn.ts';
import { labelVector, sureVector } from '../../model/predictionColumns.ts';
import { applyHeadToDataset, trainHeadOnDataset } from '../../state/heads.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { CancelledError, type Progress } from '../../workers/protocol.ts';
import { formatNumber, progressMessage } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';

/** Codes of a single-label column, as the merge wants them. */
function codedLabels(dataset: LoadedDataset, column: string) {
  const vector = dataset.table.getChild(column);
  if (!vector) return undefined;
  const coded = codeColumn(vector);
  return coded.labels.kind === 'single' ? { codes: coded.labels.codes, values: coded.values } : undefined;
}

/**
 * Trains a head on the file's own label column (from the items that have a value), then fills the
 * items without one with its guesses where it is sure of them (probability ≥ `minProbability`; the
 * others stay empty): the result is the taught facet `pred_<column>` (the head's label column,
 * core/columnKinds.ts), with `filled_<column>` marking the items the model filled in.
 */
export async function learnColumn(dataset: LoadedDataset, column: string, language: 'en' | 'zh', onProgress: (p: Progress) => void, signal: AbortSignal, minProbability = FILL_MIN_PROBABILITY): Promise<{ dataset: LoadedDataset; facet: string; kept: number; filled: number; missing: number; unsure: number; accuracy: number; heldOut: number }> {
  const trained = await trainHeadOnDataset(dataset, column, { separator: null, useEmbedding: true, language }, onProgress, signal);
  // Trained on this file's own text columns: nothing stands in, so there is nothing to tell.
  const { dataset: applied, columns: names, probabilities } = await applyHeadToDataset(dataset, trained.head, signal, onProgress);
  const own = codedLabels(dataset, column);
  const taught = codedLabels(applied, names.label);
  if (!own || !taught) throw new Error(`“${column}” holds lists of labels; only one label per item can be learnt here.`);
  const merged = fillFromTaught(own, taught, { probabilities, minProbability });
  const nextId = Math.max(-1, ...applied.table.schema.dictionaries.keys()) + 1;
  const filled = filledColumn(column);
  const added = new Table({ [names.label]: labelVector(merged.codes, merged.values, nextId), [filled]: sureVector(merged.filled, merged.codes) });
  const table = applied.table.assign(added);
  const columns = [...applied.columns.filter((c) => c.name !== filled), { name: filled, type: 'boolean', role: 'ignore' }];
  const missing = own.codes.length - merged.kept;
  return { dataset: { ...applied, table, columns }, facet: names.label, kept: merged.kept, filled: merged.filledCount, missing, unsure: merged.unsureCount, accuracy: trained.report.accuracy, heldOut: trained.report.count };
}

/** "Learn this column": one click teaches the model the file's own column and fills the items without it. */
export function LearnColumnButton({ dataset, column }: { dataset: LoadedDataset; column: string }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState<AbortController | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const learn = async () => {
    const controller = new AbortController();
    setBusy(controller);
    setMessage(null);
    try {
      const minProbability = fillThreshold(useAppStore.getState().model?.unsure?.minProbability);
      const result = await learnColumn(dataset, column, language, setProgress, controller.signal, minProbability);
      useAppStore.setState({ dataset: result.dataset });
      useAppStore.getState().updateDashboard({ facet: result.facet });
      const values = {
        column,
        kept: formatNumber(language, result.kept),
        filled: formatNumber(language, result.filled),
        missing: formatNumber(language, result.missing),
        unsure: formatNumber(language, result.unsure),
        percent: formatNumber(language, minProbability * 100, 0),
        accuracy: formatNumber(language, result.accuracy * 100, 0),
        heldOut: formatNumber(language, result.heldOut),
      };
      const text = result.missing > 0 ? `${t('learntColumn', values)}${result.unsure > 0 ? ` ${t('learntColumnUnsure', values)}` : ''}` : t('learnColumnNothingMissing', values);
      setMessage({ text, error: false });
    } catch (error) {
      setMessage({ text: error instanceof CancelledError ? t('cancelled') : (error as Error).message, error: true });
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };
  return (
    <span className="learn-column">
      {busy ? (
        <>
          <span className="muted" data-testid="learn-column-progress">
            {progress ? (progressMessage(language, progress.message) ?? '') : '…'}
          </span>{' '}
          <button type="button" onClick={() => busy.abort()}>
            {t('cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void learn()} title={t('learnColumnHint', { column })} data-testid="learn-column">
          {t('learnColumn')}
        </button>
      )}
      {message && (
        <span className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="learn-column-message">
          {' '}
          {message.text}
        </span>
      )}
    </span>
  );
}
