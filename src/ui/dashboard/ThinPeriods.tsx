import { useMemo } from 'react';
import type { PeriodGrain } from '../../core/dashboard/periods.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset } from '../../state/store.ts';
import { formatNumber, type MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';

/** Each grain's name in the interface's words. */
export const grainNames: Record<PeriodGrain, MessageKey> = {
  week: 'grainWeek',
  month: 'grainMonth',
  quarter: 'grainQuarter',
  season: 'grainSeason',
  'fashion-season': 'grainFashion',
  year: 'grainYear',
};

/**
 * Says when many periods of the grain shown have fewer items than the minimum (they are drawn
 * lighter, with their counts) and offers the finest coarser grain with enough items per period
 * ("Too few items per week — show by quarter?"), counted under the same filters (issue 17, item 1).
 */
export function ThinPeriods({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const update = useAppStore((s) => s.updateDashboard);
  const prepared = prepare(dataset);
  const advice = useMemo(() => (prepared.dateColumn && spec.facet ? prepared.grainAdvice(spec) : undefined), [prepared, spec]);
  if (!advice) return null;
  const { summary, suggestion } = advice;
  const grain = t(grainNames[advice.grain]);
  return (
    <p className="notice thin-advice" data-testid="thin-advice" data-suggestion={suggestion ?? ''} role="status">
      {suggestion ? t('thinSuggest', { grain, coarser: t(grainNames[suggestion]) }) : t('thinNoCoarser', { grain })}{' '}
      <span className="muted">{t('thinNote', { thin: formatNumber(language, summary.thin), periods: formatNumber(language, summary.periods), min: formatNumber(language, spec.minSupport) }, summary.thin)}</span>
      {suggestion && (
        <>
          {' '}
          <button type="button" onClick={() => update({ grain: suggestion })} data-testid="thin-switch">
            {t('showByCoarser', { coarser: t(grainNames[suggestion]) })}
          </button>
        </>
      )}
    </p>
  );
}
