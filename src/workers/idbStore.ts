/**
 * The one IndexedDB wrapper: a database holding one key → value store, with the few calls
 * Trendloom makes (many gets in one transaction, many puts in one transaction, all entries,
 * clear) and deleting a database. Used by the inference worker's prediction cache and the
 * page's saved heads. Works in workers and on the page.
 */

/** What a failed transaction becomes: the quota case and the rest, in the caller's words. */
export type IdbFailure = (error: DOMException | null) => Error;

/** One object store `store` in database `database` (version 1, created on first open). */
export class IdbStore {
  private db: Promise<IDBDatabase> | undefined;

  /**
   * `refused` words the error when the browser will not open the database. With `keepOpen`
   * the connection is reused (a worker's cache); otherwise each call opens and closes it.
   */
  constructor(
    private readonly database: string,
    private readonly store: string,
    private readonly refused: () => Error,
    private readonly keepOpen = false,
  ) {}

  private open(): Promise<IDBDatabase> {
    const opening = this.db ?? new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(this.database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(this.store);
      request.onsuccess = () => {
        const db = request.result;
        // Let "clear all local data" delete the database while this connection is open.
        db.onversionchange = () => {
          db.close();
          this.db = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? this.refused());
    });
    if (this.keepOpen) this.db = opening;
    return opening;
  }

  // Runs `work` on a transaction of the store and closes a connection that is not kept open.
  private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore, tx: IDBTransaction) => Promise<T>): Promise<T> {
    const db = await this.open();
    try {
      const tx = db.transaction(this.store, mode);
      return await work(tx.objectStore(this.store), tx);
    } finally {
      if (!this.keepOpen) db.close();
    }
  }

  /** Values of many keys, read in one transaction; undefined where absent. */
  getMany<V>(keys: readonly string[]): Promise<(V | undefined)[]> {
    return this.run('readonly', (store) => Promise.all(keys.map((k) => promised(store.get(k) as IDBRequest<V | undefined>))));
  }

  /** Writes many entries in one transaction; a failed transaction becomes `failure(error)`. */
  putMany<V>(entries: readonly (readonly [string, V])[], failure: IdbFailure): Promise<void> {
    return this.run('readwrite', (store, tx) => {
      for (const [k, v] of entries) store.put(v, k);
      return new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = tx.onerror = () => reject(failure(tx.error));
      });
    });
  }

  /** Every entry, keys in the store's order. */
  entries<V>(): Promise<[string, V][]> {
    return this.run('readonly', (store) => {
      const keys = store.getAllKeys();
      const values = store.getAll();
      return promised(values).then((all) => (keys.result as string[]).map((key, i) => [key, all[i] as V] as [string, V]));
    });
  }

  /** Removes every entry. */
  clear(): Promise<void> {
    return this.run('readwrite', (store) => promised(store.clear()).then(() => undefined));
  }
}

/** Deletes a whole database; resolves also when it fails or is blocked (nothing left to do then). */
export function deleteIdbDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}
