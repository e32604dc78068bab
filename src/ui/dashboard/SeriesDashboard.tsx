import { useEffect, useMemo, useState } from 'react';
import { formatDate } from '../../core/series/seriesSet.ts';
import { seriesToCsv } from '../../core/report/report.ts';
import { forecastSeriesFile, type TrendForecast } from '../../state/forecasts.ts';
import { useAppStore, type AppState } from '../../state/store.ts';
import { CancelledError, type Progress } from '../../workers/protocol.ts';
import { downloadBlob } from '../download.ts';
import { coreText, formatNumber, maseText, progressMessage, signalExplanation, signalLabel, translate, translateTerm, type Language } from '../../i18n/i18n.ts';
import type { CoreMessage } from '../../core/messages.ts';
import { useT } from '../useT.ts';
import { formatShare, numberTickLabels, seriesColour, shareTickLabels } from './format.ts';
import { SeriesName } from './SeriesName.tsx';
import { Sparkline } from './Sparkline.tsx';
import { TrendChart } from './TrendChart.tsx';
import { ChartDataTable, periodRows } from './ChartDataTable.tsx';

const charted = 6;

/** The forecast engine's notes on every series (repairs, fallbacks) in the interface language, each distinct text once, in series order. */
export function forecastNotesText(language: Language, names: readonly string[], forecasts: ReadonlyMap<string, Pick<TrendForecast, 'notes'>>): string[] {
  return [...new Set(names.flatMap((name) => forecasts.get(name)?.notes ?? []).map((note) => coreText(language, note)))];
}

/**
 * Forecast views for a file of ready-made trend series: every series forecast in the worker with
 * backtests, the chosen ones charted with intervals, and all of them ranked by trend signal.
 */
