import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { foundColumnName } from '../../core/dashboard/facets.ts';
import { attributeNameZh } from '../../core/text/attributes.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { formatNumber, periodText } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { formatShare, seriesColour } from './format.ts';
import { ChartDataTable, periodRows } from './ChartDataTable.tsx';

/**
 * Material mix: share of each material per period, stacked (for the spec the dashboard shows).
 * Without a materials column, the materials named in the item descriptions (linen, wool, 羊绒…),
 * saying so.
 */
export function MaterialsView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const prepared = prepare(dataset);
  const own = dataset.columns.find((c) => c.role === 'materials')?.name;
  const fromText = !own && dataset.columns.some((c) => c.role === 'text');
  const column = own ?? (fromText ? foundColumnName('materials') : undefined);
  // Found materials are read in the background (a slice of items per idle moment): the page answers meanwhile.
  const [progress, setProgress] = useState(fromText && !prepared.foundReady ? 0 : 1);
  useEffect(() => {
    if (!fromText || prepared.foundReady) return setProgress(1);
    let live = true;
    void prepared.foundInBackground((done, total) => live && setProgress(done / total)).then(() => live && setProgress(1));
    return () => {
      live = false;
    };
  }, [prepared, fromText]);
  const waiting = fromText && progress < 1;
  const trends = useMemo(() => (column && !waiting ? prepared.trends({ ...spec, facet: column, topN: 8 }) : undefined), [prepared, spec, column, waiting]);
  if (waiting) return <p className="muted" role="status" data-testid="materials-finding">{t('materialsFinding', { percent: Math.round(progress * 100) })}</p>;
  const found = fromText ? prepared.found().materials : undefined;
  if (!column || (found && found.itemsWithAny === 0)) return <p className="notice" data-testid="no-materials">{found ? t('materialsFromTextNone') : t('noColumn')}</p>;
  if (!trends) return null;
  // Found materials have Chinese names; a file's own values are the shop's words and stay as written.
  const nameOf = (label: string) => (fromText && language === 'zh' ? (attributeNameZh('materials', label) ?? label) : label);
  const rows = trends.periods.labels.map((period, p) => Object.fromEntries([['period', period], ...trends.series.map((s) => [s.label, Number.isNaN(s.share[p]!) ? null : s.share[p]])]));
  return (
    <div className="chart-card" data-chart="materials" data-testid="materials" data-source={fromText ? 'text' : 'file'}>
      {found && (
        <p className="hint" data-testid="materials-from-text">
          {t('materialsFromText', { n: formatNumber(language, found.itemsWithAny), total: formatNumber(language, prepared.itemCount) }, found.itemsWithAny)}
        </p>
      )}
      <ResponsiveContainer width="100%" height={340}>
        <BarChart data={rows}>
          <CartesianGrid stroke="#eee" />
          <XAxis dataKey="period" tickFormatter={(period: string) => periodText(language, period)} tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={44} />
          <Tooltip formatter={(v) => formatShare(v as number)} />
          <Legend />
          {trends.series.map((s, k) => (
            <Bar key={s.label} dataKey={s.label} name={nameOf(s.label)} stackId="mix" fill={seriesColour(k)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ChartDataTable testId="materials-data-table" caption={t('tableCaptionMaterials')} build={() => ({ rowHeader: t('period'), columns: trends.series.map((s) => nameOf(s.label)), rows: periodRows(trends.periods.labels, trends.series) })} />
    </div>
  );
}
