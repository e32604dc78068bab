import { memo, useId, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendForecast } from '../../state/forecasts.ts';
import type { TrendSeries } from '../../core/dashboard/trends.ts';
import { useAppStore } from '../../state/store.ts';
import { periodText, translate, translateCount, type Language } from '../../i18n/i18n.ts';
import { worseThanNaive } from '../../core/forecast/naiveComparison.ts';
import { useT } from '../useT.ts';
import { formatShare, niceTicks, seriesColour, shareTickLabels } from './format.ts';

/** Period labels for the forecast horizon, continuing the history's labels. */
export type FutureLabels = string[];

interface Row {
  period: string;
  index: number;
  [key: string]: string | number | [number, number] | null;
}

/** Builds the chart rows: history values, forecast values and interval ranges per series (bands kept within 0…`upper`). */
export function chartRows(series: TrendSeries[], labels: string[], futureLabels: string[], forecasts: Map<string, TrendForecast>, upper = Infinity, periodSupport?: ArrayLike<number>): Row[] {
  const cap = (x: number) => Math.min(upper, x);
  const rows: Row[] = labels.map((period, index): Row => (periodSupport ? { period, index, items: periodSupport[index]! } : { period, index }));
  futureLabels.forEach((period, h) => rows.push({ period, index: labels.length + h }));
  series.forEach((s, k) => {
    for (let p = 0; p < labels.length; p++) {
      const v = s.share[p]!;
      rows[p]![`h${k}`] = Number.isNaN(v) ? null : v;
      // The lighter line: every period with data, thin ones (fewer items than the minimum) included.
      const thin = s.thinShare?.[p];
      if (thin !== undefined && !Number.isNaN(thin)) rows[p]![`t${k}`] = thin;
      if (s.thinShare) rows[p]![`l${k}`] = Number.isNaN(v) ? (thin !== undefined && !Number.isNaN(thin) ? thin : null) : v;
    }
    const f = forecasts.get(s.label);
    if (!f) return;
    // The dotted forecast line starts at the last observed point so the two lines join.
    const last = labels.length - 1;
    if (last >= 0 && !Number.isNaN(s.share[last]!)) rows[last]![`f${k}`] = s.share[last]!;
    for (let h = 0; h < futureLabels.length && h < f.point.length; h++) {
      const row = rows[labels.length + h]!;
      row[`f${k}`] = cap(f.point[h]!);
      if (f.lo95 && f.hi95) row[`b95_${k}`] = [Math.max(0, f.lo95[h]!), cap(f.hi95[h]!)];
      if (f.lo80 && f.hi80) row[`b80_${k}`] = [Math.max(0, f.lo80[h]!), cap(f.hi80[h]!)];
    }
  });
  return rows;
}

/** The value axis range: from zero (or below the lowest value, when negative) up to a round number above the highest value or interval bound, never above `upper`. */
export function valueDomain(rows: Row[], upper = Infinity): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const row of rows) {
    for (const key in row) {
      if (key === 'period' || key === 'index' || key === 'items') continue;
      const v = row[key];
      for (const x of Array.isArray(v) ? v : [v]) {
        if (typeof x !== 'number' || !Number.isFinite(x)) continue;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
  }
  if (hi <= lo) return [lo, lo + 1];
  // Up to a round number (0.766 → 0.8), so the top tick is a round value too.
  const perUnit = 2 / 10 ** Math.floor(Math.log10(hi - lo)); // steps of half a power of ten
  return [lo < 0 ? Math.floor(lo * perUnit + 1e-9) / perUnit : 0, Math.min(upper, Math.ceil(hi * perUnit - 1e-9) / perUnit)];
}

/** The "now" line's label: its font size and its gap above the plot area (recharts' label offset). */
export const NOW_LABEL = { fontSize: 11, offset: 5 } as const;
/** Space around the plot; the top leaves room for the "now" label written above the plot area. */
export const CHART_MARGIN = { top: NOW_LABEL.fontSize + NOW_LABEL.offset + 8, right: 20, bottom: 10, left: 0 } as const;

/** The value axis: round ticks covering the domain (never past `upper`) and the domain they span. */
export function valueAxis(rows: Row[], upper = Infinity): { ticks: number[]; domain: [number, number] } {
  const [lo, hi] = valueDomain(rows, upper);
  const ticks = niceTicks(lo, hi, 5, upper);
  return { ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!] };
}

