import { parseColumn } from '../../core/columnKinds.ts';
import { useDeferredValue, useEffect, useMemo } from 'react';
import { periodLabelsAt, type PeriodAssignment, type PeriodGrain } from '../../core/dashboard/periods.ts';
import { useForecasts } from '../../state/forecasts.ts';
import { precomputeTrends, prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardView, type LoadedDataset } from '../../state/store.ts';
import { facetOptions, foundFacets } from '../../core/dashboard/facets.ts';
import { facetName, formatNumber, periodText, type MessageKey } from '../../i18n/i18n.ts';
import { tabIds, tabKeyTarget } from '../tabs.ts';
import { useT } from '../useT.ts';
import { ColoursView } from './ColoursView.tsx';
import { ItemsView } from './ItemsView.tsx';
import { MaterialsView } from './MaterialsView.tsx';
import { ModelView } from './ModelView.tsx';
import { MoversView } from './MoversView.tsx';
import { PlanView } from './PlanView.tsx';
import { RegionsView } from './RegionsView.tsx';
import { ReportButtons } from './ReportButtons.tsx';
import { SeasonsView } from './SeasonsView.tsx';
import { TrendsView } from './TrendsView.tsx';
import { UnsurePanel } from './UnsurePanel.tsx';
import { StudioView } from '../studio/StudioView.tsx';
import { LearnColumnButton } from './LearnColumn.tsx';
import { ThinPeriods } from './ThinPeriods.tsx';

const views: [DashboardView, MessageKey][] = [
  ['trends', 'viewTrends'],
  ['movers', 'viewMovers'],
  ['seasons', 'viewSeasons'],
  ['colours', 'viewColours'],
  ['materials', 'viewMaterials'],
  ['regions', 'viewRegions'],
  ['plan', 'viewPlan'],
  ['items', 'viewItems'],
  ['model', 'viewModel'],
  ['studio', 'viewStudio'],
];

const grains: [PeriodGrain, MessageKey][] = [
  ['week', 'grainWeek'],
  ['month', 'grainMonth'],
  ['quarter', 'grainQuarter'],
  ['season', 'grainSeason'],
  ['fashion-season', 'grainFashion'],
  ['year', 'grainYear'],
];

/** At most this many filter selections are counted ahead while the page is idle. */
const PRECOMPUTED_SPECS = 64;

/** Roles whose columns can be filtered on. */
const filterRoles = ['region', 'gender', 'category'];

