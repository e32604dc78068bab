/**
 * Series files and dates on the command line, read as the app reads them: the file through intake
 * and `seriesFromIntake` (src/core/series/read.ts), `--train-end` through the cleaning library's
 * date reader (src/core/clean/date.ts).
 */
import { parseDate } from '../core/clean/date.ts';
import { dateProblems, readSeriesFile, type SeriesFile } from '../core/series/read.ts';
import { SeriesInputError } from '../core/series/seriesSet.ts';
import type { IntakeProblem } from '../core/intake/intake.ts';
import { fileSource } from './inspect.ts';
import { CliUsageError } from './io.ts';

/** A series file as the CLI reads it: the series, and the cells intake could not read (left empty). */
export interface CliSeriesFile extends SeriesFile {
  /** Cells of the value columns that are not numbers (kept as missing values), first ones first. */
  problems: IntakeProblem[];
}

/**
 * Reads the series file at `path` as the app does. Throws `Error` when the file cannot be opened
 * (`cannotOpen` words it) and `SeriesInputError` when it holds no series or a date cell is not a
 * real date (the app leaves such a row out; a batch forecast refuses it, with its line).
 */
export async function readSeriesPath(path: string, cannotOpen: string): Promise<CliSeriesFile> {
  let source;
  try {
    source = await fileSource(path);
  } catch {
    throw new Error(cannotOpen);
  }
  const { intake, file } = await readSeriesFile(source);
  const bad = dateProblems(intake, file)[0];
  if (bad) throw new SeriesInputError(`Row ${bad.line}: ${bad.message}.`);
  return { ...file, problems: intake.problems.filter((p) => p.column !== null && p.column !== file.layout.date) };
}

/** Lines of stderr for the value cells a series file left empty, as missing values (at most `most`, then a count). */
export function problemNotes(problems: readonly IntakeProblem[], most = 5): string[] {
  const lines = problems.slice(0, most).map((p) => `line ${p.line}, column "${p.column}": ${p.message}`);
  if (problems.length > most) lines.push(`…and ${problems.length - most} more cell(s) left empty.`);
  return lines;
}

/** The `--train-end` date (UTC ms) read as the app reads dates, or undefined when the option is absent; a usage error says why a text is not a date. */
export function trainEndOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const read = parseDate(text);
  if (read && 'ms' in read) return read.ms;
  if (read && read.kind === 'impossible-date') throw new CliUsageError(`--train-end "${text}" ${read.message.replace(/^'.*?' /, '')}.`);
  throw new CliUsageError(`--train-end "${text}" is not a date (expected e.g. 2018-12-31).`);
}
