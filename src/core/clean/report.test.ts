import { describe, expect, it } from 'vitest';
import { parseDateCell } from './date.ts';
import { parseNumberCell } from './number.ts';
import { CleanReportBuilder } from './report.ts';

describe('CleanReportBuilder', () => {
  it('counts values, missing cells and problems so that they add up', () => {
    const rows = [
      ['12', '2019-03-04'],
      ['', '31/02/2019'],
      ['abc', 'n/a'],
      ['7', '04/03/2019'],
    ];
    const report = new CleanReportBuilder(['units', 'date']);
    rows.forEach(([units, date], row) => {
      report.record(row, 0, parseNumberCell(units!));
      report.record(row, 1, parseDateCell(date!));
    });
    report.note(1, 'Dates like 04/03/2019 could be 4 March or 3 April.');
    report.note(1, 'Dates like 04/03/2019 could be 4 March or 3 April.');
    report.note(null, 'No text column.');
    expect(report.build()).toEqual({
      columns: [
        { column: 'units', cells: 4, values: 2, missing: 1, problems: 1, notes: [] },
        { column: 'date', cells: 4, values: 2, missing: 1, problems: 1, notes: ['Dates like 04/03/2019 could be 4 March or 3 April.'] },
      ],
      problems: [
        { row: 1, column: 'date', kind: 'impossible-date', message: "'31/02/2019' is not a real date: February 2019 has only 28 days" },
        { row: 2, column: 'units', kind: 'not-a-number', message: "'abc' is not a number" },
      ],
      problemCount: 2,
      problemsOmitted: 0,
      notes: ['No text column.'],
    });
  });

  it('caps the kept problems but counts them all', () => {
    const report = new CleanReportBuilder(['units'], { maxProblems: 3 });
    for (let row = 0; row < 10; row++) report.record(row, 0, parseNumberCell('bad'));
    const built = report.build();
    expect(built.problems.map((p) => p.row)).toEqual([0, 1, 2]);
    expect(built).toMatchObject({ problemCount: 10, problemsOmitted: 7, columns: [{ cells: 10, problems: 10 }] });
  });
});
