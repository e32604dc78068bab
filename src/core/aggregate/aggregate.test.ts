import { describe, expect, it } from 'vitest';
import { aggregateTrends, isoWeekKey, periodKey, periodStart, trendTableToSeriesSet, AggregateInputError } from './items.ts';
import { addPeriods, cutSeriesSet, formatDate, inferFrequency, parseDateCell, readCsvRows, readLongCsv, readSeriesCsv, readWideCsv, SeriesInputError } from './seriesSet.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('periods', () => {
  it('uses ISO weeks starting on Monday, with the ISO week-year', () => {
    expect(formatDate(periodStart(day('2019-01-03'), 'week'))).toBe('2018-12-31');
    expect(isoWeekKey(day('2018-12-31'))).toBe('2019-W01');
    expect(isoWeekKey(day('2021-01-03'))).toBe('2020-W53');
    expect(isoWeekKey(day('2019-12-30'))).toBe('2020-W01');
  });
  it('names meteorological seasons per hemisphere, December starting the winter', () => {
    const december = periodStart(day('2019-12-15'), 'meteorological-season');
    expect(formatDate(december)).toBe('2019-12-01');
    expect(formatDate(periodStart(day('2020-02-10'), 'meteorological-season'))).toBe('2019-12-01');
    expect(periodKey(december, 'meteorological-season')).toBe('winter-2019/20');
    expect(periodKey(december, 'meteorological-season', 'south')).toBe('summer-2019/20');
    expect(periodKey(periodStart(day('2019-07-04'), 'meteorological-season'), 'meteorological-season')).toBe('summer-2019');
    expect(periodKey(periodStart(day('2019-10-04'), 'meteorological-season'), 'meteorological-season', 'south')).toBe('spring-2019');
  });
  it('splits fashion seasons into SS (Feb–Jul) and AW (Aug–Jan), swapped in the south', () => {
    expect(periodKey(periodStart(day('2019-03-01'), 'fashion-season'), 'fashion-season')).toBe('SS2019');
    expect(periodKey(periodStart(day('2019-09-01'), 'fashion-season'), 'fashion-season')).toBe('AW2019');
    expect(periodKey(periodStart(day('2019-09-01'), 'fashion-season'), 'fashion-season', 'south')).toBe('SS2019');
    // January belongs to the previous year's AW, as in the cleaning library's derived fields.
    expect(periodKey(periodStart(day('2020-01-20'), 'fashion-season'), 'fashion-season')).toBe('AW2019');
    expect(periodKey(periodStart(day('2020-02-01'), 'fashion-season'), 'fashion-season')).toBe('SS2020');
  });
});

describe('aggregateTrends', () => {
  const dates = [day('2019-01-07'), day('2019-01-08'), day('2019-01-09'), day('2019-01-16'), NaN, day('2019-01-30')];
  const labels = [['navy'], ['navy', 'white'], ['white'], ['navy'], ['navy'], []];
  it('computes shares of items per week (multi-label) with support flags and skipped counts', () => {
    const table = aggregateTrends({ dates, labels }, { period: 'week', minSupport: 2, minLabelItems: 1 });
    expect(table.periods.map((p) => p.key)).toEqual(['2019-W02', '2019-W03']);
    expect(table.periods.map((p) => p.enough)).toEqual([true, false]);
    const navy = table.series.find((s) => s.name === 'navy')!;
    expect(navy.shares[0]).toBeCloseTo(2 / 3);
    expect(navy.shares[1]).toBeNaN(); // one item only: not enough support
    expect(Array.from(navy.items)).toEqual([2, 1]);
    expect(table.series.map((s) => s.name)).toEqual(['navy', 'white']);
    expect(table.skipped).toEqual({ noDate: 1, noLabel: 1, filteredOut: 0, badWeight: 0 });
    expect(table.notes.join(' ')).toMatch(/fewer than 2 items/);
  });
  it('weights by units and applies filters', () => {
    const table = aggregateTrends(
      { dates: dates.slice(0, 3), labels: labels.slice(0, 3), weights: [10, 30, 60], fields: { region: ['eu', 'eu', 'us'] } },
      { period: 'month', minSupport: 1, minLabelItems: 1, filter: { region: ['eu'] } },
    );
    expect(table.measure).toBe('units');
    expect(table.skipped.filteredOut).toBe(1);
    expect(table.series.find((s) => s.name === 'navy')!.shares[0]).toBeCloseTo(1);
    expect(table.series.find((s) => s.name === 'white')!.shares[0]).toBeCloseTo(30 / 40);
  });
  it('fills empty periods between items, leaves rare labels out, and feeds the forecaster', () => {
    const table = aggregateTrends({ dates: [day('2019-01-15'), day('2019-04-02')], labels: [['a'], ['b']] }, { period: 'month', minSupport: 1, minLabelItems: 1 });
    expect(table.periods.map((p) => p.key)).toEqual(['2019-01', '2019-02', '2019-03', '2019-04']);
    expect(table.periods[1]!.enough).toBe(false);
    const set = trendTableToSeriesSet(table, 'month');
    expect(set.frequency).toBe('month');
    expect(set.dates.length).toBe(4);
    expect(aggregateTrends({ dates: [day('2019-01-15')], labels: [['a']] }, { period: 'month' }).rareLabels).toEqual(['a']);
  });
  it('explains bad requests', () => {
    expect(() => aggregateTrends({ dates: [1, 2], labels: [['a']] }, { period: 'week' })).toThrow(/2 dates but 1 label/);
    expect(() => aggregateTrends({ dates: [1], labels: [['a']] }, { period: 'week', measure: 'units' })).toThrow(AggregateInputError);
    expect(() => aggregateTrends({ dates: [1], labels: [['a']] }, { period: 'week', filter: { region: ['eu'] } })).toThrow(/no column "region"/);
  });
});

