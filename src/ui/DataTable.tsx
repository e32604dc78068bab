import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from 'apache-arrow';

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
}: {
  table: Table;
  columns: string[];
  rowIndices?: ArrayLike<number>;
  types?: Record<string, string>;
  height?: number;
  testId?: string;
  onRowClick?: (row: number) => void;
  selectedRow?: number;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const count = rowIndices ? rowIndices.length : table.numRows;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 10 });
  const vectors = columns.map((name) => table.getChild(name));
  const template = `4.5rem repeat(${columns.length}, minmax(8rem, 1fr))`;
  return (
    <div className="data-table" role="table" aria-rowcount={count} data-testid={testId}>
      <div className="data-row header" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">#</span>
        {columns.map((name) => (
          <span key={name} role="columnheader" title={name}>
            {name}
          </span>
        ))}
      </div>
      <div ref={parent} className="data-body" style={{ height }}>
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
                {vectors.map((vector, c) => (
                  <span role="cell" key={columns[c]} title={formatCell(vector?.get(row), types?.[columns[c]!])}>
                    {formatCell(vector?.get(row), types?.[columns[c]!])}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
