/**
 * `npm run bench:handwritten`: the classifier on the English catalogues written by hand for issue 12
 * (`test/fixtures/classifier/en-catalogue-test/`, never trained on; its README says which were blind),
 * read as `trendloom classify --text name,description` reads them (each column a name or a description by its
 * header and the length of its cells, `splitTextColumns`). Per file, for the article type:
 * accuracy (right when the label is one of the row's `expected` labels), the share and accuracy of the
 * sure labels, and how many labels are sure and wrong — the confidently wrong labels a designer would
 * trust. Accuracy only; no timing.
 *   npm run bench:handwritten -- [--model <dir>] [--json <file>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parseArgs } from '../src/cli/io.ts';
import { splitTextColumns } from '../src/model/inputText.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

const FILES = ['development', 'highstreet', 'marketplace'] as const;
const args = parseArgs(process.argv.slice(2), { values: ['model', 'json'] });
const modelDir = args.options.get('model')?.[0] ?? DEFAULT_MODEL_DIR;
const read = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

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
  const rows = read(`test/fixtures/classifier/en-catalogue-test/${file}.csv`);
  // As `trendloom classify --text name,description` and the app read them: each column a name or a description by its header and cells.
  const shape = (column: string) => {
    const cells = rows.map((row) => row[column] ?? '').filter(Boolean);
    return { name: column, meanChars: cells.length ? cells.reduce((sum, c) => sum + c.length, 0) / cells.length : 0 };
  };
  const roles = splitTextColumns([shape('name'), shape('description')]);
  const fieldOf = (row: Record<string, string>, columns: string[]) => columns.map((c) => row[c] ?? '').filter(Boolean).join(' ');
  const predictions = await classifier.classifyItems(rows.map((row) => ({ name: fieldOf(row, roles.names), description: fieldOf(row, roles.descriptions) })));
  const score: FileScore = { file, items: rows.length, right: 0, sure: 0, sureRight: 0, sureWrong: [] };
  rows.forEach((row, i) => {
    const { label, probability, sure } = predictions[i]!.heads.articleType!;
    const ok = (row.expected ?? '').split('|').includes(label);
    score.right += ok ? 1 : 0;
    if (sure) {
      score.sure++;
      score.sureRight += ok ? 1 : 0;
      if (!ok) score.sureWrong.push([row.name ?? '', label, Number(probability.toFixed(3)), row.expected ?? '']);
    }
  });
  scores.push(score);
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '–');
console.log(`Model: ${modelDir}`);
console.log('| file | items | article type acc | sure: share @ acc | sure and wrong |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const s of scores) console.log(`| ${s.file} | ${s.items} | ${pct(s.right, s.items)} % | ${pct(s.sure, s.items)} % @ ${pct(s.sureRight, s.sure)} % | ${s.sureWrong.length} |`);
for (const s of scores) for (const [name, label, p, expected] of s.sureWrong) console.log(`  ${s.file}: "${name}" → ${label} ${p} (expected ${expected})`);
const json = args.options.get('json')?.[0];
if (json) writeFileSync(json, JSON.stringify({ model: modelDir, scores }, null, 1));
