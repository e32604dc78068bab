import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { bytesSource, intake } from '../core/intake/intake.ts';
import { csvField } from '../core/csv/field.ts';
import { nameRecordFrom } from '../core/nameRecord.ts';
import type { ItemTextFields } from '../model/inputText.ts';
import { buildInputText } from '../model/inputText.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';

/** A table as the classify command sees it: column names and every cell as text. */
export interface CliTable {
  /** Column names in file order. */
  columns: string[];
  /** Rows of cells (same order as `columns`; missing cells are ''). */
  rows: string[][];
  /** The intake's guess of each column's role ('text', 'materials', 'colours', 'season', …). */
  roles: Map<string, string>;
  /** Warnings for the user (rows the intake could not read). */
  notes: string[];
}

/**
 * Reads any file the intake reads (CSV, Arrow, Parquet) into text cells. This is the one place the
 * CLI touches file formats. Every column is read as text so the output repeats the input's cells
 * as they were written; columns the intake derives (a date from year + season) are left out.
 */
export async function readTableForCli(path: string): Promise<CliTable> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot open "${path}": ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  const name = basename(path);
  // First a one-row read for the column names and the intake's role guesses, then the whole file
  // with every column typed as text.
  const preview = await intake(bytesSource(bytes, name), { requireText: false, capNote: false, maxRows: 1 });
  const original = preview.columns.filter((c) => !c.derived);
  const types = nameRecordFrom(original.map((c) => [c.name, 'text' as const] as const));
  const result = await intake(bytesSource(bytes, name), { requireText: false, types });
  const columns = original.map((c) => c.name);
  const vectors = columns.map((c) => result.table.getChild(c));
  const rows: string[][] = [];
  for (let r = 0; r < result.table.numRows; r++) {
    rows.push(vectors.map((v) => {
      const value: unknown = v?.get(r);
      return value === null || value === undefined ? '' : String(value);
    }));
  }
  return { columns, rows, roles: new Map(original.map((c) => [c.name, c.role])), notes: result.stats.rejectedRows ? [`${result.stats.rejectedRows} rows could not be read and are left out (first problem: ${result.problems[0]?.message ?? 'unknown'}).`] : [] };
}

/** The item fields for one row: materials/colour/season columns go to their labelled slots. */
function rowFields(table: CliTable, row: string[], textColumns: readonly number[]): ItemTextFields {
  const fields: ItemTextFields = {};
  const name: string[] = [];
  for (const c of textColumns) {
    const value = row[c] ?? '';
    if (!value) continue;
    const role = table.roles.get(table.columns[c]!);
    if (role === 'materials') fields.materials = value;
    else if (role === 'colours') fields.colors = value;
    else if (role === 'season') fields.season = value;
    else name.push(value);
  }
  fields.name = name.join(' ');
  return fields;
}

const USAGE = `Usage: trendloom classify <file> [--text <col>[,<col>…]] [--out <file.csv>] [--top-k K]

Labels every item of a catalogue (CSV, Arrow or Parquet) with the built-in Llama classifier:
article type, sub-category, master category, colour, usage (style), gender and season.

  --text <cols>   columns holding the item's text, comma-separated (default: the columns
                  the intake recognises as item text)
  --out <file>    write the CSV here (default: standard output)
  --top-k K       also write the next K-1 labels per head (pred_<head>_2, prob_<head>_2, …)
  --model <dir>   another model folder (default: the shipped public/models/trendloom-classifier)
  --head <file>   a fine-tuned head (trendloom train-head): adds pred_<label> and prob_<label>;
                  give it more than once for several heads

Output: every input column, then pred_<head> and prob_<head> for each head.`;

/** `trendloom classify`: labels a catalogue file with the shipped classifier on onnxruntime-node. */
export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Label every item of a catalogue with the built-in Llama classifier.',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv);
    const file = args.positional[0];
    if (!file) throw new CliUsageError('Name the catalogue file to classify.');
    const topKText = optionValue(args, 'top-k') ?? '1';
    const topK = Number(topKText);
    if (!Number.isInteger(topK) || topK < 1 || topK > 20) throw new CliUsageError(`--top-k must be a whole number from 1 to 20 (got "${topKText}").`);

    const table = await readTableForCli(file);
    for (const note of table.notes) io.err(`classify: ${note}\n`);
    const requested = optionValue(args, 'text');
    let textNames: string[];
    if (requested) {
      textNames = requested.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = textNames.filter((n) => !table.columns.includes(n));
      if (unknown.length) {
        throw new CliUsageError(
          `No column named ${unknown.map((n) => `"${n}"`).join(', ')} in ${basename(file)}. Available columns: ${table.columns.join(', ')}.`,
        );
      }
    } else {
      textNames = table.columns.filter((c) => table.roles.get(c) === 'text');
      if (!textNames.length) {
        throw new CliUsageError(`Could not tell which column holds the item text; choose with --text. Available columns: ${table.columns.join(', ')}.`);
      }
    }
    const textColumns = textNames.map((n) => table.columns.indexOf(n));

    // Loaded on demand so other commands do not pay for onnxruntime-node's native library.
    const { loadNodeClassifier, DEFAULT_MODEL_DIR } = await import('../model/session.node.ts');
    const classifier = await loadNodeClassifier(optionValue(args, 'model') ?? DEFAULT_MODEL_DIR);
    const inputs = table.rows.map((row) => buildInputText(rowFields(table, row, textColumns), classifier.config.input_template));
    const started = Date.now();
    let lastReport = 0;
    const predictions = await classifier.classifyTexts(inputs, {
      topK,
      onProgress(done, total) {
        const now = Date.now();
        if (now - lastReport > 1000 || done === total) {
          lastReport = now;
          io.err(`classify: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} distinct texts (${Math.round((100 * done) / total)}%)\n`);
        }
      },
    });

    const headPaths = args.options.get('head') ?? [];
    const headColumns = headPaths.length > 0 ? await (await import('../model/head/classifyHeads.node.ts')).classifyHeadColumns(headPaths, table, classifier, textNames) : [];
    const header = [...table.columns];
    for (const head of classifier.heads) {
      header.push(`pred_${head}`, `prob_${head}`);
      for (let k = 2; k <= topK; k++) header.push(`pred_${head}_${k}`, `prob_${head}_${k}`);
    }
    header.push(...headColumns.map((c) => c.name));
    const lines = [header.map(csvField).join(',')];
    table.rows.forEach((row, i) => {
      const cells = [...row];
      for (const head of classifier.heads) {
        const top = predictions[i]!.heads[head]!.top;
        for (let k = 0; k < topK; k++) cells.push(top[k]?.label ?? '', top[k] ? top[k]!.probability.toFixed(4) : '');
      }
      for (const column of headColumns) cells.push(column.values[i]!);
      lines.push(cells.map(csvField).join(','));
    });
    const csv = `${lines.join('\n')}\n`;
    const outPath = optionValue(args, 'out');
    if (outPath) await writeFile(outPath, csv);
    else io.out(csv);
    const seconds = (Date.now() - started) / 1000;
    io.err(`classify: ${table.rows.length.toLocaleString('en')} items in ${seconds.toFixed(1)} s${outPath ? ` → ${outPath}` : ''}\n`);
    return 0;
  },
};
