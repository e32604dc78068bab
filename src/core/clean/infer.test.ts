import { describe, expect, it } from 'vitest';
import { englishText } from '../messages.ts';
import { inferColumnType, parseBooleanCell } from './infer.ts';

const infer = (name: string, samples: string[]) => inferColumnType({ name, samples });

describe('inferColumnType', () => {
  it.each([
    ['units', ['12', '7', '', '130', 'n/a'], 'number'],
    ['price', ['€12,99', '€5,00', '€ 1.299,00'], 'number'],
    ['order_date', ['2019-03-04', '2019-03-05', ''], 'date'],
    ['when', ['04/03/2019', '25/12/2019'], 'date'],
    ['season', ['SS19', 'AW19', 'FW2020'], 'date'],
    ['year', ['2011', '2012', '', '2016'], 'date'],
    ['order_date', ['43528', '43529', '43600'], 'date'],
    ['created_at', ['1551657600', '1551744000'], 'date'],
    ['in_stock', ['yes', 'no', 'yes'], 'boolean'],
    ['is_sale', ['0', '1', '1'], 'boolean'],
    ['rating', ['0', '1', '1'], 'number'],
    ['flag', ['Y', 'N', 'Y'], 'boolean'],
    ['sex', ['F', 'F', 'F'], 'category'],
    ['id', ['15970', '39386', '59263'], 'id'],
    ['sku', ['AB-1001', 'AB-1002', 'AB-1003'], 'id'],
    ['styles', ['casual|minimal', 'boho', 'street|casual'], 'multi-label'],
    ['season', ['Summer', 'Fall', 'Winter', 'Summer', 'Spring'], 'category'],
    ['gender', ['Men', 'Women', 'Men', 'Unisex'], 'category'],
    ['name', ['Turtle Check Men Navy Blue Shirt', 'Peter England Men Party Blue Jeans', 'Titan Women Silver Watch'], 'text'],
    ['描述', ['纯棉白色短袖T恤', '修身深蓝色牛仔裤', '羊毛混纺灰色大衣'], 'text'],
    ['count', ['1', '2', 'three', '4', '5', '6', '7', '8', '9', '10'], 'number'],
    ['empty', ['', 'NA', ''], 'text'],
    ['style_code', ['00123', '00124', '00987'], 'id'],
    ['size', ['038', '040', '042', '040'], 'category'],
  ])('%s %j → %s', (name, samples, type) => {
    expect(infer(name, samples).type).toBe(type);
  });

  it('carries the decisions the cell parsers need', () => {
    const price = infer('price', ['1.234,50', '12,00']);
    expect(price).toMatchObject({ type: 'number', numberKind: 'float', numberFormat: { decimal: ',' } });
    const dates = infer('date', ['03/04/2019', '05/06/2019']);
    expect(dates.dateFormat).toMatchObject({ order: 'dmy', orderDecidedBy: 'default' });
    expect(englishText(dates.notes[0]!)).toMatch(/^Dates like 03\/04\/2019 could be 3 April or 4 March/);
    expect(infer('tags', ['a|b', 'b|c']).labelSeparator).toBe('|');
  });

  it('counts what it looked at', () => {
    expect(inferColumnType({ name: 'units', samples: ['1', '', '2', '2'], totalCount: 1000 })).toMatchObject({
      sampled: 4, missing: 1, distinct: 2, totalCount: 1000, numberKind: 'integer', confidence: 1,
    });
  });

  it('says when a column is empty', () => {
    expect(infer('notes', ['', ' ']).notes.map(englishText)).toEqual(['This column is empty in the rows we looked at.']);
  });

  it('lowers confidence for a mostly-numeric column', () => {
    const result = infer('count', ['1', '2', 'three', '4', '5', '6', '7', '8', '9', '10']);
    expect(result.confidence).toBeCloseTo(0.81);
  });
});

describe('parseBooleanCell', () => {
  it.each([
    ['yes', true], ['Y', true], ['TRUE', true], ['1', true], ['是', true], ['no', false], ['F', false], ['0', false], ['否', false], ['', null], ['n/a', null],
  ])('%j → %j', (raw, value) => {
    expect(parseBooleanCell(raw)).toBe(value);
  });

  it('reports other words', () => {
    expect(parseBooleanCell('maybe')).toMatchObject({ kind: 'unknown-value', message: "'maybe' is not yes or no" });
  });
});

describe('codes that read like dates (issue 17)', () => {
  const skus = Array.from({ length: 30 }, (_, i) => `SS-${2000 + i}`);
  it('a SKU column of "SS-2000"-style codes is an id, not a date', () => {
    expect(infer('sku', skus).type).toBe('id');
    expect(infer('product code', skus.slice(0, 6)).type).toBe('id');
  });
  it('a season column that repeats stays a date, whatever the header', () => {
    const seasons = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'SS-2021' : 'AW-2021'));
    expect(infer('season code', seasons).type).toBe('date');
    expect(infer('sku', seasons).type).toBe('date');
  });
});
