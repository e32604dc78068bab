import type { CoreMessage } from '../core/messages.ts';
import type { ProblemInfo } from '../state/store.ts';
import { useAppStore } from '../state/store.ts';
import { coreText, formatNumber } from '../i18n/i18n.ts';
import { useT } from './useT.ts';

const shown = 200;

/** Lists the rows and cells that could not be read, with line numbers and reasons; notes worded from their codes. */
export function ProblemsPanel({ problems, notes }: { problems: ProblemInfo[]; notes: readonly CoreMessage[] }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  return (
    <section className="problems" data-testid="problems">
      {notes.length > 0 && (
        <>
          <h3>{t('notes')}</h3>
          <ul className="notes" data-testid="notes">
            {notes.map((note, i) => (
              <li key={i}>{coreText(language, note)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>
        {t('problems')} ({formatNumber(language, problems.length)})
      </h3>
      {problems.length === 0 ? (
        <p className="ok">{t('noProblems')}</p>
      ) : (
        <table className="problem-table">
          <thead>
            <tr>
              <th>{t('line')}</th>
              <th>{t('column')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, shown).map((p, i) => (
              <tr key={`${p.line}-${p.column}-${i}`}>
                <td>{p.line}</td>
                <td>{p.column ?? '—'}</td>
                <td>{coreText(language, p.detail, p.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length > shown && (
        <p className="muted">
          {t('showingOf', { shown: formatNumber(language, shown), total: formatNumber(language, problems.length) })}
        </p>
      )}
    </section>
  );
}
