/**
 * The seasonal trend report: a plain data model built from trend series (and forecasts where
 * they exist), rendered as Markdown here and as a printable page by the UI. Pure.
 */
import type { TrendSeries } from '../dashboard/trends.ts';
import type { RegionDifference } from '../plan/regions.ts';
import { spreadsheetField } from '../csv/field.ts';
import { markdownCell, markdownText } from './markdownText.ts';
import { coreMessage, englishText, type CoreMessage, type MessageCode } from '../messages.ts';

/** One value's line in a report table. */
export interface ReportRow {
  /** Facet value, e.g. "Casual". */
  label: string;
  /** Share in the latest period (NaN = not enough data). */
  latest: number;
  /** Change in share vs the same period a year earlier (NaN = not enough data). */
  change: number;
  /** Forecast share of the next period, when forecast. */
  forecast?: number;
  /** Backtest MASE of that forecast (NaN = no backtest). */
  mase?: number;
  /** Trend label from the forecaster (emerging, growing…). */
  signal?: string;
}

/** A section: rising and declining values of one facet in one scope (all items or a region). */
export interface ReportSection {
  /** What is ranked, e.g. "Styles (usage)". */
  facet: string;
  /** Where, e.g. "All regions" or "EU". */
  scope: string;
  /** Values whose share rose most, largest rise first. */
  rising: ReportRow[];
  /** Values whose share fell most, largest fall first. */
  declining: ReportRow[];
}

/** The whole report. */
export interface TrendReport {
  /** Title line. */
  title: string;
  /** What it is based on: file, rows, periods, filters, model and backend. */
  basedOn: string[];
  /** Latest period's label. */
  latestPeriod: string;
  /** Sections in order. */
  sections: ReportSection[];
  /** Forecast accuracy note (how intervals and MASE were measured). */
  accuracyNote?: string;
  /** Next season's plan (datasets with units), when one was made. */
  nextSeason?: NextSeasonSection;
  /** Design briefs the designer kept in the Studio, in the order kept. */
  designBriefs?: DesignBriefRow[];
}

/** A kept design brief as the report lists it. */
export interface DesignBriefRow {
  /** The drafted (or edited) item name. */
  name: string;
  /** The one-line brief. */
  brief: string;
  /** The asked tags, e.g. "Green · Dresses · Casual". */
  asked: string;
  /** How the classifier read the name back, e.g. "Green · Dresses · Casual" (unsure labels marked "?"). */
  readBack: string;
  /** The asked tags the read-back contradicts (empty when it agrees). */
  disagrees: string[];
}

/** One line of the "Next season" plan: a group (or total) in whole units. */
export interface NextSeasonRow {
  /** The row's name as shown ("Total", "Coat — all", "Coat · Navy"). */
  name: string;
  /** The row's values in the grouping columns ('' where the row adds that column up), for the CSV (absent: the name alone). */
  key?: string[];
  /** 'group', 'subtotal' or 'total'. */
  level: 'group' | 'subtotal' | 'total';
  /** Units sold in the same season last year (NaN without it). */
  lastSeason: number;
  /** Forecast units. */
  forecast: number;
  /** forecast / last season − 1 (NaN without last season). */
  change: number;
  /** 80 % range (NaN when none). */
  lo80: number;
  hi80: number;
  /** Units to buy (the user's number where edited). */
  plan: number;
  /** The quantity was typed in by the user. */
  edited: boolean;
  /** Flags in words. */
  flags: string[];
  /** The same flags as stable codes ('slow mover', 'likely sell-out'), for the CSV (absent: the words). */
  flagCodes?: string[];
}

/** One regional difference as the report's CSV lists it (a small region: only region and its items; value ''). */
export type NextSeasonRegionRow = Pick<RegionDifference, 'value' | 'region' | 'regionItems' | 'valueItems' | 'shareIn' | 'shareElsewhere' | 'lift' | 'qValue' | 'small'> & {
  /** 'widening', 'closing', 'steady' or 'unknown'. */
  gapTrend: string;
};

/** The report's "Next season" section: rising and falling groups with quantities, the plan table, regional differences in words. */
export interface NextSeasonSection {
  /** What the plan covers and how its totals add up, in words. */
  lines: string[];
  /** Groups forecast to sell most above last season, largest rise first. */
  rising: NextSeasonRow[];
  /** Groups forecast to sell most below last season, largest fall first. */
  falling: NextSeasonRow[];
  /** The whole plan table (total first). */
  table: NextSeasonRow[];
  /** Regional differences in words, largest real ones first, then small regions flagged (absent without a region column). */
  regional?: string[];
  /** The grouping columns of the plan (the CSV's group columns are named after them). */
  columns?: string[];
  /** The regional differences as figures: the real ones, largest first, then one row per small region. */
  regionalRows?: NextSeasonRegionRow[];
}

