import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveTimeFields, fashionSeasonOf, isoWeekOf, meteorologicalSeason, quarterOfMonth } from './derive.ts';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('isoWeekOf', () => {
  // Reference values from the ISO 8601 rule (week 1 holds the first Thursday), checked against a calendar.
  it.each([
    ['2019-03-04', 10, 2019, '2019-03-04'],
    ['2019-01-01', 1, 2019, '2018-12-31'],
    ['2018-12-31', 1, 2019, '2018-12-31'],
    ['2021-01-03', 53, 2020, '2020-12-28'],
    ['2020-12-31', 53, 2020, '2020-12-28'],
    ['2016-01-01', 53, 2015, '2015-12-28'],
    ['2026-11-28', 48, 2026, '2026-11-23'],
    ['1969-12-31', 1, 1970, '1969-12-29'],
  ])('%s is week %i of %i, starting %s', (date, week, weekYear, monday) => {
    expect(isoWeekOf(utc(date))).toEqual({ week, weekYear, mondayMs: utc(monday) });
  });

  it('always starts weeks on a Monday within six days before the date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 60_000 }), (day) => {
        const { mondayMs, week } = isoWeekOf(day * 864e5 + 3_600_000);
        expect(new Date(mondayMs).getUTCDay()).toBe(1);
        expect(day * 864e5 - mondayMs).toBeGreaterThanOrEqual(0);
        expect(day * 864e5 - mondayMs).toBeLessThan(7 * 864e5);
        expect(week).toBeGreaterThanOrEqual(1);
        expect(week).toBeLessThanOrEqual(53);
      }),
    );
  });
});

describe('seasons and quarters', () => {
  it.each([
    [1, 'winter', 'summer'], [2, 'winter', 'summer'], [3, 'spring', 'autumn'], [5, 'spring', 'autumn'], [6, 'summer', 'winter'],
    [8, 'summer', 'winter'], [9, 'autumn', 'spring'], [11, 'autumn', 'spring'], [12, 'winter', 'summer'],
  ] as const)('month %i is %s in the north and %s in the south', (month, north, south) => {
    expect(meteorologicalSeason(month, 'north')).toBe(north);
    expect(meteorologicalSeason(month, 'south')).toBe(south);
  });

  it.each([
    [2020, 1, 'AW19'], [2020, 2, 'SS20'], [2020, 7, 'SS20'], [2020, 8, 'AW20'], [2020, 12, 'AW20'], [2000, 1, 'AW99'], [2009, 3, 'SS09'],
  ])('%i-%i is in fashion season %s', (year, month, label) => {
    expect(fashionSeasonOf(year, month).label).toBe(label);
  });

  it.each([[1, 1], [3, 1], [4, 2], [9, 3], [12, 4]])('month %i is in quarter %i', (month, quarter) => {
    expect(quarterOfMonth(month)).toBe(quarter);
  });
});

describe('deriveTimeFields', () => {
  it('derives every field of a day', () => {
    expect(deriveTimeFields(utc('2019-03-04'))).toEqual({
      year: 2019,
      month: 3,
      quarter: 1,
      isoWeek: 10,
      isoWeekYear: 2019,
      weekStartMs: utc('2019-03-04'),
      meteorologicalSeason: 'spring',
      fashionSeason: { half: 'SS', year: 2019, label: 'SS19' },
    });
  });

  it('uses the hemisphere for the meteorological season only', () => {
    const fields = deriveTimeFields(utc('2019-01-20'), 'day', 'south');
    expect(fields.meteorologicalSeason).toBe('summer');
    expect(fields.fashionSeason?.label).toBe('AW18');
  });

  it('leaves fields finer than the granularity empty', () => {
    expect(deriveTimeFields(utc('2019-03-01'), 'month')).toMatchObject({ month: 3, quarter: 1, isoWeek: null, weekStartMs: null });
    expect(deriveTimeFields(utc('2019-07-01'), 'quarter')).toMatchObject({
      year: 2019, month: null, quarter: 3, meteorologicalSeason: null, fashionSeason: null,
    });
    expect(deriveTimeFields(utc('2011-10-15'), 'season')).toMatchObject({
      year: 2011, month: null, quarter: null, meteorologicalSeason: 'autumn', fashionSeason: { label: 'AW11' },
    });
    expect(deriveTimeFields(utc('2016-12-15'), 'season').fashionSeason?.label).toBe('AW16');
    expect(deriveTimeFields(utc('2019-01-01'), 'year')).toEqual({
      year: 2019, month: null, quarter: null, isoWeek: null, isoWeekYear: null, weekStartMs: null,
      meteorologicalSeason: null, fashionSeason: null,
    });
  });

  it('agrees with Date on year and month (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        const fields = deriveTimeFields(ms);
        const date = new Date(ms);
        expect(fields.year).toBe(date.getUTCFullYear());
        expect(fields.month).toBe(date.getUTCMonth() + 1);
      }),
    );
  });
});
