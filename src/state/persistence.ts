/**
 * Local-first storage: datasets (Arrow IPC) and their mapping, problems and dashboard settings are
 * kept in the browser's origin-private file system (OPFS), so they survive a reload and can be
 * reopened offline. Nothing is sent anywhere. Quota errors are turned into plain messages.
 */
import { hasModelLabels } from '../core/columnKinds.ts';
import { deleteIdbDatabase } from '../workers/idbStore.ts';
import { GLOBAL_MODEL_DATABASE } from '../workers/globalModelStore.ts';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { hashText } from '../model/hash.ts';
import { coreMessage, isCoreMessage, type CoreMessage } from '../core/messages.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { DEFAULT_PLAN, type DashboardSpec, type LoadedDataset, type PlanSettings } from './store.ts';

/** What the start screen lists for a saved dataset. */
export interface SavedDatasetSummary {
  /** Storage id. */
  id: string;
  /** File name. */
  fileName: string;
  /** Rows in the table. */
  rows: number;
  /** Bytes on disk (table). */
  bytes: number;
  /** When it was saved (ms). */
  savedAt: number;
  /** Whether model labels are included. */
  labelled: boolean;
}

interface SavedMeta extends SavedDatasetSummary {
  columns: LoadedDataset['columns'];
  problems: LoadedDataset['problems'];
  /** Message codes and parameters; a save from before issue 19 holds English texts here, with their codes in `noteDetails`. */
  notes: (CoreMessage | string)[];
  noteDetails?: CoreMessage[];
  fileSize: number;
  dashboard: DashboardSpec | null;
  teach?: LoadedDataset['teach'];
  plan?: PlanSettings;
}

const DIR = 'trendloom-datasets';

/** True when this browser offers the origin-private file system. */
export function storageAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.storage?.getDirectory;
}

async function datasetsDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

/**
 * Chromium reports a quota hit in the middle of a stream write as a bare "Failed to write data to
 * data pipe" (not a QuotaExceededError), so that wording counts as "no room" too.
 */
function isQuotaError(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  return name === 'QuotaExceededError' || /quota|data pipe/i.test(message ?? '');
}

function explainStorageError(error: unknown, language: Language): Error {
  if (isQuotaError(error)) return new Error(translate(language, 'storageQuota'));
  return new Error(translate(language, 'storageFailed', { error: (error as Error)?.message ?? String(error) }));
}

/**
 * Writes one file. A file this call created is removed again when the write fails, so a quota hit
 * never leaves a 0-byte or truncated file behind; an existing file keeps its old contents (the
 * writable is aborted, which discards the swap file). Returns whether the file is new.
 */
async function writeFile(dir: FileSystemDirectoryHandle, name: string, data: Blob | string | Uint8Array): Promise<boolean> {
  const existed = await dir.getFileHandle(name).then(() => true, () => false);
  try {
    const handle = await dir.getFileHandle(name, { create: true });
    const writable = await handle.createWritable();
    try {
      await writable.write(data as FileSystemWriteChunkType);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (!existed) await dir.removeEntry(name).catch(() => undefined);
    throw error;
  }
  return !existed;
}

/**
 * The id a newly opened file is saved under: the same file (name, size, rows, columns) gets the same
 * id, so opening it again replaces its earlier save instead of adding an identical one (issue 17, item 7).
 */
export function savedIdFor(dataset: Pick<LoadedDataset, 'fileName' | 'fileSize' | 'table'>): string {
  const columns = dataset.table.schema.fields.map((f) => f.name).join('\u0000');
  return `file-${hashText(`${dataset.fileName}\u0000${dataset.fileSize}\u0000${dataset.table.numRows}\u0000${columns}`)}`;
}

/**
 * The Plan view's settings as read back from a saved dataset: each field kept when it has the
 * right type and range, else its default; null when nothing was saved (an older save).
 */
export function savedPlanSettings(value: unknown): PlanSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const saved = value as Record<string, unknown>;
  const settings: PlanSettings = { ...DEFAULT_PLAN, edits: {} };
  if (typeof saved.second === 'string') settings.second = saved.second;
  if (typeof saved.serviceLevel === 'number' && saved.serviceLevel >= 0.5 && saved.serviceLevel <= 0.99) settings.serviceLevel = saved.serviceLevel;
  if (typeof saved.horizon === 'number' && Number.isInteger(saved.horizon) && saved.horizon >= 1 && saved.horizon <= 52) settings.horizon = saved.horizon;
  if (typeof saved.stockColumn === 'string') settings.stockColumn = saved.stockColumn;
  if (typeof saved.editsFor === 'string' && typeof saved.edits === 'object' && saved.edits !== null) {
    for (const [row, units] of Object.entries(saved.edits)) if (typeof units === 'number' && Number.isInteger(units) && units >= 0) settings.edits[row] = units;
    settings.editsFor = saved.editsFor;
  }
  return settings;
}

