/** `trendloom train-head`: trains a head on a file's labelled rows and saves it as JSON. */
import type { CsvRows } from '../core/csv/textRows.ts';
import { checkHeadLabels, HeadLabelsError, keepFrequentLabels, labelFrequencies, MAX_HEAD_LABELS, trainHead, type EmbedFn, type HeadTrainOptions, type TrainHeadResult } from '../core/finetune/head.ts';
import type { TrainHooks } from '../core/finetune/linear.ts';
import type { ClassificationReport } from '../core/metrics/classification.ts';
import { terminalText } from '../core/terminalText.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { parseMaxRows } from './inspect.ts';
import { withOutputs } from './outputs.ts';

/** The model features train-head uses by default (see docs/BENCHMARKS.md, Fine-tuning). */
export const DEFAULT_FEATURES = 'embedding';

const USAGE = `Usage: trendloom train-head <file.csv> --text <col[,col…]> --label <col> --out <head.json> [options]

Trains a head on the rows whose label cell is not empty and prints its validation metrics.

Options:
  --text <cols>         Text column(s), comma-separated; joined with a space per row.
  --label <col>         The label column to learn.
  --sep <s>             Cells are label lists split on <s> (e.g. '|'): a multi-label head.
  --out <head.json>     Where to write the head.
  --validation <share>  Share of labelled rows held out for validation (default 0.15).
  --seed <n>            Seed of the train/validation split (default 42).
  --epochs <n>          Most training epochs (default 100; early stopping usually ends sooner).
  --hash-bits <n>       2^n hashed n-gram features (default 16, fewer for many labels; 0 = embedding only).
  --class-weight <w>    'none' (default) or 'balanced'.
  --max-labels <n>      Keep only the n most frequent labels (2 to 2000); rows whose labels are all
                        rarer are left out (a note says how many). Without it, a column with more
                        than 2000 different labels, or fewer than 2 rows per label, is refused.
  --embedding <mode>    'auto' (default: the classifier's embedding when the model is available),
                        'model' (require it) or 'none' (n-grams only).
  --model <dir>         Model folder for the embedding (default public/models/trendloom-classifier).
  --features <f>        Model features: 'embedding' (default) or 'embedding+probabilities'
                        (also every class probability of the model's own heads).
  --no-refit            Keep the model fitted without the validation rows (by default, once
                        validation has chosen the epochs, the head is refitted on all labelled rows).
  --max-rows <n|all>    Read at most n rows (default 3,000,000); 'all' reads every row.
  --json                Print the metrics as JSON instead of a table.
`;

/**
 * Reads a table for train-head through the shared intake (CSV, Arrow, Parquet; every cell as
 * text), the same reader `trendloom classify` uses; warnings (rows left out) go to `warn`.
 */
export async function readTableFile(path: string, warn: (line: string) => void = () => {}, options: { maxRows?: number } = {}): Promise<CsvRows> {
  const { readTableForCli } = await import('./classify.ts');
  const table = await readTableForCli(path, options);
  for (const note of table.notes) warn(note);
  if (table.columns.length === 0) throw new Error(`'${path}' is empty.`);
  return { columns: table.columns, rows: table.rows };
}

/** Texts (text columns joined) and label sets (split on sep; empty cell = unlabelled) of a table. */
export function textsAndLabels(table: CsvRows, textColumns: readonly string[], labelColumn: string, sep: string | null): { texts: string[]; labels: string[][] } {
  const missing = [...textColumns, labelColumn].filter((c) => !table.columns.includes(c));
  if (missing.length > 0) throw new Error(`The file has no column ${missing.map((m) => `'${m}'`).join(', ')}. Its columns are: ${table.columns.join(', ')}.`);
  const textIdx = textColumns.map((c) => table.columns.indexOf(c));
  const labelIdx = table.columns.indexOf(labelColumn);
  const texts = table.rows.map((r) => textIdx.map((i) => r[i] ?? '').join(' ').trim());
  const labels = table.rows.map((r) => {
    const cell = (r[labelIdx] ?? '').trim();
    if (!cell) return [];
    return sep ? [...new Set(cell.split(sep).map((s) => s.trim()).filter(Boolean))] : [cell];
  });
  return { texts, labels };
}

