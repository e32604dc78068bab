import fc from 'fast-check';
import { englishText } from '../messages.ts';
import { describe, expect, it } from 'vitest';
import { detectNumberFormat, parseNumberCell } from './number.ts';
import { isCellProblem } from './types.ts';

describe('parseNumberCell', () => {
  it.each([
    ['42', 42],
    ['-42', -42],
    ['+7', 7],
    ['3.5', 3.5],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1,23,456', 123456], // Indian grouping
    ["1'234.5", 1234.5],
    ['12%', 0.12],
    ['12.5 %', 0.125],
    ['€12', 12],
    ['€ 1,299.00', 1299],
    ['$-5', -5],
    ['-$5', -5],
    ['£3.20', 3.2],
    ['¥1000', 1000],
    ['₹ 499', 499],
    ['12 EUR', 12],
    ['USD 12.5', 12.5],
    ['12EUR', 12],
    ['Rs. 1,299', 1299],
    ['Rs 499', 499],
    ['(12.50)', -12.5],
    ['12-', -12],
    ['−3', -3], // unicode minus
    ['  7  ', 7],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['-0', 0],
    ['1\u00a0234.5', 1234.5], // no-break space as thousands
  ])('reads %s as %s', (raw, expected) => {
    expect(parseNumberCell(raw)).toBe(expected);
  });

  it.each([
    ['1.234,5', 1234.5],
    ['0,5', 0.5],
    ['1 234,5', 1234.5],
    ['€ 12,99', 12.99],
    ['12,5%', 0.125],
    ['1.234.567', 1234567],
  ])('reads %s with a decimal comma as %s', (raw, expected) => {
    expect(parseNumberCell(raw, ',')).toBe(expected);
  });

  it.each(['', '   ', 'n/a', 'N/A', 'NA', 'null', 'None', '-', '?', 'nan', 'NaN', '#N/A'])('reads %j as missing', (raw) => {
    expect(parseNumberCell(raw)).toBeNull();
  });

  it.each([
    ['abc', "'abc' is not a number"],
    ['12abc', "'12abc' is not a number"],
    ['1.2.3', "'1.2.3' is not a number"],
    ['(12', "'(12' is not a number"],
    ['$', "'$' is not a number"],
    ['1,2', "'1,2' is not a number in this column's style (it writes decimals with '.')"],
    ['1,2345', "'1,2345' is not a number in this column's style (it writes decimals with '.')"],
    ['12345,678', "'12345,678' is not a number in this column's style (it writes decimals with '.')"],
    ['2019-03-04', "'2019-03-04' is not a number"],
  ])('reports %s as a problem', (raw, message) => {
    const result = parseNumberCell(raw);
    expect(isCellProblem(result)).toBe(true);
    expect(result).toMatchObject({ kind: 'not-a-number', message });
  });

  it('agrees with Number() on plain decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (whole, decimals) => {
        const text = (whole / 10 ** decimals).toFixed(decimals);
        expect(parseNumberCell(text)).toBe(Number(text));
      }),
    );
  });

  it('reads back numbers written with thousands separators in either style (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (whole, cents, comma) => {
        const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, comma ? '.' : ',');
        const text = `${grouped}${comma ? ',' : '.'}${cents.toString().padStart(2, '0')}`;
        expect(parseNumberCell(text, comma ? ',' : '.')).toBe(Number(`${whole}.${cents.toString().padStart(2, '0')}`));
      }),
    );
  });
});

describe('detectNumberFormat', () => {
  it.each([
    [['1,234.5', '12'], '.', 'data'],
    [['1.234,5', '3'], ',', 'data'],
    [['0,5', '1,25'], ',', 'data'],
    [['1.234.567'], ',', 'data'],
    [['1,234,567'], '.', 'data'],
    [['12', '7', 'n/a'], '.', 'default'],
    [['1,234', '5,678'], '.', 'default'],
    [['€ 12,99', '€ 5,00'], ',', 'data'],
  ] as const)('decides %j → %s (%s)', (samples, decimal, decidedBy) => {
    const format = detectNumberFormat(samples);
    expect(format.decimal).toBe(decimal);
    expect(format.decidedBy).toBe(decidedBy);
  });

  it('notes an ambiguous thousands separator', () => {
    expect(englishText(detectNumberFormat(['1,234', '2,500']).note!)).toBe(
      "Numbers like '1,234' could use either '.' or ',' for thousands; we read '.' as the decimal mark and ',' as thousands.",
    );
  });

  it('notes a column that mixes both styles', () => {
    expect(englishText(detectNumberFormat(['1,5', '2,25', '3.5']).note!)).toBe(
      "Most numbers in this column use ',' for decimals, but 1 uses '.'; we read ',' as the decimal mark.",
    );
  });
});
