/**
 * Where the forecast worker keeps trained global models (issue 16), by training key
 * (`globalTrainingKey`: the same series and settings give the same key), so that reopening a
 * dataset reuses its model instead of training it again. IndexedDB in the browser (a worker can
 * open it); a Map in Node tests. Saving is best effort: a failed save only means training again.
 */
import { IdbStore } from './idbStore.ts';
import type { SavedGlobalModels } from '../core/forecast/globalSaved.ts';

/** Saved global models by training key. */
export interface GlobalModelStore {
  /** The value saved under `key` (unchecked: `restoreGlobalModels` checks it), or undefined. */
  get(key: string): Promise<unknown>;
  /** Saves `value` under its key (and may drop the oldest saves to keep the store small). */
  put(value: SavedGlobalModels): Promise<void>;
}

/** A store in a Map that copies values in and out as IndexedDB does (structured clone). */
export class MemoryGlobalModelStore implements GlobalModelStore {
  /** Entries by key (tests damage them on purpose). */
  readonly entries = new Map<string, unknown>();
  async get(key: string): Promise<unknown> {
    return structuredClone(this.entries.get(key));
  }
  async put(value: SavedGlobalModels): Promise<void> {
    this.entries.set(value.key, structuredClone(value));
  }
}

/** IndexedDB database of the saved global models (cleared by "Clear all local data"). */
export const GLOBAL_MODEL_DATABASE = 'trendloom-forecast-models';

/** Most saved trainings kept; older ones are dropped when a new one is saved. */
export const MAX_SAVED_GLOBAL = 12;

/** The store in IndexedDB. */
export class IdbGlobalModelStore implements GlobalModelStore {
  private readonly store = new IdbStore(GLOBAL_MODEL_DATABASE, 'models', () => new Error('This browser does not allow storing the global forecast model (IndexedDB is unavailable).'));

  async get(key: string): Promise<unknown> {
    return (await this.store.getMany([key]))[0];
  }

  async put(value: SavedGlobalModels): Promise<void> {
    const failed = (error: DOMException | null) => new Error(`The global forecast model could not be saved (${error?.message ?? 'unknown error'}).`);
    const all = await this.store.entries<SavedGlobalModels>();
    if (all.length >= MAX_SAVED_GLOBAL) {
      // Keep the newest saves: clear, then write them back with the new one.
      const kept = all.filter(([, v]) => typeof v?.savedAt === 'number' && v.key !== value.key).sort((x, y) => y[1].savedAt - x[1].savedAt).slice(0, MAX_SAVED_GLOBAL - 1);
      await this.store.clear();
      await this.store.putMany([...kept, [value.key, value] as [string, SavedGlobalModels]], failed);
      return;
    }
    await this.store.putMany([[value.key, value]], failed);
  }
}