/** A plain-text block of a report: accuracy and micro/macro P/R/F1. */
export function formatReport(report: ClassificationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `  accuracy  ${pct(report.accuracy)}   (${report.count} validation rows)`,
    `  micro     precision ${pct(report.micro.precision)}  recall ${pct(report.micro.recall)}  F1 ${pct(report.micro.f1)}`,
    `  macro     precision ${pct(report.macro.precision)}  recall ${pct(report.macro.recall)}  F1 ${pct(report.macro.f1)}`,
  ].join('\n');
}

function numberOption(args: ReturnType<typeof parseArgs>, name: string, check: (n: number) => boolean): number | undefined {
  const raw = optionValue(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new CliUsageError(`--${name} '${raw}' is not valid.`);
  return n;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Seconds between progress lines when standard error is not a terminal (a long run writes a few, not one per epoch). */
const PROGRESS_LINE_SECONDS = 15;

/** Training hooks that report progress, and `finish` to call once training is over. */
export interface ProgressReporter extends TrainHooks {
  /** Ends the report: clears the in-place line, or writes how the training part ended. */
  finish(): void;
}

/**
 * Progress of a training run. On a terminal (`io.progress`): one line redrawn in place (step,
 * epoch, held-out accuracy so far), cleared at the end. Otherwise a few whole lines: each step as
 * it starts, the epoch reached every PROGRESS_LINE_SECONDS, how training ended, and the refit.
 * The refit on all labelled rows has no held-out rows, so it reports no accuracy.
 */
export function progressHooks(io: CliIO, run: { labelled: number; maxEpochs: number }, now: () => number = Date.now): ProgressReporter {
  const inPlace = io.progress;
  let lastLine = now();
  let lastDraw = 0;
  let phase: 'before' | 'training' | 'refit' = 'before';
  let trainRows = 0;
  let epoch = 0;
  let refitEpochs = 0;
  let best = { accuracy: Number.NaN, epoch: 0 };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const bestText = () => (Number.isNaN(best.accuracy) ? '' : `best so far: epoch ${best.epoch}, held-out accuracy ${pct(best.accuracy)}`);
  // A step's first line: always shown (in place on a terminal, as a line otherwise).
  const step = (text: string) => {
    lastLine = now();
    if (inPlace) inPlace(text);
    else io.err(`${text}\n`);
  };
  // A progress update: redrawn at most 10 times a second on a terminal, a line every PROGRESS_LINE_SECONDS otherwise.
  const update = (text: string) => {
    const t = now();
    if (inPlace) {
      if (t - lastDraw >= 100) (lastDraw = t), inPlace(text);
    } else if (t - lastLine >= PROGRESS_LINE_SECONDS * 1000) {
      lastLine = t;
      io.err(`  ${text}\n`);
    }
  };
  const endTraining = () => {
    if (phase !== 'training') return;
    const line = `Stopped after epoch ${epoch} of at most ${run.maxEpochs}${Number.isNaN(best.accuracy) ? '' : `; kept epoch ${best.epoch} (held-out accuracy ${pct(best.accuracy)})`}.`;
    if (!inPlace) io.err(`${line}\n`);
  };
  const startRefit = () => {
    endTraining();
    phase = 'refit';
    refitEpochs = best.epoch || epoch;
    epoch = 0;
    step(`Refitting on all ${count(run.labelled)} labelled rows for ${refitEpochs} epochs (no rows are held out, so the accuracy reported is the one measured before)…`);
  };
  return {
    onProgress(p) {
      if (p.stage === 'features' && p.done === 0) step(`Building text features for ${count(p.total)} rows…`);
      else if (p.stage === 'embedding' && p.done === 0) step(`Computing the classifier's embedding for ${count(p.total)} rows…`);
      else if (p.stage === 'training') {
        if (phase === 'before') {
          phase = 'training';
          trainRows = p.total;
          const held = run.labelled - trainRows;
          step(`Training on ${count(trainRows)} rows, checking on ${count(held)} held-out rows (at most ${run.maxEpochs} epochs; it stops early when held-out accuracy stops improving)…`);
        } else if (phase === 'training' && p.total === run.labelled && trainRows !== run.labelled && p.done === 0) {
          startRefit();
        } else if (phase === 'training') {
          update(`Training: epoch ${epoch + 1} of at most ${run.maxEpochs}, ${Math.floor((100 * p.done) / Math.max(1, p.total))}% of its rows${bestText() ? `; ${bestText()}` : ''}`);
        } else {
          update(`Refitting on all ${count(run.labelled)} labelled rows: epoch ${epoch + 1} of ${refitEpochs}, ${Math.floor((100 * p.done) / Math.max(1, p.total))}% of its rows`);
        }
      }
    },
    onEpoch(e) {
      if (Number.isNaN(e.validationAccuracy)) {
        // The refit on all labelled rows: nothing is held out, so there is no accuracy to report.
        if (phase !== 'refit') startRefit();
        epoch = e.epoch;
        update(`Refitting on all ${count(run.labelled)} labelled rows: epoch ${e.epoch} of ${refitEpochs}`);
        return;
      }
      phase = 'training';
      epoch = e.epoch;
      if (e.improved || Number.isNaN(best.accuracy)) best = { accuracy: e.validationAccuracy, epoch: e.epoch };
      update(`Training: epoch ${e.epoch} of at most ${run.maxEpochs}, held-out accuracy ${pct(e.validationAccuracy)}${best.epoch !== e.epoch ? `; ${bestText()}` : ''}`);
    },
    finish() {
      endTraining();
      phase = 'before';
      inPlace?.('');
    },
  };
}

/** Where the CLI gets the frozen model's features; replaced in tests. */
export type EmbedderLoader = (
  modelDir: string,
  required: boolean,
  features: 'embedding' | 'embedding+probabilities',
  io: CliIO,
) => Promise<{ embed: EmbedFn; source: string } | null>;

/** The real loader: the shipped classifier on onnxruntime-node, when its folder holds a model. */
export const modelEmbedder: EmbedderLoader = async (modelDir, required, features) => {
  // Imported on demand so other commands do not load onnxruntime-node.
  const { loadModelEmbedder } = await import('../model/head/loadEmbedder.node.ts');
  const loaded = await loadModelEmbedder(modelDir, { headProbabilities: features === 'embedding+probabilities' });
  if (!loaded && required) throw new Error(`The classifier's embedding is not available: no model in '${modelDir}'.`);
  return loaded;
};

/** Builds the train-head command with a given embedding loader. */
export function makeTrainHeadCommand(loadEmbedder: EmbedderLoader = modelEmbedder): CliCommand {
  return {
    name: 'train-head',
    summary: 'Train a label head on a file\u2019s labelled rows (local fine-tuning).',
    usage: USAGE,
    async run(argv, io) {
      const args = parseArgs(argv, { flags: ['json', 'no-refit'], values: ['text', 'label', 'sep', 'out', 'model', 'max-rows', 'validation', 'seed', 'epochs', 'hash-bits', 'max-labels', 'class-weight', 'features', 'embedding'] });
      const [file, ...extra] = args.positional;
      if (!file) throw new CliUsageError('Give the file to train on.');
      if (extra.length > 0) throw new CliUsageError(`Unexpected argument '${extra[0]}'.`);
      const text = optionValue(args, 'text');
      const label = optionValue(args, 'label');
      const out = optionValue(args, 'out');
      if (!text) throw new CliUsageError('Give the text column(s) with --text.');
      if (!label) throw new CliUsageError('Give the label column with --label.');
      if (!out) throw new CliUsageError('Give where to write the head with --out.');
      const sep = optionValue(args, 'sep') ?? null;
      const mode = optionValue(args, 'embedding') ?? 'auto';
      if (!['auto', 'model', 'none'].includes(mode)) throw new CliUsageError(`--embedding must be auto, model or none, not '${mode}'.`);
      const classWeight = optionValue(args, 'class-weight') ?? 'none';
      if (classWeight !== 'none' && classWeight !== 'balanced') throw new CliUsageError(`--class-weight must be none or balanced, not '${classWeight}'.`);
      const textColumns = text.split(',').map((s) => s.trim()).filter(Boolean);
      const options: HeadTrainOptions = {
        labelColumn: label,
        textColumns,
        separator: sep,
        multiLabel: sep !== null,
        classWeight,
        validation: numberOption(args, 'validation', (n) => n > 0 && n < 1),
        splitSeed: numberOption(args, 'seed', Number.isInteger),
        maxEpochs: numberOption(args, 'epochs', (n) => Number.isInteger(n) && n > 0),
        hashBits: numberOption(args, 'hash-bits', (n) => Number.isInteger(n) && n >= 0 && n <= 24),
        refit: optionValue(args, 'no-refit') !== 'true',
      };
      const maxLabels = numberOption(args, 'max-labels', (n) => Number.isInteger(n) && n >= 2 && n <= MAX_HEAD_LABELS);
      const maxRowsText = optionValue(args, 'max-rows');
      const maxRows = maxRowsText === undefined ? undefined : parseMaxRows(maxRowsText);

      const modelDir = optionValue(args, 'model') ?? 'public/models/trendloom-classifier';
      const features = optionValue(args, 'features') ?? DEFAULT_FEATURES;
      if (features !== 'embedding' && features !== 'embedding+probabilities') throw new CliUsageError(`--features must be embedding or embedding+probabilities, not '${features}'.`);
      // The head file is checked (not the input, folder writable) before any work, and written whole or not at all.
      const { result, started } = await withOutputs([{ label: 'the training file', path: file }], [{ option: '--out', path: out }], async (files) => {
        const table = await readTableFile(file, (note) => io.err(`${note}\n`), { maxRows });
        const read = textsAndLabels(table, textColumns, label, sep);
        const { texts } = read;
        let { labels } = read;
        const labelled = labels.filter((l) => l.length > 0).length;
        io.err(`Read ${count(table.rows.length)} rows; ${count(labelled)} have a '${label}' label (${count(labelFrequencies(labels).length)} different labels).\n`);
        if (maxLabels !== undefined) {
          const cap = keepFrequentLabels(labels, maxLabels);
          labels = cap.labels;
          if (cap.dropped > 0) io.err(`Kept the ${count(cap.kept)} most frequent labels; ${count(cap.dropped)} rarer labels are left out, and with them ${count(cap.rowsLeftOut)} rows that had no other label.\n`);
        }
        // Refused here, before the model is loaded or any feature built, when the head would be too big to learn.
        try {
          checkHeadLabels(labels, { labelColumn: label });
        } catch (error) {
          if (error instanceof HeadLabelsError) throw new Error(error.suggestedMax > 0 ? `${error.message} Here: --max-labels ${error.suggestedMax}.` : error.message);
          throw error;
        }
        const embedder = mode === 'none' ? null : await loadEmbedder(modelDir, mode === 'model', features, io);
        if (embedder) {
          options.embeddingSource = embedder.source;
          options.embeddingFeatures = features;
        }
        io.err(embedder ? `Features: the classifier's embedding (${embedder.source}) + hashed word/char n-grams.\n` : 'Features: hashed word/char n-grams (no model embedding).\n');
        const started = Date.now();
        const reporter = progressHooks(io, { labelled: labels.filter((l) => l.length > 0).length, maxEpochs: options.maxEpochs ?? 100 });
        let result: TrainHeadResult;
        try {
          result = await trainHead(texts, labels, options, embedder?.embed, reporter);
        } finally {
          reporter.finish();
        }
        await files.get('--out')!.write(JSON.stringify(result.head));
        return { result, started };
      }, mode === 'none' ? [] : [{ label: 'the model folder', path: modelDir }]);
      const { head, report } = result;
      if (optionValue(args, 'json') === 'true') {
        io.out(`${JSON.stringify({ out, kind: head.kind, labels: head.labels.length, ...head.metrics })}\n`);
      } else {
        io.out(terminalText(
          `Trained a ${head.kind === 'softmax' ? 'single-label' : 'multi-label'} head for '${label}' (${head.labels.length} labels) on ${count(head.metrics.trainCount)} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; kept epoch ${head.metrics.bestEpoch}` +
            `${options.refit ? `, then refitted on all ${count(head.metrics.trainCount + head.metrics.validationCount)} labelled rows` : ''}.\n` +
            `Validation on ${count(head.metrics.validationCount)} held-out rows${options.refit ? ' (measured before the refit, which holds no rows out)' : ''}:\n${formatReport(report)}\nWrote ${out}\n`,
        ));
      }
      return 0;
    },
  };
}

/** The `train-head` command as registered in the CLI. */
export const trainHeadCommand: CliCommand = makeTrainHeadCommand();
