/** Test helper: an in-memory stand-in for the origin-private file system (installed as navigator.storage). */
import { vi } from 'vitest';

/** An in-memory origin-private file system with reads and writes. */
export function memoryOpfs() {
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
