/**
 * `trendloom inspect <file> [--json]`: reads a catalogue with the same intake core as the app and
 * prints its row count, columns (type and role) and problems.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes } from '../core/bytes.ts';
import type { TextEncodingName } from '../core/csv/encoding.ts';
import { intake, type IntakeOptions, type IntakeSource } from '../core/intake/intake.ts';
import { englishText } from '../core/messages.ts';
import { terminalJson, terminalText } from '../core/terminalText.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand } from './io.ts';
import { maxOf } from '../core/extent.ts';

const usage = `Usage: trendloom inspect <file> [--json] [options]

Reads a catalogue (CSV/TSV, Arrow IPC or Parquet) and prints its row count, each column's
type and role, and the rows or cells that could not be read (with their line; the header is
line 1).

Options:
  --json                 print exactly one JSON object:
                         {"rows": N, "records": N, "rows_left_out": N, "truncated": false,
                          "columns": [{"name","type","role"}], "problems": [{"line","column","message"}],
                          "problems_total": N}
                         (rows + rows_left_out = records; "problems" lists the first 10,000 of
                         problems_total; "truncated" is true when the row cap stopped reading)
  --max-rows <n|all>     read at most n rows (default 3,000,000); 'all' reads every row
  --delimiter <d>        field delimiter: , ; tab |  (default: detected)
  --encoding <e>         utf-8, utf-16le, utf-16be or windows-1252 (default: detected)
  --header / --no-header whether the first row holds column names (default: detected)
  --hemisphere <h>       north or south, for seasons (default: north)

Exit status: 0 when the file was read (even with problems), 1 when it cannot be read at all
(the reason is printed on stderr), 2 for a usage mistake.
`;

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** A Node file as an intake source, read in 1 MB chunks (never whole). */
export async function fileSource(path: string): Promise<IntakeSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error(`'${path}' is a folder, not a file.`);
    size = info.size;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new Error(`There is no file at '${path}'.`);
    if (code === 'EACCES') throw new Error(`'${path}' cannot be opened: permission denied.`);
    throw error;
  }
  return { name: basename(path), size, chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array> };
}

/** Intake options from the command line. */
export function intakeOptionsFromArgs(args: ReturnType<typeof parseArgs>): IntakeOptions {
  const options: IntakeOptions = {};
  const delimiter = optionValue(args, 'delimiter');
  if (delimiter !== undefined) {
    const value = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter;
    if (![',', ';', '\t', '|'].includes(value)) throw new CliUsageError(`--delimiter must be one of , ; tab | (got '${delimiter}').`);
    options.delimiter = value;
  }
  const encoding = optionValue(args, 'encoding');
  if (encoding !== undefined) {
    const value = encoding.toLowerCase() as TextEncodingName;
    if (!ENCODINGS.includes(value)) throw new CliUsageError(`--encoding must be one of ${ENCODINGS.join(', ')} (got '${encoding}').`);
    options.encoding = value;
  }
  if (args.options.has('header')) options.header = true;
  if (args.options.has('no-header')) options.header = false;
  const maxRows = optionValue(args, 'max-rows');
  if (maxRows !== undefined) options.maxRows = parseMaxRows(maxRows);
  const hemisphere = optionValue(args, 'hemisphere');
  if (hemisphere !== undefined) {
    if (hemisphere !== 'north' && hemisphere !== 'south') throw new CliUsageError(`--hemisphere must be north or south (got '${hemisphere}').`);
    options.hemisphere = hemisphere;
  }
  return options;
}

