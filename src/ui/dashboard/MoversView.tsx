import type { DashboardTrends } from '../../core/dashboard/prepared.ts';
import type { ForecastState } from '../../state/forecasts.ts';
import { useAppStore } from '../../state/store.ts';
import { signalForecastText, signalLabel, signalTitle } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { formatShare } from './format.ts';
import { Sparkline } from './Sparkline.tsx';
import { ChartDataTable, periodRows } from './ChartDataTable.tsx';

/** Rising and declining leaderboards: sparkline, trend label, velocity (−3…+3) and time to peak. */
export function MoversView({ trends, forecastState }: { trends: DashboardTrends; forecastState: ForecastState }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const select = useAppStore((s) => s.select);
  const rows = trends.series.map((s) => ({ series: s, forecast: forecastState.forecasts.get(s.label) }));
  const scored = rows.filter((r) => r.forecast && r.forecast.signal.velocity !== undefined);
  const rising = scored.filter((r) => r.forecast!.signal.velocity! > 0).sort((a, b) => b.forecast!.signal.velocity! - a.forecast!.signal.velocity!);
  const declining = scored.filter((r) => r.forecast!.signal.velocity! < 0).sort((a, b) => a.forecast!.signal.velocity! - b.forecast!.signal.velocity!);
  const unscored = rows.filter((r) => r.forecast && r.forecast.signal.velocity === undefined);
  const board = (title: string, list: typeof rows, testId: string, colour: string) => (
    <div className="board" data-testid={testId}>
      <h3>{title}</h3>
      {list.length === 0 ? (
        <p className="muted">{forecastState.status === 'running' ? t('forecasting') : '—'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('value')}</th>
              <th />
              <th>{t('signal')}</th>
              <th title={t('velocityHint')}>{t('velocity')}</th>
              <th>{t('timeToPeak')}</th>
              <th title={t('yoyRelativeHint')}>{t('yoyRelative')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map(({ series, forecast }) => (
              <tr key={series.label}>
                <td>
                  <button type="button" className="link" onClick={() => select({ label: series.label })}>
                    {series.label}
                  </button>
                </td>
                <td>
                  <Sparkline values={series.share} forecast={forecast?.point} colour={colour} />
                </td>
                <td title={signalTitle(language, forecast?.signal)}>
                  {signalLabel(language, forecast?.signal.label) ?? t('notEnoughData')}
                  {forecast?.signal.forecastDisagrees && <span className="muted"> — {signalForecastText(language, forecast.signal)}</span>}
                </td>
                <td className="num">{forecast?.signal.velocity !== undefined ? `${forecast.signal.velocity > 0 ? '+' : ''}${forecast.signal.velocity.toFixed(1)}` : '—'}</td>
                <td className="num">{forecast?.signal.periodsToPeak !== undefined ? t('periodsCount', { n: forecast.signal.periodsToPeak }, forecast.signal.periodsToPeak) : '—'}</td>
                <td className="num">{forecast?.signal.changeVsLastYear !== undefined ? formatShare(forecast.signal.changeVsLastYear) : t('notEnoughData')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
  return (
    <div className="movers">
      {board(t('rising'), rising, 'rising', '#047857')}
      {board(t('declining'), declining, 'declining', '#b91c1c')}
      {rising.length + declining.length > 0 && (
        <ChartDataTable
          testId="movers-data-table"
          caption={t('tableCaptionMovers')}
          build={() => {
            const charted = [...rising, ...declining];
            const horizon = Math.max(0, ...charted.map((r) => r.forecast!.point.length));
            return {
              rowHeader: t('period'),
              columns: charted.map((r) => r.series.label),
              rows: [
                ...periodRows(trends.periods.labels, charted.map((r) => r.series)),
                ...Array.from({ length: horizon }, (_, h) => ({ header: t('forecastStep', { n: h + 1 }), cells: charted.map((r) => formatShare(r.forecast!.point[h])) })),
              ],
            };
          }}
        />
      )}
      {unscored.length > 0 && (
        <p className="muted">
          {t('notEnoughDataList', { list: unscored.map((r) => r.series.label).join(', ') })}
        </p>
      )}
    </div>
  );
}
