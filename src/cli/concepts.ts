/** `trendloom concepts`: design concepts scored for market potential against a labelled catalogue's forecasts (issue 14, part 2). */
import { modelLabelColumn, sureColumn } from '../core/columnKinds.ts';
import { basename } from 'node:path';
import { DataType, type Vector } from 'apache-arrow';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { codeColumn, datesOf } from '../core/dashboard/columns.ts';
import type { LabelCodes } from '../core/dashboard/cube.ts';
import type { PeriodGrain } from '../core/dashboard/periods.ts';
import { periodsPerYear } from '../core/series/periods.ts';
import { seriesForExport } from '../core/dashboard/seriesExport.ts';
import { sureFlagsOf } from '../core/dashboard/unsure.ts';
import { forecastSeries } from '../core/forecast/forecast.ts';
import { intake } from '../core/intake/intake.ts';
import { explainScore, rankConcepts, scoreConcept, seasonLengthOf, signedPercent, type AttributeSeries, type ConceptAttribute } from '../core/studio/potential.ts';
import { MODEL_HEAD_NAMES } from '../core/dashboard/facets.ts';
import { buildInputText } from '../model/inputText.ts';
import { itemTexts, textColumnNames } from '../model/predictionColumns.ts';
import { nodeClassifier, type ClassifierLoader } from './classify.ts';
import { fileSource } from './inspect.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';
import { TRENDS_MIN_ITEMS } from './trends.ts';

/** The model heads a concept is scored on, in this order (as the Studio tab). */
export const CONCEPT_HEADS = ['articleType', 'baseColour', 'usage', 'season', 'gender'] as const;

const PERIODS: Record<string, PeriodGrain> = { week: 'week', month: 'month', quarter: 'quarter', season: 'season', 'fashion-season': 'fashion-season', year: 'year' };

const usage = `Usage: trendloom concepts <concepts.csv> --text <col> --history <labelled catalogue> [--out scored.csv]

Scores design concepts (one per row of <concepts.csv>) for market potential. The model reads each
concept (article type, colour, usage, season, gender); for each attribute it is sure of, the share
of that value in the --history catalogue is forecast over the next season and compared with the same
season a year earlier. The potential is the mean log ratio of those shares (shown as the change of
their geometric mean, "+12 %") with an 80 % range from the forecast intervals; attributes the model
is unsure of do not count. Concepts are written best first, each with an explanation in words.

--history is a catalogue with dates. When it has the model's pred_<head> (and sure_<head>) columns,
as 'trendloom classify' writes them, those labels are used; otherwise it is labelled with the model
first (from its item-text columns, or --history-text).

Output: rank, the concepts' own columns, potential_pct (the change in per cent, e.g. 12.3) with
potential_low_pct / potential_high_pct (its 80 % range; equal to it when the forecasts have no
intervals), log_ratio (the score P), pred_<head> and sure_<head> per head, and the explanation.

Options:
  --text <col[,col]>       the concepts' text column(s)
  --history <file>         the catalogue whose trends the concepts are scored against
  --history-text <col,…>   its item-text columns, when it must be labelled (default: those the intake recognises)
  --period <p>             week, month, quarter, season (default), fashion-season or year
  --date <col>             the history's date column (default: the one the intake recognises)
  --min-items <n>          periods with fewer items are left out of the forecasts (default ${TRENDS_MIN_ITEMS})
  --out <file.csv>         write the scored concepts here (default: standard output)
  --model <dir>            another model folder
  --raw                    write cells exactly (by default a cell a spreadsheet would run as a formula gets a leading ')`;

/** Sure flags of a `sure_<head>` column read from a file: booleans, or the words true/false. */
function sureFlags(vector: Vector): Uint8Array {
  if (DataType.isBool(vector.type)) return sureFlagsOf(vector);
  return Uint8Array.from({ length: vector.length }, (_, i) => {
    const v = String(vector.get(i) ?? '').trim().toLowerCase();
    return v === 'true' || v === '1' || v === 'yes' ? 1 : v === 'false' || v === '0' || v === 'no' ? 0 : 2;
  });
}

/** Per head: label codes, values and sure flags of every history item. */
type HistoryLabels = Map<string, { labels: LabelCodes; values: string[]; sure?: Uint8Array }>;

