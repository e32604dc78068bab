import { isDerivedColumn } from '../core/columnKinds.ts';
import { labelDataset } from '../state/labelling.ts';
import { useAppStore, type LoadedDataset } from '../state/store.ts';
import { DataTable } from './DataTable.tsx';
import { Fragment } from 'react';
import { formatBytes, formatNumber, formatParts, translateTerm } from '../i18n/i18n.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { useT } from './useT.ts';

/** The roles a column can be given, in the order the picker lists them. */
export const columnRoles = ['text', 'category', 'materials', 'colours', 'styles', 'date', 'year', 'season', 'region', 'gender', 'units', 'price', 'id', 'label', 'ignore'] as const;

/** The mapping step: what each column means, a preview of the rows, and what could not be read. */
export function MappingStep({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const setColumnRole = useAppStore((s) => s.setColumnRole);
  const reset = useAppStore((s) => s.reset);
  // Back from the dashboard: the app's own columns (model labels, certainties, corrections) are not the file's to map.
  const remapping = useAppStore((s) => s.remapFrom) !== null;
  const cancelChangeColumns = useAppStore((s) => s.cancelChangeColumns);
  const fileColumns = dataset.columns.filter((c) => !isDerivedColumn(c.name));
  const types = Object.fromEntries(dataset.columns.map((c) => [c.name, c.type]));
  const rowsWithProblems = new Set(dataset.problems.map((p) => p.line)).size;
  return (
    <section className="mapping" data-testid="mapping">
      <header className="dataset-header">
        <h2>{t('mappingTitle')}</h2>
        <p data-testid="dataset-summary">
          <strong>{dataset.fileName}</strong> · {formatBytes(language, dataset.fileSize)} ·{' '}
          {formatParts(t('rowsRead', undefined, dataset.table.numRows), { n: <span data-testid="row-count">{formatNumber(language, dataset.table.numRows)}</span> }).map((part, i) => (
            <Fragment key={i}>{part}</Fragment>
          ))}{' '}
          · {t('rowsWithProblems', { n: formatNumber(language, rowsWithProblems) }, rowsWithProblems)}
        </p>
        <p className="hint">{t('mappingHint')}</p>
        {remapping && (
          <p className="notice" data-testid="remap-note">
            {t('remapNote')}
          </p>
        )}
      </header>
      <table className="column-table" data-testid="columns">
        <thead>
          <tr>
            <th>{t('column')}</th>
            <th>{t('type')}</th>
            <th>{t('role')}</th>
          </tr>
        </thead>
        <tbody>
          {fileColumns.map((column) => (
            <tr key={column.name} data-column={column.name}>
              <td>{column.name}</td>
              <td>{translateTerm(language, 'type_', column.type)}</td>
              <td>
                <select aria-label={`${t('role')}: ${column.name}`} value={column.role} onChange={(e) => setColumnRole(column.name, e.target.value)}>
                  {(columnRoles as readonly string[]).includes(column.role) ? null : <option value={column.role}>{translateTerm(language, 'role_', column.role)}</option>}
                  {columnRoles.map((role) => (
                    <option key={role} value={role}>
                      {translateTerm(language, 'role_', role)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('preview')}</h3>
      <DataTable table={dataset.table} columns={fileColumns.map((c) => c.name)} types={types} testId="preview" />
      <ProblemsPanel problems={dataset.problems} notes={dataset.notes} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void labelDataset()} data-testid="confirm-mapping">
          {t('continue')}
        </button>
        {remapping ? (
          <button type="button" onClick={cancelChangeColumns} data-testid="cancel-remap">
            {t('backToDashboard')}
          </button>
        ) : (
          <button type="button" onClick={reset}>
            {t('startOver')}
          </button>
        )}
      </div>
    </section>
  );
}