describe('series CSV readers', () => {
  it('reads RFC 4180 quoting', () => {
    expect(readCsvRows('a,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([['a', 'b,c', 'd "e"'], ['1', '2', '3']]);
  });
  it('reads a wide file whose date header is empty, like the F1 sample', () => {
    const set = readWideCsv(',eu_top_1,us_shoes_2\n2015-01-05,0.1,0.2\n2015-01-12,0.3,\n2015-01-19,0.5,0.6\n');
    expect(set.frequency).toBe('week');
    expect(set.series.map((s) => s.name)).toEqual(['eu_top_1', 'us_shoes_2']);
    expect(Array.from(set.series[1]!.values)).toEqual([0.2, NaN, 0.6]);
    expect(formatDate(addPeriods(set.dates[2]!, set.frequency, 1))).toBe('2015-01-26');
  });
  it('reads a long file and merges repeated (date, series) rows by averaging', () => {
    const set = readLongCsv('date,series,value\n2020-01-01,a,1\n2020-02-01,a,2\n2020-01-01,b,5\n2020-02-01,b,7\n2020-02-01,b,9\n');
    expect(set.frequency).toBe('month');
    expect(Array.from(set.series.find((s) => s.name === 'b')!.values)).toEqual([5, 8]);
    expect(set.notes[0]).toMatch(/1 repeated \(date, series\) row/);
    expect(readSeriesCsv('date,series,value\n2020-01-01,a,1\n').series[0]!.name).toBe('a');
  });
  it('merges duplicated dates, snaps irregular ones and marks missing weeks', () => {
    const set = readWideCsv('date,x\n2020-01-06,1\n2020-01-06,3\n2020-01-14,5\n2020-01-27,7\n');
    expect(set.dates.map(formatDate)).toEqual(['2020-01-06', '2020-01-13', '2020-01-20', '2020-01-27']);
    expect(Array.from(set.series[0]!.values)).toEqual([2, 5, NaN, 7]);
    expect(set.notes.join(' ')).toMatch(/repeated date.*merged/);
    expect(set.notes.join(' ')).toMatch(/moved to the nearest week/);
    expect(set.notes.join(' ')).toMatch(/1 week\(s\) had no row/);
  });
  it('says which cell is wrong', () => {
    expect(() => readWideCsv('date,x\n2020-01-06,abc\n')).toThrow(/Row 2, column "x": "abc" is not a number/);
    expect(() => readWideCsv('date,x\nsoon,1\n')).toThrow(SeriesInputError);
  });
  // Date.UTC used to roll these over: 2019-02-30 became 2 March, '0000' became 1900 and merged with a real 1900 row.
  it.each([
    ['a 30th of February', '2019-02-30', /Row 3: "2019-02-30" is not a real date: February 2019 has only 28 days\./],
    ['a 29th of February outside a leap year', '2019-02-29', /February 2019 has only 28 days/],
    ['year 0', '0000', /Row 3: "0000" is not a real date: 0 is not a plausible year/],
    ['year 0 as a day', '0000-01-01', /"0000-01-01" is not a real date: 0 is not a plausible year/],
    ['a two-digit year written with four digits', '0019-03-04', /19 is not a plausible year/],
    ['month 13', '2019-13-01', /there is no month 13/],
    ['month 0', '2019-00', /there is no month 0/],
    ['day 0', '2019/03/00', /there is no day 0/],
    ['31 April', '2019-04-31', /April 2019 has only 30 days/],
    ['hour 25', '2019-03-04 25:00', /25:00 is not a time of day/],
  ] as const)('rejects an impossible date with its row, wide and long: %s', (_, cell, message) => {
    expect(() => readWideCsv(`date,x\n2019-01-07,1\n${cell},2\n`)).toThrow(message);
    expect(() => readLongCsv(`date,series,value\n2019-01-07,a,1\n${cell},a,2\n`)).toThrow(message);
    expect(parseDateCell(cell)).toBeNaN();
  });
  it.each([
    ['2020-02-29', Date.UTC(2020, 1, 29)],
    ['2019-12-31 23:59:59', Date.UTC(2019, 11, 31, 23, 59, 59)],
    ['1900', Date.UTC(1900, 0, 1)],
    ['2019/3/4', Date.UTC(2019, 2, 4)],
  ] as const)('real dates still read: %s', (cell, ms) => {
    expect(parseDateCell(cell)).toBe(ms);
  });
  it('a year-0 row no longer merges with a real 1900 row', () => {
    expect(() => readWideCsv('date,x\n1900,1\n0000,2\n1901,3\n')).toThrow(/Row 3: "0000" is not a real date/);
  });
  it('infers monthly, quarterly and yearly spacing and cuts at a date', () => {
    expect(inferFrequency([day('2020-01-01'), day('2020-04-01'), day('2020-07-01')])).toBe('quarter');
    expect(inferFrequency([day('2018-01-01'), day('2019-01-01')])).toBe('year');
    const set = readWideCsv('date,x\n2020-01-06,1\n2020-01-13,2\n2020-01-20,3\n');
    expect(cutSeriesSet(set, day('2020-01-13')).series[0]!.values.length).toBe(2);
  });
});
