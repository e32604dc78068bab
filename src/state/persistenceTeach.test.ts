import { afterEach, describe, expect, it, vi } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { loadSavedDataset, saveDataset } from './persistence.ts';
import type { LoadedDataset } from './store.ts';
import type { TeachRecord } from '../core/finetune/teach.ts';

/** An in-memory origin-private file system with reads and writes. */
function memoryOpfs() {
  const files = new Map<string, Uint8Array>();
  const dir = {
    async getFileHandle(name: string, options?: { create?: boolean }) {
      if (!files.has(name)) {
        if (!options?.create) throw Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
        files.set(name, new Uint8Array(0));
      }
      return {
        async createWritable() {
          let swap: Uint8Array = new Uint8Array(0);
          return {
            async write(data: Uint8Array | string) {
              swap = typeof data === 'string' ? new TextEncoder().encode(data) : data;
            },
            async close() {
              files.set(name, swap);
            },
            async abort() {},
          };
        },
        async getFile() {
          const bytes = files.get(name)!;
          return { text: async () => new TextDecoder().decode(bytes), arrayBuffer: async () => bytes.slice().buffer };
        },
      };
    },
    async removeEntry(name: string) {
      files.delete(name);
    },
  };
  vi.stubGlobal('navigator', { storage: { getDirectory: async () => ({ getDirectoryHandle: async () => dir }) } });
  return files;
}

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
