import { tableFromArrays, Table, vectorFromArray, Bool } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { itemCellText, itemsCsvParts } from './itemsCsv.ts';

// Issue 17, item 7: the labelled items can be downloaded as CSV.
describe('items as CSV', () => {
  const table = tableFromArrays({
    name: ['Linen shirt, white', '=HYPERLINK("x")', 'Wrap "Rebecca" dress', null],
    launched: Float64Array.from([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 8, 12, 30), NaN, Date.UTC(2023, 11, 31)]),
    units: Float64Array.from([12, -3.5, 0, 7]),
  }).assign(new Table({ sure_articleType: vectorFromArray([true, false, null, true], new Bool()) }));

  it('writes the header and every row, quoting, neutralising formulas and writing dates as ISO days', () => {
    const csv = [...itemsCsvParts(table, ['name', 'launched', 'units', 'sure_articleType'], { dateColumns: new Set(['launched']) })].join('');
    expect(csv).toBe(
      [
        'name,launched,units,sure_articleType',
        '"Linen shirt, white",2024-03-01,12,true',
        `"'=HYPERLINK(""x"")",2024-03-08T12:30:00.000Z,-3.5,false`,
        '"Wrap ""Rebecca"" dress",,0,',
        ',2023-12-31,7,true',
        '',
      ].join('\n'),
    );
  });

  it('writes only the chosen rows, in parts of the given size, and leaves out columns the table lacks as empty', () => {
    const parts = [...itemsCsvParts(table, ['units', 'missing'], { rows: Int32Array.from([3, 0, 1]), rowsPerPart: 2 })];
    expect(parts).toEqual(['units,missing\n', '7,\n12,\n', '-3.5,\n']);
  });

  it('writes cells of other kinds as text', () => {
    expect(itemCellText(null)).toBe('');
    expect(itemCellText(NaN)).toBe('');
    expect(itemCellText(12n)).toBe('12');
    expect(itemCellText(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(itemCellText(vectorFromArray(['casual', 'minimal']))).toBe('casual|minimal');
  });
});
