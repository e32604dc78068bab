import { modelColumnNames } from '../core/columnKinds.ts';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { intake } from '../core/intake/intake.ts';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import type { OutputColumn } from '../core/finetune/apply.ts';
import type { LoadedHead } from '../core/finetune/head.ts';
import { nameRecordFrom } from '../core/nameRecord.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import type { ClassifierConfig } from '../model/config.ts';
import { headColumnsWithModel } from '../model/head/applyWithModel.ts';
import { readHeadFiles } from '../model/head/classifyHeads.node.ts';
import type { EmbeddingModel } from '../model/head/embedding.ts';
import type { ItemTextFields } from '../model/inputText.ts';
import { buildInputText, splitTextColumns } from '../model/inputText.ts';
import { fileSource, parseMaxRows } from './inspect.ts';
import { countFileLines, describeRead, readAccount, type ReadAccount } from './readReport.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';

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

/** A catalogue opened for the CLI: names, roles and notes now, rows read one at a time from the typed table. */
export interface CliTableSource {
  /** Column names in file order. */
  columns: string[];
  /** The intake's guess of each column's role ('text', 'materials', 'colours', 'season', …). */
  roles: Map<string, string>;
  /** Lines for the user about the read: rows left out (line and reason), how the file's lines add up, the row cap. */
  notes: string[];
  /** The counts behind the notes. */
  account: ReadAccount;
  /** Rows in the table. */
  rowCount: number;
  /** The cells of one row as text (same order as `columns`; missing cells are ''). */
  row(index: number): string[];
}

/**
 * Opens any file the intake reads (CSV, Arrow, Parquet) with every column typed as text. This is
 * the one place the CLI touches file formats. The file is streamed into the intake's compact Arrow
 * columns; rows become strings only when asked for, so a large file is never held as row arrays.
 * Columns the intake derives (a date from year + season) are left out.
 */
export async function openTableForCli(path: string, options: { maxRows?: number } = {}): Promise<CliTableSource> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('it is not a file');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot open "${path}": ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  // First a one-row read for the column names and the intake's role guesses, then the whole file
  // with every column typed as text.
  const preview = await intake(await fileSource(path), { requireText: false, capNote: false, maxRows: 1 });
  const original = preview.columns.filter((c) => !c.derived);
  const types = nameRecordFrom(original.map((c) => [c.name, 'text' as const] as const));
  const result = await intake(await fileSource(path), { requireText: false, types, maxRows: options.maxRows });
  const columns = original.map((c) => c.name);
  const vectors = columns.map((c) => result.table.getChild(c));
  const { stats } = result;
  // The file's lines are counted (one more pass, no parsing) so the notes can say how they add up.
  const lines = stats.format === 'csv' && !stats.truncated ? await countFileLines(path, stats.encoding) : undefined;
  const account = readAccount(stats, result.problems, lines);
  return {
    columns,
    roles: new Map(original.map((c) => [c.name, c.role])),
    notes: describeRead(account, path),
    account,
    rowCount: result.table.numRows,
    row: (r) =>
      vectors.map((v) => {
        const value: unknown = v?.get(r);
        return value === null || value === undefined ? '' : String(value);
      }),
  };
}

/** Reads a whole table into rows of text cells (see `openTableForCli`); for files that fit in memory as rows. */
export async function readTableForCli(path: string, options: { maxRows?: number } = {}): Promise<CliTable> {
  const source = await openTableForCli(path, options);
  const rows = new Array<string[]>(source.rowCount);
  for (let r = 0; r < source.rowCount; r++) rows[r] = source.row(r);
  return { columns: source.columns, rows, roles: source.roles, notes: source.notes };
}

/** The item fields for one row: materials/colour/season columns go to their labelled slots; the other
 * text columns are the name, or the description when `descriptionColumns` holds them. */