/** The trend dashboard: controls, the open view, and what it is all based on. */
export function Dashboard({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const spec = useAppStore((s) => s.dashboard)!;
  const view = useAppStore((s) => s.view);
  const model = useAppStore((s) => s.model);
  const labelling = useAppStore((s) => s.labelling);
  const setView = useAppStore((s) => s.setView);
  const update = useAppStore((s) => s.updateDashboard);
  const setMinSupport = useAppStore((s) => s.setMinSupport);
  const changeColumns = useAppStore((s) => s.changeColumns);
  const prepared = prepare(dataset);
  // Where autosave keeps this dataset ('' until it is saved): tests read it.
  const savedId = useAppStore((s) => s.savedId);
  // The controls answer at once; the views recount and redraw for the new spec as a transition,
  // which React interrupts (and restarts) when another control changes meanwhile.
  const shown = useDeferredValue(spec);
  const trends = useMemo(() => {
    const start = performance.now();
    const result = prepared.trends(shown);
    // A user-timing entry per recount (read by `npm run bench:dashboard` to split a redraw into recount and render).
    performance.measure('trendloom:recount', { start });
    return result;
  }, [prepared, shown]);
  const allPeriods = prepared.periods(spec.grain);
  const tabViews = views.filter(([v]) => v !== 'plan' || prepared.unitsColumn);
  const forecastState = useForecasts(trends?.series, trends?.periods, shown.horizon, shown !== spec);
  // The forecast periods as the worker dated them (none until its forecasts arrive).
  const future = useMemo(() => (trends ? periodLabelsAt(forecastState.futureDates, trends.periods) : []), [trends, forecastState.futureDates]);
  // The file's own columns first, each named for people ("Category (your file)", "Article type (model)").
  // Then what the item text names (materials, colours, patterns) where the file has no such column.
  const facets = [...facetOptions(dataset.columns), ...foundFacets(dataset.columns)];
  // The file's own single-label column shown (or its taught, filled-in version): it can be learnt.
  const taughtFacet = parseColumn(spec.facet, prepared.modelHeads);
  const ownFacet = taughtFacet?.kind === 'head-label' ? taughtFacet.label : spec.facet;
  const learnable = facets.some((f) => f.column === ownFacet && f.source === 'file') && dataset.columns.find((c) => c.name === ownFacet)?.type !== 'multi-label' ? ownFacet : undefined;
  const filterColumns = dataset.columns.filter((c) => filterRoles.includes(c.role));
  const activeFilters = Object.entries(shown.filters).filter(([, v]) => v.length > 0);
  // While the page is idle, count each single value of each filter (and each filter cleared) for
  // the shown facet, grain and range ahead, so picking one of them redraws without a recount.
  useEffect(() => {
    const specs = filterColumns.flatMap((c) =>
      ['', ...prepared.coded(c.name).values].map((value) => ({ ...shown, filters: { ...shown.filters, [c.name]: value ? [value] : [] } })),
    );
    return precomputeTrends(prepared, specs.slice(0, PRECOMPUTED_SPECS));
    // (filterColumns follows the dataset, which `prepared` stands for.)
  }, [prepared, shown]);

  return (
    <section className="dashboard" data-testid="dashboard" data-saved-id={savedId ?? ''}>
      <div className="controls" role="group" aria-label={t('dashboardControls')}>
        <label>
          {t('facet')}{' '}
          <select value={spec.facet} onChange={(e) => update({ facet: e.target.value })} data-testid="facet">
            {facets.some((f) => f.column === spec.facet) ? null : <option value={spec.facet}>{spec.facet}</option>}
            {facets.map((f) => (
              <option key={f.column} value={f.column} data-source={f.source}>
                {facetName(language, f)}
              </option>
            ))}
          </select>
        </label>
        {/* The file's own label column can be taught to the model and filled in where items lack it. */}
        {learnable && <LearnColumnButton key={learnable} dataset={dataset} column={learnable} />}
        <label>
          {t('grain')}{' '}
          <select value={spec.grain} onChange={(e) => update({ grain: e.target.value as PeriodGrain })} data-testid="grain">
            {grains.map(([g, key]) => (
              <option key={g} value={g}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        {prepared.unitsColumn && (
          <label>
            {t('measure')}{' '}
            <select value={spec.measure} onChange={(e) => update({ measure: e.target.value as 'items' | 'units' })} data-testid="measure">
              <option value="items">{t('measureItems')}</option>
              <option value="units">{t('measureUnits')}</option>
            </select>
          </label>
        )}
        {filterColumns.map((c) => {
          const values = prepared.coded(c.name).values;
          return (
            <label key={c.name}>
              {c.name}{' '}
              <select
                value={spec.filters[c.name]?.[0] ?? ''}
                onChange={(e) => update({ filters: { ...spec.filters, [c.name]: e.target.value ? [e.target.value] : [] } })}
                data-testid={`filter-${c.name}`}
              >
                <option value="">{t('all')}</option>
                {[...values].sort().map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        {allPeriods && allPeriods.labels.length > 1 && (
          <span className="date-range">
            <PeriodSelect label={t('dateFrom')} periods={allPeriods} value={spec.dateFrom} anyLabel={t('anyDate')} onChange={(dateFrom) => update({ dateFrom })} testId="date-from" />{' '}
            <PeriodSelect label={t('dateTo')} periods={allPeriods} value={spec.dateTo} anyLabel={t('anyDate')} onChange={(dateTo) => update({ dateTo })} testId="date-to" />
          </span>
        )}
        <label title={t('minSupportHint')}>
          {t('minSupportLabel')}{' '}
          <input type="number" min={1} max={100000} value={spec.minSupport} onChange={(e) => setMinSupport(Math.max(1, Math.round(Number(e.target.value)) || 1))} data-testid="min-support" style={{ width: '4.5rem' }} />
        </label>
        <label>
          {t('horizon')}{' '}
          <input type="number" min={1} max={24} value={spec.horizon} onChange={(e) => update({ horizon: Math.max(1, Math.min(24, Number(e.target.value) || 1)) })} data-testid="horizon" style={{ width: '4rem' }} />{' '}
          {t('periods', undefined, spec.horizon)}
        </label>
        <ReportButtons dataset={dataset} trends={trends} forecasts={forecastState.forecasts} futureLabels={future} />
        <button type="button" onClick={changeColumns} title={t('changeColumnsHint')} data-testid="change-columns">
          {t('changeColumns')}
        </button>
      </div>
      <p className="based-on" data-testid="based-on">
        {t('basedOn', { file: dataset.fileName })} · {trends ? t('itemsCounted', { n: formatNumber(language, trends.itemsCounted) }, trends.itemsCounted) : t('rowsCount', { n: formatNumber(language, dataset.table.numRows) }, dataset.table.numRows)}
        {trends && trends.periods.labels.length > 0 && ` · ${periodText(language, trends.periods.labels[0]!)} – ${periodText(language, trends.periods.labels[trends.periods.labels.length - 1]!)}`} ·{' '}
        {t('filtersList', { list: activeFilters.length ? activeFilters.map(([k, v]) => `${k} = ${v.join(', ')}`).join('; ') : t('none') })} · {shown.measure === 'units' ? t('measureUnits') : t('measureItems')}
        {model && labelling
          ? ` · ${t('labelsBy', {
              backend: model.backend === 'webgpu' ? 'WebGPU' : `WASM ×${model.threads}`,
              unique: formatNumber(language, labelling.unique),
              cached: formatNumber(language, labelling.cached),
              seconds: formatNumber(language, labelling.seconds, 1),
            })}`
          : ''}
      </p>
      <UnsurePanel dataset={dataset} trends={trends} />
      {view !== 'items' && view !== 'model' && view !== 'studio' && <ThinPeriods dataset={dataset} spec={shown} />}
      <div className="tabs" role="tablist" aria-label={t('dashboardViews')}>
        {/* The Plan tab needs units sold. */}
        {tabViews.map(([v, key], index) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={tabIds('dashboard', v).tab}
            aria-controls={tabIds('dashboard', v).panel}
            aria-selected={view === v}
            tabIndex={view === v ? 0 : -1}
            className={view === v ? 'active' : ''}
            onClick={() => setView(v)}
            onKeyDown={(event) => {
              const target = tabKeyTarget(event.key, index, tabViews.length);
              if (target === null) return;
              event.preventDefault();
              const next = tabViews[target]![0];
              setView(next);
              document.getElementById(tabIds('dashboard', next).tab)?.focus();
            }}
            data-testid={`tab-${v}`}
          >
            {t(key)}
          </button>
        ))}
      </div>
      {!prepared.dateColumn && view !== 'items' && view !== 'model' && view !== 'studio' && (
        <p className="notice" data-testid="no-dates">
          {t('noDates')}
        </p>
      )}
      <div className="view" role="tabpanel" id={tabIds('dashboard', view).panel} aria-labelledby={tabIds('dashboard', view).tab} tabIndex={0} aria-busy={shown !== spec} {...Object.fromEntries(filterColumns.map((c) => [`data-filter-${c.name}`, JSON.stringify(shown.filters[c.name] ?? [])]))}>
        {view === 'trends' && trends && <TrendsView trends={trends} forecastState={forecastState} futureLabels={future} />}
        {view === 'movers' && trends && <MoversView trends={trends} forecastState={forecastState} />}
        {view === 'seasons' && trends && <SeasonsView trends={trends} />}
        {view === 'colours' && <ColoursView dataset={dataset} spec={shown} />}
        {view === 'materials' && <MaterialsView dataset={dataset} spec={shown} />}
        {view === 'regions' && <RegionsView dataset={dataset} spec={shown} />}
        {view === 'plan' && <PlanView dataset={dataset} spec={shown} />}
        {view === 'items' && <ItemsView dataset={dataset} />}
        {view === 'model' && <ModelView dataset={dataset} />}
        {view === 'studio' && <StudioView dataset={dataset} spec={shown} />}
      </div>
    </section>
  );
}

/** One end of the date range: a period of the current grain (by its start date), or any. */
function PeriodSelect({ label, periods, value, anyLabel, onChange, testId }: { label: string; periods: PeriodAssignment; value: number | undefined; anyLabel: string; onChange: (start: number | undefined) => void; testId: string }) {
  const language = useAppStore((s) => s.language);
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {periods.labels.map((period, p) => (
          <option key={period} value={periods.starts[p]}>
            {periodText(language, period)}
          </option>
        ))}
      </select>
    </label>
  );
}
