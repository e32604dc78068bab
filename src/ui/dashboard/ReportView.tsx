import { modelLabelColumn } from '../../core/columnKinds.ts';
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { foldQuietSections, rankMovers, reportToMarkdown, type ReportSection, type TrendReport } from '../../core/report/report.ts';
import type { TrendForecast } from '../../state/forecasts.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { unsureHeadFor, unsureSummary } from '../../core/dashboard/unsure.ts';
import type { CodedColumn } from '../../core/dashboard/columns.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { downloadBlob } from '../download.ts';
import { worseThanNaive } from '../../core/forecast/naiveComparison.ts';
import { formatNumber, maseText, periodText, reportWords, translate, translateWithPeriods, translateTerm, type MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { formatPoints, formatShare } from './format.ts';
import { facetTitle } from './facetNames.ts';
import { useNextSeason } from './nextSeason.ts';
import { nextSeasonCsv } from '../../core/report/nextSeasonCsv.ts';
import { PlanTableHeader } from './PlanView.tsx';
import type { DesignBriefRow, NextSeasonRow, NextSeasonSection } from '../../core/report/report.ts';
import { useKeptBriefs, type KeptBrief } from '../../state/briefs.ts';
import { BRIEF_DISPLAY_ORDER } from '../../model/briefs.ts';

const sectionRoles = ['styles', 'colours', 'materials', 'category'];
/** Regions given their own sections, largest first. */
const regionScopes = 8;
/** How each period grain reads in the report's "based on" line. */
const grainKeys: Record<string, MessageKey> = { week: 'grainWeek', month: 'grainMonth', quarter: 'grainQuarter', season: 'grainSeason', 'fashion-season': 'grainFashion', year: 'grainYear' };

/** A coded column's values, most frequent first. */
function regionsBySize(coded: CodedColumn): string[] {
  const counts = new Uint32Array(coded.values.length);
  if (coded.labels.kind === 'single') for (const code of coded.labels.codes) if (code >= 0) counts[code]!++;
  return coded.values.map((value, code) => ({ value, count: counts[code]! })).sort((a, b) => b.count - a.count).map((r) => r.value);
}

/** Builds the seasonal report from the dataset under the current dashboard settings. */
export function useReport(dataset: LoadedDataset, forecasts: Map<string, TrendForecast>): TrendReport | undefined {
  const spec = useAppStore((s) => s.dashboard)!;
  const language = useAppStore((s) => s.language);
  return useMemo(() => {
    const allRegions = translate(language, 'allRegions');
    const prepared = prepare(dataset);
    const current = prepared.trends(spec);
    if (!current) return undefined;
    const facets = [...new Set([spec.facet, ...dataset.columns.filter((c) => sectionRoles.includes(c.role)).map((c) => c.name)])];
    const region = dataset.columns.find((c) => c.role === 'region');
    const regions = region ? regionsBySize(prepared.coded(region.name)).slice(0, regionScopes) : [];
    const sections: ReportSection[] = [];
    for (const facet of facets) {
      const scopes: [string, Record<string, string[]>][] = [[allRegions, spec.filters], ...regions.map((r): [string, Record<string, string[]>] => [r, { ...spec.filters, [region!.name]: [r] }])];
      for (const [scope, filters] of scopes) {
        const trends = prepared.trends({ ...spec, facet, filters, topN: 24 });
        if (!trends) continue;
        const extra = facet === spec.facet && scope === allRegions ? (label: string) => {
          const f = forecasts.get(label);
          return f ? { forecast: f.point[0], mase: f.backtestMase, signal: f.signal.label === undefined ? undefined : translateTerm(language, 'signal_', f.signal.label) } : {};
        } : undefined;
        sections.push({ facet: facetTitle(language, facet, dataset.columns), scope, ...rankMovers(trends.series, trends.periods.perYear, extra) });
      }
    }
    // How much of the catalogue the model was unsure about (issue 13, item 1), for the facet's head or the main one.
    const unsureHead = unsureHeadFor(spec.facet, dataset.columns.map((c) => c.name));
    const flags = unsureHead ? prepared.sureFlags(modelLabelColumn(unsureHead)) : undefined;
    const unsure = flags ? unsureSummary(flags) : undefined;
    const unsureLine =
      unsure && unsure.labelled > 0
        ? [
            translate(language, 'reportUnsure', {
              share: `${formatNumber(language, unsure.share * 100)} %`,
              head: translateTerm(language, 'head_', unsureHead!),
              unsure: formatNumber(language, unsure.unsure),
              labelled: formatNumber(language, unsure.labelled),
              counted: translate(language, spec.includeUnsure ? 'reportWithUnsure' : 'reportSureOnly'),
            }),
          ]
        : [];
    const mases = [...forecasts.values()].map((f) => f.backtestMase).filter(Number.isFinite);
    return {
      title: translateWithPeriods(language, 'reportTitle', { period: current.periods.labels[current.periods.labels.length - 1] ?? '' }, ['period']),
      basedOn: [
        translate(language, 'reportFile', { file: dataset.fileName, rows: formatNumber(language, dataset.table.numRows), counted: formatNumber(language, current.itemsCounted) }),
        translateWithPeriods(
          language,
          'reportPeriods',
          {
            from: current.periods.labels[0] ?? '',
            to: current.periods.labels[current.periods.labels.length - 1] ?? '',
            grain: grainKeys[spec.grain] ? translate(language, grainKeys[spec.grain]!) : spec.grain,
            measure: translate(language, spec.measure === 'units' ? 'measureUnits' : 'measureItems'),
            min: formatNumber(language, spec.minSupport),
          },
          ['from', 'to'],
        ),
        translate(language, 'reportFilters', { list: Object.entries(spec.filters).filter(([, v]) => v.length).map(([k, v]) => `${k} = ${v.join(', ')}`).join('; ') || translate(language, 'none') }),
        ...unsureLine,
        translate(language, 'reportLocal'),
      ],
      latestPeriod: periodText(language, current.periods.labels[current.periods.labels.length - 1] ?? ''),
      sections,
      accuracyNote: mases.length
        ? translate(language, 'reportAccuracy', { facet: facetTitle(language, spec.facet, dataset.columns), words: maseText(language, mases.reduce((a, b) => a + b, 0) / mases.length), mase: (mases.reduce((a, b) => a + b, 0) / mases.length).toFixed(2) })
        : undefined,
    };
  }, [dataset, spec, forecasts, language]);
}

/**
 * The printable seasonal report (print → PDF) with a Markdown download. It is drawn straight into
 * the page body, so that printing can leave out the app behind it and let the report run over as
 * many pages as it needs; Esc closes it. Regions where nothing could be ranked are named in one
 * line per facet instead of as empty sections (the Markdown keeps every section).
 */
export function ReportView({ dataset, forecasts, onClose }: { dataset: LoadedDataset; forecasts: Map<string, TrendForecast>; onClose: () => void }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const trendReport = useReport(dataset, forecasts);
  // Next season's plan (datasets with units): the Plan view's settings and edits.
  const next = useNextSeason(dataset);
  // Design briefs kept in the Studio (issue 14).
  const kept = useKeptBriefs(dataset);
  const designBriefs = useMemo(() => kept.map(briefRow), [kept]);
  const report = trendReport ? { ...trendReport, ...(next.section ? { nextSeason: next.section } : {}), ...(designBriefs.length ? { designBriefs } : {}) } : trendReport;
  const dialog = useRef<HTMLDivElement>(null);
  const folded = useMemo(() => (trendReport ? foldQuietSections(trendReport.sections, translate(language, 'allRegions')) : undefined), [trendReport, language]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const shown = report !== undefined;
  useEffect(() => {
    if (shown) dialog.current?.focus();
  }, [shown]);
  if (!report || !folded) return null;
  return createPortal(
    <div
      className="report-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={report.title}
      data-testid="report"
      ref={dialog}
      tabIndex={-1}
      // Esc on the report itself (it takes the focus when it opens), beside the page-wide listener above.
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <article className="report">
        <div className="report-actions no-print">
          <button type="button" onClick={() => window.print()}>
            {t('printPdf')}
          </button>
          <button type="button" data-testid="download-markdown" onClick={() => downloadBlob(new Blob([reportToMarkdown(report, reportWords(language))], { type: 'text/markdown' }), `${dataset.fileName.replace(/\.[^.]+$/, '')}-trend-report.md`)}>
            {t('markdown')}
          </button>
          {report.nextSeason && (
            <button type="button" data-testid="download-next-season-csv" onClick={() => downloadBlob(new Blob([nextSeasonCsv(report.nextSeason!)], { type: 'text/csv' }), `${dataset.fileName.replace(/\.[^.]+$/, '')}-next-season.csv`)}>
              {t('reportNextSeasonCsv')}
            </button>
          )}
          <button type="button" onClick={onClose} title={t('closeReport')} data-testid="close-report">
            ✕
          </button>
        </div>
        <h1>{report.title}</h1>
        <ul>
          {report.basedOn.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {folded.sections.map((section) => (
          <section key={`${section.facet}-${section.scope}`} className="report-section" data-testid="report-section">
            <h2>
              {section.facet} — {section.scope}
            </h2>
            <div className="report-columns">
              {(['rising', 'declining'] as const).map((kind) => (
                <div key={kind}>
                  <h3>{kind === 'rising' ? t('rising') : t('declining')}</h3>
                  {section[kind].length === 0 ? (
                    <p className="muted">{t('nothingMoved')}</p>
                  ) : (
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('value')}</th>
                          <th scope="col" className="num">{t('latest')}</th>
                          <th scope="col" className="num" title={t('yoyPointsHint')}>{t('yoy')}</th>
                          <th scope="col" className="num">{t('nextSeason')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {section[kind].map((r) => (
                          <tr key={r.label}>
                            <td>{r.label}</td>
                            <td className="num">{formatShare(r.latest)}</td>
                            <td className="num">{formatPoints(r.change, language)}</td>
                            <td className="num" title={r.mase !== undefined && Number.isFinite(r.mase) ? `${maseText(language, r.mase)} (${t('maseTitle', { mase: r.mase.toFixed(2) })})` : undefined}>
                              {r.forecast !== undefined ? `→ ${formatShare(r.forecast)}` : ''}
                              {r.forecast !== undefined && worseThanNaive(r.mase) && <small className="muted" data-testid="report-worse-than-naive"> · {t('worseThanNaiveNote')}</small>}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              ))}
            </div>
          </section>
        ))}
        {folded.quiet.length > 0 && (
          <section className="report-section report-quiet" data-testid="report-quiet">
            {folded.quiet.map((q) => (
              <p key={q.facet} className="muted">
                {t('reportQuiet', { facet: q.facet, scopes: q.scopes.join(language === 'zh' ? '、' : ', ') }, q.scopes.length)}
              </p>
            ))}
          </section>
        )}
        {report.accuracyNote && <p className="report-section">{report.accuracyNote}</p>}
        {next.running && <p className="muted" data-testid="report-plan-running">{t('reportPlanRunning')}</p>}
        {report.nextSeason && <NextSeason section={report.nextSeason} />}
        {report.designBriefs && <DesignBriefs rows={report.designBriefs} />}
      </article>
    </div>,
    document.body,
  );
}

/** A kept Studio draft as a report row: tags in generation order, unsure read-back labels marked "?". */
function briefRow(b: KeptBrief): DesignBriefRow {
  const tags = BRIEF_DISPLAY_ORDER.filter((tag) => b.tags[tag]);
  return {
    name: b.text,
    brief: b.brief,
    asked: tags.map((tag) => b.tags[tag]!).join(' · '),
    readBack: tags.map((tag) => (b.readBack[tag] ? `${b.readBack[tag]!.label}${b.readBack[tag]!.sure ? '' : '?'}` : '—')).join(' · '),
    disagrees: b.disagrees,
  };
}

/** The report's "Design briefs" section: the drafts kept in the Studio. */
function DesignBriefs({ rows }: { rows: DesignBriefRow[] }) {
  const t = useT();
  return (
    <section className="report-section" data-testid="report-design-briefs">
      <h2>{t('reportDesignBriefs')}</h2>
      <p className="muted">{t('reportBriefsNote')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('reportBriefItem')}</th>
            <th scope="col">{t('briefLine')}</th>
            <th scope="col">{t('reportBriefAsked')}</th>
            <th scope="col">{t('reportBriefReadBack')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="report-brief">
              <td>{r.name}</td>
              <td>{r.brief}</td>
              <td>{r.asked}</td>
              <td>{r.readBack}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The report's "Next season" section: what the plan covers, rising and falling groups, the plan table, regional differences. */
function NextSeason({ section }: { section: NextSeasonSection }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const units = (v: number) => (Number.isFinite(v) ? formatNumber(language, v) : '—');
  const rowsTable = (rows: NextSeasonRow[], testId: string) =>
    rows.length === 0 ? (
      <p className="muted">{t('nothingMoved')}</p>
    ) : (
      <table data-testid={testId}>
        <PlanTableHeader />
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.level}-${r.name}`} data-level={r.level} data-name={r.name}>
              <td>{r.level === 'group' ? r.name : <strong>{r.name}</strong>}</td>
              <td className="num">{units(r.lastSeason)}</td>
              <td className="num">{units(r.forecast)}</td>
              <td className="num">{Number.isFinite(r.change) ? `${r.change >= 0 ? '+' : '−'}${formatNumber(language, Math.abs(r.change * 100))} %` : '—'}</td>
              <td className="num">{Number.isFinite(r.lo80) ? `${units(r.lo80)} – ${units(r.hi80)}` : '—'}</td>
              <td className="num" data-units={r.plan}>
                {units(r.plan)}
                {r.edited ? ' ✎' : ''}
              </td>
              <td>{r.flags.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <section className="report-section" data-testid="report-next-season">
      <h2>{t('reportNextSeason')}</h2>
      <ul>
        {section.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="report-columns">
        <div>
          <h3>{t('reportRisingGroups')}</h3>
          {rowsTable(section.rising, 'report-plan-rising')}
        </div>
        <div>
          <h3>{t('reportFallingGroups')}</h3>
          {rowsTable(section.falling, 'report-plan-falling')}
        </div>
      </div>
      <h3>{t('reportPlanTable')}</h3>
      {rowsTable(section.table, 'report-plan-table')}
      {section.regional && (
        <>
          <h3>{t('reportRegional')}</h3>
          <ul data-testid="report-regional">
            {section.regional.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
