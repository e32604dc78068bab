import { isProbabilityColumn, modelLabelColumn, parseColumn, type DerivedKind } from '../../core/columnKinds.ts';
import { useMemo, useState } from 'react';
import { buildMask } from '../../core/dashboard/cube.ts';
import { itemsBehind } from '../../core/dashboard/trends.ts';
import { headOfColumn, sureOnlyMask, unsureHeadFor } from '../../core/dashboard/unsure.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { itemsCsvParts } from '../../core/report/itemsCsv.ts';
import { DataTable, formatCell, PROBABILITY_CELL } from '../DataTable.tsx';
import { nextSort, searchRows, sortRows, type SortDirection, type SortValue } from '../../core/dashboard/itemRows.ts';
import type { Vector } from 'apache-arrow';
import { downloadBlob } from '../download.ts';
import { formatNumber } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { ItemDetail } from './ItemDetail.tsx';
import { textColumnNames } from '../../model/predictionColumns.ts';

/** Derived columns the items table shows: labels of the model and of heads, their probabilities, filled-in flags, corrections. */
const SHOWN_KINDS: ReadonlySet<string> = new Set<DerivedKind>(['label', 'probability', 'head-label', 'head-probability', 'filled', 'correction']);

/** The items behind the selected point (or all items): a virtualised table with labels and confidences. */
export function ItemsView({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const spec = useAppStore((s) => s.dashboard)!;
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const prepared = prepare(dataset);
  const [openRow, setOpenRow] = useState<number | undefined>();
  const [unsureOnly, setUnsureOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: string; direction: SortDirection } | undefined>();
  const periods = prepared.periods(spec.grain);
  const rows = useMemo(() => {
    if (!selection) return undefined;
    const coded = prepared.coded(spec.facet);
    const code = coded.values.indexOf(selection.label);
    const periodIndex = periods?.periodIndex ?? new Int32Array(prepared.itemCount);
    const filtered = buildMask(prepared.itemCount, prepared.filters(spec));
    // Trends of a flagged facet count sure labels only (unless unsure ones are included): list exactly those.
    const sure = spec.includeUnsure ? undefined : prepared.sureFlags(spec.facet);
    const mask = sure ? sureOnlyMask(prepared.itemCount, sure, filtered) : filtered;
    return itemsBehind(periodIndex, coded.labels, code, selection.period, mask);
  }, [prepared, spec, selection, periods]);
  // "Unsure only" keeps the items whose label (of the facet's head, or the main head) is unsure.
  const unsureHead = unsureHeadFor(spec.facet, dataset.columns.map((c) => c.name));
  const unsureFlags = unsureHead ? prepared.sureFlags(modelLabelColumn(unsureHead)) : undefined;
  const unsureRows = useMemo(() => {
    if (!unsureOnly || !unsureFlags) return rows;
    const out: number[] = [];
    const count = rows ? rows.length : prepared.itemCount;
    for (let k = 0; k < count; k++) {
      const row = rows ? rows[k]! : k;
      if (unsureFlags[row] === 0) out.push(row);
    }
    return Int32Array.from(out);
  }, [rows, unsureOnly, unsureFlags, prepared]);
  // Every item-text column (a name and a description are both shown, as both are read).
  const textColumns = textColumnNames(dataset.columns);
  const shown = [...textColumns, spec.facet, ...dataset.columns.filter((c) => SHOWN_KINDS.has(parseColumn(c.name, prepared.modelHeads)?.kind ?? '')).map((c) => c.name), prepared.dateColumn, ...dataset.columns.filter((c) => ['region', 'category', 'colours', 'gender'].includes(c.role)).map((c) => c.name)];
  // (A facet found in the item text is no column of the table: the text itself is shown.)
  const columns = [...new Set(shown.filter((c): c is string => !!c && dataset.table.getChild(c) !== null))];
  const types = Object.fromEntries(dataset.columns.map((c) => [c.name, isProbabilityColumn(c.name, prepared.modelHeads) ? PROBABILITY_CELL : c.type]));
  const flaggedColumns = Object.fromEntries(columns.filter((c) => headOfColumn(c)).map((c) => [c, prepared.sureFlags(c)]));
  // Search (every word, any case) over the columns shown but certainties and dates: item text and labels.
  // Each item's searchable text, lowercased, made once at the first search (then each keystroke only compares).
  const searching = query.trim() !== '';
  const searchKey = columns.join('\u0000');
  const haystack = useMemo(() => {
    if (!searching) return undefined;
    const vectors = columns.filter((c) => !isProbabilityColumn(c, prepared.modelHeads) && types[c] !== 'date').flatMap((c) => dataset.table.getChild(c) ?? []);
    return Array.from({ length: prepared.itemCount }, (_, row) => vectors.map((v) => formatCell(v.get(row))).join(' \n ').toLowerCase());
    // (columns and types follow the dataset and searchKey.)
  }, [searching, searchKey, dataset, prepared]);
  const searched = useMemo(() => (haystack ? searchRows(unsureRows, prepared.itemCount, query, (row) => haystack[row]!) : unsureRows), [unsureRows, query, prepared, haystack]);
  const shownRows = useMemo(() => {
    if (!sort) return searched;
    const vector = dataset.table.getChild(sort.column);
    if (!vector) return searched;
    return sortRows(searched, prepared.itemCount, (row) => sortValue(vector, row), sort.direction);
  }, [searched, sort, dataset, prepared]);
  // Item text is shown in full (wrapped), the rest in narrower columns.
  return (
    <div className="items-view" data-testid="items-view">
      <p>
        {selection ? (
          <>
            {t('itemsBehind')} <strong>{selection.label}</strong>
            {selection.period !== undefined && periods ? ` · ${periods.labels[selection.period]}` : ''} · <span data-testid="items-count">{formatNumber(language, rows?.length ?? 0)}</span>{' '}
            <button type="button" className="link" onClick={() => select(null)}>
              {t('clearSelection')}
            </button>
          </>
        ) : (
          t('selectPoint')
        )}
      </p>
      <p>
        <button type="button" data-testid="download-items" onClick={() => downloadItems(dataset, shownRows)}>
          {shownRows ? t('downloadShownItems', { n: formatNumber(language, shownRows.length) }, shownRows.length) : t('downloadAllItems', { n: formatNumber(language, prepared.itemCount) }, prepared.itemCount)}
        </button>
      </p>
      {unsureFlags && (
        <p>
          <label>
            <input type="checkbox" checked={unsureOnly} onChange={(e) => setUnsureOnly(e.target.checked)} data-testid="unsure-only" /> {t('unsureOnly')}
          </label>
          {unsureOnly && (
            <span className="muted" data-testid="unsure-only-count">
              {' '}
              · {t('unsureOnlyCount', { n: formatNumber(language, shownRows?.length ?? 0) }, shownRows?.length ?? 0)}
            </span>
          )}
        </p>
      )}
      <p>
        <label>
          {t('searchItems')}{' '}
          <input type="search" className="items-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchItemsHint')} data-testid="items-search" />
        </label>
        {query.trim() && (
          <span className="muted" role="status" data-testid="items-search-count">
            {' '}
            · {t('searchItemsCount', { n: formatNumber(language, shownRows?.length ?? 0) }, shownRows?.length ?? 0)}
          </span>
        )}
      </p>
      <DataTable
        table={dataset.table}
        sort={sort}
        onSort={(column) => setSort(nextSort(sort, column))}
        sortLabel={(name) => t('sortBy', { name })}
        wrapColumns={textColumns}
        columns={columns}
        rowIndices={shownRows}
        types={types}
        height={420}
        testId="items-table"
        onRowClick={setOpenRow}
        selectedRow={openRow}
        unsure={{ columns: flaggedColumns, label: t('unsureMark') }}
      />
      {openRow !== undefined && <ItemDetail dataset={dataset} row={openRow} />}
    </div>
  );
}

/** A cell as the items table sorts it: numbers and dates by value, anything else by its text. */
function sortValue(vector: Vector, row: number): SortValue {
  const value: unknown = vector.get(row);
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return formatCell(value);
}

/**
 * Downloads the items (all, or the rows shown) as CSV: every column of the file and the model's
 * (pred_/prob_/sure_ per head, as `trendloom classify` writes them), dates as ISO days.
 */
function downloadItems(dataset: LoadedDataset, rows: ArrayLike<number> | undefined): void {
  const columns = dataset.columns.map((c) => c.name).filter((name) => parseColumn(name)?.kind !== 'kept');
  const dateColumns = new Set(dataset.columns.filter((c) => c.type === 'date').map((c) => c.name));
  const parts = [...itemsCsvParts(dataset.table, columns, { ...(rows ? { rows } : {}), dateColumns })];
  downloadBlob(new Blob(parts, { type: 'text/csv;charset=utf-8' }), `${dataset.fileName.replace(/\.[^.]+$/, '')}-labelled-items.csv`);
}
