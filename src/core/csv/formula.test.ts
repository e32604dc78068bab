/** Formula-like cells are neutralised for spreadsheets (OWASP CSV injection); plain numbers stay numbers. */
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from './textRows.ts';
import { seriesToCsv } from '../report/report.ts';
import { isFormulaLike, neutralizeFormula, spreadsheetField } from './field.ts';

const cases: { cell: string; neutral: string; field: string }[] = [
  { cell: '=HYPERLINK("http://evil.example","open")', neutral: `'=HYPERLINK("http://evil.example","open")`, field: `"'=HYPERLINK(""http://evil.example"",""open"")"` },
  { cell: '+1+2', neutral: "'+1+2", field: "'+1+2" },
  { cell: "-2+3+cmd|' /C calc'!A0", neutral: "'-2+3+cmd|' /C calc'!A0", field: "'-2+3+cmd|' /C calc'!A0" },
  { cell: '@SUM(A1:A9)', neutral: "'@SUM(A1:A9)", field: "'@SUM(A1:A9)" },
  { cell: '\t=1+1', neutral: "'\t=1+1", field: "'\t=1+1" },
  { cell: '\r=1+1', neutral: "'\r=1+1", field: `"'\r=1+1"` },
  { cell: '-', neutral: "'-", field: "'-" },
  { cell: '-3.5', neutral: '-3.5', field: '-3.5' },
  { cell: '+2', neutral: '+2', field: '+2' },
  { cell: '-1e-4', neutral: '-1e-4', field: '-1e-4' },
  { cell: '-.5', neutral: '-.5', field: '-.5' },
  { cell: 'linen shirt', neutral: 'linen shirt', field: 'linen shirt' },
  { cell: 'a=b', neutral: 'a=b', field: 'a=b' },
  { cell: 'Navy, Blue', neutral: 'Navy, Blue', field: '"Navy, Blue"' },
  { cell: '', neutral: '', field: '' },
];

describe('neutralizeFormula', () => {
  it.each(cases)('$cell', ({ cell, neutral, field }) => {
    expect(neutralizeFormula(cell)).toBe(neutral);
    expect(isFormulaLike(cell)).toBe(neutral !== cell);
    expect(spreadsheetField(cell)).toBe(field);
  });
});

describe('the app\u2019s Trends / Forecasts CSV (seriesToCsv) neutralises series names and periods', () => {
  it.each([
    { label: '=1+1', header: "'=1+1", band: "'=1+1" },
    { label: '@cmd', header: "'@cmd", band: "'@cmd" },
    // "-3.5" alone reads as a number; "-3.5__lo80" would be a formula, so it is neutralised.
    { label: '-3.5', header: '-3.5', band: "'-3.5" },
    { label: 'wool', header: 'wool', band: 'wool' },
  ])('series $label', ({ label, header, band }) => {
    const csv = seriesToCsv(['=AW24', 'SS25'], [{ label, values: [0.1, -0.25] }], {
      periods: ['AW25'],
      forecasts: new Map([[label, { point: [-0.5], lo80: [-1], hi80: [0] }]]),
    });
    const rows = readCsvRows(csv);
    expect(rows[0]).toEqual(['period', 'kind', header, `${band}__lo80`, `${band}__hi80`, `${band}__lo95`, `${band}__hi95`]);
    expect(rows[1]).toEqual(["'=AW24", 'history', '0.1', '', '', '', '']);
    expect(rows[2]).toEqual(['SS25', 'history', '-0.25', '', '', '', '']);
    expect(rows[3]).toEqual(['AW25', 'forecast', '-0.5', '-1', '0', '', '']);
  });
});
