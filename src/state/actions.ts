import { tableFromIPC } from 'apache-arrow';
import { CancelledError } from '../workers/protocol.ts';
import { intakeWorker } from '../workers/pageWorkers.ts';
import { translate } from '../i18n/i18n.ts';
import { seriesFromIntake } from '../core/series/read.ts';
import { useAppStore } from './store.ts';
import type { CoreMessage } from '../core/messages.ts';

/** Reads a file in the intake worker and moves to the mapping step (or shows why it failed). */
export async function openFile(file: Blob, name = (file as File).name ?? 'file'): Promise<void> {
  const store = useAppStore.getState();
  const signal = store.beginTask('reading', { stage: 'read', done: 0, total: file.size, unit: 'bytes' });
  try {
    // Files without item text are still read: they may hold trend series, or columns to chart.
    const outcome = await intakeWorker().request('intake.parse', { file, name, options: { requireText: false } }, { onProgress: (p) => useAppStore.getState().setProgress(p), signal });
    const table = tableFromIPC(outcome.ipc);
    // A file that already holds trend series goes straight to the forecast views.
    const series = seriesFromIntake({ table, columns: outcome.columns });
    if (series) {
      useAppStore.getState().setSeriesFile({ fileName: name, set: series.set, layout: series.layout.kind });
      return;
    }
    useAppStore.getState().setDataset({
      fileName: name,
      fileSize: file.size,
      table,
      columns: outcome.columns,
      problems: outcome.problems,
      notes: outcome.notes,
    });
  } catch (error) {
    const language = useAppStore.getState().language;
    if (error instanceof CancelledError) useAppStore.getState().failTask('start', null, translate(language, 'cancelled'));
    else {
      const detail = (error as { detail?: CoreMessage }).detail;
      useAppStore.getState().failTask('start', { title: translate(language, 'couldNotRead', { name }), message: (error as Error).message, ...(detail ? { detail } : {}) });
    }
  }
}

/** Loads the built-in demo catalogue (a file served by the app itself). */
export async function openDemo(): Promise<void> {
  const response = await fetch('/demo/catalogue-sample.csv');
  const blob = await response.blob();
  await openFile(blob, 'demo-catalogue.csv');
}
