import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendForecast } from '../../state/forecasts.ts';
import type { TrendSeries } from '../../core/dashboard/trends.ts';
import { useT } from '../useT.ts';
import { formatShare, seriesColour } from './format.ts';

/** Period labels for the forecast horizon, continuing the history's labels. */
export type FutureLabels = string[];

interface Row {
  period: string;
  index: number;
  [key: string]: string | number | [number, number] | null;
}

/** Builds the chart rows: history values, forecast values and interval ranges per series. */
export function chartRows(series: TrendSeries[], labels: string[], futureLabels: string[], forecasts: Map<string, TrendForecast>): Row[] {
  const rows: Row[] = labels.map((period, index) => ({ period, index }));
  futureLabels.forEach((period, h) => rows.push({ period, index: labels.length + h }));
  series.forEach((s, k) => {
    for (let p = 0; p < labels.length; p++) {
      const v = s.share[p]!;
      rows[p]![`h${k}`] = Number.isNaN(v) ? null : v;
    }
    const f = forecasts.get(s.label);
    if (!f) return;
    // The dotted forecast line starts at the last observed point so the two lines join.
    const last = labels.length - 1;
    if (last >= 0 && !Number.isNaN(s.share[last]!)) rows[last]![`f${k}`] = s.share[last]!;
    for (let h = 0; h < futureLabels.length && h < f.point.length; h++) {
      const row = rows[labels.length + h]!;
      row[`f${k}`] = f.point[h]!;
      if (f.lo95 && f.hi95) row[`b95_${k}`] = [Math.max(0, f.lo95[h]!), f.hi95[h]!];
      if (f.lo80 && f.hi80) row[`b80_${k}`] = [Math.max(0, f.lo80[h]!), f.hi80[h]!];
    }
  });
  return rows;
}

/**
 * Trend curves: history solid, forecast dotted, 80/95% intervals shaded, a "now" line at the
 * last observed period. Clicking a history point drills down to its items.
 */
export const TrendChart = memo(function TrendChart({
  series,
  labels,
  futureLabels,
  forecasts,
  onPoint,
  height = 360,
  format = formatShare,
}: {
  series: TrendSeries[];
  labels: string[];
  futureLabels: string[];
  forecasts: Map<string, TrendForecast>;
  onPoint?: (label: string, period: number) => void;
  height?: number;
  /** Formats values in tooltips and the axis (shares as percentages by default). */
  format?: (value: number) => string;
}) {
  const t = useT();
  const rows = useMemo(() => chartRows(series, labels, futureLabels, forecasts), [series, labels, futureLabels, forecasts]);
  const now = labels[labels.length - 1];
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
        <CartesianGrid stroke="#eee" />
        <XAxis dataKey="period" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis tickFormatter={(v: number) => format(v)} tick={{ fontSize: 11 }} width={56} />
        <Tooltip formatter={(value) => (Array.isArray(value) ? `${format(value[0] as number)} – ${format(value[1] as number)}` : format(value as number))} />
        <Legend />
        {now && <ReferenceLine x={now} stroke="#6b7280" strokeDasharray="4 4" label={{ value: t('now'), position: 'top', fontSize: 11 }} />}
        {series.map((s, k) => [
          forecasts.has(s.label) && <Area key={`b95_${k}`} dataKey={`b95_${k}`} stroke="none" fill={seriesColour(k)} fillOpacity={0.1} legendType="none" isAnimationActive={false} name={`${s.label} 95%`} />,
          forecasts.has(s.label) && <Area key={`b80_${k}`} dataKey={`b80_${k}`} stroke="none" fill={seriesColour(k)} fillOpacity={0.2} legendType="none" isAnimationActive={false} name={`${s.label} 80%`} />,
          <Line
            key={`h${k}`}
            dataKey={`h${k}`}
            name={s.label}
            stroke={seriesColour(k)}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
            activeDot={{ r: 5, onClick: (_e: unknown, payload: unknown) => onPoint?.(s.label, (payload as { payload: Row }).payload.index) }}
          />,
          forecasts.has(s.label) && <Line key={`f${k}`} dataKey={`f${k}`} name={t('forecastSeries', { label: s.label })} stroke={seriesColour(k)} strokeWidth={2} strokeDasharray="5 5" dot={false} legendType="none" isAnimationActive={false} />,
        ])}
      </ComposedChart>
    </ResponsiveContainer>
  );
});
