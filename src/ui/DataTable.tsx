import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from 'apache-arrow';
import { useAppStore } from '../state/store.ts';
import { columnTitle } from './dashboard/facetNames.ts';
import { formatConfidence } from './dashboard/format.ts';
import type { SortDirection } from '../core/dashboard/itemRows.ts';

const rowHeight = 30;

/** The display type (`types` of DataTable, `formatCell`) of a model's probability column: shown rounded down, so an unsure 0.849 never reads 0.85. */
export const PROBABILITY_CELL = 'probability';

/** Formats an Arrow cell for display: lists joined with " | ", dates as ISO days, a model's probability rounded down (`formatConfidence`), missing as an em dash. */
export function formatCell(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && type === PROBABILITY_CELL) return formatConfidence(value, 'fraction');
  if (typeof value === 'number' && type === 'date') return Number.isFinite(value) ? new Date(value).toISOString().slice(0, 10) : '—';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null && 'toArray' in value) {
    return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), (v) => String(v)).join(' | ');
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/** A virtualised view of an Arrow table: only the visible rows are rendered, so 1M rows scroll smoothly. */
export function DataTable({
  table,
  columns,
  rowIndices,
  types,
  height = 360,
  testId,
  onRowClick,
  selectedRow,
  unsure,
  sort,
  onSort,
  sortLabel,
  wrapColumns,
}: {
  table: Table;
  columns: string[];
  rowIndices?: ArrayLike<number>;
  types?: Record<string, string>;
  height?: number;
  testId?: string;
  onRowClick?: (row: number) => void;
  selectedRow?: number;
  /** Label columns with per-item sure/unsure flags (0 = unsure): their unsure cells get `data-unsure="true"` and a mark read out as `label`. */
  unsure?: { columns: Record<string, ArrayLike<number> | undefined>; label: string };
  /** The column the rows are sorted by, shown in its header (`aria-sort`). */
  sort?: { column: string; direction: SortDirection };
  /** Makes each header a button that sorts by its column. */
  onSort?: (column: string) => void;
  /** The sort button's tooltip, given the column's title ("Sort by {name}"). */
  sortLabel?: (title: string) => string;
  /** Columns shown in full: wide, their text wrapped over as many lines as it needs (rows grow to fit). */
  wrapColumns?: readonly string[];
}) {
  const parent = useRef<HTMLDivElement>(null);
  const language = useAppStore((s) => s.language);
  const count = rowIndices ? rowIndices.length : table.numRows;
  const wrapping = (wrapColumns?.length ?? 0) > 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => (wrapping ? rowHeight * 2 : rowHeight), overscan: 10 });
  const vectors = columns.map((name) => table.getChild(name));
  const wrapped = new Set(wrapColumns ?? []);
  // Wrapped (item text) columns get three shares of the width and at least 16rem.
  const template = `4.5rem ${columns.map((name) => (wrapped.has(name) ? 'minmax(16rem, 3fr)' : 'minmax(8rem, 1fr)')).join(' ')}`;
  // At least as wide as the columns' minimums: a table wider than the page scrolls sideways, its header with it.
  const wide = columns.filter((name) => wrapped.has(name)).length;
  const minWidth = `calc(4.5rem + ${wide} * 16rem + ${columns.length - wide} * 8rem)`;
  return (
    <div className="data-table" role="table" aria-rowcount={count} data-testid={testId}>
      <div className="data-table-columns" style={{ minWidth }}>
        <div className="data-row header" role="row" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">#</span>
          {columns.map((name) => {
            const title = columnTitle(language, name);
            const direction = sort?.column === name ? sort.direction : undefined;
            return (
              <span key={name} role="columnheader" title={title} data-column={name} aria-sort={onSort ? (direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none') : undefined}>
                {onSort ? (
                  <button type="button" className="sort-header" onClick={() => onSort(name)} title={sortLabel ? sortLabel(title) : title} data-testid={`sort-${name}`}>
                    {title}
                    <span aria-hidden="true" className="sort-mark">
                      {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                ) : (
                  title
                )}
              </span>
            );
          })}
        </div>
        {/* Without focusable rows, the scrolling body itself takes focus so the keyboard can scroll it. */}
        <div ref={parent} className="data-body" role="rowgroup" style={{ height }} tabIndex={onRowClick ? undefined : 0}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rowIndices ? rowIndices[item.index]! : item.index;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={wrapping ? virtualizer.measureElement : undefined}
                  className={`data-row${row === selectedRow ? ' selected' : ''}${onRowClick ? ' clickable' : ''}${wrapping ? ' wrapping' : ''}`}
                  role="row"
                  tabIndex={onRowClick ? 0 : undefined}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  onKeyDown={onRowClick ? (e) => e.key === 'Enter' && onRowClick(row) : undefined}
                  style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, ...(wrapping ? { minHeight: rowHeight } : { height: rowHeight }), transform: `translateY(${item.start}px)` }}
                >
                  <span role="cell" className="muted">
                    {row + 1}
                  </span>
                  {vectors.map((vector, c) => {
                    const text = formatCell(vector?.get(row), types?.[columns[c]!]);
                    const isUnsure = unsure?.columns[columns[c]!]?.[row] === 0;
                    return (
                      <span role="cell" key={columns[c]} title={isUnsure ? `${text} (${unsure!.label})` : text} data-unsure={isUnsure ? 'true' : undefined} data-column={columns[c]} className={[isUnsure ? 'unsure' : '', wrapped.has(columns[c]!) ? 'wrap' : ''].filter(Boolean).join(' ') || undefined}>
                        {text}
                        {isUnsure && (
                          <span className="unsure-mark" role="img" aria-label={unsure!.label}>
                            {' '}?
                          </span>
                        )}
                      </span>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
