import { modelLabelColumn } from '../../core/columnKinds.ts';
import { useEffect, useMemo, useState } from 'react';
import { ensureSimilarIndex, findSimilar, shareSeriesOf, wornWith } from '../../state/studio.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import type { ModelSimilarResult } from '../../workers/similarProtocol.ts';
import { formatNumber, translateTerm } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { Sparkline } from '../dashboard/Sparkline.tsx';

/** What to find similar items for: an item of the catalogue (its row) or a text (a concept, a draft). */
export interface SimilarQuery {
  /** The item's row. */
  item?: number;
  /** Or the text. */
  text?: string;
  /** Its category (article type), when known, for "worn with". */
  category?: string;
}

/** The text of one item, from the mapped text columns. */
function itemText(dataset: LoadedDataset, row: number): string {
  return dataset.columns
    .filter((c) => c.role === 'text')
    .map((c) => dataset.table.getChild(c.name)?.get(row) as unknown)
    .filter((v) => v !== null && v !== undefined && v !== '')
    .join(' ');
}

/** The model's label of a head for one item, if the dataset has it. */
function labelOf(dataset: LoadedDataset, head: string, row: number): string | undefined {
  const v: unknown = dataset.table.getChild(modelLabelColumn(head))?.get(row);
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * Similar items (issue 14, part 3): the catalogue items nearest to an item or a text by the
 * model's embedding (searched in the inference worker), each with the trend of its article type;
 * then what goes with the category, from baskets or co-trends.
 */
export function SimilarPanel({ dataset, spec, query, onClose }: { dataset: LoadedDataset; spec: DashboardSpec; query: SimilarQuery; onClose?(): void }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const [result, setResult] = useState<ModelSimilarResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uniqueCount, setUniqueCount] = useState(0);
  useEffect(() => {
    let stale = false;
    setResult(null);
    setError(null);
    findSimilar(dataset, { ...(query.item !== undefined ? { item: query.item } : { text: query.text ?? '' }) }, 8).then(
      (r) => {
        if (!stale) setResult(r);
      },
      (e: unknown) => {
        if (!stale) setError((e as Error).message);
      },
    );
    ensureSimilarIndex(dataset).then((info) => !stale && setUniqueCount(info.unique), () => {});
    return () => {
      stale = true;
    };
  }, [dataset, query.item, query.text]);

  const articleTypes = modelLabelColumn('articleType');
  const hasTypes = !!dataset.table.getChild(articleTypes);
  const what = query.item !== undefined ? itemText(dataset, query.item) : (query.text ?? '');
  const category = query.category ?? (query.item !== undefined ? labelOf(dataset, 'articleType', query.item) : result && result.items.length ? labelOf(dataset, 'articleType', result.items[0]!) : undefined);
  const pairs = useMemo(() => (hasTypes && category ? wornWith(dataset, spec, articleTypes, category) : undefined), [dataset, spec, category, hasTypes]);

  return (
    <section className="studio-panel similar" data-testid="similar-panel" aria-label={t('similarItems')}>
      <h4>
        {t('similarTitle', { what })}{' '}
        {onClose && (
          <button type="button" onClick={onClose} data-testid="similar-close">
            {t('similarClose')}
          </button>
        )}
      </h4>
      {!result && !error && (
        <p className="muted" role="status">
          {t('similarIndexing')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {t('similarFailed', { error })}
        </p>
      )}
      {result && (
        <>
          <table className="series-table" data-testid="similar-items">
            <thead>
              <tr>
                <th>{t('similarItemColumn')}</th>
                <th>{translateTerm(language, 'head_', 'articleType')}</th>
                <th>{translateTerm(language, 'head_', 'baseColour')}</th>
                <th>{t('similarColumn')}</th>
                {hasTypes && <th>{t('similarTrend', { head: translateTerm(language, 'head_', 'articleType') })}</th>}
              </tr>
            </thead>
            <tbody>
              {Array.from(result.items).map((row, k) => {
                const type = labelOf(dataset, 'articleType', row);
                const share = hasTypes && type ? shareSeriesOf(dataset, spec, articleTypes, type) : undefined;
                return (
                  <tr key={row} data-testid="similar-row" data-row={row}>
                    <td>
                      {itemText(dataset, row)}
                      {result.sameText[k]! > 1 && <span className="muted"> · {t('similarSameText', { n: formatNumber(language, result.sameText[k]!) })}</span>}
                    </td>
                    <td>{type ?? '—'}</td>
                    <td>{labelOf(dataset, 'baseColour', row) ?? '—'}</td>
                    <td className="num">{formatNumber(language, result.similarity[k]!, 2)}</td>
                    {hasTypes && <td>{share ? <Sparkline values={share} /> : '—'}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted" data-testid="similar-timing">
            {t('similarSearched', { n: formatNumber(language, uniqueCount), ms: formatNumber(language, result.ms, 1) })}
          </p>
        </>
      )}
      {pairs && category && (
        <div data-testid="worn-with" data-method={pairs.method}>
          <h4>{t('wornWithTitle', { label: category })}</h4>
          <p className="muted">{pairs.method === 'baskets' ? t('wornWithBaskets', { column: pairs.column ?? '', label: category }) : t('wornWithCoTrend', { label: category })}</p>
          {pairs.pairings.length === 0 ? (
            <p className="muted">{t('wornWithNone', { label: category })}</p>
          ) : (
            <ul>
              {pairs.pairings.map((p) => (
                <li key={p.label} data-testid="worn-with-item">
                  <strong>{p.label}</strong>{' '}
                  <span className="muted">
                    {pairs.method === 'baskets' ? t('wornWithLift', { value: formatNumber(language, p.strength, 1), n: formatNumber(language, p.together) }) : t('wornWithCorrelation', { value: formatNumber(language, p.strength, 2), n: formatNumber(language, p.together) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