/** The value of --max-rows: a whole number of rows, or 'all' for no cap. */
export function parseMaxRows(text: string): number {
  if (text.toLowerCase() === 'all') return Number.POSITIVE_INFINITY;
  const n = Number(text.replaceAll(',', '').replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--max-rows must be a whole number of rows or 'all' (got '${text}').`);
  return n;
}

/** The sentence for a read stopped by the row cap, with the option that lifts it. */
export function rowCapSentence(rows: number): string {
  return `Only the first ${rows.toLocaleString('en-US')} rows were read (the row cap); the rest of the file was not. Use --max-rows all to read every row.`;
}

// Terminal columns a string takes: CJK and full-width characters take two, so Chinese headers line up.
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ? 2 : 1;
  }
  return width;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** The `inspect` command. */
export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Show the rows, columns (type, role) and problems of a catalogue file.',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json', 'header', 'no-header'], values: ['delimiter', 'encoding', 'max-rows', 'hemisphere'] });
    if (args.positional.length !== 1) throw new CliUsageError(args.positional.length === 0 ? 'Give the file to inspect.' : 'Give one file at a time.');
    const path = args.positional[0]!;
    // Inspecting is about the table itself: a file without item text (a trend series) is still shown, with a note.
    const options = { ...intakeOptionsFromArgs(args), requireText: false };
    const source = await fileSource(path);
    const result = await intake(source, options);
    if (args.options.has('json')) {
      const json = {
        rows: result.stats.rows,
        records: result.stats.records,
        rows_left_out: result.stats.rejectedRows,
        truncated: result.stats.truncated,
        columns: result.columns.map(({ name, type, role }) => ({ name, type, role })),
        problems: result.problems.map(({ line, column, message }) => ({ line, column, message })),
        problems_total: result.stats.problems,
      };
      io.out(`${terminalJson(JSON.stringify(json))}\n`);
      return 0;
    }
    const { stats } = result;
    const layout = stats.format === 'csv'
      ? `CSV, ${stats.encoding?.toUpperCase()}, ${stats.delimiter === '\t' ? 'tab' : `'${stats.delimiter}'`}-separated, ${stats.header ? 'with a header row' : 'no header row'}`
      : stats.format === 'parquet' ? 'Parquet' : 'Arrow IPC';
    const lines: string[] = [];
    lines.push(`${source.name}: ${stats.rows.toLocaleString('en-US')} rows, ${result.columns.length} columns (${layout}; ${formatBytes(stats.bytes)})`);
    const cells = `${stats.badCells.toLocaleString('en-US')} ${stats.badCells === 1 ? 'cell' : 'cells'} left empty`;
    if (stats.rejectedRows > 0) lines.push(`${stats.rejectedRows.toLocaleString('en-US')} of ${stats.records.toLocaleString('en-US')} rows left out; ${cells}.`);
    else if (stats.badCells > 0) lines.push(`${cells}.`);
    if (stats.truncated) lines.push(rowCapSentence(stats.records));
    lines.push('');
    const nameWidth = Math.min(40, Math.max(6, maxOf(result.columns.map((c) => displayWidth(c.name)))));
    const typeWidth = Math.max(4, maxOf(result.columns.map((c) => c.type.length)));
    lines.push(`  ${padDisplay('column', nameWidth)}  ${'type'.padEnd(typeWidth)}  role        missing`);
    for (const column of result.columns) {
      lines.push(`  ${padDisplay(column.name, nameWidth)}  ${column.type.padEnd(typeWidth)}  ${column.role.padEnd(10)}  ${column.missing.toLocaleString('en-US')}${column.derived ? '  (derived)' : ''}`);
    }
    lines.push('');
    if (result.problems.length === 0) lines.push('No problems.');
    else {
      lines.push(`Problems (${stats.problems.toLocaleString('en-US')}):`);
      const shown = result.problems.slice(0, 50);
      for (const problem of shown) lines.push(`  line ${problem.line}${problem.column ? `, ${problem.column}` : ''}: ${problem.message}`);
      if (stats.problems > shown.length) lines.push(`  … and ${(stats.problems - shown.length).toLocaleString('en-US')} more (--json lists the first ${result.problems.length.toLocaleString('en-US')}).`);
    }
    // The row-cap note is worded for the page; the sentence above says it for the command line.
    const notes = result.notes.filter((note) => !note.code.startsWith('note.row-cap'));
    if (notes.length > 0) {
      lines.push('', 'Notes:');
      for (const note of notes) lines.push(`  - ${englishText(note)}`);
    }
    io.out(terminalText(`${lines.join('\n')}\n`));
    return 0;
  },
};
