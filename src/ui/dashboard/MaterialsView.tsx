import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { prepare } from '../../state/prepared.ts';
import type { DashboardSpec, LoadedDataset } from '../../state/store.ts';
import { useT } from '../useT.ts';
import { formatShare, seriesColour } from './format.ts';
import { ChartDataTable, periodRows } from './ChartDataTable.tsx';

/** Material mix: share of each material per period, stacked (for the spec the dashboard shows). */
export function MaterialsView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const prepared = prepare(dataset);
  const column = dataset.columns.find((c) => c.role === 'materials');
  const trends = useMemo(() => (column ? prepared.trends({ ...spec, facet: column.name, topN: 8 }) : undefined), [prepared, spec, column]);
  if (!column) return <p className="notice" data-testid="no-materials">{t('noColumn')}</p>;
  if (!trends) return null;
  const rows = trends.periods.labels.map((period, p) => Object.fromEntries([['period', period], ...trends.series.map((s) => [s.label, Number.isNaN(s.share[p]!) ? null : s.share[p]])]));
  return (
    <div className="chart-card" data-chart="materials" data-testid="materials">
      <ResponsiveContainer width="100%" height={340}>
        <BarChart data={rows}>
          <CartesianGrid stroke="#eee" />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={44} />
          <Tooltip formatter={(v) => formatShare(v as number)} />
          <Legend />
          {trends.series.map((s, k) => (
            <Bar key={s.label} dataKey={s.label} stackId="mix" fill={seriesColour(k)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ChartDataTable testId="materials-data-table" caption={t('tableCaptionMaterials')} build={() => ({ rowHeader: t('period'), columns: trends.series.map((s) => s.label), rows: periodRows(trends.periods.labels, trends.series) })} />
    </div>
  );
}
