/**
 * What reading a catalogue did with every line of the file, told so the counts add up: rows read,
 * rows left out (each with its line and reason), blank lines, lines inside rows whose quoted cells
 * span several lines, and the row cap. Used by the commands that read a catalogue to work on it.
 */
import { createReadStream } from 'node:fs';
import type { IntakeProblem, IntakeStats } from '../core/intake/intake.ts';
import { rowCapSentence } from './inspect.ts';

/** Rows left out listed one by one on the terminal; the rest are counted (inspect lists them all). */
export const LEFT_OUT_LISTED = 20;

/** The counts of one read, and the problems of the rows it left out. */
export interface ReadAccount {
  /** Physical lines in the file (CSV only; undefined when not counted). */
  lines?: number;
  /** Whether the first line was a header. */
  header: boolean;
  /** Data records read (rows + rows left out). */
  records: number;
  /** Rows in the table. */
  rows: number;
  /** Rows left out. */
  rejectedRows: number;
  /** Blank lines skipped. */
  blankLines: number;
  /** True when the row cap stopped reading. */
  truncated: boolean;
  /** The problems of the rows left out (the first MAX_PROBLEMS_LISTED), by line. */
  leftOut: IntakeProblem[];
  /** Cells kept with bytes that are not UTF-8 text (shown as U+FFFD). */
  notUtf8Cells: number;
  /** Their problems (the listed ones), by line. */
  notUtf8: IntakeProblem[];
}

/** The account of an intake's result; `lines` from `countFileLines` when the file is a CSV. */
export function readAccount(stats: IntakeStats, problems: readonly IntakeProblem[], lines: number | undefined): ReadAccount {
  return {
    lines,
    header: stats.header ?? false,
    records: stats.records,
    rows: stats.rows,
    rejectedRows: stats.rejectedRows,
    blankLines: stats.blankLines,
    truncated: stats.truncated,
    leftOut: problems.filter((p) => p.detail?.code.startsWith('row.') ?? p.column === null),
    notUtf8Cells: stats.notUtf8Cells,
    notUtf8: problems.filter((p) => p.detail?.code === 'problem.not-utf-8'),
  };
}

/**
 * Physical lines of a text file as the CSV reader numbers them (a line ends at a line feed; a last
 * line without one still counts), read in chunks. Undefined for encodings it cannot count in bytes.
 */
export async function countFileLines(path: string, encoding: string | undefined): Promise<number | undefined> {
  const unit = encoding === 'utf-16le' ? 'le' : encoding === 'utf-16be' ? 'be' : encoding === 'utf-8' || encoding === 'windows-1252' ? 'byte' : null;
  if (!unit) return undefined;
  let feeds = 0;
  let offset = 0;
  let previous = 0;
  let lastUnit = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (unit === 'byte') {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) feeds++;
      if (chunk.length > 0) lastUnit = chunk[chunk.length - 1]!;
      continue;
    }
    for (let i = 0; i < chunk.length; i++, offset++) {
      const byte = chunk[i]!;
      if (offset % 2 === 1) lastUnit = unit === 'le' ? (byte << 8) | previous : (previous << 8) | byte;
      else {
        previous = byte;
        continue;
      }
      if (lastUnit === 10) feeds++;
    }
  }
  if (lastUnit < 0) return 0;
  return feeds + (lastUnit === 10 ? 0 : 1);
}

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/**
 * The lines to print about a read (nothing when every line became a row): rows read and left out,
 * each row left out with its line and reason, and how the file's lines add up.
 */
export function describeRead(account: ReadAccount, file: string): string[] {
  const out: string[] = [];
  if (account.truncated) out.push(rowCapSentence(account.records));
  if (account.rejectedRows > 0) {
    out.push(`Read ${n(account.rows)} of ${plural(account.records, 'row', 'rows')}; ${plural(account.rejectedRows, 'row', 'rows')} could not be read and ${account.rejectedRows === 1 ? 'is' : 'are'} left out:`);
    for (const problem of account.leftOut.slice(0, LEFT_OUT_LISTED)) out.push(`  line ${n(problem.line)}: ${problem.message}`);
    const unlisted = account.rejectedRows - Math.min(LEFT_OUT_LISTED, account.leftOut.length);
    if (unlisted > 0) out.push(`  … and ${n(unlisted)} more; 'trendloom inspect ${file}' lists them with their lines.`);
  }
  if (account.notUtf8Cells > 0) {
    out.push(`${plural(account.notUtf8Cells, 'cell has', 'cells have')} bytes that are not UTF-8 text; they are shown as \ufffd:`);
    for (const problem of account.notUtf8.slice(0, LEFT_OUT_LISTED)) out.push(`  line ${n(problem.line)}, ${problem.column}: ${problem.message}`);
    const unlisted = account.notUtf8Cells - Math.min(LEFT_OUT_LISTED, account.notUtf8.length);
    if (unlisted > 0) out.push(`  … and ${n(unlisted)} more; 'trendloom inspect ${file}' lists them with their lines.`);
  }
  if (account.lines !== undefined && !account.truncated) {
    const header = account.header ? 1 : 0;
    const continuing = account.lines - header - account.records - account.blankLines;
    if (continuing >= 0 && (account.rejectedRows > 0 || account.blankLines > 0 || continuing > 0)) {
      const parts = [...(header ? ['1 header'] : []), `${plural(account.records, 'row', 'rows')}${account.rejectedRows > 0 ? ` (${n(account.rows)} read, ${n(account.rejectedRows)} left out)` : ''}`];
      if (account.blankLines > 0) parts.push(plural(account.blankLines, 'blank line (skipped)', 'blank lines (skipped)'));
      if (continuing > 0) parts.push(`${plural(continuing, 'line', 'lines')} inside rows whose quoted cells span several lines`);
      out.push(`The file's ${plural(account.lines, 'line', 'lines')} = ${parts.join(' + ')}.`);
    }
  }
  return out;
}
