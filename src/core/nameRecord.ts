/**
 * Records keyed by names that come from the user's data (column names, labels, series names).
 *
 * A plain `{}` inherits from Object.prototype: writing `record['__proto__'] = x` replaces its
 * prototype instead of adding a key, and reading `record['constructor']` or `record['toString']`
 * finds a function although nobody set it. Records built here have no prototype, and lookups go
 * through `ownValue`, so every name is just a name.
 */

/** An empty record with no prototype: any string, `__proto__` included, is an ordinary key. */
export function nameRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free record holding the given [name, value] pairs (later pairs win). */
export function nameRecordFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = nameRecord<T>();
  for (const [name, value] of entries) record[name] = value;
  return record;
}

/** The value stored under `name` in the record itself (never one inherited from Object.prototype). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined | null, name: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/** Whether the record itself holds `name` (inherited properties do not count). */
export function hasOwnName(record: Readonly<Record<string, unknown>> | undefined | null, name: string): boolean {
  return !!record && Object.prototype.hasOwnProperty.call(record, name);
}
