/**
 * `npm run bench:handwritten`: the classifier on the English catalogues written by hand for issue 12
 * (`test/fixtures/classifier/en-catalogue-test/`, never trained on; its README says which were blind),
 * read as `trendloom classify --text name,description` reads them (the CLI's `descriptionColumnsOf` and
 * `rowFields`: each column a name or a description by its header and the length of its cells). Per file, for the article type:
 * accuracy (right when the label is one of the row's `expected` labels), the share and accuracy of the
 * sure labels, and how many labels are sure and wrong — the confidently wrong labels a designer would
 * trust. Accuracy only; no timing. `--names` reads the name column as a name whatever its length. Since 8 Dec 2026
 * the CLI itself reads a column headed name/title/product as names up to 200 characters a cell (splitTextColumns), so
 * for these files (`name`, marketplace titles of 69 characters on average) `--names` changes nothing; before, the
 * marketplace titles reached the model as descriptions.
 *   npm run bench:handwritten -- [--model <dir>] [--json <file>] [--names]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { descriptionColumnsOf, rowFields } from '../src/cli/classify.ts';
import { parseArgs } from '../src/cli/io.ts';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

const FILES = ['development', 'highstreet', 'marketplace'] as const;
const args = parseArgs(process.argv.slice(2), { values: ['model', 'json'], flags: ['names'] });
const asNames = args.options.has('names');
const modelDir = args.options.get('model')?.[0] ?? DEFAULT_MODEL_DIR;

/** One file's figures for the article type. */
interface FileScore {
  file: string;
  items: number;
  right: number;
  sure: number;
  sureRight: number;
  /** Sure and wrong: name, label, probability, expected. */
  sureWrong: [string, string, number, string][];
}

const classifier = await loadNodeClassifier(modelDir, { threads: 2 });
const scores: FileScore[] = [];
for (const file of FILES) {
  const { columns, rows } = readCsvRows(readFileSync(`test/fixtures/classifier/en-catalogue-test/${file}.csv`, 'utf8'));
  const at = (name: string) => columns.indexOf(name);
  // As `trendloom classify --text name,description` reads them: the CLI's own split of name and description columns and its item fields.
  const table = { columns, rowCount: rows.length, row: (r: number) => rows[r]!, roles: new Map<string, string>() };
  const textColumns = [at('name'), at('description')];
  const descriptionColumns = asNames ? new Set([at('description')]) : descriptionColumnsOf(table, textColumns);
  const predictions = await classifier.classifyItems(rows.map((row) => rowFields(table, row, textColumns, descriptionColumns)));
  const score: FileScore = { file, items: rows.length, right: 0, sure: 0, sureRight: 0, sureWrong: [] };
  rows.forEach((row, i) => {
    const { label, probability, sure } = predictions[i]!.heads.articleType!;
    const expected = row[at('expected')]!;
    const ok = expected.split('|').includes(label);
    score.right += ok ? 1 : 0;
    if (sure) {
      score.sure++;
      score.sureRight += ok ? 1 : 0;
      if (!ok) score.sureWrong.push([row[at('name')]!, label, Number(probability.toFixed(3)), expected]);
    }
  });
  scores.push(score);
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '–');
console.log(`Model: ${modelDir}${asNames ? ' (name columns read as names)' : ''}`);
console.log('| file | items | article type acc | sure: share @ acc | sure and wrong |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const s of scores) console.log(`| ${s.file} | ${s.items} | ${pct(s.right, s.items)} % | ${pct(s.sure, s.items)} % @ ${pct(s.sureRight, s.sure)} % | ${s.sureWrong.length} |`);
for (const s of scores) for (const [name, label, p, expected] of s.sureWrong) console.log(`  ${s.file}: "${name}" → ${label} ${p} (expected ${expected})`);
const json = args.options.get('json')?.[0];
if (json) writeFileSync(json, JSON.stringify({ model: modelDir, scores }, null, 1));
