import { useAppStore } from '../state/store.ts';
import { formatBytes, formatNumber, progressMessage, unitLabel } from '../i18n/i18n.ts';
import { useT } from './useT.ts';

/** A progress bar for the running long task, with its status line and a Cancel button. */
export function ProgressPanel({ title }: { title: string }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const progress = useAppStore((s) => s.progress);
  const cancel = useAppStore((s) => s.cancelTask);
  if (!progress) return null;
  const fraction = progress.total ? Math.min(1, progress.done / progress.total) : undefined;
  const amount =
    progress.unit === 'bytes'
      ? `${formatBytes(language, progress.done)}${progress.total ? ` / ${formatBytes(language, progress.total)}` : ''}`
      : `${formatNumber(language, progress.done)}${progress.total ? ` / ${formatNumber(language, progress.total)}` : ''} ${unitLabel(language, progress.unit)}`;
  const message = progressMessage(language, progress.message);
  return (
    <section className="progress-panel" aria-live="polite">
      <h2>{title}</h2>
      <progress data-testid="progress" max={1} value={fraction} aria-label={title} />
      <p className="status">
        {amount}
        {progress.rows !== undefined ? ` · ${t('rowsCount', { n: formatNumber(language, progress.rows) }, progress.rows)}` : ''}
        {message ? ` · ${message}` : ''}
      </p>
      <button type="button" onClick={cancel} data-testid="cancel">
        {t('cancel')}
      </button>
    </section>
  );
}
