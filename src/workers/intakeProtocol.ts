/**
 * Request and result shapes of the intake worker (`intake.parse`, `intake.preview`); listed in
 * `RequestMap` in protocol.ts. The table crosses the thread boundary as Arrow IPC bytes, moved
 * with a transfer list, never as row objects.
 */
import type { CoreMessage } from '../core/messages.ts';
import type { IntakeColumn, IntakeOptions, IntakeProblem, IntakeStats } from '../core/intake/intake.ts';

/** Reads a whole file into an Arrow table. */
export interface IntakeParseParams {
  /** The file (a Blob/File is read with stream(); bytes are read in place). */
  file: Blob | ArrayBuffer | Uint8Array;
  /** File name as the user sees it. */
  name: string;
  /** Overrides of the guesses: delimiter, encoding, header, hemisphere, roles, types, maxRows. */
  options?: IntakeOptions;
}

/** The table as Arrow IPC (stream format) plus what was learnt reading it. */
export interface IntakeParseResult {
  /** Arrow IPC stream bytes of the table; read with `tableFromIPC(ipc)`. */
  ipc: Uint8Array;
  /** Name, type, role (and Arrow type, missing count) of each column, in table order. */
  columns: IntakeColumn[];
  /** Rows left out and cells left empty, each with its 1-based line (header = line 1). */
  problems: IntakeProblem[];
  /** Plain-language notes: guesses, derived date, no date column, row cap… */
  notes: string[];
  /** The same notes as message codes + parameters, index for index. */
  noteDetails: CoreMessage[];
  /** The column that dates the rows (a date column, or one derived from year + season), or null. */
  dateColumn: string | null;
  /** Counts that add up (rows + rejectedRows = records) and timings. */
  stats: IntakeStats;
}

/** Reads only the first rows of a file (a quick look before the full read). */
export interface IntakePreviewParams extends IntakeParseParams {
  /** Rows to read (default 200). */
  rows?: number;
}