export function rowFields(table: Pick<CliTable, 'columns' | 'roles'>, row: string[], textColumns: readonly number[], descriptionColumns: ReadonlySet<number>): ItemTextFields {
  const fields: ItemTextFields = {};
  const name: string[] = [];
  const description: string[] = [];
  for (const c of textColumns) {
    const value = row[c] ?? '';
    if (!value) continue;
    const role = table.roles.get(table.columns[c]!);
    if (role === 'materials') fields.materials = value;
    else if (role === 'colours') fields.colors = value;
    else if (role === 'season') fields.season = value;
    else (descriptionColumns.has(c) ? description : name).push(value);
  }
  fields.name = name.join(' ');
  fields.description = description.join(' ');
  return fields;
}

/** Rows read to tell name columns from description columns by their cells' length. */
const SHAPE_SAMPLE_ROWS = 2000;

/** The text columns that hold descriptions (header words such as "description", or long cells). */
export function descriptionColumnsOf(table: { columns: readonly string[]; rowCount: number; row(r: number): string[] }, textColumns: readonly number[]): Set<number> {
  const shapes = textColumns.map((c) => {
    let chars = 0;
    let cells = 0;
    for (let r = 0; r < Math.min(table.rowCount, SHAPE_SAMPLE_ROWS); r++) {
      const value = table.row(r)[c] ?? '';
      if (value) (chars += value.length), cells++;
    }
    return { name: table.columns[c]!, meanChars: cells ? chars / cells : 0 };
  });
  const { descriptions } = splitTextColumns(shapes);
  return new Set(textColumns.filter((c) => descriptions.includes(table.columns[c]!)));
}

const USAGE = `Usage: trendloom classify <file> [--text <col>[,<col>…]] [--out <file.csv>] [--top-k K] [--raw]

Labels every item of a catalogue (CSV, Arrow or Parquet) with the built-in Llama classifier:
article type, sub-category, master category, colour, usage (style), gender and season.

  --text <cols>   columns holding the item's text, comma-separated (default: the columns
                  the intake recognises as item text); a name and a description column are
                  both read (\`--text name,description\`): the model sees "<name> Details: <description>"
  --out <file>    write the CSV here (default: standard output)
  --top-k K       also write the next K-1 labels per head (pred_<head>_2, prob_<head>_2, …)
  --model <dir>   another model folder (default: the shipped public/models/trendloom-classifier)
  --head <file>   a fine-tuned head (trendloom train-head): adds pred_<label> and prob_<label>;
                  give it more than once for several heads
  --max-rows <n|all>  read at most n rows (default 3,000,000); 'all' reads every row
  --raw           write every cell exactly as read; by default a cell that a spreadsheet would
                  run as a formula (starting with =, +, -, @, tab or CR, and not a plain number
                  such as -3.5) gets a leading ' so it shows as text

Rows that cannot be read are left out and listed (line and reason) on standard error, with how
the file's lines add up. --out is written to a temporary file and renamed when complete; it may
not be the catalogue, a --head file, or inside --model.

Output: every input column, then pred_<head>, prob_<head> (the calibrated probability) and
sure_<head> (true/false: false when the model is unsure — low calibrated confidence, or text unlike
anything it was trained on; the thresholds come from the model's config.json) for each head.`;

/** What classify needs from the classifier: the shipped one on onnxruntime-node, or a stand-in in tests. */
export interface CliClassifier extends EmbeddingModel {
  /** Head names in model order. */
  readonly heads: readonly string[];
  /** The model's input template (`Item: {text}`). */
  readonly config: Pick<ClassifierConfig, 'input_template'> & Partial<Pick<ClassifierConfig, 'hidden_size'>>;
  /** Labels ready-made input texts (identical texts are run once). */
  classifyTexts(texts: readonly string[], options: { topK?: number }): Promise<ItemPrediction[]>;
}

/** Loads the classifier from a model folder (undefined: the shipped one). */
export type ClassifierLoader = (modelDir: string | undefined) => Promise<CliClassifier>;

