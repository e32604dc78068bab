import { describe, expect, it } from 'vitest';
import { inferColumnType } from './infer.ts';
import { makeCellReader } from './read.ts';

const readerFor = (name: string, samples: string[]) => makeCellReader(inferColumnType({ name, samples }));

describe('makeCellReader', () => {
  it('reads each type with its column decision', () => {
    expect(readerFor('price', ['1.234,50', '12,00'])('2,50')).toBe(2.5);
    expect(readerFor('date', ['12/25/2019', '01/02/2019'])('03/04/2019')).toBe(Date.UTC(2019, 2, 4));
    expect(readerFor('in_stock', ['yes', 'no'])('Yes')).toBe(true);
    expect(readerFor('tags', ['casual|minimal', 'boho|street'])('Boho | CASUAL')).toEqual(['boho', 'casual']);
    expect(readerFor('gender', ['Men', 'Women', 'Men'])('  Women ')).toBe('Women');
    expect(readerFor('gender', ['Men', 'Women', 'Men'])('N/A')).toBeNull();
  });

  it('turns unreadable cells into problems, not values', () => {
    expect(readerFor('units', ['1', '2', '3'])('lots')).toMatchObject({ kind: 'not-a-number', message: "'lots' is not a number" });
  });
});
