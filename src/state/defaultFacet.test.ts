import { describe, expect, it } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { useAppStore } from './store.ts';

// 200 items over two years: the model's usage is 95 % "Casual"; the file's own Category spreads
// over five values; its Region is almost all "Online".
const n = 200;
const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + Math.floor((i * 730) / n) * 86_400_000);
const usage = Array.from({ length: n }, (_, i) => (i % 20 === 0 ? 'Formal' : 'Casual'));
const category = Array.from({ length: n }, (_, i) => ['Tops', 'Dresses', 'Pants', 'Skirts', 'Outerwear'][i % 5]!);
const region = Array.from({ length: n }, (_, i) => (i % 25 === 0 ? 'Hanoi' : 'Online'));
const table = new Table({
  'Launch date': vectorFromArray(Array.from({ length: n }, (_, i) => day(i)), new TimestampMillisecond()),
  Region: vectorFromArray(region, new Utf8()),
  Category: vectorFromArray(category, new Utf8()),
  pred_usage: vectorFromArray(usage, new Utf8()),
});
const columns = [
  { name: 'Launch date', type: 'date', role: 'date' },
  { name: 'Region', type: 'category', role: 'region' },
  { name: 'Category', type: 'category', role: 'category' },
  { name: 'pred_usage', type: 'category', role: 'label' },
];

describe('the dashboard a mapped catalogue opens on', () => {
  it('shows the most informative facet, not the first one or the 95 % "Casual" usage', () => {
    useAppStore.getState().setDataset({ fileName: 'shop.csv', fileSize: 0, table, columns, problems: [], notes: [] });
    useAppStore.getState().confirmMapping();
    expect(useAppStore.getState().dashboard?.facet).toBe('Category');
    // Without the file's Category, the model's article types (four even values) beat the file's
    // region (96 % "Online") although the file's columns are offered first.
    const articleType = Array.from({ length: n }, (_, i) => ['Blouses', 'Dresses', 'Trousers', 'Skirts'][i % 4]!);
    const withoutCategory = new Table({ 'Launch date': table.getChild('Launch date')!, Region: table.getChild('Region')!, pred_usage: table.getChild('pred_usage')!, pred_articleType: vectorFromArray(articleType, new Utf8()) });
    const otherColumns = [...columns.filter((c) => c.name !== 'Category'), { name: 'pred_articleType', type: 'category', role: 'label' }];
    useAppStore.getState().setDataset({ fileName: 'shop.csv', fileSize: 0, table: withoutCategory, columns: otherColumns, problems: [], notes: [] });
    useAppStore.getState().confirmMapping();
    expect(useAppStore.getState().dashboard?.facet).toBe('pred_articleType');
  });
});