/** The real loader: the shipped classifier on onnxruntime-node, imported on demand so other commands do not load it. */
export const nodeClassifier: ClassifierLoader = async (modelDir) => {
  const { loadNodeClassifier, DEFAULT_MODEL_DIR } = await import('../model/session.node.ts');
  return loadNodeClassifier(modelDir ?? DEFAULT_MODEL_DIR);
};

/** Rows labelled and written per step: the output's memory is bounded by this, not by the file. */
export const CLASSIFY_BATCH_ROWS = 4096;

/** Distinct texts whose prediction cells are remembered across batches (repeated items are run once). */
const PREDICTION_CACHE_LIMIT = 50_000;

/** The classifier's output columns: pred_<head>, prob_<head>, sure_<head> (and pred/prob _2… for top-k), per head (core/columnKinds.ts). */
export function predictionHeader(heads: readonly string[], topK: number): string[] {
  return modelColumnNames(heads, topK);
}

/** One item's cells for `predictionHeader`: label and probability (4 decimals) per head and rank, and the sure flag. */
export function predictionCells(prediction: ItemPrediction, heads: readonly string[], topK: number): string[] {
  const cells: string[] = [];
  for (const head of heads) {
    const { top, sure } = prediction.heads[head]!;
    for (let k = 0; k < topK; k++) {
      cells.push(top[k]?.label ?? '', top[k] ? top[k]!.probability.toFixed(4) : '');
      if (k === 0) cells.push(String(sure));
    }
  }
  return cells;
}

/** Builds the classify command with a given classifier loader (tests pass a stand-in). */
export function makeClassifyCommand(loadClassifier: ClassifierLoader = nodeClassifier): CliCommand {
  return {
    name: 'classify',
    summary: 'Label every item of a catalogue with the built-in Llama classifier.',
    usage: USAGE,
    async run(argv: string[], io: CliIO): Promise<number> {
      const args = parseArgs(argv, { flags: ['raw'], values: ['text', 'out', 'top-k', 'model', 'max-rows'], repeatable: ['head'] });
      const file = args.positional[0];
      if (!file) throw new CliUsageError('Name the catalogue file to classify.');
      const topKText = optionValue(args, 'top-k') ?? '1';
      const topK = Number(topKText);
      if (!Number.isInteger(topK) || topK < 1 || topK > 20) throw new CliUsageError(`--top-k must be a whole number from 1 to 20 (got "${topKText}").`);
      const maxRowsText = optionValue(args, 'max-rows');
      const maxRows = maxRowsText === undefined ? undefined : parseMaxRows(maxRowsText);
      const outPath = optionValue(args, 'out');
      const headPaths = args.options.get('head') ?? [];
      const modelDir = optionValue(args, 'model');
      // The output is checked (not an input, folder writable) before any work, written as batches
      // complete to a temporary file, and renamed over --out only when every row is written.
      const inputs = [{ label: 'the catalogue', path: file }, ...headPaths.map((path) => ({ label: 'the head file', path }))];
      const folders = modelDir ? [{ label: 'the model folder', path: modelDir }] : [];
      const started = Date.now();
      const rows = await withOutputs(inputs, outPath ? [{ option: '--out', path: outPath }] : [], async (files) => {
        const output = files.get('--out');
        const write = output
          ? (text: string) => output.write(text)
          : async (text: string) => {
              io.out(text);
              await io.drain?.();
            };
        return classifyToCsv(file, { topK, headPaths, modelDir, text: optionValue(args, 'text'), maxRows, raw: args.options.has('raw') }, loadClassifier, write, io);
      }, folders);
      const seconds = (Date.now() - started) / 1000;
      io.err(`classify: ${rows.toLocaleString('en')} items in ${seconds.toFixed(1)} s${outPath ? ` → ${outPath}` : ''}\n`);
      return 0;
    },
  };
}

