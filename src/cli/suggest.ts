/** `trendloom suggest`: the rows of a catalogue most worth labelling next (the teach loop's picks). */
import { basename } from 'node:path';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { headNeedsEmbedding, predictWithHead } from '../core/finetune/head.ts';
import { suggestItemsToLabel } from '../core/finetune/suggest.ts';
import { cachedEmbedFn, modelEmbedFn } from '../model/head/embedding.ts';
import { readHeadFiles } from '../model/head/classifyHeads.node.ts';
import { buildInputText } from '../model/inputText.ts';
import { descriptionColumnsOf, headReadColumns, nodeClassifier, openTableForCli, rowFields, type ClassifierLoader } from './classify.ts';
import { parseMaxRows } from './inspect.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';
import { maxOf } from '../core/extent.ts';

const USAGE = `Usage: trendloom suggest <file> --text <col>[,<col>…] --n <N> [--head <head.json>] [--out <rows.csv>]

Picks the N rows most worth labelling next: items the model is unsure about that also stand for
many similar items, spread over different kinds of item (not N near-copies). Label them, train a
head on them (trendloom train-head), then run suggest again with --head for the next batch.

  --text <cols>   columns holding the item's text, comma-separated (default: the columns the
                  intake recognises as item text)
  --n <N>         how many rows to suggest
  --head <file>   a taught head (trendloom train-head): its calibrated confidence decides what is
                  unsure; without it, the built-in classifier's article-type confidence does
  --model <dir>   another model folder (default: the shipped public/models/trendloom-classifier)
  --out <file>    write the CSV here (default: standard output); written to a temporary file and
                  renamed when complete
  --seed <n>      seed of the sampling and tie-breaking (default 1); the same seed, same picks
  --max-rows <n|all>  read at most n rows (default 3,000,000); 'all' reads every row
  --raw           write every cell exactly as read (by default a cell a spreadsheet would run as a
                  formula gets a leading ')

Output: every input column, the rows in order of value (most worth labelling first).`;

/** The confidence the suggestions rest on, per row, and what it came from (for the summary line). */
interface Confidence {
  values: Float32Array;
  source: string;
}

