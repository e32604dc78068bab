/** `trendloom brief`: design-brief drafts (item names + a one-line brief) for a tag combination, read back by the classifier. */
import { modelProbabilityColumn, sureColumn } from '../core/columnKinds.ts';
import { basename } from 'node:path';
import { csvField, spreadsheetField } from '../core/csv/field.ts';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BRIEF_TAGS, catalogueNameSet, DEFAULT_GUIDE, DEFAULT_SAMPLING, draftBriefs, parseBriefTags, readNameHashes, type Draft, type DraftModel } from '../model/briefs.ts';
import type { Classifier } from '../model/classifier.ts';
import { readTableForCli } from './classify.ts';
import { CliUsageError, optionValue, parseArgs, type CliCommand, type CliIO } from './io.ts';
import { withOutputs } from './outputs.ts';

const USAGE = `Usage: trendloom brief --tags "<tag>=<value>,…" --n <N> [--seed S] [--temperature T] [--top-p P] [--out briefs.csv]

Drafts N candidate items for a tag combination with the model's language-model head: an item name
in catalogue style (the model's words) and a one-line brief written from the tags (the model was
trained to write names only). Each draft is read back by the classifier, so a draft that does not
say what was asked shows it.

  --tags <list>       the combination, e.g. "articleType=Dresses,baseColour=Green,usage=Casual";
                      tags: ${BRIEF_TAGS.join(', ')} (values as the model's labels)
  --n <N>             how many drafts (1 to 500)
  --seed <n>          seed of the sampler (default 1): the same seed, the same drafts
  --temperature <T>   softmax temperature, above 0 (default ${DEFAULT_SAMPLING.temperature}); lower is safer, higher more varied
  --top-p <P>         nucleus sampling: keep the most likely tokens up to probability P (default ${DEFAULT_SAMPLING.topP}; 1 = off)
  --top-k <K>         keep the K most likely tokens (default ${DEFAULT_SAMPLING.topK}; 0 = off)
  --unguided          plain sampling: no push towards the asked colour and article-type words and
                      no redrafting of drafts whose read-back contradicts a tag (see docs/model-card)
  --catalogue <file>  drafts equal to one of this catalogue's item names (case and spaces aside)
                      are dropped and drafted again; --catalogue-text <col> names its name column
                      (default: the column the intake recognises as item text). Drafts equal to a
                      name the model was trained on are always dropped (public/briefs/training-names.u32)
  --model <dir>       another model folder (default: the shipped public/models/trendloom-classifier)
  --out <file>        write the CSV here (default: standard output)
  --raw               write every cell exactly as written (by default a cell a spreadsheet would
                      run as a formula gets a leading ')

Output: one row per draft: draft, text (the name), brief, the asked tags (tag_<name>), and for
each tag the classifier's read-back read_<tag>, prob_<tag>, sure_<tag> (true/false), then
disagrees (the asked tags the read-back contradicts, separated by |).`;

/** The shipped hashes of the model's training names (npm run briefs:training-names). */
export const TRAINING_NAMES_FILE = fileURLToPath(new URL('../../public/briefs/training-names.u32', import.meta.url));

/** Loads the full classifier (generation needs its ONNX runtime and tokenizer). */
export type BriefClassifierLoader = (modelDir: string | undefined) => Promise<Classifier>;

const nodeLoader: BriefClassifierLoader = async (modelDir) => {
  const { loadNodeClassifier, DEFAULT_MODEL_DIR } = await import('../model/session.node.ts');
  return loadNodeClassifier(modelDir ?? DEFAULT_MODEL_DIR);
};

/** Loads the model folder's design-brief generator, if its config.json names one (injectable for tests). */
export type BriefGeneratorLoader = (modelDir: string | undefined, classifier: Classifier) => Promise<DraftModel | undefined>;

const nodeGeneratorLoader: BriefGeneratorLoader = async (modelDir, classifier) => {
  const { loadNodeGenerator, DEFAULT_MODEL_DIR } = await import('../model/session.node.ts');
  return loadNodeGenerator(modelDir ?? DEFAULT_MODEL_DIR, classifier.config);
};

