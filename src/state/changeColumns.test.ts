import { describe, expect, it } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { useAppStore } from './store.ts';

// Issue 17, item 7: from the dashboard back to the column step, with the current choices.
const n = 60;
const table = new Table({
  date: vectorFromArray(Array.from({ length: n }, (_, i) => new Date(Date.UTC(2023, 0, 1 + i * 10))), new TimestampMillisecond()),
  name: vectorFromArray(Array.from({ length: n }, (_, i) => `Item ${i}`), new Utf8()),
  kind: vectorFromArray(Array.from({ length: n }, (_, i) => ['Tops', 'Dresses', 'Pants'][i % 3]!), new Utf8()),
  shade: vectorFromArray(Array.from({ length: n }, (_, i) => ['Red', 'Blue'][i % 2]!), new Utf8()),
});
const columns = [
  { name: 'date', type: 'date', role: 'date' },
  { name: 'name', type: 'text', role: 'text' },
  { name: 'kind', type: 'category', role: 'category' },
  { name: 'shade', type: 'category', role: 'ignore' },
];

describe('change columns', () => {
  it('goes back to the column step with the choices made, and Back undoes the changes made there', () => {
    const store = useAppStore.getState;
    store().setDataset({ fileName: 'shop.csv', fileSize: 0, table, columns, problems: [], notes: [] });
    store().confirmMapping();
    expect(store().stage).toBe('ready');
    store().changeColumns();
    expect(store().stage).toBe('mapping');
    expect(store().dataset!.columns.map((c) => c.role)).toEqual(['date', 'text', 'category', 'ignore']);
    store().setColumnRole('shade', 'colours');
    store().cancelChangeColumns();
    expect(store().stage).toBe('ready');
    expect(store().dataset!.columns.find((c) => c.name === 'shade')!.role).toBe('ignore');
    expect(store().remapFrom).toBeNull();
  });

  it('confirming the new choices counts again with them', () => {
    const store = useAppStore.getState;
    store().setDataset({ fileName: 'shop.csv', fileSize: 0, table, columns, problems: [], notes: [] });
    store().confirmMapping();
    store().updateDashboard({ facet: 'kind' });
    store().changeColumns();
    store().setColumnRole('kind', 'ignore');
    store().setColumnRole('shade', 'colours');
    store().confirmMapping();
    expect(store().stage).toBe('ready');
    expect(store().remapFrom).toBeNull();
    expect(store().dashboard!.facet).toBe('shade');
  });
});