export function SeriesDashboard({ file }: { file: NonNullable<AppState['seriesFile']> }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const { set } = file;
  const [horizon, setHorizon] = useState(Math.min(52, set.frequency === 'week' ? 52 : set.frequency === 'month' ? 12 : 4));
  const [selected, setSelected] = useState<string[]>(() => set.series.slice(0, charted).map((s) => s.name));
  const [filter, setFilter] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ forecasts: Map<string, TrendForecast>; futureDates: number[]; notes: CoreMessage[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [abort, setAbort] = useState<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setAbort(controller);
    setError(null);
    forecastSeriesFile(set, horizon, setProgress, controller.signal).then(
      (r) => {
        setResult(r);
        setProgress(null);
        setAbort(null);
      },
      (e: unknown) => {
        setProgress(null);
        setAbort(null);
        setError(e instanceof CancelledError ? translate(useAppStore.getState().language, 'forecastStopped') : coreText(useAppStore.getState().language, (e as { detail?: CoreMessage }).detail, (e as Error).message));
      },
    );
    return () => controller.abort();
  }, [set, horizon]);

  const allInUnitRange = useMemo(() => set.series.every((s) => s.values.every((v) => Number.isNaN(v) || (v >= 0 && v <= 1))), [set]);
  const format = allInUnitRange ? formatShare : (v: number) => (Number.isFinite(v) ? formatNumber(language, v, Math.abs(v) < 10 ? 2 : 0) : '—');
  const tickLabels = useMemo(() => (allInUnitRange ? shareTickLabels : (ticks: readonly number[]) => numberTickLabels(ticks, language)), [allInUnitRange, language]);
  const labels = set.dates.map(formatDate);
  const future = result?.futureDates.map(formatDate) ?? [];
  const chartSeries = set.series.filter((s) => selected.includes(s.name)).map((s) => ({ label: s.name, share: s.values, support: new Uint32Array(0), totalSupport: 0 }));
  const ranked = useMemo(() => {
    if (!result) return [];
    return set.series.map((s) => ({ series: s, forecast: result.forecasts.get(s.name) })).sort((a, b) => (b.forecast?.signal.velocity ?? -9) - (a.forecast?.signal.velocity ?? -9));
  }, [result, set]);
  const meanMase = useMemo(() => {
    const values = [...(result?.forecasts.values() ?? [])].map((f) => f.backtestMase).filter(Number.isFinite);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
  }, [result]);
  // The set's notes (the global model: trained, reused, or why not) first, then each series' notes.
  const forecastNotes = useMemo(() => (result ? [...new Set([...result.notes.map((note) => coreText(language, note)), ...forecastNotesText(language, set.series.map((s) => s.name), result.forecasts)])] : []), [result, set, language]);

  return (
    <section className="dashboard" data-testid="series-dashboard">
      <div className="controls">
        <label>
          {t('horizon')}{' '}
          <input type="number" min={1} max={104} value={horizon} onChange={(e) => setHorizon(Math.max(1, Math.min(104, Number(e.target.value) || 1)))} style={{ width: '4rem' }} data-testid="series-horizon" /> {translateTerm(language, 'horizon_', set.frequency)}
        </label>
        <label>
          {t('findSeries')} <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('findSeriesExample')} />
        </label>
        <span className="export-buttons">
          <button
            type="button"
            disabled={!result}
            data-testid="export-series-csv"
            onClick={() => result && downloadBlob(new Blob([seriesToCsv(labels, set.series.map((s) => ({ label: s.name, values: s.values })), { periods: future, forecasts: result.forecasts })], { type: 'text/csv' }), `${file.fileName.replace(/\.[^.]+$/, '')}-forecasts.csv`)}
          >
            {t('forecastsCsv')}
          </button>
        </span>
      </div>
      <p className="based-on" data-testid="based-on">
        {t('seriesBasedOn', {
          file: file.fileName,
          count: formatNumber(language, set.series.length),
          layout: translateTerm(language, 'layout_', file.layout),
          from: labels[0] ?? '',
          to: labels[labels.length - 1] ?? '',
          frequency: translateTerm(language, 'frequency_', set.frequency),
        })}
        {meanMase !== undefined ? t('meanMase', { words: maseText(language, meanMase), mase: meanMase.toFixed(2) }) : ''}
      </p>
      {set.notes.length > 0 && (
        <ul className="notes">
          {set.notes.map((note, i) => (
            <li key={i}>{coreText(language, note)}</li>
          ))}
        </ul>
      )}
      {progress && (
        <p className="muted" data-testid="series-progress">
          {progressMessage(language, progress.message) ?? t('forecastingSeries', { done: formatNumber(language, progress.done), total: formatNumber(language, progress.total ?? 0) })}{' '}
          <button type="button" onClick={() => abort?.abort()}>
            {t('cancel')}
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="chart-card" data-chart="series">
        <TrendChart series={chartSeries} labels={labels} futureLabels={future} forecasts={result?.forecasts ?? new Map()} format={format} tickLabels={tickLabels} />
        <ChartDataTable
          testId="series-data-table"
          caption={t('tableCaptionSeries')}
          build={() => ({
            rowHeader: t('period'),
            columns: chartSeries.map((s) => s.label),
            rows: [
              ...periodRows(labels, chartSeries, format),
              ...future.map((period, h) => ({ header: t('forecastPeriod', { period }), cells: chartSeries.map((s) => { const f = result?.forecasts.get(s.label)?.point[h]; return f === undefined ? '—' : format(f); }) })),
            ],
          })}
        />
      </div>
      <table className="series-table" data-testid="series-list">
        <thead>
          <tr>
            <th>{t('chartColumn')}</th>
            <th>{t('seriesColumn')}</th>
            <th />
            <th>{t('latest')}</th>
            <th>{t('nextColumn')}</th>
            <th title={t('backtestHint')}>{t('backtest')}</th>
            <th>{t('signal')}</th>
            <th title={t('velocityHint')}>{t('velocity')}</th>
          </tr>
        </thead>
        <tbody>
          {(ranked.length ? ranked : set.series.map((s) => ({ series: s, forecast: undefined })))
            .filter(({ series }) => !filter || series.name.toLowerCase().includes(filter.toLowerCase()))
            .slice(0, 200)
            .map(({ series, forecast }) => {
              const k = selected.indexOf(series.name);
              const last = [...series.values].reverse().find(Number.isFinite);
              return (
                <tr key={series.name} data-series={series.name}>
                  <td>
                    <input type="checkbox" aria-label={t('chartSeries', { name: series.name })} checked={k >= 0} onChange={(e) => setSelected((current) => (e.target.checked ? [...current, series.name].slice(-8) : current.filter((n) => n !== series.name)))} />
                  </td>
                  <td>
                    <SeriesName label={series.name} colour={k >= 0 ? seriesColour(k) : undefined} />
                  </td>
                  <td>
                    <Sparkline values={series.values} forecast={forecast?.point} />
                  </td>
                  <td className="num">{last === undefined ? '—' : format(last)}</td>
                  <td className="num">{forecast ? format(forecast.point[0]!) : '…'}</td>
                  <td className="num" data-testid="series-mase" data-mase={forecast?.backtestMase} title={forecast && Number.isFinite(forecast.backtestMase) ? t('maseTitle', { mase: forecast.backtestMase.toFixed(2) }) : undefined}>
                    {forecast ? (Number.isFinite(forecast.backtestMase) ? maseText(language, forecast.backtestMase) : t('notEnoughData')) : '…'}
                  </td>
                  <td data-testid="series-signal" title={signalExplanation(language, forecast?.signal.explanation)}>{forecast ? (signalLabel(language, forecast.signal.label) ?? t('notEnoughHistory')) : '…'}</td>
                  <td className="num">{forecast?.signal.velocity !== undefined ? forecast.signal.velocity.toFixed(1) : '—'}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
      {forecastNotes.length > 0 && (
        <details className="forecast-notes" data-testid="forecast-notes">
          <summary>{t('forecastNotes', { count: formatNumber(language, forecastNotes.length) })}</summary>
          <ul className="notes">
            {forecastNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