/** Reads the catalogue, labels it batch by batch and hands each batch's CSV lines to `write`; resolves to the row count. */
async function classifyToCsv(
  file: string,
  options: { topK: number; headPaths: readonly string[]; modelDir: string | undefined; text: string | undefined; maxRows: number | undefined; raw: boolean },
  loadClassifier: ClassifierLoader,
  write: (text: string) => Promise<void>,
  io: CliIO,
): Promise<number> {
  const { topK } = options;
  // Cells (input cells, head labels, column names) are neutralised for spreadsheets unless --raw.
  const field = options.raw ? csvField : spreadsheetField;
  // A head file that is missing or not a head stops the command before the catalogue is read.
  const heads = options.headPaths.length > 0 ? await readHeadFiles(options.headPaths) : [];
  const table = await openTableForCli(file, { maxRows: options.maxRows });
  for (const note of table.notes) io.err(note.startsWith(' ') ? `${note}\n` : `classify: ${note}\n`);
  let textNames: string[];
  if (options.text) {
    textNames = options.text.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = textNames.filter((n) => !table.columns.includes(n));
    if (unknown.length) {
      throw new CliUsageError(`No column named ${unknown.map((n) => `"${n}"`).join(', ')} in ${basename(file)}. Available columns: ${table.columns.join(', ')}.`);
    }
  } else {
    textNames = table.columns.filter((c) => table.roles.get(c) === 'text');
    if (!textNames.length) {
      throw new CliUsageError(`Could not tell which column holds the item text; choose with --text. Available columns: ${table.columns.join(', ')}.`);
    }
  }
  const textColumns = textNames.map((n) => table.columns.indexOf(n));
  // Heads are read and matched to the file's columns before the model is loaded or any row is
  // labelled: a head that cannot be applied stops here, not after the whole file.
  const headText = heads.map((head, h) => headReadColumns(head, options.headPaths[h]!, table.columns, basename(file), options.text ? textNames : undefined, textNames));
  heads.forEach((head, h) => {
    const trained = head.json.textColumns;
    const reads = headText[h]!;
    if (trained.length > 0 && trained.join('\u0000') !== reads.join('\u0000')) {
      io.err(`classify: the head ${basename(options.headPaths[h]!)} was trained on ${quoteList(trained)}; here it reads ${quoteList(reads)} (--text).\n`);
    }
  });
  const descriptionColumns = descriptionColumnsOf(table, textColumns);
  const classifier = await loadClassifier(options.modelDir);
  heads.forEach((head, h) => checkHeadFitsModel(head, options.headPaths[h]!, classifier));
  // The classifier's own pred_/prob_ columns (top-k included) are taken too: a head never shadows them.
  const reserved = predictionHeader(classifier.heads, 20);
  const total = table.rowCount;
  const cache = new Map<string, string[]>();
  let lastReport = 0;
  for (let start = 0; start === 0 || start < total; start += CLASSIFY_BATCH_ROWS) {
    const end = Math.min(total, start + CLASSIFY_BATCH_ROWS);
    const rows: string[][] = [];
    for (let r = start; r < end; r++) rows.push(table.row(r));
    const inputs = rows.map((row) => buildInputText(rowFields(table, row, textColumns, descriptionColumns), classifier.config.input_template));
    const missing = [...new Set(inputs.filter((text) => !cache.has(text)))];
    if (cache.size + missing.length > PREDICTION_CACHE_LIMIT) cache.clear();
    const predictions = missing.length > 0 ? await classifier.classifyTexts(missing, { topK }) : [];
    const batchCells = new Map(missing.map((text, i) => [text, predictionCells(predictions[i]!, classifier.heads, topK)]));
    for (const [text, cells] of batchCells) cache.set(text, cells);
    const headColumns = heads.length > 0 ? await headColumnsForRows(heads, headText, { columns: table.columns, rows }, classifier, reserved) : [];
    const lines: string[] = [];
    if (start === 0) lines.push([...table.columns, ...predictionHeader(classifier.heads, topK), ...headColumns.map((c) => c.name)].map(field).join(','));
    rows.forEach((row, i) => {
      const cells = [...row, ...(batchCells.get(inputs[i]!) ?? cache.get(inputs[i]!)!)];
      for (const column of headColumns) cells.push(column.values[i]!);
      lines.push(cells.map(field).join(','));
    });
    await write(`${lines.join('\n')}\n`);
    const now = Date.now();
    if (now - lastReport > 1000 || end === total) {
      lastReport = now;
      const line = `classify: ${end.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${total ? Math.round((100 * end) / total) : 100}%)`;
      // On a terminal the line is redrawn in place (and cleared at the end); otherwise one line a second.
      if (io.progress) io.progress(end === total ? '' : line);
      else io.err(`${line}\n`);
    }
  }
  return total;
}