/** A series' last value with data (thin periods included) and its period, or undefined. */
function latestOf(series: TrendSeries, labels: readonly string[]): { value: number; period: string } | undefined {
  for (let p = labels.length - 1; p >= 0; p--) {
    const v = Number.isNaN(series.share[p]!) ? series.thinShare?.[p] : series.share[p];
    if (v !== undefined && !Number.isNaN(v)) return { value: v, period: labels[p]! };
  }
  return undefined;
}

/**
 * The chart's name and summary in words, for people who cannot see it: what it charts over which
 * periods, each value's latest figure, and how many periods the dotted forecast covers.
 */
export function chartText(language: Language, series: readonly TrendSeries[], labels: readonly string[], forecastPeriods: number, format: (value: number) => string): { name: string; summary: string } {
  if (series.length === 0 || labels.length === 0) return { name: translate(language, 'chartEmpty'), summary: '' };
  const name = translateCount(language, 'chartName', series.length, { count: series.length, from: labels[0]!, to: labels[labels.length - 1]! });
  const latest = series.map((s) => ({ label: s.label, last: latestOf(s, labels) }));
  const period = labels[labels.length - 1]!;
  const list = latest.map(({ label, last }) => `${label} ${last ? format(last.value) : '—'}${last && last.period !== period ? ` (${last.period})` : ''}`).join(language === 'zh' ? '；' : ', ');
  const parts = [translate(language, 'chartSummary', { period, list })];
  if (forecastPeriods > 0) parts.push(translateCount(language, 'chartForecastSummary', forecastPeriods, { n: forecastPeriods }));
  return { name, summary: parts.join(' ') };
}

/**
 * Trend curves: history solid, forecast dotted, 80/95% intervals shaded, a "now" line at the
 * last observed period. Thin periods (fewer items than the minimum) are drawn lighter, their
 * points titled with their count. Clicking a history point drills down to its items.
 */
