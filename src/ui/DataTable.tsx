import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from 'apache-arrow';
import { useAppStore } from '../state/store.ts';
import { columnTitle } from './dashboard/facetNames.ts';

const rowHeight = 30;

/** Formats an Arrow cell for display: lists joined with " | ", dates as ISO days, missing as an em dash. */
export function formatCell(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '—';
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
}) {
  const parent = useRef<HTMLDivElement>(null);
  const language = useAppStore((s) => s.language);
  const count = rowIndices ? rowIndices.length : table.numRows;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 10 });
  const vectors = columns.map((name) => table.getChild(name));
  const template = `4.5rem repeat(${columns.length}, minmax(8rem, 1fr))`;
  return (
    <div className="data-table" role="table" aria-rowcount={count} data-testid={testId}>
      <div className="data-row header" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">#</span>
        {columns.map((name) => (
          <span key={name} role="columnheader" title={columnTitle(language, name)} data-column={name}>
            {columnTitle(language, name)}
          </span>
        ))}
      </div>
      {/* Without focusable rows, the scrolling body itself takes focus so the keyboard can scroll it. */}
      <div ref={parent} className="data-body" role="rowgroup" style={{ height }} tabIndex={onRowClick ? undefined : 0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rowIndices ? rowIndices[item.index]! : item.index;
            return (
              <div
                key={item.key}
                className={`data-row${row === selectedRow ? ' selected' : ''}${onRowClick ? ' clickable' : ''}`}
                role="row"
                tabIndex={onRowClick ? 0 : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={onRowClick ? (e) => e.key === 'Enter' && onRowClick(row) : undefined}
                style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="muted">
                  {row + 1}
                </span>
                {vectors.map((vector, c) => {
                  const text = formatCell(vector?.get(row), types?.[columns[c]!]);
                  const isUnsure = unsure?.columns[columns[c]!]?.[row] === 0;
                  return (
                    <span role="cell" key={columns[c]} title={isUnsure ? `${text} (${unsure!.label})` : text} data-unsure={isUnsure ? 'true' : undefined} className={isUnsure ? 'unsure' : undefined}>
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
  );
}
