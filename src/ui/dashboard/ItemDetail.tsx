import { correctionColumn, hasModelLabels, modelLabelColumn, modelProbabilityColumn, sureColumn } from '../../core/columnKinds.ts';
import { useEffect, useState } from 'react';
import { textRuleFor, type UnsureRuleKind } from '../../model/calibration.ts';
import { itemTexts, sparseTextVector, textColumnNames } from '../../model/predictionColumns.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import type { ModelExplainResult } from '../../workers/inferenceProtocol.ts';
import { inferenceWorker } from '../../workers/pageWorkers.ts';
import { Table } from 'apache-arrow';
import { translate, translateTerm } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { formatConfidence } from './format.ts';
import { SimilarPanel } from '../studio/SimilarPanel.tsx';

/** Words shaded by how much they drove the prediction (green for, red against). */
function Explanation({ result }: { result: ModelExplainResult }) {
  const language = useAppStore((s) => s.language);
  const max = Math.max(1e-6, ...result.words.map((w) => Math.abs(w.weight)));
  return (
    <span data-testid="explanation">
      {result.words.map((w, i) => (
        <span key={i} className="word" title={`${w.weight >= 0 ? '+' : ''}${(w.weight * 100).toFixed(1)}${translate(language, 'pointsSuffix')}`} style={{ background: w.weight >= 0 ? `rgba(4,120,87,${(Math.abs(w.weight) / max) * 0.6})` : `rgba(185,28,28,${(Math.abs(w.weight) / max) * 0.6})` }}>
          {w.word}{' '}
        </span>
      ))}
    </span>
  );
}

/**
 * One item: its text, each model label with confidence and the words that drove it, and a way to
 * correct a label in place. Corrections go into a `label_<head>` column that fine-tuning can learn from.
 */
export function ItemDetail({ dataset, row }: { dataset: LoadedDataset; row: number }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const textColumns = textColumnNames(dataset.columns);
  const text = textColumns.map((c) => dataset.table.getChild(c)?.get(row)).filter((v) => v !== null && v !== undefined).join(' ');
  const heads = model?.heads.filter((h) => dataset.table.getChild(modelLabelColumn(h))) ?? [];
  // The text as the model read it (name, then "Details:" and the description), for saying why a label is unsure.
  const modelText = itemTexts(dataset.table.slice(row, row + 1), textColumns)[0] ?? '';
  const [explanations, setExplanations] = useState<Record<string, ModelExplainResult>>({});
  const [error, setError] = useState<string | null>(null);
  const [similar, setSimilar] = useState(false);
  const spec = useAppStore((s) => s.dashboard);
  useEffect(() => setSimilar(false), [row]);
  useEffect(() => {
    setExplanations({});
    if (!model || !text) return;
    let stale = false;
    (async () => {
      for (const head of heads) {
        const result = await inferenceWorker().request('model.explain', { text, head });
        if (stale) return;
        setExplanations((e) => ({ ...e, [head]: result }));
      }
    })().catch((e: unknown) => setError((e as Error).message));
    return () => {
      stale = true;
    };
    // Re-explain only when the item (or the model) changes.
  }, [row, text, model]);

  const correct = (head: string, label: string) => {
    const column = correctionColumn(head);
    const existing = dataset.table.getChild(column);
    const values = new Map<number, string>();
    if (existing) for (let i = 0; i < existing.length; i++) {
      const v: unknown = existing.get(i);
      if (v !== null && v !== undefined) values.set(i, String(v));
    }
    values.set(row, label);
    const table = dataset.table.assign(new Table({ [column]: sparseTextVector(dataset.table.numRows, values) }));
    const columns = dataset.columns.some((c) => c.name === column) ? dataset.columns : [...dataset.columns, { name: column, type: 'category', role: 'label' }];
    useAppStore.setState({ dataset: { ...dataset, table, columns } });
  };

  return (
    <section className="item-detail" data-testid="item-detail">
      <h4>{t('itemNumber', { n: row + 1 })}</h4>
      <p>{text || <span className="muted">{t('noText')}</span>}</p>
      {/* A reopened dataset has model labels before its model is loaded back (state/labelling.ts restoreModelFor). */}
      {heads.length === 0 && <p className="muted" data-testid="item-model-state">{!model && hasModelLabels(dataset.columns.map((c) => c.name)) ? t('loadingModel') : t('noModelLabels')}</p>}
      <table className="series-table">
        <tbody>
          {heads.map((head) => {
            const label = dataset.table.getChild(modelLabelColumn(head))?.get(row) as string | null;
            const probability = dataset.table.getChild(modelProbabilityColumn(head))?.get(row) as number | null;
            const corrected = dataset.table.getChild(correctionColumn(head))?.get(row) as string | null | undefined;
            return (
              <tr key={head} data-head={head}>
                <td>{translateTerm(language, 'head_', head)}</td>
                <td>
                  <strong>{label ?? '—'}</strong> {probability !== null && probability !== undefined ? `(${formatConfidence(probability, 'percent')})` : ''}
                  {dataset.table.getChild(sureColumn(head))?.get(row) === false && (
                    <span className="muted" data-testid={`unsure-why-${head}`}>
                      {' · '}
                      {t(
                        { convention: 'unsureWhyConvention', script: 'unsureWhyScript', evidence: 'unsureWhyNoColour', unnamed: 'unsureWhyUnnamed', contradicted: 'unsureWhyContradicted', none: 'unsureWhyProbability' }[whyUnsure(textRuleFor(modelText, head, model?.unsure, label), dataset.teach?.[head] !== undefined)] as 'unsureWhyScript',
                        { percent: Math.round(100 * (model?.unsure?.minProbability[head] ?? 0.85)), head: translateTerm(language, 'head_', head).toLowerCase() },
                      )}
                    </span>
                  )}
                  {corrected ? <span className="muted"> · {t('correctedTo', { label: corrected })}</span> : null}
                </td>
                <td>{explanations[head] ? <Explanation result={explanations[head]!} /> : <span className="muted">…</span>}</td>
                <td>
                  <select aria-label={t('correctHead', { head: translateTerm(language, 'head_', head) })} value="" onChange={(e) => e.target.value && correct(head, e.target.value)} data-testid={`correct-${head}`}>
                    <option value="">{t('correctOption')}</option>
                    {model!.labels[head]!.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <p className="error">{error}</p>}
      <p className="muted">{t('explanationHint')}</p>
      {/* Similar items by the model's embedding, with their trend and what goes with them (issue 14, part 3). */}
      {model && text && spec && (
        <p>
          <button type="button" aria-expanded={similar} onClick={() => setSimilar((s) => !s)} data-testid="item-similar">
            {t('similarItems')}
          </button>
        </p>
      )}
      {similar && spec && <SimilarPanel dataset={dataset} spec={spec} query={{ item: row }} onClose={() => setSimilar(false)} />}
    </section>
  );
}

/** The reason an unsure label gets: its text rule, except that a taught head is not bound by a convention, text-named or text-contradiction rule (its own confidence decides). */
function whyUnsure(rule: UnsureRuleKind | undefined, taught: boolean): UnsureRuleKind | 'none' {
  return rule === undefined || ((rule === 'convention' || rule === 'unnamed' || rule === 'contradicted') && taught) ? 'none' : rule;
}