/** Groups of a plan table ranked by their change vs last season: the `count` largest rises and falls. */
export function planMovers(table: readonly NextSeasonRow[], count = 5): { rising: NextSeasonRow[]; falling: NextSeasonRow[] } {
  const groups = table.filter((r) => r.level === 'group' && Number.isFinite(r.change));
  return {
    rising: groups.filter((r) => r.change > 0).sort((a, b) => b.change - a.change).slice(0, count),
    falling: groups.filter((r) => r.change < 0).sort((a, b) => a.change - b.change).slice(0, count),
  };
}

/**
 * Ranks series by their change vs the same period one year earlier (periodsPerYear back), from
 * the last period with enough items: trailing thin periods (share NaN, fewer items than the
 * minimum) are shown in the charts but not ranked on (issue 17, item 1).
 */
export function rankMovers(series: TrendSeries[], periodsPerYear: number, extra?: (label: string) => Partial<ReportRow>, count = 5): { rising: ReportRow[]; declining: ReportRow[] } {
  const rows: ReportRow[] = series.map((s) => {
    let last = s.share.length - 1;
    while (last > 0 && !Number.isFinite(s.share[last]!)) last--;
    const latest = last >= 0 ? s.share[last]! : Number.NaN;
    const before = last - periodsPerYear >= 0 ? s.share[last - periodsPerYear]! : Number.NaN;
    return { label: s.label, latest, change: latest - before, ...extra?.(s.label) };
  });
  const ranked = rows.filter((r) => Number.isFinite(r.change));
  return {
    rising: ranked.filter((r) => r.change > 0).sort((a, b) => b.change - a.change).slice(0, count),
    declining: ranked.filter((r) => r.change < 0).sort((a, b) => a.change - b.change).slice(0, count),
  };
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);
const pts = (v: number, text: MessageText) => (Number.isFinite(v) ? text(coreMessage('report.points', { change: `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}` })) : '—');

/** Words a message (the report's fixed headings, table headers and units) in one language. */
export type MessageText = (message: CoreMessage) => string;

/** How the report's Markdown words what the core only holds as codes and numbers (the UI passes its language's words; the default is English). */
export interface ReportWords {
  /** A backtest MASE as the "forecast accuracy" cell, e.g. "1.5× worse than naive (MASE 1.50)"; without it the cell reads "MASE 1.50". */
  accuracy?: (mase: number) => string;
  /** The report's own text (headings, table headers, "pt") in the reader's language; English without it. */
  text?: MessageText;
}

/** The accuracy cell without words: the bare figure, named. */
const bareMase = (mase: number) => `MASE ${mase.toFixed(2)}`;

/** A fixed text of the report in the words' language. */
const fixed = (words: ReportWords, code: MessageCode) => (words.text ?? englishText)(coreMessage(code));

