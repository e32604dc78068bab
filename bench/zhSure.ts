/**
 * `npm run bench:zh-sure`: the shipped classifier on the 320 hand-written Chinese product titles
 * (`test/fixtures/classifier/zh-catalogue-test.csv`, never trained on), per head: accuracy, and the
 * share and accuracy of its sure labels with and without config.json's script rule
 * (`unsure.scripts`). The rule was chosen on the odd rows; the even rows are the report. Sub- and
 * masterCategory truths are derived from the articleType through Myntra's styles.csv. Accuracy only.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { sureUnder } from '../src/model/calibration.ts';
import { DEFAULT_MODEL_DIR, loadNodeClassifier } from '../src/model/session.node.ts';

const read = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
const titles = read('test/fixtures/classifier/zh-catalogue-test.csv');
const subOf = new Map<string, string>();
const masterOf = new Map<string, string>();
for (const style of read('../shared/data/fashion-products/styles.csv')) {
  subOf.set(style.articleType!, style.subCategory!);
  masterOf.set(style.articleType!, style.masterCategory!);
}
const truthOf = (row: Record<string, string>, head: string) =>
  head === 'subCategory' ? subOf.get(row.articleType!) : head === 'masterCategory' ? masterOf.get(row.articleType!) : row[head] || undefined;

const classifier = await loadNodeClassifier(DEFAULT_MODEL_DIR, { threads: 2 });
const predictions = await classifier.classifyItems(titles.map((row) => row.name!));
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '–');
console.log('| rows | head | items | acc | sure without the rule: share @ acc | sure with the rule: share @ acc |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [rows, keep] of [['odd (chose the rule)', (i: number) => i % 2 === 1], ['even (report)', (i: number) => i % 2 === 0]] as const) {
  for (const head of classifier.heads) {
    let n = 0, right = 0, sureBefore = 0, rightBefore = 0, sureAfter = 0, rightAfter = 0;
    titles.forEach((row, i) => {
      const truth = truthOf(row, head);
      if (!keep(i) || !truth) return;
      const { label, probability, sure } = predictions[i]!.heads[head]!;
      const ok = label === truth ? 1 : 0;
      n++;
      right += ok;
      if (sureUnder(classifier.calibration, head, probability)) (sureBefore++, (rightBefore += ok));
      if (sure) (sureAfter++, (rightAfter += ok));
    });
    if (n) console.log(`| ${rows} | ${head} | ${n} | ${pct(right, n)} | ${pct(sureBefore, n)} % @ ${pct(rightBefore, sureBefore)} % | ${pct(sureAfter, n)} % @ ${pct(rightAfter, sureAfter)} % |`);
  }
}
