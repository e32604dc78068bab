import { useState } from 'react';
import { explanationOrder, signedPercent, type ConceptScore } from '../../core/studio/potential.ts';
import { checkConcepts, conceptLines, readConceptFile, type ConceptCheck } from '../../state/studio.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { CancelledError } from '../../workers/protocol.ts';
import { translate, translateTerm, type Language, type MessageKey } from '../../i18n/i18n.ts';
import type { PeriodGrain } from '../../core/dashboard/periods.ts';

const GRAIN_KEYS: Record<PeriodGrain, MessageKey> = { week: 'grainWeek', month: 'grainMonth', quarter: 'grainQuarter', season: 'grainSeason', 'fashion-season': 'grainFashion', year: 'grainYear' };
import { useT } from '../useT.ts';

/** A concept's score in words of the interface language, strongest mover first, unsure attributes said to be left out. */
export function explainInWords(language: Language, score: ConceptScore): string {
  const vs = translate(language, score.baseline === 'last-year' ? 'explainVsLastYear' : 'explainVsRecent');
  let first = true;
  const clauses = explanationOrder(score).map((a) => {
    if (a.status === 'unsure') return translate(language, 'explainUnsure', { head: translateTerm(language, 'head_', a.head), label: a.label });
    if (a.status === 'no-forecast') return translate(language, 'explainNoForecast', { label: a.label });
    const change = signedPercent(a.change);
    const words = first ? translate(language, 'explainFirst', { label: a.label, change, vs }) : translate(language, a.status === 'rising' ? 'explainRising' : a.status === 'falling' ? 'explainFalling' : 'explainFlat', { label: a.label, change });
    first = false;
    return words;
  });
  return language === 'zh' ? `${clauses.join('；')}。` : `${clauses.join('; ')}.`;
}

/**
 * Concept check (issue 14, part 2): concepts typed, pasted or read from a file of planned items,
 * labelled by the model, scored against the dataset's forecasts, ranked and explained.
 */
export function ConceptPanel({ dataset, spec, onSimilar }: { dataset: LoadedDataset; spec: DashboardSpec; onSimilar(text: string, category: string | undefined): void }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const [text, setText] = useState('');
  const [running, setRunning] = useState(false);
  const [check, setCheck] = useState<ConceptCheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  const score = async (lines: string[]) => {
    if (lines.length === 0) return;
    setRunning(true);
    setError(null);
    try {
      setCheck(await checkConcepts(dataset, spec, lines));
    } catch (e) {
      if (!(e instanceof CancelledError)) setError(t('conceptFailed', { error: (e as Error).message }));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="studio-panel" data-testid="concept-panel" aria-labelledby="concept-title">
      <h3 id="concept-title">{t('conceptTitle')}</h3>
      <p className="muted">{t('conceptHint', { grain: t(GRAIN_KEYS[spec.grain]) })}</p>
      <label className="concept-input">
        {t('conceptInput')}
        <br />
        <textarea rows={4} cols={60} value={text} placeholder={t('conceptExample')} onChange={(e) => setText(e.target.value)} data-testid="concept-input" />
      </label>
      <p>
        <button type="button" disabled={running || conceptLines(text).length === 0} onClick={() => void score(conceptLines(text))} data-testid="concept-score">
          {t('conceptScore')}
        </button>{' '}
        <label>
          {t('conceptFile')}{' '}
          <input
            type="file"
            accept=".csv,.tsv,.txt,.arrow,.parquet"
            data-testid="concept-file"
            disabled={running}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              readConceptFile(file).then(
                (lines) => {
                  setText(lines.join('\n'));
                  return score(lines);
                },
                (err: unknown) => setError(t('conceptFailed', { error: (err as Error).message })),
              );
            }}
          />
        </label>
      </p>
      {running && (
        <p className="muted" role="status" data-testid="concept-running">
          {t('conceptScoring')}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="concept-error">
          {error}
        </p>
      )}
      {check && (
        <>
          {check.season.length > 0 && (
            <p className="muted" data-testid="concept-season">
              {t('conceptSeason', { season: check.season.join(', ') })}
            </p>
          )}
          <table className="series-table" data-testid="concept-results">
            <thead>
              <tr>
                <th>{t('conceptRank')}</th>
                <th>{t('conceptColumn')}</th>
                <th>{t('conceptPotential')}</th>
                <th>{t('conceptRange')}</th>
                <th>{t('conceptRead')}</th>
                <th>{t('conceptWhy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {check.ranking.map((i, rank) => {
                const c = check.concepts[i]!;
                const scored = Number.isFinite(c.score.potential);
                const category = c.score.attributes.find((a) => a.head === 'articleType' && a.sure)?.label;
                return (
                  <tr key={i} data-testid="concept-row" data-potential={scored ? c.score.potential.toFixed(4) : ''}>
                    <td className="num">{rank + 1}</td>
                    <td>{c.text}</td>
                    <td className="num" data-testid="concept-potential">
                      <strong>{scored ? signedPercent(c.score.change) : t('conceptNoScore')}</strong>
                    </td>
                    <td className="num">{scored ? `${signedPercent(c.score.changeLo)} … ${signedPercent(c.score.changeHi)}` : '—'}</td>
                    <td>
                      {c.score.attributes.map((a) => (
                        // Unsure labels marked as in the items view ("Casual ?", read out as "unsure").
                        <span key={a.head} className={a.sure ? undefined : 'unsure'} title={`${translateTerm(language, 'head_', a.head)}: ${a.label}${a.sure ? '' : ` (${t('unsureMark')})`}`} data-head={a.head} data-sure={a.sure}>
                          {a.label}
                          {!a.sure && (
                            <span className="unsure-mark" role="img" aria-label={t('unsureMark')}>
                              ?
                            </span>
                          )}{' '}
                        </span>
                      ))}
                    </td>
                    <td data-testid="concept-why">{explainInWords(language, c.score)}</td>
                    <td>
                      <button type="button" onClick={() => onSimilar(c.text, category)} data-testid="concept-similar">
                        {t('similarItems')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
