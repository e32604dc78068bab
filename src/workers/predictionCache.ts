/**
 * Content-addressed prediction cache: key = model id (+ calibration key) + hash of the item text,
 * value = per head (label code, probability), then per head a sure flag, then the OOD distance.
 * Reopening a catalogue labels its items from here instantly.
 * An in-memory version serves Node tests; the worker uses IndexedDB.
 */
import { IdbStore } from './idbStore.ts';

/** A cached prediction: [code, probability] per head in head order, then one sure flag per head, then the OOD distance (layout in inferenceHandlers.ts). */
export type PackedPrediction = Float32Array;

/** Get/put many entries at once (IndexedDB is fast per transaction, slow per request). */
export interface PredictionCache {
  /** Looks up many keys; undefined where absent. */
  getMany(keys: string[]): Promise<(PackedPrediction | undefined)[]>;
  /** Stores many entries. */
  putMany(entries: [string, PackedPrediction][]): Promise<void>;
  /** Drops every entry. */
  clear(): Promise<void>;
}

/** A cache in a Map (Node tests, or when IndexedDB is unavailable). */
export class MemoryPredictionCache implements PredictionCache {
  private readonly map = new Map<string, PackedPrediction>();
  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }
  async getMany(keys: string[]): Promise<(PackedPrediction | undefined)[]> {
    return keys.map((k) => this.map.get(k));
  }
  async putMany(entries: [string, PackedPrediction][]): Promise<void> {
    for (const [k, v] of entries) this.map.set(k, v);
  }
  async clear(): Promise<void> {
    this.map.clear();
  }
}

/** The prediction cache in IndexedDB (works in workers). Quota errors surface as plain messages. */
export class IndexedDbPredictionCache implements PredictionCache {
  private readonly store = new IdbStore('trendloom-predictions', 'predictions', () => new Error('The browser refused local storage (IndexedDB).'), true);

  getMany(keys: string[]): Promise<(PackedPrediction | undefined)[]> {
    return this.store.getMany<PackedPrediction>(keys);
  }

  putMany(entries: [string, PackedPrediction][]): Promise<void> {
    return this.store.putMany(entries, (error) =>
      error?.name === 'QuotaExceededError' ? new Error('The browser has no room left to store labels for next time; free some space or clear Trendloom data. Labels were still computed.') : (error ?? new Error('Storing labels failed.')),
    );
  }

  clear(): Promise<void> {
    return this.store.clear();
  }
}
