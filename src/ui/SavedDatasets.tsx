import { useEffect, useState } from 'react';
import { restoreModelFor } from '../state/labelling.ts';
import { clearAllLocalData, deleteSavedDataset, listSavedDatasets, loadSavedDataset, storageEstimate, type SavedDatasetSummary } from '../state/persistence.ts';
import { useAppStore } from '../state/store.ts';
import { stopAllWorkers } from '../workers/pageWorkers.ts';
import { formatBytes, formatDateTime, formatNumber, translate } from '../i18n/i18n.ts';
import { useT } from './useT.ts';

/** Datasets kept on this computer: reopen or delete them, see storage use, or clear everything. */
export function SavedDatasets() {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const [saved, setSaved] = useState<SavedDatasetSummary[] | null>(null);
  const [usage, setUsage] = useState<{ usage: number; quota: number }>();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => {
    listSavedDatasets().then(setSaved, (error: unknown) => setMessage(translate(useAppStore.getState().language, 'savedListFailed', { error: (error as Error).message })));
    void storageEstimate().then(setUsage);
  };
  useEffect(refresh, []);
  const reopen = async (id: string) => {
    try {
      const { dataset, dashboard, plan } = await loadSavedDataset(id);
      useAppStore.getState().openSaved(id, dataset, dashboard, plan);
      // Reopened = as freshly labelled: the model behind its labels is loaded back (in the background).
      void restoreModelFor(dataset);
    } catch (error) {
      setMessage(translate(useAppStore.getState().language, 'savedReopenFailed', { error: (error as Error).message }));
    }
  };
  return (
    <section className="saved" data-testid="saved-datasets">
      <h3>{t('savedTitle')}</h3>
      {saved && saved.length === 0 && <p className="muted">{t('savedNone')}</p>}
      {saved && saved.length > 0 && (
        <ul>
          {saved.map((s) => (
            <li key={s.id} data-saved={s.fileName}>
              <button type="button" className="link" onClick={() => void reopen(s.id)}>
                {s.fileName}
              </button>{' '}
              <span className="muted">
                {t('rowsCount', { n: formatNumber(language, s.rows) }, s.rows)} · {formatBytes(language, s.bytes)} · {formatDateTime(language, s.savedAt)}
                {s.labelled ? t('savedLabelled') : ''}
              </span>{' '}
              <button type="button" className="link" aria-label={t('deleteNamed', { name: s.fileName })} onClick={() => void deleteSavedDataset(s.id).then(refresh)}>
                {t('delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="storage-usage">
        {usage ? t('storageUsed', { used: formatBytes(language, usage.usage), quota: formatBytes(language, usage.quota) }) : ''}{' '}
        <button
          type="button"
          className="link"
          data-testid="clear-all"
          onClick={() => {
            if (!confirm(t('clearConfirm'))) return;
            stopAllWorkers();
            useAppStore.setState({ model: null });
            void clearAllLocalData().then(() => {
              setMessage(translate(useAppStore.getState().language, 'clearedAll'));
              refresh();
            });
          }}
        >
          {t('clearAll')}
        </button>
      </p>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
