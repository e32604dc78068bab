import { useMemo } from 'react';
import { regionalDifferences, type RegionDifference } from '../../core/plan/regions.ts';
import { planMovers, type NextSeasonRow, type NextSeasonSection } from '../../core/report/report.ts';
import { nextSeasonRegionRows } from '../../core/report/nextSeasonCsv.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { formatNumber, translate, translateWithPeriods, type Language } from '../../i18n/i18n.ts';
import { facetTitle } from './facetNames.ts';
import { flagText, planRowName, reconciliationText, usePlanTable } from './PlanView.tsx';

/** Real regional differences listed, largest first. */
const REAL_SHOWN = 8;

/**
 * Every facet value × region comparison (core/plan regionalDifferences: real ones first, largest
 * first, small regions last). Undefined without a region column (or when the facet is the region itself).
 */
export function regionDifferencesOf(dataset: LoadedDataset, spec: DashboardSpec, facet: string): RegionDifference[] | undefined {
  const region = dataset.columns.find((c) => c.role === 'region');
  if (!region || region.name === facet) return undefined;
  const prepared = prepare(dataset);
  const periods = prepared.periods(spec.grain);
  const values = prepared.coded(facet);
  const regions = prepared.coded(region.name);
  if (!periods || values.labels.kind !== 'single' || regions.labels.kind !== 'single') return undefined;
  return regionalDifferences({ value: values.labels.codes, region: regions.labels.codes, period: periods.periodIndex, values: values.values, regions: regions.values, periods: periods.labels.length });
}

/**
 * Regional differences of the facet's values in words: the real ones (beyond chance after the
 * correction for many comparisons), largest first, then each small region flagged once (not
 * ranked). Undefined without a region column (or when the facet is the region itself).
 */
export function regionSentences(language: Language, dataset: LoadedDataset, spec: DashboardSpec, facet: string, found?: readonly RegionDifference[]): string[] | undefined {
  const differences = found ?? regionDifferencesOf(dataset, spec, facet);
  if (!differences) return undefined;
  const lines: string[] = [];
  const real = differences.filter((d) => d.real && !d.small).slice(0, REAL_SHOWN);
  for (const d of real) {
    const trend = d.gapTrend === 'widening' ? translate(language, 'regionWidening') : d.gapTrend === 'closing' ? translate(language, 'regionClosing') : '';
    lines.push(translate(language, d.lift >= 1 ? 'regionMore' : 'regionLess', { value: d.value, region: d.region, lift: formatNumber(language, d.lift, d.lift >= 1 ? 1 : 2), trend }));
  }
  if (real.length === 0) lines.push(translate(language, 'regionNoneReal'));
  const small = new Map<string, number>();
  for (const d of differences) if (d.small) small.set(d.region, d.regionItems);
  for (const [name, n] of small) lines.push(translate(language, 'regionSmall', { region: name, n: formatNumber(language, n) }));
  return lines;
}

/** The report's "Next season" section from the Plan view's settings (the plan runs in the worker if it has not yet), or undefined without units or while it is computed. */
export function useNextSeason(dataset: LoadedDataset): { section?: NextSeasonSection; running: boolean } {
  const spec = useAppStore((s) => s.dashboard)!;
  const settings = useAppStore((s) => s.plan);
  const language = useAppStore((s) => s.language);
  const hasUnits = !!prepare(dataset).unitsColumn;
  const { input, state, table } = usePlanTable(dataset, spec, settings);
  const facet = input?.columns[0];
  const differences = useMemo(() => (hasUnits && facet ? regionDifferencesOf(dataset, spec, facet) : undefined), [hasUnits, dataset, spec, facet]);
  const regional = useMemo(() => (differences && facet ? regionSentences(language, dataset, spec, facet, differences) : undefined), [differences, language, dataset, spec, facet]);
  return useMemo(() => {
    if (!hasUnits || !input?.grouped || !table || !state.result) return { running: hasUnits && state.status === 'running' };
    const rows: NextSeasonRow[] = table.map((r) => ({ name: planRowName(language, r), key: [...r.key], level: r.level, lastSeason: r.lastSeason, forecast: r.forecast, change: r.change, lo80: r.lo80, hi80: r.hi80, plan: r.plan, edited: r.edited && r.level === 'group', flags: r.flags.map((f) => flagText(language, f)), flagCodes: [...r.flags] }));
    const edited = rows.filter((r) => r.edited).length;
    const lines = [
      translateWithPeriods(
        language,
        'reportPlanCovers',
        {
          n: input.horizon,
          last: input.periodLabels.at(-1) ?? '',
          columns: input.columns.map((c) => facetTitle(language, c, dataset.columns)).join(' × '),
          level: `${Math.round(settings.serviceLevel * 100)} %`,
        },
        ['last'],
      ),
      reconciliationText(language, state.result.method),
      ...(edited > 0 ? [translate(language, 'reportPlanEdited', { n: edited })] : []),
    ];
    return { running: false, section: { lines, ...planMovers(rows), table: rows, columns: [...input.columns], ...(regional ? { regional } : {}), ...(differences ? { regionalRows: nextSeasonRegionRows(differences) } : {}) } };
  }, [hasUnits, input, table, state, language, settings.serviceLevel, regional, differences, dataset]);
}
