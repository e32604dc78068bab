import { useState } from 'react';
import { useT } from '../useT.ts';
import { useAppStore } from '../../state/store.ts';
import { periodText } from '../../i18n/i18n.ts';
import { formatShare } from './format.ts';

/** One row of a chart's data table: the row header (a period, a label) and one text per column. */
export interface ChartTableRow {
  /** The row's header cell (e.g. the period). */
  header: string;
  /** The formatted values, one per column. */
  cells: string[];
}

/** The content of a chart's data table: what the rows are, the column headers and the rows. */
export interface ChartTableData {
  /** The header of the row-header column (e.g. "Period"). */
  rowHeader: string;
  /** One header per value column (e.g. the series labels). */
  columns: string[];
  /** The rows, in the chart's order. */
  rows: ChartTableRow[];
}

/**
 * "Show as table" for a chart: a disclosure holding a real table (caption, column and row
 * headers with scope) of the numbers the chart draws. The table is built only when opened, so a
 * closed one costs nothing on a filter change; `build` is called then, and again on each render
 * while it is open.
 */
export function ChartDataTable({ caption, build, testId }: { caption: string; build: () => ChartTableData; testId: string }) {
  const t = useT();
  // Period labels (rows or columns) are written in the interface language.
  const language = useAppStore((s) => s.language);
  const [open, setOpen] = useState(false);
  const data = open ? build() : undefined;
  return (
    <details className="as-table" data-testid={`${testId}-toggle`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('showTable')}</summary>
      {data && (
        <div className="as-table-scroll">
          <table data-testid={testId}>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{data.rowHeader}</th>
                {data.columns.map((c, k) => (
                  <th scope="col" key={`${k}-${c}`}>
                    {periodText(language, c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, r) => (
                <tr key={`${r}-${row.header}`}>
                  <th scope="row">{periodText(language, row.header)}</th>
                  {row.cells.map((cell, k) => (
                    <td key={k}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** A series-per-column table: one row per period, each series' share (or any formatted value) in its column. */
export function periodRows(periods: string[], series: { label: string; share: ArrayLike<number> }[], format: (v: number) => string = formatShare, offset = 0): ChartTableRow[] {
  return periods.map((period, p) => ({ header: period, cells: series.map((s) => format(s.share[p + offset]!)) }));
}
