import { useMemo } from 'react';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { formatNumber, translateWithPeriods } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { formatPoints, formatShare, seriesColour } from './format.ts';
import { SeriesName } from './SeriesName.tsx';
import { Sparkline } from './Sparkline.tsx';
import { ChartDataTable } from './ChartDataTable.tsx';
import type { DashboardTrends } from '../../core/dashboard/prepared.ts';
import { regionSentences } from './nextSeason.ts';

const shownRegions = 6;
const shownValues = 4;

/** Region comparison: one small multiple per region with the facet's top values, and year-over-year change (for the spec shown). */
export function RegionsView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const prepared = prepare(dataset);
  const column = dataset.columns.find((c) => c.role === 'region');
  const panels = useMemo(() => {
    if (!column) return [];
    const coded = prepared.coded(column.name);
    const overall = prepared.trends({ ...spec, topN: shownValues });
    if (!overall) return [];
    const regions = [...coded.values].slice(0, 64);
    return regions
      .map((region) => ({ region, trends: prepared.trends({ ...spec, topN: 64, filters: { ...spec.filters, [column.name]: [region] } })! }))
      .sort((a, b) => b.trends.itemsCounted - a.trends.itemsCounted)
      .slice(0, shownRegions)
      .map(({ region, trends }) => ({ region, trends, labels: overall.series.map((s) => s.label) }));
  }, [prepared, spec, column]);
  // The differences beyond chance, in words, largest first (small regions flagged, not ranked).
  const sentences = useMemo(() => (column ? regionSentences(language, dataset, spec, spec.facet) : undefined), [language, dataset, spec, column]);
  if (!column) return <p className="notice" data-testid="no-regions">{t('noColumn')}</p>;
  return (
    <>
      {sentences && (
        <ul className="region-differences" data-testid="region-differences">
          {sentences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div className="small-multiples" data-testid="regions">
        {panels.map(({ region, trends, labels }) => {
          return (
            <div className="panel" key={region} data-region={region}>
              <h4>
                {region} <small className="muted">({formatNumber(language, trends.itemsCounted)})</small>
                {trends.periods.labels.length > 0 && (
                  <small className="muted" data-testid="region-latest-period">
                    {' · '}
                    {translateWithPeriods(language, 'regionLatestPeriod', { period: trends.periods.labels.at(-1)! }, ['period'])}
                  </small>
                )}
              </h4>
              <table>
                <tbody>
                  {labels.map((label, k) => {
                    const { series: s, values, latest, change, thin, latestItems } = latestAndChange(trends, label);
                    const thinTitle = thin ? t('thinPeriodItems', { n: formatNumber(language, latestItems), min: formatNumber(language, trends.minSupport) }, latestItems) : undefined;
                    return (
                      <tr key={label}>
                        <td>
                          <SeriesName label={label} colour={seriesColour(k)} />
                        </td>
                        <td>{s ? <Sparkline values={values!} colour={seriesColour(k)} width={90} height={22} /> : null}</td>
                        <td className={thin ? 'num thin' : 'num'} data-thin={thin || undefined} title={thinTitle}>
                          {formatShare(latest)}
                          {thin && <small className="muted"> ({formatNumber(language, latestItems)})</small>}
                        </td>
                        <td className={thin ? 'num thin' : 'num'} title={`${t('yoy')}: ${t('yoyPointsHint')}`}>
                          {change === undefined ? t('notEnoughData') : formatPoints(change, language)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
        {panels.length > 0 && (
          <ChartDataTable
            testId="regions-data-table"
            caption={t('tableCaptionRegions')}
            build={() => {
              // Each region's periods are trimmed to its own data; the table spans all of them.
              const starts = new Map<number, string>();
              for (const { trends } of panels) trends.periods.labels.forEach((label, p) => starts.set(trends.periods.starts[p]!, label));
              const periods = [...starts.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
              return {
                rowHeader: t('regionValue'),
                columns: [t('latest'), t('yoy'), ...periods],
                rows: panels.flatMap(({ region, trends, labels }) =>
                  labels.map((label) => {
                    const { values, latest, change, thin, latestItems } = latestAndChange(trends, label);
                    const index = new Map(trends.periods.labels.map((period, p) => [period, p]));
                    return {
                      header: `${region} · ${label}`,
                      cells: [
                        thin ? `${formatShare(latest)} (${t('thinPeriodItems', { n: formatNumber(language, latestItems), min: formatNumber(language, trends.minSupport) }, latestItems)})` : formatShare(latest),
                        change === undefined ? t('notEnoughData') : formatPoints(change, language),
                        ...periods.map((period) => (values && index.has(period) ? formatShare(values[index.get(period)!]) : '—')),
                      ],
                    };
                  }),
                ),
              };
            }}
          />
        )}
      </div>
    </>
  );
}

/**
 * A label's series in a region's trends, its shares with thin periods filled in (their own few
 * items), the latest share and the change against a year before (undefined without data), and
 * whether either rests on a thin period (shown lighter, with the latest period's item count).
 */
function latestAndChange(trends: DashboardTrends, label: string) {
  const last = trends.periods.labels.length - 1;
  const series = trends.series.find((x) => x.label === label);
  const values = series && (series.thinShare ? series.share.map((v, p) => (Number.isNaN(v) ? series.thinShare![p]! : v)) : series.share);
  const latest = values?.[last];
  const yearBefore = last - trends.periods.perYear;
  const before = values && yearBefore >= 0 ? values[yearBefore] : undefined;
  const change = latest === undefined || before === undefined || Number.isNaN(latest) || Number.isNaN(before) ? undefined : latest - before;
  const isThin = (p: number) => p >= 0 && trends.periodSupport[p]! > 0 && trends.periodSupport[p]! < trends.minSupport;
  const thin = series !== undefined && (isThin(last) || (change !== undefined && isThin(yearBefore)));
  return { series, values, latest, change, thin, latestItems: last >= 0 ? trends.periodSupport[last]! : 0 };
}
