import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ItemTextFields } from '../model/inputText.ts';
import { buildInputText } from '../model/inputText.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';

/** A table as the classify command sees it: column names and every cell as text. */
export interface CliTable {
  /** Column names in file order. */
  columns: string[];
  /** Rows of cells (same order as `columns`; missing cells are ''). */
  rows: string[][];
  /** Each column's role for the item text ('text', 'materials', 'colours', 'season' or 'other'). */
  roles: Map<string, string>;
}

/**
 * Reads the catalogue into text cells. This is the one place the CLI touches file formats: until
 * the shared intake (CSV/Arrow/Parquet → Arrow) is committed, it reads delimited text itself
 * (comma, semicolon, tab or pipe; quoted fields; UTF-8 with or without BOM), so swapping in the
 * intake later changes only this function.
 */
export async function readTableForCli(path: string): Promise<CliTable> {
  if (/\.(parquet|arrow|feather|xlsx)$/i.test(path)) {
    throw new Error(`"${basename(path)}" is not a text table; save it as CSV for now.`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot open "${path}": ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  const records = parseDelimited(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header || header.every((h) => !h.trim())) throw new Error(`"${basename(path)}" is empty: it has no header row.`);
  const columns = header.map((h, i) => h.trim() || `column_${i + 1}`);
  const rows = records.filter((r) => r.some((cell) => cell !== '')).map((r) => columns.map((_, i) => r[i] ?? ''));
  return { columns, rows, roles: new Map(columns.map((c) => [c, guessRole(c)])) };
}

/** Splits delimited text into records (RFC 4180 quoting); the delimiter is guessed from the first line. */
export function parseDelimited(text: string): string[][] {
  const newline = text.search(/\r?\n/);
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The item-text role of a column from its name (text, materials, colours, season or other). */
function guessRole(name: string): string {
  const n = name.toLowerCase();
  if (/material|fabric|composition/.test(n)) return 'materials';
  if (/colou?r/.test(n)) return 'colours';
  if (/season/.test(n)) return 'season';
  if (/name|title|description|desc|text|product/.test(n)) return 'text';
  return 'other';
}

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
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

Labels every item of a catalogue (CSV or other delimited text) with the built-in Llama classifier:
article type, sub-category, master category, colour, usage (style), gender and season.

  --text <cols>   columns holding the item's text, comma-separated (default: the columns
                  whose names look like item text: name, title, description…)
  --out <file>    write the CSV here (default: standard output)
  --top-k K       also write the next K-1 labels per head (pred_<head>_2, prob_<head>_2, …)
  --model <dir>   another model folder (default: the shipped public/models/trendloom-classifier)

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

    const header = [...table.columns];
    for (const head of classifier.heads) {
      header.push(`pred_${head}`, `prob_${head}`);
      for (let k = 2; k <= topK; k++) header.push(`pred_${head}_${k}`, `prob_${head}_${k}`);
    }
    const lines = [header.map(csvField).join(',')];
    table.rows.forEach((row, i) => {
      const cells = [...row];
      for (const head of classifier.heads) {
        const top = predictions[i]!.heads[head]!.top;
        for (let k = 0; k < topK; k++) cells.push(top[k]?.label ?? '', top[k] ? top[k]!.probability.toFixed(4) : '');
      }
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