/** Column names for a message: 'a', 'b' and 'c'. */
function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * The file's columns a head reads, in order: the `--text` columns when given (they stand in for
 * the columns the head was trained on), else the columns the head was trained on, else (a head
 * that does not name them) `fallback`. Throws a message naming the head, the missing columns and
 * the fix when the file lacks them.
 */
export function headReadColumns(head: LoadedHead, headPath: string, fileColumns: readonly string[], fileName: string, textOverride: readonly string[] | undefined, fallback: readonly string[]): string[] {
  const trained = head.json.textColumns;
  const reads = textOverride && textOverride.length > 0 ? [...textOverride] : trained.length > 0 ? [...trained] : [...fallback];
  const missing = reads.filter((c) => !fileColumns.includes(c));
  if (missing.length > 0) {
    const what = basename(headPath);
    throw new Error(
      `The head ${what} (it labels '${head.json.labelColumn}') reads the text of ${quoteList(trained.length > 0 ? trained : reads)}, but ${fileName} has no column ${quoteList(missing)}. ` +
        `Say which of ${fileName}'s columns hold the same kind of text with --text (for example --text ${fileColumns[0] ?? 'name'}); the head then reads those instead. ` +
        `Columns in ${fileName}: ${fileColumns.join(', ')}.`,
    );
  }
  return reads;
}

/**
 * Checks, with the classifier loaded but before any row is labelled, that a head built on the
 * classifier's features has the length this classifier gives (a head from another model does not).
 */
export function checkHeadFitsModel(head: LoadedHead, headPath: string, classifier: Pick<CliClassifier, 'heads' | 'labelsOf' | 'config'>): void {
  const embedding = head.json.featureSpec.embedding;
  const hidden = classifier.config.hidden_size;
  if (!embedding || hidden === undefined) return;
  const probabilities = embedding.features === 'embedding+probabilities' ? classifier.heads.reduce((sum, h) => sum + classifier.labelsOf(h).length, 0) : 0;
  const expected = hidden + probabilities;
  if (embedding.dim !== expected) {
    throw new Error(
      `The head ${basename(headPath)} was trained with another model (${embedding.source}: ${embedding.dim} features per item; this model gives ${expected}). ` +
        `Train the head again with this model (trendloom train-head), or classify with the model it was trained with (--model).`,
    );
  }
}

/**
 * The pred_<label>/prob_<label> columns of each head for a batch of rows, each head reading its
 * `headText` columns. Names already used by the file or by the classifier's own columns get the
 * suffix `_head` (then `_head2`, …), the same in every batch.
 */
async function headColumnsForRows(heads: readonly LoadedHead[], headText: readonly string[][], table: { columns: string[]; rows: string[][] }, model: EmbeddingModel, reserved: readonly string[]): Promise<OutputColumn[]> {
  const out: OutputColumn[] = [];
  for (const [h, head] of heads.entries()) {
    out.push(...(await headColumnsWithModel({ columns: [...table.columns, ...reserved, ...out.map((c) => c.name)], rows: table.rows }, [head], model, headText[h])));
  }
  return out;
}

/** `trendloom classify`: labels a catalogue file with the shipped classifier on onnxruntime-node. */
export const classifyCommand: CliCommand = makeClassifyCommand();