/** Builds the suggest command with a given classifier loader (tests pass a stand-in). */
export function makeSuggestCommand(loadClassifier: ClassifierLoader = nodeClassifier): CliCommand {
  return {
    name: 'suggest',
    summary: 'Pick the rows most worth labelling next to teach the model.',
    usage: USAGE,
    async run(argv: string[], io: CliIO): Promise<number> {
      const args = parseArgs(argv, { flags: ['raw'], values: ['text', 'n', 'out', 'model', 'seed', 'max-rows'], repeatable: ['head'] });
      const [file, ...extra] = args.positional;
      if (!file) throw new CliUsageError('Name the catalogue file to pick rows from.');
      if (extra.length > 0) throw new CliUsageError(`Unexpected argument '${extra[0]}'.`);
      const nText = optionValue(args, 'n');
      if (nText === undefined) throw new CliUsageError('Say how many rows to suggest with --n (e.g. --n 20).');
      const n = Number(nText);
      if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--n must be a whole number of 1 or more (got "${nText}").`);
      const seedText = optionValue(args, 'seed') ?? '1';
      const seed = Number(seedText);
      if (!Number.isInteger(seed)) throw new CliUsageError(`--seed must be a whole number (got "${seedText}").`);
      const maxRowsText = optionValue(args, 'max-rows');
      const maxRows = maxRowsText === undefined ? undefined : parseMaxRows(maxRowsText);
      const headPaths = args.options.get('head') ?? [];
      if (headPaths.length > 1) throw new CliUsageError('Give one --head: suggestions follow the head being taught.');
      const headPath = headPaths[0];
      const outPath = optionValue(args, 'out');
      const modelDir = optionValue(args, 'model');
      const field = args.options.has('raw') ? csvField : spreadsheetField;
      const inputs = [{ label: 'the catalogue', path: file }, ...(headPath ? [{ label: 'the head file', path: headPath }] : [])];
      const folders = modelDir ? [{ label: 'the model folder', path: modelDir }] : [];
      const started = Date.now();
      const summary = await withOutputs(inputs, outPath ? [{ option: '--out', path: outPath }] : [], async (files) => {
        const table = await openTableForCli(file, { maxRows });
        for (const note of table.notes) io.err(note.startsWith(' ') ? `${note}\n` : `suggest: ${note}\n`);
        let textNames: string[];
        const textOption = optionValue(args, 'text');
        if (textOption) {
          textNames = textOption.split(',').map((s) => s.trim()).filter(Boolean);
          const unknown = textNames.filter((name) => !table.columns.includes(name));
          if (unknown.length) throw new CliUsageError(`No column named ${unknown.map((name) => `"${name}"`).join(', ')} in ${basename(file)}. Available columns: ${table.columns.join(', ')}.`);
        } else {
          textNames = table.columns.filter((c) => table.roles.get(c) === 'text');
          if (!textNames.length) throw new CliUsageError(`Could not tell which column holds the item text; choose with --text. Available columns: ${table.columns.join(', ')}.`);
        }
        if (table.rowCount === 0) throw new Error(`'${basename(file)}' has no rows to suggest from.`);
        const rows: string[][] = [];
        for (let r = 0; r < table.rowCount; r++) rows.push(table.row(r));
        const textColumns = textNames.map((name) => table.columns.indexOf(name));
        const texts = rows.map((row) => textColumns.map((c) => row[c] ?? '').join(' ').trim());

        let confidence: Confidence;
        if (headPath) {
          const [head] = await readHeadFiles([headPath]);
          // As in classify: --text names the file's columns the head reads in place of those it was trained on.
          const headText = headReadColumns(head!, headPath, table.columns, basename(file), textOption ? textNames : undefined, textNames);
          const headIdx = headText.map((c) => table.columns.indexOf(c));
          const headTexts = rows.map((row) => headIdx.map((c) => row[c] ?? '').join(' ').trim());
          let embed;
          if (headNeedsEmbedding(head!)) {
            io.err(`suggest: loading the classifier for the head's embedding…\n`);
            const classifier = await loadClassifier(modelDir);
            embed = cachedEmbedFn(modelEmbedFn(classifier, { headProbabilities: head!.json.featureSpec.embedding?.features === 'embedding+probabilities' }));
          }
          const predictions = await predictWithHead(head!, headTexts, embed);
          confidence = { values: Float32Array.from(predictions, (p) => maxOf(p.all)), source: `the head for '${head!.json.labelColumn}'` };
        } else {
          const classifier = await loadClassifier(modelDir);
          const headName = classifier.heads.includes('articleType') ? 'articleType' : classifier.heads[0]!;
          const descriptionColumns = descriptionColumnsOf(table, textColumns);
          const modelInputs = rows.map((row) => buildInputText(rowFields(table, row, textColumns, descriptionColumns), classifier.config.input_template));
          io.err(`suggest: labelling ${rows.length.toLocaleString('en')} rows with the classifier…\n`);
          const predictions = await classifier.classifyTexts(modelInputs, {});
          confidence = { values: Float32Array.from(predictions, (p) => p.heads[headName]!.probability), source: `the classifier's ${headName} confidence` };
        }

        const picks = suggestItemsToLabel({ texts, confidence: confidence.values }, n, { seed });
        const lines = [table.columns.map(field).join(','), ...picks.map((r) => rows[r]!.map(field).join(','))];
        const output = files.get('--out');
        if (output) await output.write(`${lines.join('\n')}\n`);
        else {
          io.out(`${lines.join('\n')}\n`);
          await io.drain?.();
        }
        const unsure = picks.length ? picks.reduce((sum, r) => sum + (1 - confidence.values[r]!), 0) / picks.length : 0;
        return { picked: picks.length, total: rows.length, source: confidence.source, unsure };
      }, folders);
      const seconds = (Date.now() - started) / 1000;
      io.err(
        `suggest: ${summary.picked.toLocaleString('en')} of ${summary.total.toLocaleString('en')} rows to label next (by ${summary.source}; ` +
          `mean confidence of the picks ${(100 * (1 - summary.unsure)).toFixed(0)} %) in ${seconds.toFixed(1)} s${outPath ? ` → ${outPath}` : ''}\n`,
      );
      return 0;
    },
  };
}

/** `trendloom suggest`: the rows most worth labelling next, with the shipped classifier on onnxruntime-node. */
export const suggestCommand: CliCommand = makeSuggestCommand();
