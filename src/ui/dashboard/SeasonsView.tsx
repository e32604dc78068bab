import { periodText } from '../../i18n/i18n.ts';
import type { DashboardTrends } from '../../core/dashboard/prepared.ts';
import { useAppStore } from '../../state/store.ts';
import { useT } from '../useT.ts';
import { formatPoints, formatShare, heatShade } from './format.ts';
import { ChartDataTable } from './ChartDataTable.tsx';
import { maxOf } from '../../core/extent.ts';

const shownPeriods = 12;

/** Label × period heatmap of shares, with the change against the same period a year before. */
export function SeasonsView({ trends }: { trends: DashboardTrends }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const select = useAppStore((s) => s.select);
  const { labels, perYear } = trends.periods;
  const first = Math.max(0, labels.length - shownPeriods);
  const periods = labels.slice(first).map((label, k) => ({ label, index: first + k }));
  const max = Math.max(1e-9, maxOf(trends.series.flatMap((s) => Array.from(s.share).filter(Number.isFinite))));
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" data-testid="heatmap">
        <caption className="visually-hidden">{t('tableCaptionSeasons')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('value')}</th>
            {periods.map((p) => (
              <th scope="col" key={p.label}>
                {periodText(language, p.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trends.series.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              {periods.map(({ label, index }) => {
                const share = s.share[index]!;
                const before = index - perYear >= 0 ? s.share[index - perYear] : undefined;
                const change = before === undefined || Number.isNaN(before) || Number.isNaN(share) ? undefined : share - before;
                // The cell's shade, and the text colour that reads on it (issue 17, item 10).
                const shade = heatShade(Number.isNaN(share) ? 0 : share / max);
                return (
                  <td
                    key={label}
                    tabIndex={0}
                    style={{ background: Number.isNaN(share) ? '#f3f4f6' : shade.background, color: Number.isNaN(share) ? undefined : shade.ink }}
                    title={t('heatCellTitle', { value: s.label, period: periodText(language, label), share: formatShare(share), change: formatPoints(change, language) })}
                    onClick={() => select({ label: s.label, period: index + trends.periodOffset })}
                    onKeyDown={(e) => e.key === 'Enter' && select({ label: s.label, period: index + trends.periodOffset })}
                  >
                    <div>{Number.isNaN(share) ? '—' : formatShare(share)}</div>
                    <small>{change === undefined ? '' : formatPoints(change, language)}</small>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ChartDataTable
        testId="seasons-data-table"
        caption={t('tableCaptionSeasonsAll')}
        build={() => ({
          rowHeader: t('period'),
          columns: trends.series.map((s) => s.label),
          rows: labels.map((label, index) => ({
            header: label,
            cells: trends.series.map((s) => {
              const share = s.share[index]!;
              const before = index - perYear >= 0 ? s.share[index - perYear]! : Number.NaN;
              return Number.isNaN(share) || Number.isNaN(before) ? formatShare(share) : `${formatShare(share)} (${formatPoints(share - before, language)})`;
            }),
          })),
        })}
      />
      <p className="muted">{t('selectPoint')}</p>
    </div>
  );
}
