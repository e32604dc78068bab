/** Issue 15: the Plan view's settings and edits are saved with the dataset and come back when it is reopened. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { loadSavedDataset, saveDashboardSettings, saveDataset, savedPlanSettings } from './persistence.ts';
import { startAutosave } from './autosave.ts';
import { DEFAULT_PLAN, useAppStore, type DashboardSpec, type LoadedDataset, type PlanSettings } from './store.ts';
import { memoryOpfs } from './testOpfs.ts';

const dataset = {
  fileName: 'plan-catalogue.csv',
  fileSize: 42,
  table: new Table({ category: vectorFromArray(['Linen shirt', 'Wool coat'], new Utf8()) }),
  columns: [{ name: 'category', type: 'category', role: 'category' }],
  problems: [],
  notes: [],
} as unknown as LoadedDataset;

const dashboard: DashboardSpec = { facet: 'category', grain: 'month', measure: 'units', filters: {}, horizon: 6, minSupport: 20, topN: 8 };

const plan: PlanSettings = {
  second: 'region',
  serviceLevel: 0.93,
  horizon: 4,
  stockColumn: 'stock',
  edits: { '["Denim jeans",""]': 123, '["Linen shirt","IT"]': 0 },
  editsFor: '["plan-catalogue.csv",["category","region"],"month",4,"stock",[],null,null]',
};

afterEach(() => vi.unstubAllGlobals());

describe('Plan view settings saved with the dataset', () => {
  it('round-trip: service level, grouping, season length, stock column and typed quantities come back as saved', async () => {
    memoryOpfs();
    await saveDataset('p1', dataset, dashboard, 'en', plan);
    const reopened = await loadSavedDataset('p1');
    expect(reopened.plan).toEqual(plan);
    expect(reopened.dashboard).toEqual(dashboard);
  });

  it('a settings-only save (as the user changes the plan) replaces the saved plan and keeps the table', async () => {
    memoryOpfs();
    await saveDataset('p2', dataset, dashboard, 'en', DEFAULT_PLAN);
    expect((await loadSavedDataset('p2')).plan).toEqual(DEFAULT_PLAN);
    await saveDashboardSettings('p2', dashboard, { ...DEFAULT_PLAN, serviceLevel: 0.95 });
    const reopened = await loadSavedDataset('p2');
    expect(reopened.plan?.serviceLevel).toBe(0.95);
    expect(reopened.dataset.table.getChild('category')!.get(1)).toBe('Wool coat');
  });

  it('an older save without plan settings reopens with none (the defaults); damaged fields fall back one by one', async () => {
    memoryOpfs();
    await saveDataset('p3', dataset, dashboard);
    expect((await loadSavedDataset('p3')).plan).toBeNull();
    expect(savedPlanSettings({ second: 7, serviceLevel: 3, horizon: 2.5, stockColumn: '', edits: { a: 5, b: -1, c: 'x', d: 1.5 }, editsFor: 'id' })).toEqual({ ...DEFAULT_PLAN, stockColumn: '', edits: { a: 5 }, editsFor: 'id' });
    expect(savedPlanSettings('0.9')).toBeNull();
  });

  it('autosave writes a changed service level, so it is there after a reload', async () => {
    memoryOpfs();
    const stop = startAutosave();
    try {
      useAppStore.setState({ stage: 'ready', dataset, dashboard, savedId: null, plan: DEFAULT_PLAN });
      await vi.waitFor(() => expect(useAppStore.getState().savedId).not.toBeNull());
      const id = useAppStore.getState().savedId!;
      useAppStore.getState().updatePlan({ serviceLevel: 0.9 });
      await vi.waitFor(async () => expect((await loadSavedDataset(id)).plan?.serviceLevel).toBe(0.9), { timeout: 3000 });
      // Reopening puts it back in the store.
      useAppStore.getState().reset();
      const { dataset: again, dashboard: spec, plan: saved } = await loadSavedDataset(id);
      useAppStore.getState().openSaved(id, again, spec, saved);
      expect(useAppStore.getState().plan.serviceLevel).toBe(0.9);
    } finally {
      stop();
    }
  });
});
