import { useMemo, useState } from 'react';
import { buildMask } from '../../core/dashboard/cube.ts';
import { itemsBehind } from '../../core/dashboard/trends.ts';
import { prepare } from '../../state/prepared.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { DataTable } from '../DataTable.tsx';
import { formatNumber } from '../i18n.ts';
import { useT } from '../useT.ts';
import { ItemDetail } from './ItemDetail.tsx';

/** The items behind the selected point (or all items): a virtualised table with labels and confidences. */
export function ItemsView({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const spec = useAppStore((s) => s.dashboard)!;
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const prepared = prepare(dataset);
  const [openRow, setOpenRow] = useState<number | undefined>();
  const periods = prepared.periods(spec.grain);
  const rows = useMemo(() => {
    if (!selection) return undefined;
    const coded = prepared.coded(spec.facet);
    const code = coded.values.indexOf(selection.label);
    const periodIndex = periods?.periodIndex ?? new Int32Array(prepared.itemCount);
    const mask = buildMask(prepared.itemCount, prepared.filters(spec));
    return itemsBehind(periodIndex, coded.labels, code, selection.period, mask);
  }, [prepared, spec, selection, periods]);
  const textColumn = dataset.columns.find((c) => c.role === 'text')?.name;
  const shown = [textColumn, spec.facet, ...dataset.columns.filter((c) => /^(pred_|prob_|ft_|label_)/.test(c.name)).map((c) => c.name), prepared.dateColumn, ...dataset.columns.filter((c) => ['region', 'category', 'colours', 'gender'].includes(c.role)).map((c) => c.name)];
  const columns = [...new Set(shown.filter((c): c is string => !!c))];
  const types = Object.fromEntries(dataset.columns.map((c) => [c.name, c.type]));
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
      <DataTable table={dataset.table} columns={columns} rowIndices={rows} types={types} height={420} testId="items-table" onRowClick={setOpenRow} selectedRow={openRow} />
      {openRow !== undefined && <ItemDetail dataset={dataset} row={openRow} />}
    </div>
  );
}
