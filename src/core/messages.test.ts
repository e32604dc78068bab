import { describe, expect, it } from 'vitest';
import { parseNumberCell } from './clean/number.ts';
import { bytesSource, intake } from './intake/intake.ts';
import { coreMessage, englishMessages, englishText, isCoreMessage, renderMessage, type MessageTemplates } from './messages.ts';

describe('core messages', () => {
  it('fill parameters, nested messages, plurals and capitals', () => {
    const reason = coreMessage('cell.not-a-number', { cell: "'abc'" });
    expect(englishText(coreMessage('problem.cell-emptied', { reason }))).toBe("'abc' is not a number; the cell was left empty (the row is kept).");
    expect(englishText(coreMessage('row.unclosed-quote', { lines: 1 }))).toContain('(1 line)');
    expect(englishText(coreMessage('row.unclosed-quote', { lines: 4 }))).toContain('(4 lines)');
    expect(englishText(coreMessage('row.too-few-values', { count: 1, columns: 3, delimiter: coreMessage('delimiter.semicolon') }))).toBe(
      'This row has 1 value but the file has 3 columns; it was left out. (A missing semicolon or a line break inside an unquoted cell can cause this.)',
    );
    const lower: MessageTemplates = { ...englishMessages, 'cell.not-a-number': 'bad {cell}' };
    expect(renderMessage(lower, coreMessage('problem.cell-emptied', { reason: coreMessage('cell.not-a-number', { cell: 'x' }) }))).toMatch(/^Bad x; /);
    // A forecast message naming a lower-case series is not capitalised.
    expect(englishText(coreMessage('forecast.no-numbers', { name: 'br_female_pants' }))).toBe('br_female_pants has no numbers to forecast from.');
    expect(isCoreMessage(reason)).toBe(true);
    expect(isCoreMessage({ code: 'no-such-code' })).toBe(false);
  });

  it('reach the problems and errors of intake with the English text unchanged', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `shirt ${i},${i + 1},2024-01-${String(i + 1).padStart(2, '0')}`);
    const csv = ['name,units,date', ...rows, 'trousers,many,2024-02-01', 'skirt,4', ''].join('\n');
    const result = await intake(bytesSource(new TextEncoder().encode(csv), 'c.csv'), { requireText: false });
    const units = result.problems.find((p) => p.column === 'units')!;
    expect(units.message).toBe("'many' is not a number; the cell was left empty (the row is kept).");
    expect(units.detail).toEqual({ code: 'problem.cell-emptied', params: { reason: { code: 'cell.not-a-number', params: { cell: "'many'" } } } });
    const ragged = result.problems.find((p) => p.column === null)!;
    expect(ragged.detail?.code).toBe('row.too-few-values');
    expect(ragged.message).toBe(englishText(ragged.detail!));
    await expect(intake(bytesSource(new Uint8Array(0), 'empty.csv'))).rejects.toMatchObject({ code: 'empty-file', detail: { code: 'file.empty' }, message: englishMessages['file.empty'] });
    expect(parseNumberCell('1.2.3')).toMatchObject({ detail: { code: 'cell.not-a-number' } });
  });
});
