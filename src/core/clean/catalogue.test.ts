import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFixtureCsv } from '../../../test/fixtures/clean/readCsv.ts';
import { inferColumnType } from './infer.ts';
import { makeCellReader } from './read.ts';
import { CleanReportBuilder } from './report.ts';
import { guessRoles } from './roles.ts';

// A small made-up catalogue with the usual troubles: Chinese headers, decimal commas with a
// currency sign, day/month dates that only one row settles, an impossible date, a word in a
// number column, missing cells, multi-label styles. Written for this test.
const text = readFileSync(new URL('../../../test/fixtures/clean/messy-catalogue.csv', import.meta.url), 'utf8');
const rows = readFixtureCsv(text);
const [header, ...body] = rows as [string[], ...string[][]];

describe('a messy catalogue, end to end', () => {
  const columns = header.map((name, i) => {
    const samples = body.map((row) => row[i] ?? '');
    return { name, samples, inference: inferColumnType({ name, samples }) };
  });
  const mapping = guessRoles(columns);

  it('reads the file the way a person would', () => {
    expect(columns.map((c) => c.inference.type)).toEqual(['id', 'text', 'category', 'category', 'category', 'multi-label', 'date', 'number', 'number', 'category']);
    expect(mapping.columns.map((g) => g.role)).toEqual(['id', 'text', 'category', 'colours', 'materials', 'styles', 'date', 'price', 'units', 'region']);
    expect(mapping.textColumn).toBe('商品名称');
    expect(mapping.time).toEqual({ kind: 'date', column: '上市日期' });
  });

  it('decides the date order and the decimal comma from the data', () => {
    expect(columns[6]!.inference.dateFormat).toMatchObject({ order: 'dmy', orderDecidedBy: 'data' });
    expect(columns[7]!.inference.numberFormat?.decimal).toBe(',');
  });

  it('reports every bad cell once, and the totals add up', () => {
    const report = new CleanReportBuilder(header);
    const readers = columns.map((c) => makeCellReader(c.inference));
    body.forEach((row, r) => row.forEach((raw, c) => report.record(r, c, readers[c]!(raw))));
    const built = report.build();
    expect(built.problems).toEqual([
      { row: 3, column: '上市日期', kind: 'impossible-date', message: "'31/02/2019' is not a real date: February 2019 has only 28 days" },
      { row: 4, column: '销量', kind: 'not-a-number', message: "'many' is not a number" },
    ]);
    for (const column of built.columns) {
      expect(column.cells).toBe(body.length);
      expect(column.values + column.missing + column.problems).toBe(column.cells);
    }
    expect(built.columns[7]).toMatchObject({ column: '价格', values: 5, missing: 1, problems: 0 });
    expect(readers[7]!('€ 1.299,00')).toBe(1299);
    expect(readers[5]!('通勤|简约')).toEqual(['通勤', '简约']);
  });
});
