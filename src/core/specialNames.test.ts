/**
 * Names that are special on a plain JavaScript object ('__proto__', 'constructor', …) used as
 * column names, labels and series names: each must behave like any other name, through the
 * intake (in Node and through the intake worker), the metrics and the trend aggregation.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { bytesSource, intake, type IntakeOptions } from './intake/intake.ts';
import { multiLabelReport, singleLabelReport } from './metrics/classification.ts';
import { nameRecord, nameRecordFrom, ownValue } from './nameRecord.ts';
import { intakeHandlers } from '../workers/intakeHandlers.ts';
import type { HandlerContext } from '../workers/handlers.ts';

/** Every name an object literal inherits something under, plus the one that changes its prototype. */
const SPECIAL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;

const enc = new TextEncoder();
const read = (text: string, options: IntakeOptions = {}) => intake(bytesSource(enc.encode(text), 'catalogue.csv', 5), options);
const context: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };

/** A catalogue whose second column is named `name`; `cells` are its values. */
const catalogue = (name: string, cells: readonly string[]) => `description,${name}\n${cells.map((cell, i) => `Linen shirt ${i},${cell}`).join('\n')}\n`;

describe.each(SPECIAL)('the name %s', (name) => {
  it.each([
    { kind: 'text', cells: ['ivory', 'sand', 'navy'], expected: ['ivory', 'sand', 'navy'], type: 'category' },
    { kind: 'number', cells: ['1', '2', '3'], expected: [1, 2, 3], type: 'number' },
  ])('is an ordinary $kind column in the intake', async ({ cells, expected, type }) => {
    const result = await read(catalogue(name, cells));
    expect(result.stats.rows).toBe(3);
    expect(result.table.numRows).toBe(3);
    expect(result.table.schema.fields.map((f) => f.name)).toEqual(['description', name]);
    expect(Array.from(result.table.getChild(name)!)).toEqual(expected);
    expect(Array.from(result.table.getChild('description')!)).toEqual(['Linen shirt 0', 'Linen shirt 1', 'Linen shirt 2']);
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([['description', 'text'], [name, type]]);
  });

  it('is not found in type and role overrides that do not name it', async () => {
    // A plain object literal inherits 'constructor', 'toString', …: they must not read as overrides.
    const result = await read(catalogue(name, ['ivory', 'sand', 'navy']), { types: { description: 'text' }, roles: { description: 'text' } });
    const column = result.columns.find((c) => c.name === name)!;
    expect(column.type).toBe('category');
    expect(typeof column.role).toBe('string');
    expect(Array.from(result.table.getChild(name)!)).toEqual(['ivory', 'sand', 'navy']);
  });

  it('is used when an override does name it', async () => {
    const types = nameRecordFrom([[name, 'text' as const]]);
    const result = await read(catalogue(name, ['1', '2', '3']), { types });
    expect(result.columns.find((c) => c.name === name)!.type).toBe('text');
    expect(Array.from(result.table.getChild(name)!)).toEqual(['1', '2', '3']);
  });

  it('reaches the page as a column of the Arrow table (intake worker)', async () => {
    const { result } = await intakeHandlers['intake.parse']({ file: enc.encode(catalogue(name, ['7', '8', '9'])), name: 'catalogue.csv' }, context);
    const table = tableFromIPC(result.ipc);
    expect(table.numRows).toBe(3);
    expect(Array.from(table.getChild(name)!)).toEqual([7, 8, 9]);
  });

  it('is a class of a classification report', () => {
    const single = singleLabelReport([name, name, 'other', 'other'], [name, 'other', 'other', 'other']);
    expect(Object.keys(single.perClass)).toEqual(['other', name].sort());
    expect(ownValue(single.perClass, name)).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    const multi = multiLabelReport([[name, 'other'], [name]], [[name], [name]]);
    expect(ownValue(multi.perClass, name)).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
  });

  it('is an own key of a name record', () => {
    const record = nameRecord<number>();
    record[name] = 1;
    expect(Object.keys(record)).toEqual([name]);
    expect(ownValue(record, name)).toBe(1);
    expect(ownValue({}, name)).toBeUndefined();
  });
});
