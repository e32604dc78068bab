import { modelLabelColumn } from '../../core/columnKinds.ts';
import { useMemo } from 'react';
import { colourSwatch, textColourOn } from '../../core/palette/colours.ts';
import { modelColourPerValue, resolveColourName } from '../../core/palette/named.ts';
import { useNamedColours } from './useNamedColours.ts';
import { periodLabelsAt } from '../../core/dashboard/periods.ts';
import { useForecasts } from '../../state/forecasts.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { useT } from '../useT.ts';
import { formatShare } from './format.ts';
import { periodText } from '../../i18n/i18n.ts';
import { ChartDataTable } from './ChartDataTable.tsx';

const shownPeriods = 4;

/** Where a swatch comes from: the colour's own name, the model's colour for the same items, or nowhere. */
interface SwatchSource {
  /** #rrggbb or 'multi'; undefined when nothing can be drawn. */
  hex?: string;
  /** The model's colour name the swatch was taken from, when the name itself is unknown. */
  fromModel?: string;
}

function Swatch({ name, share, source }: { name: string; share: number; source: SwatchSource }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const { hex } = source;
  const multi = hex === 'multi';
  const background = !hex ? 'repeating-linear-gradient(45deg,#e5e7eb,#e5e7eb 4px,#f9fafb 4px,#f9fafb 8px)' : multi ? 'conic-gradient(#c62828,#f2cf3b,#2e8b57,#2f5fb3,#6a3d9a,#c62828)' : hex;
  const ink = hex && !multi ? textColourOn(hex) : '#000000';
  const app = colourSwatch(name);
  const label = language === 'zh' && app ? app.nameZh : name;
  const note = source.fromModel ? ` (${t('swatchFromModel', { colour: source.fromModel })})` : !hex ? ` (${t('noSwatch')})` : '';
  return (
    <div
      className="swatch"
      style={{ background, color: ink, flexGrow: Math.max(share, 0.01) }}
      title={`${name}: ${formatShare(share)}${note}`}
      data-colour={name}
      data-swatch={hex ?? 'none'}
      data-swatch-from={source.fromModel ? 'model' : hex ? 'name' : 'none'}
    >
      <span>{label}</span>
      <small>{formatShare(share)}</small>
    </div>
  );
}

/** Colour palette: real swatches sized by share for recent periods, and next period's forecast palette (for the spec shown). */
export function ColoursView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const prepared = prepare(dataset);
  const modelColours = modelLabelColumn('baseColour');
  const column = dataset.columns.find((c) => c.role === 'colours' || c.name === modelColours);
  const trends = useMemo(() => (column ? prepared.trends({ ...spec, facet: column.name, topN: 16 }) : undefined), [prepared, spec, column]);
  const forecasts = useForecasts(trends?.series, trends?.periods, 1);
  const named = useNamedColours();
  // Each value's swatch: its own name when designers would know it, else the model's colour for the same items.
  const sources = useMemo(() => {
    const out = new Map<string, SwatchSource>();
    if (!column) return out;
    const own = prepared.coded(column.name);
    const model = column.name !== modelColours && dataset.columns.some((c) => c.name === modelColours) ? prepared.coded(modelColours) : undefined;
    const partner = model ? modelColourPerValue(own.labels, own.values.length, model.labels, model.values.length) : undefined;
    own.values.forEach((value, v) => {
      const resolved = resolveColourName(value, named);
      if (resolved) return out.set(value, { hex: resolved.hex });
      const m = partner?.[v] ?? -1;
      const fallback = m >= 0 ? resolveColourName(model!.values[m]!, named) : undefined;
      out.set(value, fallback ? { hex: fallback.hex, fromModel: model!.values[m]! } : {});
    });
    return out;
  }, [prepared, column, dataset.columns, named]);
  const sourceOf = (name: string): SwatchSource => sources.get(name) ?? {};
  if (!column) return <p className="notice">{t('noColumn')}</p>;
  if (!trends) return null;
  const labels = trends.periods.labels;
  const rows = labels.slice(Math.max(0, labels.length - shownPeriods)).map((label, k, arr) => ({ label, index: labels.length - arr.length + k }));
  // The next period as the forecast worker dated it (unknown until its forecast arrives).
  const next = periodLabelsAt(forecasts.futureDates, trends.periods)[0];
  const forecastRow = trends.series.map((s) => ({ name: s.label, share: forecasts.forecasts.get(s.label)?.point[0] ?? Number.NaN })).filter((s) => Number.isFinite(s.share) && s.share > 0);
  return (
    <div className="palette" data-testid="palette">
      {rows.map(({ label, index }) => {
        // A thin period (fewer items than the minimum) shows its own few items' colours, lighter, with its count.
        const items = trends.periodSupport[index]!;
        const thin = items > 0 && items < trends.minSupport;
        return (
          <div className={thin ? 'palette-row thin' : 'palette-row'} key={label} data-thin={thin || undefined}>
            <span className="palette-label">{periodText(language, label)}{thin && <small className="muted"> · {t('thinPeriodItems', { n: items, min: trends.minSupport }, items)}</small>}</span>
            <div className="swatches">
              {trends.series
                .map((s) => ({ name: s.label, share: thin ? (s.thinShare?.[index] ?? Number.NaN) : s.share[index]! }))
                .filter((s) => Number.isFinite(s.share) && s.share > 0)
                .sort((a, b) => b.share - a.share)
                .map((s) => (
                  <Swatch key={s.name} name={s.name} share={s.share} source={sourceOf(s.name)} />
                ))}
            </div>
          </div>
        );
      })}
      <div className="palette-row forecast" data-testid="forecast-palette">
        <span className="palette-label">
          {next ? periodText(language, next) : ''} · {t('nextSeason')}
        </span>
        <div className="swatches">
          {forecastRow.length === 0 ? <span className="muted">{forecasts.status === 'running' ? t('forecasting') : t('notEnoughData')}</span> : forecastRow.sort((a, b) => b.share - a.share).map((s) => <Swatch key={s.name} name={s.name} share={s.share} source={sourceOf(s.name)} />)}
        </div>
      </div>
      <ChartDataTable
        testId="palette-data-table"
        caption={t('tableCaptionColours')}
        build={() => ({
          rowHeader: t('period'),
          columns: trends.series.map((s) => (language === 'zh' ? (colourSwatch(s.label)?.nameZh ?? s.label) : s.label)),
          rows: [
            ...rows.map(({ label, index }) => ({ header: label, cells: trends.series.map((s) => formatShare(s.share[index])) })),
            // The forecast row once the worker has answered (it dates the next period).
            ...(next ? [{ header: t('forecastPeriod', { period: next }), cells: trends.series.map((s) => formatShare(forecasts.forecasts.get(s.label)?.point[0])) }] : []),
          ],
        })}
      />
    </div>
  );
}