/** Saves (or overwrites) a dataset under `id` with its dashboard and Plan view settings; returns its summary. Errors are worded in `language`. */
export async function saveDataset(id: string, dataset: LoadedDataset, dashboard: DashboardSpec | null, language: Language = 'en', plan?: PlanSettings): Promise<SavedDatasetSummary> {
  let dir: FileSystemDirectoryHandle | undefined;
  let newTable = false;
  try {
    dir = await datasetsDir();
    const ipc = tableToIPC(dataset.table, 'file');
    newTable = await writeFile(dir, `${id}.arrow`, ipc);
    const meta: SavedMeta = {
      id,
      fileName: dataset.fileName,
      rows: dataset.table.numRows,
      bytes: ipc.byteLength,
      savedAt: Date.now(),
      labelled: hasModelLabels(dataset.columns.map((c) => c.name)),
      columns: dataset.columns,
      problems: dataset.problems.slice(0, 10_000),
      notes: dataset.notes,
      ...(dataset.teach && Object.keys(dataset.teach).length > 0 ? { teach: dataset.teach } : {}),
      fileSize: dataset.fileSize,
      dashboard,
      ...(plan ? { plan } : {}),
    };
    await writeFile(dir, `${id}.json`, JSON.stringify(meta));
    return meta;
  } catch (error) {
    // A table without its description cannot be listed or reopened: do not leave it taking room.
    if (dir && newTable) await dir.removeEntry(`${id}.arrow`).catch(() => undefined);
    throw explainStorageError(error, language);
  }
}

/** Lists saved datasets, newest first. */
export async function listSavedDatasets(): Promise<SavedDatasetSummary[]> {
  if (!storageAvailable()) return [];
  const dir = await datasetsDir();
  const out: SavedDatasetSummary[] = [];
  for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (!name.endsWith('.json') || handle.kind !== 'file') continue;
    try {
      const meta = JSON.parse(await (await (handle as FileSystemFileHandle).getFile()).text()) as SavedMeta;
      out.push({ id: meta.id, fileName: meta.fileName, rows: meta.rows, bytes: meta.bytes, savedAt: meta.savedAt, labelled: meta.labelled });
    } catch {
      // A half-written entry: skip it, the user can clear it with "Clear all local data".
    }
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

/**
 * The notes of a save as messages. Saves from before issue 19 kept English texts in `notes` and
 * their codes beside them in `noteDetails` (absent in still older ones): the code is taken where
 * there is one, else the text is shown as it is.
 */
export function savedNotes(meta: Pick<SavedMeta, 'notes' | 'noteDetails'>): CoreMessage[] {
  return meta.notes.map((note, i) => {
    if (typeof note !== 'string') return note;
    const detail = meta.noteDetails?.[i];
    return isCoreMessage(detail) ? detail : coreMessage('plain', { text: note });
  });
}

/** Loads a saved dataset, its dashboard settings and its Plan view settings (null when none were saved). */
export async function loadSavedDataset(id: string): Promise<{ dataset: LoadedDataset; dashboard: DashboardSpec | null; plan: PlanSettings | null }> {
  const dir = await datasetsDir();
  const meta = JSON.parse(await (await (await dir.getFileHandle(`${id}.json`)).getFile()).text()) as SavedMeta;
  const bytes = new Uint8Array(await (await (await dir.getFileHandle(`${id}.arrow`)).getFile()).arrayBuffer());
  return {
    dataset: { fileName: meta.fileName, fileSize: meta.fileSize, table: tableFromIPC(bytes), columns: meta.columns, problems: meta.problems, notes: savedNotes(meta), ...(meta.teach ? { teach: meta.teach } : {}) },
    dashboard: meta.dashboard,
    plan: savedPlanSettings(meta.plan),
  };
}

/** Deletes one saved dataset. */
export async function deleteSavedDataset(id: string): Promise<void> {
  const dir = await datasetsDir();
  for (const name of [`${id}.arrow`, `${id}.json`]) await dir.removeEntry(name).catch(() => undefined);
}

/** Bytes used and available to this origin, as the browser estimates them. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

/** Removes every dataset, cached label, saved head and saved global forecast model from this computer (the app itself stays installed). */
export async function clearAllLocalData(): Promise<void> {
  if (storageAvailable()) {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(DIR, { recursive: true }).catch(() => undefined);
  }
  for (const name of ['trendloom-predictions', 'trendloom-heads', GLOBAL_MODEL_DATABASE]) await deleteIdbDatabase(name);
  localStorage.removeItem('trendloom-settings');
}

/** Rewrites only the dashboard settings (and the Plan view's, when given) of a saved dataset (cheap; called as the user explores). */
export async function saveDashboardSettings(id: string, dashboard: DashboardSpec, plan?: PlanSettings): Promise<void> {
  const dir = await datasetsDir();
  const handle = await dir.getFileHandle(`${id}.json`).catch(() => undefined);
  if (!handle) return;
  const meta = JSON.parse(await (await handle.getFile()).text()) as SavedMeta;
  await writeFile(dir, `${id}.json`, JSON.stringify({ ...meta, dashboard, ...(plan ? { plan } : {}) }));
}
