import { useState } from 'react';
import type { DashboardTrends } from '../../core/dashboard/prepared.ts';
import { seriesToCsv } from '../../core/report/report.ts';
import type { TrendForecast } from '../../state/forecasts.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { chartToPng, downloadBlob } from '../download.ts';
import { useT } from '../useT.ts';
import { ReportView } from './ReportView.tsx';

/** Export controls: the seasonal report, the series as CSV, and the open chart as PNG. */
export function ReportButtons({ dataset, trends, forecasts, futureLabels }: { dataset: LoadedDataset; trends: (DashboardTrends) | undefined; forecasts: Map<string, TrendForecast>; futureLabels: string[] }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const [reportOpen, setReportOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const base = dataset.fileName.replace(/\.[^.]+$/, '');
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => setReportOpen(true)} disabled={!trends} data-testid="open-report">
        {t('exportReport')}
      </button>
      <button
        type="button"
        disabled={!trends}
        data-testid="export-csv"
        onClick={() => {
          if (!trends) return;
          const csv = seriesToCsv(trends.periods.labels, trends.series.map((s) => ({ label: s.label, values: s.share })), { periods: futureLabels, forecasts });
          downloadBlob(new Blob([csv], { type: 'text/csv' }), `${base}-trends.csv`);
        }}
      >
        {t('exportCsv')}
      </button>
      <button
        type="button"
        data-testid="export-png"
        onClick={() => {
          const chart = document.querySelector('[data-chart]');
          if (!chart) {
            setMessage(t('noChartInView'));
            return;
          }
          chartToPng(chart, language).then(
            (blob) => downloadBlob(blob, `${base}-${chart.getAttribute('data-chart')}.png`),
            (error: unknown) => setMessage((error as Error).message),
          );
        }}
      >
        {t('exportPng')}
      </button>
      {message && <span className="muted"> {message}</span>}
      {reportOpen && <ReportView dataset={dataset} forecasts={forecasts} onClose={() => setReportOpen(false)} />}
    </span>
  );
}