function numberOption(args: ReturnType<typeof parseArgs>, name: string, check: (v: number) => boolean, rule: string): number | undefined {
  const text = optionValue(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new CliUsageError(`--${name} must be ${rule} (got "${text}").`);
  return value;
}

/** The CSV header of `trendloom brief`. */
export function briefHeader(): string[] {
  return ['draft', 'text', 'brief', 'brief_by', ...BRIEF_TAGS.map((t) => `tag_${t}`), ...BRIEF_TAGS.flatMap((t) => [`read_${t}`, modelProbabilityColumn(t), sureColumn(t)]), 'disagrees'];
}

/** One draft's cells for `briefHeader`. */
export function briefCells(draft: Draft, position: number, tags: Partial<Record<string, string>>): string[] {
  return [
    String(position),
    draft.text,
    draft.brief,
    draft.briefBy,
    ...BRIEF_TAGS.map((t) => tags[t] ?? ''),
    ...BRIEF_TAGS.flatMap((t) => {
      const r = draft.readBack[t];
      return r ? [r.label, r.probability.toFixed(4), String(r.sure)] : ['', '', ''];
    }),
    draft.disagrees.join('|'),
  ];
}

/** Builds the brief command with a given classifier loader. */
export function makeBriefCommand(loadClassifier: BriefClassifierLoader = nodeLoader, loadGenerator: BriefGeneratorLoader = nodeGeneratorLoader): CliCommand {
  return {
    name: 'brief',
    summary: 'Draft candidate items (name + brief) for a tag combination with the model.',
    usage: USAGE,
    async run(argv: string[], io: CliIO): Promise<number> {
      const args = parseArgs(argv, { flags: ['raw', 'unguided'], values: ['tags', 'n', 'seed', 'temperature', 'top-p', 'top-k', 'catalogue', 'catalogue-text', 'model', 'out'] });
      if (args.positional.length > 0) throw new CliUsageError(`Unexpected argument '${args.positional[0]}'.`);
      const tagsText = optionValue(args, 'tags');
      if (tagsText === undefined) throw new CliUsageError('Say what to draft with --tags, e.g. --tags "articleType=Dresses,baseColour=Green,usage=Casual".');
      let tags;
      try {
        tags = parseBriefTags(tagsText);
      } catch (error) {
        throw new CliUsageError((error as Error).message);
      }
      const n = numberOption(args, 'n', (v) => Number.isInteger(v) && v >= 1 && v <= 500, 'a whole number from 1 to 500');
      if (n === undefined) throw new CliUsageError('Say how many drafts with --n (e.g. --n 20).');
      const seed = numberOption(args, 'seed', Number.isInteger, 'a whole number') ?? 1;
      const temperature = numberOption(args, 'temperature', (v) => v > 0 && v <= 5, 'a number above 0 and at most 5');
      const topP = numberOption(args, 'top-p', (v) => v > 0 && v <= 1, 'a number above 0 and at most 1');
      const topK = numberOption(args, 'top-k', (v) => Number.isInteger(v) && v >= 0, 'a whole number of 0 or more');
      const cataloguePath = optionValue(args, 'catalogue');
      const catalogueText = optionValue(args, 'catalogue-text');
      if (catalogueText && !cataloguePath) throw new CliUsageError('--catalogue-text names a column of the --catalogue file; give the file too.');
      const modelDir = optionValue(args, 'model');
      const outPath = optionValue(args, 'out');
      const field = args.options.has('raw') ? csvField : spreadsheetField;
      const guided = !args.options.has('unguided');
      const started = Date.now();
      const summary = await withOutputs(
        cataloguePath ? [{ label: 'the catalogue', path: cataloguePath }] : [],
        outPath ? [{ option: '--out', path: outPath }] : [],
        async (files) => {
          let catalogue: Set<string> | undefined;
          if (cataloguePath) {
            const table = await readTableForCli(cataloguePath);
            const name = catalogueText ?? table.columns.find((c) => table.roles.get(c) === 'text');
            if (!name) throw new CliUsageError(`Could not tell which column of ${basename(cataloguePath)} holds the item names; choose with --catalogue-text. Available columns: ${table.columns.join(', ')}.`);
            const c = table.columns.indexOf(name);
            if (c < 0) throw new CliUsageError(`No column named "${name}" in ${basename(cataloguePath)}. Available columns: ${table.columns.join(', ')}.`);
            catalogue = catalogueNameSet(table.rows.map((r) => r[c] ?? ''));
          }
          const knownHashes = readNameHashes(new Uint8Array(await readFile(TRAINING_NAMES_FILE)));
          const classifier = await loadClassifier(modelDir);
          // Values the model has no label for cannot be asked (the read-back could never agree).
          for (const [tag, value] of Object.entries(tags)) {
            if (!classifier.heads.includes(tag)) continue;
            const labels = classifier.labelsOf(tag);
            if (!labels.includes(value!)) {
              const near = labels.filter((l) => l.toLowerCase() === value!.toLowerCase());
              throw new CliUsageError(`The model has no ${tag} "${value}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}. Its ${tag} labels: ${labels.slice(0, 60).join(', ')}${labels.length > 60 ? ', …' : ''}.`);
            }
          }
          io.err(`brief: drafting ${n} item${n === 1 ? '' : 's'} for ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ')}${guided ? ' (guided)' : ''}…\n`);
          const generator = await loadGenerator(modelDir, classifier);
          const result = await draftBriefs(classifier, tags, {
            n, seed, temperature, topP, topK, knownHashes,
            ...(generator ? { generator } : {}),
            ...(catalogue ? { catalogue } : {}),
            ...(guided ? { guide: DEFAULT_GUIDE } : {}),
          });
          const lines = [briefHeader().map(field).join(','), ...result.drafts.map((d, i) => briefCells(d, i + 1, tags).map(field).join(','))];
          const output = files.get('--out');
          if (output) await output.write(`${lines.join('\n')}\n`);
          else {
            io.out(`${lines.join('\n')}\n`);
            await io.drain?.();
          }
          return result;
        },
        modelDir ? [{ label: 'the model folder', path: modelDir }] : [],
      );
      const seconds = (Date.now() - started) / 1000;
      const agreeing = summary.drafts.filter((d) => d.disagrees.length === 0).length;
      io.err(
        `brief: ${summary.drafts.length} draft${summary.drafts.length === 1 ? '' : 's'}, ${agreeing} read back as asked` +
          `${summary.droppedCopies ? `, ${summary.droppedCopies} verbatim catalogue or training cop${summary.droppedCopies === 1 ? 'y' : 'ies'} dropped` : ''}` +
          `${summary.redrafted ? `, ${summary.redrafted} redrafted` : ''} in ${seconds.toFixed(1)} s${outPath ? ` → ${outPath}` : ''}\n`,
      );
      if (summary.drafts.length < n) io.err(`brief: only ${summary.drafts.length} of ${n} drafts could be written that are not empty or catalogue or training copies.\n`);
      return 0;
    },
  };
}

/** `trendloom brief` with the shipped classifier on onnxruntime-node. */
export const briefCommand: CliCommand = makeBriefCommand();
