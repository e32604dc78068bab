/**
 * Request and result shapes of the intake worker (`intake.parse`, `intake.preview`); listed in
 * `RequestMap` in protocol.ts. The table crosses the thread boundary as Arrow IPC bytes, moved
 * with a transfer list, never as row objects.
 */
import type { IntakeOptions, IntakeResult } from '../core/intake/intake.ts';
import type { CsvPartSettings } from '../core/csv/parseCsv.ts';
import type { CsvPart } from '../core/csv/recordColumns.ts';

/** Reads a whole file into an Arrow table. */
export interface IntakeParseParams {
  /** The file (a Blob/File is read with stream(); bytes are read in place). */
  file: Blob | ArrayBuffer | Uint8Array;
  /** File name as the user sees it. */
  name: string;
  /** Overrides of the guesses: delimiter, encoding, header, hemisphere, roles, types, maxRows. */
  options?: IntakeOptions;
  /** Whether a large CSV is read in two parts at once (a helper worker reads the second half); by default, where there are enough cores. */
  split?: boolean;
}

/** The table as Arrow IPC (stream format) plus what was learnt reading it: the core's result, table as bytes. */
export type IntakeParseResult = Omit<IntakeResult, 'table'> & {
  /** Arrow IPC stream bytes of the table; read with `tableFromIPC(ipc)`. */
  ipc: Uint8Array;
};

/** Reads only the first rows of a file (a quick look before the full read). */
export interface IntakePreviewParams extends IntakeParseParams {
  /** Rows to read (default 200). */
  rows?: number;
}

/** Reads a CSV from byte `start` (a line start) to its end into raw columns: the second part of a split read. */
export interface IntakePartParams {
  /** The whole file. */
  file: Blob;
  /** Where the part starts. */
  start: number;
  /** What the first part learnt: delimiter, column names, cell sizes, row cap. */
  settings: CsvPartSettings;
}

/** The part's raw columns as plain typed arrays (transferred), lines counted from the part's start. */
export type IntakePartResult = CsvPart;
