import { useEffect, useState } from 'react';
import { clearAllLocalData, deleteSavedDataset, listSavedDatasets, loadSavedDataset, storageEstimate, type SavedDatasetSummary } from '../state/persistence.ts';
import { useAppStore } from '../state/store.ts';
import { stopAllWorkers } from '../workers/pageWorkers.ts';
import { formatBytes, formatNumber } from './i18n.ts';

/** Datasets kept on this computer: reopen or delete them, see storage use, or clear everything. */
export function SavedDatasets() {
  const language = useAppStore((s) => s.language);
  const [saved, setSaved] = useState<SavedDatasetSummary[] | null>(null);
  const [usage, setUsage] = useState<{ usage: number; quota: number }>();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => {
    listSavedDatasets().then(setSaved, (error: unknown) => setMessage(`Saved datasets could not be listed: ${(error as Error).message}`));
    void storageEstimate().then(setUsage);
  };
  useEffect(refresh, []);
  const reopen = async (id: string) => {
    try {
      const { dataset, dashboard } = await loadSavedDataset(id);
      useAppStore.getState().openSaved(id, dataset, dashboard);
    } catch (error) {
      setMessage(`That dataset could not be reopened: ${(error as Error).message}`);
    }
  };
  return (
    <section className="saved" data-testid="saved-datasets">
      <h3>On this computer</h3>
      {saved && saved.length === 0 && <p className="muted">No saved datasets yet. Datasets you open are kept here, in this browser only.</p>}
      {saved && saved.length > 0 && (
        <ul>
          {saved.map((s) => (
            <li key={s.id} data-saved={s.fileName}>
              <button type="button" className="link" onClick={() => void reopen(s.id)}>
                {s.fileName}
              </button>{' '}
              <span className="muted">
                {formatNumber(language, s.rows)} rows · {formatBytes(language, s.bytes)} · {new Date(s.savedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB')}
                {s.labelled ? ' · labelled' : ''}
              </span>{' '}
              <button type="button" className="link" aria-label={`Delete ${s.fileName}`} onClick={() => void deleteSavedDataset(s.id).then(refresh)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="storage-usage">
        {usage ? `Storage used by Trendloom in this browser: ${formatBytes(language, usage.usage)} of ${formatBytes(language, usage.quota)} available.` : ''}{' '}
        <button
          type="button"
          className="link"
          data-testid="clear-all"
          onClick={() => {
            if (!confirm('Remove every saved dataset, cached label and trained head from this computer?')) return;
            stopAllWorkers();
            useAppStore.setState({ model: null });
            void clearAllLocalData().then(() => {
              setMessage('All Trendloom data was removed from this computer.');
              refresh();
            });
          }}
        >
          Clear all local data
        </button>
      </p>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
