import { useCallback } from 'react';
import type { DashboardTrends } from '../../core/dashboard/prepared.ts';
import type { ForecastState } from '../../state/forecasts.ts';
import { useAppStore } from '../../state/store.ts';
import { coreText, formatNumber, maseText, periodText, signalForecastText, signalLabel, signalTitle } from '../../i18n/i18n.ts';
import { worseThanNaive } from '../../core/forecast/naiveComparison.ts';
import { useT } from '../useT.ts';
import { forecastShareText, formatShare, seriesColour } from './format.ts';
import { SeriesName } from './SeriesName.tsx';
import { TrendChart } from './TrendChart.tsx';
import { ChartDataTable, periodRows } from './ChartDataTable.tsx';

/** The trend explorer: curves with forecasts and intervals, and each series' backtested accuracy beside it. */
export function TrendsView({ trends, forecastState, futureLabels }: { trends: DashboardTrends; forecastState: ForecastState; futureLabels: string[] }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const select = useAppStore((s) => s.select);
  const labels = trends.periods.labels;
  // The facet has sure/unsure flags: each series' unsure share goes beside it.
  const flagged = trends.series.some((s) => s.unsureShare !== undefined && !Number.isNaN(s.unsureShare));
  const last = labels.length - 1;
  const { periodOffset } = trends;
  // The latest share, or the thin latest one with how few items it rests on (lighter), or "not enough data".
  const latestText = (s: DashboardTrends['series'][number], p: number) => {
    if (!Number.isNaN(s.share[p]!)) return formatShare(s.share[p]);
    const thin = s.thinShare?.[p];
    if (thin === undefined || Number.isNaN(thin)) return t('notEnoughData');
    return (
      <span className="thin" data-thin="true">
        {t('thinLatest', { share: formatShare(thin), n: formatNumber(language, trends.periodSupport[p]!), min: formatNumber(language, trends.minSupport) }, trends.periodSupport[p]!)}
      </span>
    );
  };
  const onPoint = useCallback((label: string, period: number) => select({ label, period: period <= last ? period + periodOffset : undefined }), [select, last, periodOffset]);
  return (
    <div className="trends-view">
      <div className="chart-card" data-testid="trend-chart" data-chart="trends">
        <TrendChart series={trends.series} labels={labels} futureLabels={futureLabels} forecasts={forecastState.forecasts} onPoint={onPoint} upper={1} periodSupport={trends.periodSupport} minSupport={trends.minSupport} />
        {forecastState.status === 'running' && <p className="muted" data-testid="forecasting">{t('forecasting')}</p>}
        {(() => {
          // Forecasts that backtested worse than repeating last year's value are drawn grey; say which.
          const worse = trends.series.filter((s) => worseThanNaive(forecastState.forecasts.get(s.label)?.backtestMase)).map((s) => s.label);
          return worse.length > 0 ? <p className="muted" data-testid="worse-than-naive">{t('chartWorseThanNaive', { list: worse.join(', ') })}</p> : null;
        })()}
        {forecastState.status === 'failed' && (
          <p className="error" role="alert">
            {t('forecastFailed', { error: coreText(language, forecastState.errorDetail, forecastState.error ?? '') })}
          </p>
        )}
      </div>
      <table className="series-table" data-testid="series-table">
        <thead>
          <tr>
            <th>{t('value')}</th>
            <th>{t('latest')}</th>
            {flagged && <th title={t('unsureColumn')}>{t('unsureColumn')}</th>}
            <th>{t('nextSeason')}</th>
            <th title={t('backtestHint')}>{t('backtest')}</th>
            <th>{t('signal')}</th>
          </tr>
        </thead>
        <tbody>
          {trends.series.map((s, k) => {
            const f = forecastState.forecasts.get(s.label);
            return (
              <tr key={s.label} data-series={s.label}>
                <td>
                  <button type="button" className="link series-link" onClick={() => select({ label: s.label })}>
                    <SeriesName label={s.label} colour={seriesColour(k)} />
                  </button>
                </td>
                <td data-testid="latest">{latestText(s, last)}</td>
                {flagged && <td data-testid="series-unsure" data-unsure-share={s.unsureShare}>{formatShare(s.unsureShare)}</td>}
                <td data-testid="next-season" className={f && worseThanNaive(f.backtestMase) ? 'worse-than-naive' : undefined} data-worse-than-naive={(f && worseThanNaive(f.backtestMase)) || undefined}>
                  {f ? forecastShareText(f.point[0], f.lo80?.[0], f.hi80?.[0], t('noInterval')) : '…'}
                  {f && worseThanNaive(f.backtestMase) && <small className="muted"> · {t('worseThanNaiveNote')}</small>}
                </td>
                <td data-testid="mase" data-mase={f?.backtestMase} title={f && !Number.isNaN(f.backtestMase) ? t('maseTitle', { mase: f.backtestMase.toFixed(2) }) : undefined}>
                  {f ? (Number.isNaN(f.backtestMase) ? t('notEnoughData') : maseText(language, f.backtestMase)) : '…'}
                </td>
                <td title={signalTitle(language, f?.signal)} data-testid="signal" data-disagrees={f?.signal.forecastDisagrees}>
                  {f ? (f.signal.notEnoughHistory ? t('notEnoughData') : signalLabel(language, f.signal.label)) : '…'}
                  {f?.signal.forecastDisagrees && <span className="muted"> — {signalForecastText(language, f.signal)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ChartDataTable
        testId="trend-data-table"
        caption={t('tableCaptionTrends')}
        build={() => ({
          rowHeader: t('period'),
          columns: trends.series.map((s) => s.label),
          rows: [
            ...periodRows(labels, trends.series.map((s) => ({ label: s.label, share: s.thinShare ? s.share.map((v, p) => (Number.isNaN(v) ? s.thinShare![p]! : v)) : s.share }))).map((row, p) => {
              // A thin period's row says how few items its shares rest on.
              const n = trends.periodSupport[p]!;
              return n > 0 && n < trends.minSupport ? { ...row, header: `${row.header} · ${t('thinPeriodItems', { n: formatNumber(language, n), min: formatNumber(language, trends.minSupport) }, n)}` } : row;
            }),
            ...futureLabels.map((period, h) => ({ header: t('forecastPeriod', { period: periodText(language, period) }), cells: trends.series.map((s) => formatShare(forecastState.forecasts.get(s.label)?.point[h])) })),
          ],
        })}
      />
    </div>
  );
}