/** The command with a given classifier loader (tests pass a stand-in). */
export function makeConceptsCommand(loadClassifier: ClassifierLoader = nodeClassifier): CliCommand {
  return {
    name: 'concepts',
    summary: 'Score design concepts for market potential against a catalogue\u2019s forecasts',
    usage,
    async run(argv: string[], io: CliIO): Promise<number> {
      const args = parseArgs(argv, { flags: ['raw'], values: ['text', 'history', 'history-text', 'period', 'date', 'min-items', 'out', 'model'] });
      if (args.positional.length !== 1) throw new CliUsageError('Give exactly one file of concepts.');
      const file = args.positional[0]!;
      const textOption = optionValue(args, 'text');
      if (!textOption) throw new CliUsageError('Say which column holds the concepts with --text (e.g. --text name).');
      const history = optionValue(args, 'history');
      if (!history) throw new CliUsageError('Name the catalogue to score against with --history (a labelled catalogue with dates).');
      const periodText = optionValue(args, 'period') ?? 'season';
      const grain = PERIODS[periodText];
      if (!grain) throw new CliUsageError(`--period must be week, month, quarter, season, fashion-season or year (got "${periodText}").`);
      const minText = optionValue(args, 'min-items');
      const minItems = minText === undefined ? TRENDS_MIN_ITEMS : Number(minText);
      if (!Number.isInteger(minItems) || minItems < 1) throw new CliUsageError(`--min-items must be a whole number of at least 1 (got "${minText}").`);
      const out = optionValue(args, 'out');
      const field = args.options.has('raw') ? csvField : spreadsheetField;

      const result = await withOutputs([{ label: 'the concepts', path: file }, { label: 'the history catalogue', path: history }], out ? [{ option: '--out', path: out }] : [], async (files) => {
        // The concepts.
        const read = await intake(await fileSource(file), { requireText: false });
        const textNames = textOption.split(',').map((s) => s.trim()).filter(Boolean);
        const names = read.columns.map((c) => c.name);
        const unknown = textNames.filter((n) => !names.includes(n));
        if (unknown.length) throw new CliUsageError(`--text: ${basename(file)} has no column ${unknown.map((n) => `"${n}"`).join(', ')}. Its columns: ${names.join(', ')}.`);
        const rows: number[] = [];
        const texts: string[] = [];
        for (let r = 0; r < read.table.numRows; r++) {
          const text = textNames.map((n) => read.table.getChild(n)!.get(r) as unknown).filter((v) => v !== null && v !== undefined && String(v).trim() !== '').join(' ').trim();
          if (text) rows.push(r), texts.push(text);
        }
        if (texts.length === 0) throw new Error(`No row of ${basename(file)} has a concept in ${textNames.map((n) => `"${n}"`).join(', ')}.`);

        // The history: its dates and its labels (its own pred_ columns, or the model's now).
        const past = await intake(await fileSource(history), { requireText: false });
        const pastNames = past.columns.map((c) => c.name);
        const dateName = optionValue(args, 'date') ?? past.dateColumn ?? past.columns.find((c) => c.role === 'date')?.name;
        if (!dateName || !past.table.getChild(dateName)) throw new Error(`${basename(history)} has no date column${dateName ? ` "${dateName}"` : ' the intake recognises'}, so its items cannot be put into periods. Name one with --date. Its columns: ${pastNames.join(', ')}.`);
        const dates = datesOf(past.table.getChild(dateName)!);
        if (!Array.from(dates).some(Number.isFinite)) throw new Error(`No row of ${basename(history)} has a date in "${dateName}" that could be read.`);
        const classifier = await loadClassifier(optionValue(args, 'model'));
        const heads: string[] = CONCEPT_HEADS.filter((h) => classifier.heads.includes(h));
        const labels: HistoryLabels = new Map();
        const labelledHeads = heads.filter((h) => past.table.getChild(modelLabelColumn(h)));
        if (labelledHeads.length > 0) {
          for (const head of labelledHeads) {
            const coded = codeColumn(past.table.getChild(modelLabelColumn(head))!);
            const sure = past.table.getChild(sureColumn(head));
            labels.set(head, { labels: coded.labels, values: coded.values, ...(sure ? { sure: sureFlags(sure) } : {}) });
          }
        } else {
          const historyText = optionValue(args, 'history-text')?.split(',').map((s) => s.trim()).filter(Boolean) ?? textColumnNames(past.columns);
          const missing = historyText.filter((n) => !pastNames.includes(n));
          if (missing.length) throw new CliUsageError(`--history-text: ${basename(history)} has no column ${missing.map((n) => `"${n}"`).join(', ')}. Its columns: ${pastNames.join(', ')}.`);
          if (historyText.length === 0) throw new CliUsageError(`${basename(history)} has no pred_<head> columns and no column the intake takes for item text; name its text columns with --history-text, or label it first with 'trendloom classify'. Its columns: ${pastNames.join(', ')}.`);
          io.err(`concepts: labelling ${past.table.numRows.toLocaleString('en')} history items with the model (no pred_ columns in ${basename(history)})…\n`);
          const itemInputs = itemTexts(past.table, historyText);
          labelHistory(labels, heads, await classifyAll(classifier, itemInputs));
        }
        // Concept labels.
        const conceptPredictions = await classifyAll(classifier, texts);
        const scoredHeads = heads.filter((h) => labels.has(h));
        const attributes: ConceptAttribute[][] = conceptPredictions.map((p) => scoredHeads.map((head) => ({ head, label: p.heads[head]!.label, sure: p.heads[head]!.sure, probability: p.heads[head]!.probability })));

        // Series, forecasts and scores.
        const perYear = periodsPerYear(grain);
        const seasonLength = seasonLengthOf(perYear);
        const seriesCache = new Map<string, AttributeSeries | undefined>();

        const exports = new Map(scoredHeads.map((head) => {
          const l = labels.get(head)!;
          return [head, seriesForExport({ dates, labels: l.labels, values: l.values, sure: l.sure, grain, minSupport: minItems, topN: 100_000, dropThin: true })] as const;
        }));
        const lookup = (head: string, label: string): AttributeSeries | undefined => {
          const key = `${head}=${label}`;
          if (!seriesCache.has(key)) {
            const s = exports.get(head)?.series.find((x) => x.label === label);
            let value: AttributeSeries | undefined;
            if (s && s.share.some(Number.isFinite)) {
              const f = forecastSeries(key, s.share, { horizon: seasonLength, period: perYear, share: true });
              if (Array.from(f.point).some(Number.isFinite)) value = { history: s.share, point: f.point, ...(f.lo80 && f.hi80 ? { lo80: f.lo80, hi80: f.hi80 } : {}) };
            }
            seriesCache.set(key, value);
          }
          return seriesCache.get(key);
        };
        const scores = attributes.map((a) => scoreConcept(a, lookup, perYear, seasonLength));
        const ranking = rankConcepts(scores);
        const periods = exports.get(scoredHeads[0]!)?.periods ?? [];

        const headName = (h: string) => (MODEL_HEAD_NAMES[h] ?? h).toLowerCase();

        // The table: rank, the concept's own columns, the score, the labels, the words.
        const header = ['rank', ...names, 'potential_pct', 'potential_low_pct', 'potential_high_pct', 'log_ratio', ...scoredHeads.flatMap((h) => [modelLabelColumn(h), sureColumn(h)]), 'explanation'];
        const lines = [header.map(field).join(',')];
        for (const [rank, i] of ranking.entries()) {
          const s = scores[i]!;
          const row = rows[i]!;
          const own = names.map((n) => {
            const v: unknown = read.table.getChild(n)!.get(row);
            return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
          });
          // Percentages as plain numbers (a leading + would read as a formula in a spreadsheet).
          const pct = (v: number) => (Number.isFinite(v) ? (100 * v).toFixed(1) : '');
          lines.push([String(rank + 1), ...own, pct(s.change), pct(s.changeLo), pct(s.changeHi), Number.isFinite(s.potential) ? s.potential.toFixed(4) : '', ...s.attributes.flatMap((a) => [a.label, String(a.sure)]), explainScore(s, headName)].map(field).join(','));
        }
        const csv = `${lines.join('\n')}\n`;
        const output = files.get('--out');
        if (output) await output.write(csv);
        else io.out(csv);
        return { scores, ranking, texts, periods };
      });
      const { scores, ranking, texts, periods } = result;
      const best = ranking[0]!;
      io.err(`concepts: ${texts.length} concepts scored against ${periods.length} periods of the history (${periods[0] ?? '—'} … ${periods[periods.length - 1] ?? '—'}), next ${periodText} vs the same ${periodText} a year earlier; best: "${texts[best]}" ${signedPercent(scores[best]!.change)}.\n`);
      const unscored = scores.filter((s) => !Number.isFinite(s.potential)).length;
      if (unscored) io.err(`concepts: ${unscored} ${unscored === 1 ? 'concept has' : 'concepts have'} no score (no sure attribute with a forecast); ${unscored === 1 ? 'it is' : 'they are'} listed last.\n`);
      if (out) io.err(`Wrote ${out}\n`);
      return 0;
    },
  };
}

/** Labels texts with the classifier in batches (identical texts once). */
async function classifyAll(classifier: Awaited<ReturnType<ClassifierLoader>>, texts: readonly string[]) {
  const inputs = texts.map((t) => buildInputText(t, classifier.config.input_template));
  const out = [];
  for (let start = 0; start < inputs.length; start += 4096) out.push(...(await classifier.classifyTexts(inputs.slice(start, start + 4096), { topK: 1 })));
  return out;
}

/** History labels from predictions: codes into each head's values, sure flags (2 = no label, for empty text). */
function labelHistory(labels: HistoryLabels, heads: readonly string[], predictions: Awaited<ReturnType<typeof classifyAll>>): void {
  for (const head of heads) {
    const values: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(predictions.length);
    const sure = new Uint8Array(predictions.length);
    predictions.forEach((p, i) => {
      const h = p.heads[head]!;
      let code = index.get(h.label);
      if (code === undefined) index.set(h.label, (code = values.push(h.label) - 1));
      codes[i] = code;
      sure[i] = h.sure ? 1 : 0;
    });
    labels.set(head, { labels: { kind: 'single', codes }, values, sure });
  }
}

/** The `concepts` command with the shipped classifier. */
export const conceptsCommand: CliCommand = makeConceptsCommand();
