import { describe, expect, it } from 'vitest';
import { englishText } from '../messages.ts';
import { assignPeriods, periodLabelsAt } from '../dashboard/periods.ts';
import { addPeriods, frequencyOf, inferFrequency, isoWeekOf, periodKey, periodsAfter, periodsPerYear, periodStart, periodStartOfKey, type Grain, type PeriodGrain } from './periods.ts';
import { readSeriesBytes } from './read.ts';
import { cutSeriesSet, formatDate, SeriesInputError } from './seriesSet.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const text = (t: string) => new TextEncoder().encode(t);

describe('the calendar', () => {
  it('uses ISO weeks starting on Monday, with the ISO week-year', () => {
    expect(formatDate(periodStart(day('2019-01-03'), 'week'))).toBe('2018-12-31');
    expect(isoWeekOf(day('2018-12-31'))).toMatchObject({ weekYear: 2019, week: 1 });
    expect(isoWeekOf(day('2021-01-03'))).toMatchObject({ weekYear: 2020, week: 53 });
    expect(isoWeekOf(day('2019-12-30'))).toMatchObject({ weekYear: 2020, week: 1 });
  });
  it('starts meteorological seasons in December, March, June, September', () => {
    expect(formatDate(periodStart(day('2019-12-15'), 'season'))).toBe('2019-12-01');
    expect(formatDate(periodStart(day('2020-02-10'), 'season'))).toBe('2019-12-01');
    expect(formatDate(periodStart(day('2019-07-04'), 'season'))).toBe('2019-06-01');
  });
  it('splits fashion seasons into SS (Feb–Jul) and AW (Aug–Jan, January in the previous year), half-years into Jan–Jun and Jul–Dec', () => {
    expect(formatDate(periodStart(day('2019-03-01'), 'fashion-season'))).toBe('2019-02-01');
    expect(formatDate(periodStart(day('2019-09-01'), 'fashion-season'))).toBe('2019-08-01');
    expect(formatDate(periodStart(day('2020-01-20'), 'fashion-season'))).toBe('2019-08-01');
    expect(formatDate(periodStart(day('2020-02-01'), 'fashion-season'))).toBe('2020-02-01');
    expect(formatDate(periodStart(day('2020-01-20'), 'half-year'))).toBe('2020-01-01');
    expect(formatDate(periodStart(day('2020-07-01'), 'half-year'))).toBe('2020-07-01');
  });
  const grains: Grain[] = ['day', 'week', 'month', 'quarter', 'season', 'half-year', 'fashion-season', 'year'];
  it.each(grains)('%s: keys of consecutive periods differ by one, and a key gives back its start', (grain) => {
    let start = periodStart(day('2018-11-20'), grain);
    for (let k = 0; k < 30; k++) {
      const next = addPeriods(start, grain, 1);
      expect(periodKey(next, grain)).toBe(periodKey(start, grain) + 1);
      expect(periodStartOfKey(periodKey(next, grain), grain)).toBe(next);
      start = next;
    }
  });
  it('counts periods per year, with a week as the cycle of days', () => {
    expect(grains.map(periodsPerYear)).toEqual([7, 52, 12, 4, 4, 2, 2, 1]);
  });
  it('infers monthly, quarterly and yearly spacing', () => {
    expect(inferFrequency([day('2020-01-01'), day('2020-04-01'), day('2020-07-01')])).toBe('quarter');
    expect(inferFrequency([day('2018-01-01'), day('2019-01-01')])).toBe('year');
    expect(inferFrequency([day('2019-02-01'), day('2019-08-01'), day('2020-02-01')])).toBe('half-year');
  });
  // The worker dates forecasts with periodsAfter at the frequency the page sends
  // (workers/forecastRequests.ts) and the page labels those dates. Fashion seasons were once sent
  // as quarters, so the worker stepped three months where the calendar steps six.
  it.each(['week', 'month', 'quarter', 'season', 'fashion-season', 'year'] as PeriodGrain[])('%s: the dates the worker steps to are the periods that follow the data', (grain) => {
    const dates = [day('2018-03-14'), day('2019-10-02'), day('2020-01-20')];
    const periods = assignPeriods(dates, grain);
    const last = periods.starts[periods.starts.length - 1]!;
    const next = periodsAfter(last, frequencyOf(grain), 5);
    // The same periods counted from data that reaches that far.
    const longer = assignPeriods([...dates, next[4]!], grain);
    expect(next).toEqual(longer.starts.slice(-5));
    expect(periodLabelsAt(next, periods)).toEqual(longer.labels.slice(-5));
  });
  it('fashion seasons are half-years, meteorological seasons quarters', () => {
    expect(frequencyOf('fashion-season')).toBe('half-year');
    expect(frequencyOf('season')).toBe('quarter');
    expect(periodsAfter(day('2019-08-01'), frequencyOf('fashion-season'), 2).map(formatDate)).toEqual(['2020-02-01', '2020-08-01']);
  });
});

