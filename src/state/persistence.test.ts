import { afterEach, describe, expect, it, vi } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { saveDataset, savedIdFor, savedNotes } from './persistence.ts';
import { coreMessage } from '../core/messages.ts';
import { coreText, translate } from '../i18n/i18n.ts';
import type { LoadedDataset } from './store.ts';

/** An in-memory stand-in for the origin-private file system whose writes can fail part-way. */
function fakeOpfs(failOn: (name: string) => Error | undefined) {
  const files = new Map<string, Uint8Array>();
  const dir = {
    async getFileHandle(name: string, options?: { create?: boolean }) {
      if (!files.has(name)) {
        if (!options?.create) throw Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
        files.set(name, new Uint8Array(0)); // as in Chromium: the empty file exists before any write
      }
      return {
        async createWritable() {
          let swap: Uint8Array = new Uint8Array(0);
          return {
            async write(data: Uint8Array | string) {
              const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
              const error = failOn(name);
              if (error) {
                swap = bytes.slice(0, Math.floor(bytes.length / 2)); // half the bytes made it
                throw error;
              }
              swap = bytes;
            },
            async close() { files.set(name, swap); },
            async abort() { swap = new Uint8Array(0); },
          };
        },
      };
    },
    async removeEntry(name: string) {
      if (!files.delete(name)) throw Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
    },
  };
  vi.stubGlobal('navigator', { storage: { getDirectory: async () => ({ getDirectoryHandle: async () => dir }) } });
  return files;
}

const dataset: LoadedDataset = {
  fileName: 'spring.csv',
  fileSize: 120,
  table: new Table({ style: vectorFromArray(['casual', 'minimal', 'boho'], new Utf8()) }),
  columns: [{ name: 'style', type: 'category', role: 'styles' }],
  problems: [],
  notes: [],
} as unknown as LoadedDataset;

const quotaHit = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
const dataPipe = () => Object.assign(new Error('Failed to write data to data pipe'), { name: 'InvalidStateError' });

afterEach(() => vi.unstubAllGlobals());

describe('saving a dataset when the disk fills up', () => {
  it('removes the partial .arrow and says so in plain words on a QuotaExceededError mid-write', async () => {
    const files = fakeOpfs((name) => (name.endsWith('.arrow') ? quotaHit() : undefined));
    await expect(saveDataset('d1', dataset, null)).rejects.toThrow(translate('en', 'storageQuota'));
    expect([...files.keys()]).toEqual([]);
  });

  it('reads Chromium\'s "Failed to write data to data pipe" as no room, not as a raw error', async () => {
    const files = fakeOpfs((name) => (name.endsWith('.arrow') ? dataPipe() : undefined));
    const error = await saveDataset('d1', dataset, null).catch((e: Error) => e);
    expect((error as Error).message).toBe('The browser has no room left to keep this dataset on this computer. Remove an older saved dataset, or clear Trendloom data, and try again. Your current work is still open.');
    expect((error as Error).message).not.toMatch(/data pipe/);
    expect(files.has('d1.arrow')).toBe(false);
  });

  it('also removes the written table when its description (.json) runs out of room', async () => {
    const files = fakeOpfs((name) => (name.endsWith('.json') ? quotaHit() : undefined));
    await expect(saveDataset('d2', dataset, null, 'zh')).rejects.toThrow(translate('zh', 'storageQuota'));
    expect([...files.keys()]).toEqual([]);
  });

  it('keeps an earlier save of the same dataset intact when overwriting it fails', async () => {
    let fail = false;
    const files = fakeOpfs(() => (fail ? quotaHit() : undefined));
    await saveDataset('d3', dataset, null);
    const before = files.get('d3.arrow')!;
    expect(before.byteLength).toBeGreaterThan(0);
    fail = true;
    await expect(saveDataset('d3', dataset, null)).rejects.toThrow(translate('en', 'storageQuota'));
    expect(files.get('d3.arrow')).toEqual(before);
    expect(files.has('d3.json')).toBe(true);
  });

  it('keeps the browser\'s words for failures that are not about room', async () => {
    const files = fakeOpfs(() => Object.assign(new Error('The file is locked by another tab'), { name: 'NoModificationAllowedError' }));
    await expect(saveDataset('d4', dataset, null)).rejects.toThrow('Saving on this computer failed: The file is locked by another tab');
    expect(files.size).toBe(0);
  });
});

describe('savedIdFor (issue 17, item 7: opening the same file again does not add a second saved copy)', () => {
  const table = (rows: number) => new Table({ name: vectorFromArray(Array.from({ length: rows }, (_, i) => `item ${i}`), new Utf8()) });
  const dataset = (fileName: string, fileSize: number, rows = 3) => ({ fileName, fileSize, table: table(rows) });
  it('is the same for the same file and differs when the name, size, rows or columns differ', () => {
    const id = savedIdFor(dataset('demo-catalogue.csv', 1200));
    expect(id).toMatch(/^file-[0-9a-z]+$/);
    expect(savedIdFor(dataset('demo-catalogue.csv', 1200))).toBe(id);
    expect(savedIdFor(dataset('other.csv', 1200))).not.toBe(id);
    expect(savedIdFor(dataset('demo-catalogue.csv', 1201))).not.toBe(id);
    expect(savedIdFor(dataset('demo-catalogue.csv', 1200, 4))).not.toBe(id);
    expect(savedIdFor({ fileName: 'demo-catalogue.csv', fileSize: 1200, table: new Table({ title: vectorFromArray(['a', 'b', 'c'], new Utf8()) }) })).not.toBe(id);
  });
});

describe('notes of a saved dataset (one message each since issue 19)', () => {
  const delimiter = coreMessage('note.delimiter', { delimiter: coreMessage('delimiter.semicolon') });

  it('keeps the messages of a new save as they are', () => {
    expect(savedNotes({ notes: [delimiter] })).toEqual([delimiter]);
  });

  it('reads an older save: English texts with their codes beside them, or texts alone', () => {
    const older = savedNotes({ notes: ['Fields are separated by semicolon.', 'A note from long ago.'], noteDetails: [delimiter] });
    expect(older).toEqual([delimiter, coreMessage('plain', { text: 'A note from long ago.' })]);
    expect(older.map((note) => coreText('zh', note))).toEqual(['字段之间用分号分隔。', 'A note from long ago.']);
  });
});
