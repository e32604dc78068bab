import { afterEach, describe, expect, it, vi } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { loadSavedDataset, saveDataset } from './persistence.ts';
import type { LoadedDataset } from './store.ts';
import type { TeachRecord } from '../core/finetune/teach.ts';
import { memoryOpfs } from './testOpfs.ts';

afterEach(() => vi.unstubAllGlobals());

describe('the teach record is saved with the dataset (issue 13, item 2)', () => {
  it('reopens with its batches, held-out estimate and head', async () => {
    memoryOpfs();
    const record: TeachRecord = {
      head: 'articleType',
      batches: [[[3, 'Sweaters'], [7, 'Tops']], [[11, 'Jumper (own word)']]],
      headJson: null,
      reason: "Only one label ('Sweaters') appears; a head needs at least two to tell apart.",
      heldOut: { correct: 2, checked: 3, accuracy: 2 / 3, folds: 3 },
      minProbability: 0.85,
    };
    const dataset = {
      fileName: 'other-shop.csv',
      fileSize: 10,
      table: new Table({ Product: vectorFromArray(['Ribbed crew-neck jumper', 'Waves blouse'], new Utf8()) }),
      columns: [{ name: 'Product', type: 'text', role: 'text' }],
      problems: [],
      notes: [],
      teach: { articleType: record },
    } as unknown as LoadedDataset;
    await saveDataset('t1', dataset, null);
    const { dataset: reopened } = await loadSavedDataset('t1');
    expect(reopened.teach).toEqual({ articleType: record });
    expect(reopened.table.getChild('Product')!.get(1)).toBe('Waves blouse');
  });

  it('leaves the record out when nothing was taught', async () => {
    const files = memoryOpfs();
    const dataset = { fileName: 'a.csv', fileSize: 1, table: new Table({ a: vectorFromArray(['x'], new Utf8()) }), columns: [], problems: [], notes: [], teach: {} } as unknown as LoadedDataset;
    await saveDataset('t2', dataset, null);
    expect(JSON.parse(new TextDecoder().decode(files.get('t2.json')!))).not.toHaveProperty('teach');
    expect((await loadSavedDataset('t2')).dataset.teach).toBeUndefined();
  });
});