function rowsTable(rows: ReportRow[], words: ReportWords): string {
  if (rows.length === 0) return `_${fixed(words, 'report.no-movers')}_\n`;
  const accuracy = words.accuracy ?? bareMase;
  const lines = [fixed(words, 'report.movers-header'), '| --- | ---: | ---: | ---: | --- | --- |'];
  for (const r of rows) {
    lines.push(`| ${markdownText(r.label)} | ${pct(r.latest)} | ${pts(r.change, words.text ?? englishText)} | ${pct(r.forecast)} | ${r.mase === undefined || !Number.isFinite(r.mase) ? '—' : markdownCell(accuracy(r.mase))} | ${r.signal === undefined ? '—' : markdownText(r.signal)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Scopes of one facet where nothing could be ranked, named together instead of as empty sections. */
export interface QuietScopes {
  /** The facet, as in its sections' headings. */
  facet: string;
  /** The scopes (regions) with no rising and no declining value, in report order. */
  scopes: string[];
}

/**
 * Folds the empty sections of every scope but `mainScope` (regions with not enough history, or
 * where nothing moved) into one list per facet, so a printed report is not a run of empty
 * headings; the main scope's section always stays, empty or not.
 */
export function foldQuietSections(sections: readonly ReportSection[], mainScope: string): { sections: ReportSection[]; quiet: QuietScopes[] } {
  const kept: ReportSection[] = [];
  const quiet: QuietScopes[] = [];
  for (const section of sections) {
    if (section.scope === mainScope || section.rising.length > 0 || section.declining.length > 0) {
      kept.push(section);
      continue;
    }
    const group = quiet.find((q) => q.facet === section.facet);
    if (group) group.scopes.push(section.scope);
    else quiet.push({ facet: section.facet, scopes: [section.scope] });
  }
  return { sections: kept, quiet };
}

/**
 * Renders the report as Markdown; every text of the report is user text, escaped (only the layout
 * is markup). `words` says a forecast's accuracy in the reader's language (see ReportWords).
 */
export function reportToMarkdown(report: TrendReport, words: ReportWords = {}): string {
  const md = markdownText;
  const text = words.text ?? englishText;
  const parts = [`# ${md(report.title)}\n`, report.basedOn.map((line) => `- ${md(line)}`).join('\n') + '\n', `${text(coreMessage('report.latest-period', { period: md(report.latestPeriod) }))}\n`];
  for (const section of report.sections) {
    parts.push(`## ${md(section.facet)} — ${md(section.scope)}\n`, `### ${fixed(words, 'report.rising')}\n`, rowsTable(section.rising, words), `### ${fixed(words, 'report.declining')}\n`, rowsTable(section.declining, words));
  }
  if (report.accuracyNote) parts.push(`## ${fixed(words, 'report.accuracy')}\n\n${md(report.accuracyNote)}\n`);
  if (report.nextSeason) parts.push(nextSeasonMarkdown(report.nextSeason, words));
  if (report.designBriefs?.length) parts.push(designBriefsMarkdown(report.designBriefs, words));
  return parts.join('\n');
}

const whole = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : '—');
const changePct = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(0)}%` : '—');

function planRowsTable(rows: readonly NextSeasonRow[], words: ReportWords): string {
  if (rows.length === 0) return `_${fixed(words, 'report.no-plan-movers')}_\n`;
  const lines = [fixed(words, 'report.plan-header'), '| --- | ---: | ---: | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    const name = r.level === 'group' ? markdownText(r.name) : `**${markdownText(r.name)}**`;
    const range = Number.isFinite(r.lo80) ? `${whole(r.lo80)}–${whole(r.hi80)}` : '—';
    lines.push(`| ${name} | ${whole(r.lastSeason)} | ${whole(r.forecast)} | ${changePct(r.change)} | ${range} | ${whole(r.plan)}${r.edited ? ' ✎' : ''} | ${r.flags.map(markdownText).join('; ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The "Next season" section as Markdown (fixed headings in the words' language, English by default). */
export function nextSeasonMarkdown(section: NextSeasonSection, words: ReportWords = {}): string {
  const parts = [
    `## ${fixed(words, 'report.next-season')}\n`,
    section.lines.map((line) => `- ${markdownText(line)}`).join('\n') + '\n',
    `### ${fixed(words, 'report.rising-groups')}\n`,
    planRowsTable(section.rising, words),
    `### ${fixed(words, 'report.falling-groups')}\n`,
    planRowsTable(section.falling, words),
    `### ${fixed(words, 'report.plan')}\n`,
    planRowsTable(section.table, words),
  ];
  if (section.regional) parts.push(`### ${fixed(words, 'report.regional')}\n`, section.regional.length ? section.regional.map((line) => `- ${markdownText(line)}`).join('\n') + '\n' : `_${fixed(words, 'report.no-regional')}_\n`);
  return parts.join('\n');
}

/** The "Design briefs" section as Markdown (fixed headings in the words' language, English by default). */
export function designBriefsMarkdown(rows: readonly DesignBriefRow[], words: ReportWords = {}): string {
  const lines = [fixed(words, 'report.briefs-header'), '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${markdownText(r.name)} | ${markdownText(r.brief)} | ${markdownText(r.asked)} | ${markdownText(r.readBack)} | ${r.disagrees.length ? r.disagrees.map(markdownText).join(', ') : '—'} |`);
  return [`## ${fixed(words, 'report.briefs')}\n`, `_${fixed(words, 'report.briefs-note')}_\n`, `${lines.join('\n')}\n`].join('\n');
}

/** Series and forecasts as a wide CSV: period, then one column per series (and its interval bounds); formula-like names neutralised. */
export function seriesToCsv(periods: string[], series: { label: string; values: ArrayLike<number> }[], future?: { periods: string[]; forecasts: Map<string, { point: ArrayLike<number>; lo80?: ArrayLike<number>; hi80?: ArrayLike<number>; lo95?: ArrayLike<number>; hi95?: ArrayLike<number> }> }): string {
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toFixed(6))));
  const header = ['period', 'kind', ...series.flatMap((s) => (future ? [s.label, `${s.label}__lo80`, `${s.label}__hi80`, `${s.label}__lo95`, `${s.label}__hi95`] : [s.label]))];
  const lines = [header.map(spreadsheetField).join(',')];
  periods.forEach((period, p) => {
    lines.push([spreadsheetField(period), 'history', ...series.flatMap((s) => (future ? [num(s.values[p]), '', '', '', ''] : [num(s.values[p])]))].join(','));
  });
  future?.periods.forEach((period, h) => {
    lines.push(
      [
        spreadsheetField(period),
        'forecast',
        ...series.flatMap((s) => {
          const f = future.forecasts.get(s.label);
          return [num(f?.point[h]), num(f?.lo80?.[h]), num(f?.hi80?.[h]), num(f?.lo95?.[h]), num(f?.hi95?.[h])];
        }),
      ].join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}