describe('series sets', () => {
  it('reads a wide file whose date header is empty, like the F1 sample', async () => {
    const set = await readSeriesBytes(text(',eu_top_1,us_shoes_2\n2015-01-05,0.1,0.2\n2015-01-12,0.3,\n2015-01-19,0.5,0.6\n'));
    expect(set.frequency).toBe('week');
    expect(set.series.map((s) => s.name)).toEqual(['eu_top_1', 'us_shoes_2']);
    expect(Array.from(set.series[1]!.values)).toEqual([0.2, NaN, 0.6]);
    expect(formatDate(addPeriods(set.dates[2]!, set.frequency, 1))).toBe('2015-01-26');
  });
  it('reads a long file and merges repeated (date, series) rows by averaging; only those count as repeats', async () => {
    const set = await readSeriesBytes(text('date,series,value\n2020-01-01,a,1\n2020-02-01,a,2\n2020-01-01,b,5\n2020-02-01,b,7\n2020-02-01,b,9\n'));
    expect(set.frequency).toBe('month');
    expect(Array.from(set.series.find((s) => s.name === 'b')!.values)).toEqual([5, 8]);
    expect(set.notes.map(englishText)).toEqual(['1 repeated (date, series) row(s) were merged by averaging their values.']);
    expect(set.notes.map((note) => note.code)).toEqual(['note.repeated-rows']);
  });
  it('merges duplicated dates, snaps irregular ones and marks missing weeks', async () => {
    const set = await readSeriesBytes(text('date,x\n2020-01-06,1\n2020-01-06,3\n2020-01-14,5\n2020-01-27,7\n'));
    expect(set.dates.map(formatDate)).toEqual(['2020-01-06', '2020-01-13', '2020-01-20', '2020-01-27']);
    expect(Array.from(set.series[0]!.values)).toEqual([2, 5, NaN, 7]);
    expect(set.notes.map(englishText).join(' ')).toMatch(/repeated date.*merged/);
    expect(set.notes.map(englishText).join(' ')).toMatch(/moved to the nearest week/);
    expect(set.notes.map(englishText).join(' ')).toMatch(/1 week\(s\) had no row/);
  });
  it('says why a file is not series', async () => {
    await expect(readSeriesBytes(text('date,x\nsoon,1\n'), 'soon.csv')).rejects.toThrow(SeriesInputError);
    await expect(readSeriesBytes(text('date,x\nsoon,1\n'), 'soon.csv')).rejects.toThrow("Row 2: 'soon' is not a date we can read.");
    await expect(readSeriesBytes(text('date,linen\n2019-02-25,0.2\n2019-02-30,0.3\n'))).rejects.toThrow("Row 3: '2019-02-30' is not a real date: February 2019 has only 28 days.");
    await expect(readSeriesBytes(text('date,name\n2019-02-25,a linen shirt with long sleeves\n'))).rejects.toThrow(/holds item text/);
  });
  it('cuts at a date', async () => {
    const set = await readSeriesBytes(text('date,x\n2020-01-06,1\n2020-01-13,2\n2020-01-20,3\n'));
    expect(cutSeriesSet(set, day('2020-01-13')).series[0]!.values.length).toBe(2);
  });
});
