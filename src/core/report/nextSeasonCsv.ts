/**
 * The report's "Next season" section as one CSV for spreadsheets: the rising and falling groups
 * with their quantities, the plan table as shown (edits included), and the regional differences,
 * one row each, told apart by the `section` column. Numbers are plain (no thousands separators,
 * a dot for decimals); flags and gap trends are stable English codes. Pure.
 */
import { spreadsheetField } from '../csv/field.ts';
import type { RegionDifference } from '../plan/regions.ts';
import type { NextSeasonRegionRow, NextSeasonRow, NextSeasonSection } from './report.ts';

/** The columns after `section`, `rank` and the group columns, for the plan rows (rising, falling, plan). */
export const NEXT_SEASON_PLAN_COLUMNS = ['level', 'last_season_units', 'forecast_units', 'change_pct', 'lo80', 'hi80', 'plan_units', 'edited', 'flag'] as const;

/** The columns for the regional differences (after the plan columns). */
export const NEXT_SEASON_REGION_COLUMNS = ['value', 'region', 'region_items', 'value_items', 'share_in_region', 'share_elsewhere', 'lift', 'adjusted_p_value', 'gap_trend', 'small_region'] as const;

/** A number as plain text ('' when unknown), rounded to `digits` decimals without trailing zeros. */
function plain(value: number | undefined, digits = 6): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(Number(value.toFixed(digits)));
}

/** A p-value as plain text with four significant digits ('' when unknown). */
function pValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '';
}

/** The header: section, rank, one `group_<column>` per grouping column, the plan columns, the regional columns. */
export function nextSeasonCsvHeader(columns: readonly string[]): string[] {
  return ['section', 'rank', ...columns.map((c) => `group_${c}`), ...NEXT_SEASON_PLAN_COLUMNS, ...NEXT_SEASON_REGION_COLUMNS];
}

/**
 * The section as CSV. Sections: 'rising' and 'falling' (ranked by change vs the same season last
 * year), 'plan' (the whole table, total first; group cells '(all)' where a row adds that column
 * up), 'regional' (real differences, largest first, then each small region unranked).
 */
export function nextSeasonCsv(section: NextSeasonSection): string {
  const columns = section.columns && section.columns.length > 0 ? section.columns : ['name'];
  const header = nextSeasonCsvHeader(columns);
  const regionBlank = NEXT_SEASON_REGION_COLUMNS.map(() => '');
  const planBlank = NEXT_SEASON_PLAN_COLUMNS.map(() => '');
  const groupBlank = columns.map(() => '');
  const lines = [header.map(spreadsheetField).join(',')];
  const planLine = (name: string, rank: number, row: NextSeasonRow) => {
    const key = row.key && row.key.length === columns.length ? row.key.map((k) => (k === '' ? '(all)' : k)) : [row.name];
    lines.push(
      [
        name,
        String(rank),
        ...key.map(spreadsheetField),
        row.level,
        plain(row.lastSeason),
        plain(row.forecast),
        Number.isFinite(row.change) ? (100 * row.change).toFixed(1) : '',
        plain(row.lo80),
        plain(row.hi80),
        plain(row.plan),
        row.edited ? 'yes' : '',
        spreadsheetField((row.flagCodes ?? row.flags).join('; ')),
        ...regionBlank,
      ].join(','),
    );
  };
  section.rising.forEach((row, i) => planLine('rising', i + 1, row));
  section.falling.forEach((row, i) => planLine('falling', i + 1, row));
  section.table.forEach((row, i) => planLine('plan', i + 1, row));
  let rank = 0;
  for (const d of section.regionalRows ?? []) lines.push(['regional', d.small ? '' : String(++rank), ...groupBlank, ...planBlank, ...regionCells(d)].join(','));
  return `${lines.join('\n')}\n`;
}

function regionCells(d: NextSeasonRegionRow): string[] {
  if (d.small) return [spreadsheetField(d.value), spreadsheetField(d.region), plain(d.regionItems), '', '', '', '', '', '', 'yes'];
  return [spreadsheetField(d.value), spreadsheetField(d.region), plain(d.regionItems), plain(d.valueItems), plain(d.shareIn), plain(d.shareElsewhere), plain(d.lift, 4), pValue(d.qValue), d.gapTrend, ''];
}

/** The regional differences the report's CSV lists: every real one, largest first, then one row per small region. */
export function nextSeasonRegionRows(differences: readonly RegionDifference[]): NextSeasonRegionRow[] {
  const row = (d: RegionDifference): NextSeasonRegionRow => ({ value: d.value, region: d.region, regionItems: d.regionItems, valueItems: d.valueItems, shareIn: d.shareIn, shareElsewhere: d.shareElsewhere, lift: d.lift, qValue: d.qValue, gapTrend: d.gapTrend, small: d.small });
  const rows = differences.filter((d) => d.real && !d.small).map(row);
  const small = new Set<string>();
  for (const d of differences) {
    if (!d.small || small.has(d.region)) continue;
    small.add(d.region);
    rows.push({ ...row(d), value: '', valueItems: NaN, shareIn: NaN, shareElsewhere: NaN, lift: NaN, qValue: NaN, gapTrend: 'unknown' });
  }
  return rows;
}