export const TrendChart = memo(function TrendChart({
  series,
  labels,
  futureLabels,
  forecasts,
  onPoint,
  height = 360,
  format = formatShare,
  tickLabels = shareTickLabels,
  upper = Infinity,
  periodSupport,
  minSupport,
}: {
  series: TrendSeries[];
  labels: string[];
  futureLabels: string[];
  forecasts: Map<string, TrendForecast>;
  onPoint?: (label: string, period: number) => void;
  height?: number;
  /** Formats values in tooltips and the axis (shares as percentages by default). */
  format?: (value: number) => string;
  /** Writes the value axis's ticks, all alike (same decimals); shares as percentages by default. */
  tickLabels?: (ticks: readonly number[]) => string[];
  /** The highest value the series can take (1 for shares): bands and the axis stop there. */
  upper?: number;
  /** Items per period, when shares are counted from items: thin periods' points say how many. */
  periodSupport?: ArrayLike<number>;
  /** The fewest items a period needs (thin periods have fewer); shown in their points' titles. */
  minSupport?: number;
}) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const words = useMemo(() => chartText(language, series, labels, forecasts.size > 0 ? futureLabels.length : 0, format), [language, series, labels, futureLabels.length, forecasts.size, format]);
  const summaryId = useId();
  const rows = useMemo(() => chartRows(series, labels, futureLabels, forecasts, upper, periodSupport), [series, labels, futureLabels, forecasts, upper, periodSupport]);
  // Words for a period's items in the tooltip and in thin points' titles.
  const itemsText = (row: Row | undefined) => {
    if (!row || typeof row.items !== 'number') return '';
    return minSupport !== undefined && row.items > 0 && row.items < minSupport ? t('thinPeriodItems', { n: row.items, min: minSupport }, row.items) : t('periodItems', { n: row.items }, row.items);
  };
  // Forecast lines and interval bands only have values from the last observed period on: they get
  // just those rows, so recharts does not walk every history period for each of them.
  const tail = useMemo(() => rows.slice(Math.max(0, labels.length - 1)), [rows, labels.length]);
  // Items with their own data leave the value axis to them alone, so the domain is set here.
  const axis = useMemo(() => valueAxis(rows, upper), [rows, upper]);
  const tickText = useMemo(() => {
    const texts = tickLabels(axis.ticks);
    return new Map(axis.ticks.map((tick, i) => [tick, texts[i]!]));
  }, [axis, tickLabels]);
  const now = labels[labels.length - 1];
  return (
    <>
      <p id={summaryId} className="visually-hidden">
        {words.summary}
      </p>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={CHART_MARGIN} title={words.name} desc={words.summary} aria-label={words.name} aria-describedby={summaryId}>
          <CartesianGrid stroke="#eee" />
          {/* A fixed tick interval: recharts would otherwise measure every period label's text on each render. */}
          <XAxis dataKey="period" tickFormatter={(period: string) => periodText(language, period)} tick={{ fontSize: 11 }} interval={Math.max(0, Math.ceil(rows.length / 12) - 1)} allowDuplicatedCategory={false} />
          <YAxis tickFormatter={(v: number) => tickText.get(v) ?? format(v)} tick={{ fontSize: 11 }} width={56} domain={axis.domain} ticks={axis.ticks} interval={0} />
          <Tooltip
            formatter={(value) => (Array.isArray(value) ? `${format(value[0] as number)} – ${format(value[1] as number)}` : format(value as number))}
            labelFormatter={(period, payload) => {
              const text = itemsText((payload?.[0] as { payload?: Row } | undefined)?.payload);
              return text ? `${periodText(language, String(period))} · ${text}` : periodText(language, String(period));
            }}
          />
          {/* Legend names in dark text (issue 17, item 10): the swatch carries the colour. */}
          <Legend />
          {now && <ReferenceLine x={now} stroke="#6b7280" strokeDasharray="4 4" label={{ value: t('now'), position: 'top', fontSize: NOW_LABEL.fontSize, offset: NOW_LABEL.offset }} />}
          {series.map((s, k) => [
            // Thin periods (fewer items than the minimum): a lighter line through every period with
            // data, with a marked point (titled with its count) at each thin one; clicks drill down.
            s.thinShare && (
              <Line
                key={`l${k}`}
                dataKey={`l${k}`}
                name={s.label}
                stroke={seriesColour(k)}
                strokeOpacity={0.35}
                strokeWidth={1.5}
                legendType="none"
                connectNulls={false}
                isAnimationActive={false}
                dot={(props: { cx?: number; cy?: number; index?: number; payload?: Row }) => {
                  const row = props.payload;
                  if (!row || row[`t${k}`] === undefined || props.cx === undefined || props.cy === undefined) return <g key={`d${k}_${props.index}`} />;
                  return (
                    <circle key={`d${k}_${props.index}`} cx={props.cx} cy={props.cy} r={3} fill="#fff" stroke={seriesColour(k)} strokeOpacity={0.6} data-thin-period={row.period} data-items={row.items}>
                      <title>{`${row.period} · ${s.label} ${format(row[`t${k}`] as number)} · ${itemsText(row)}`}</title>
                    </circle>
                  );
                }}
                activeDot={{ r: 5, onClick: (_e: unknown, payload: unknown) => onPoint?.(s.label, (payload as { payload: Row }).payload.index) }}
              />
            ),
            forecasts.has(s.label) && <Area key={`b95_${k}`} data={tail} dataKey={`b95_${k}`} stroke="none" fill={seriesColour(k)} fillOpacity={0.1} legendType="none" isAnimationActive={false} name={`${s.label} 95%`} />,
            forecasts.has(s.label) && <Area key={`b80_${k}`} data={tail} dataKey={`b80_${k}`} stroke="none" fill={seriesColour(k)} fillOpacity={0.2} legendType="none" isAnimationActive={false} name={`${s.label} 80%`} />,
            <Line
              key={`h${k}`}
              dataKey={`h${k}`}
              name={s.label}
              stroke={seriesColour(k)}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
              // With a lighter line drawn, that line carries the tooltip (thin periods included).
              {...(s.thinShare ? { tooltipType: 'none' as const } : {})}
              activeDot={{ r: 5, onClick: (_e: unknown, payload: unknown) => onPoint?.(s.label, (payload as { payload: Row }).payload.index) }}
            />,
            // A forecast that backtested worse than naive is drawn grey and finely dotted (the view says which).
            forecasts.has(s.label) &&
              (worseThanNaive(forecasts.get(s.label)!.backtestMase) ? (
                <Line key={`f${k}`} data={tail} dataKey={`f${k}`} name={t('forecastSeries', { label: s.label })} stroke="#9ca3af" strokeWidth={1.5} strokeDasharray="2 4" dot={false} legendType="none" isAnimationActive={false} />
              ) : (
                <Line key={`f${k}`} data={tail} dataKey={`f${k}`} name={t('forecastSeries', { label: s.label })} stroke={seriesColour(k)} strokeWidth={2} strokeDasharray="5 5" dot={false} legendType="none" isAnimationActive={false} />
              )),
          ])}
        </ComposedChart>
      </ResponsiveContainer>
    </>
  );
});
