import fc from 'fast-check';
import { englishText } from '../messages.ts';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATE_DECISION, combineYearSeason, detectDateFormat, looksLikeDateName, makeDateParser, parseDate, parseDateCell,
  readSeasonName, seasonMs, type DateFormatDecision,
} from './date.ts';
import { isCellProblem } from './types.ts';

const utc = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const monthFirst: DateFormatDecision = { ...DEFAULT_DATE_DECISION, order: 'mdy' };

describe('parseDate', () => {
  it.each([
    ['2019-03-04', '2019-03-04', 'day', 'iso'],
    ['2019/03/04', '2019-03-04', 'day', 'iso'],
    ['2019.3.4', '2019-03-04', 'day', 'iso'],
    ['2019-03-04T10:30:00Z', '2019-03-04T10:30:00Z', 'day', 'iso'],
    ['2019-03-04T10:30', '2019-03-04T10:30:00Z', 'day', 'iso'],
    ['2019-03-04 10:30:15.250', '2019-03-04T10:30:15.250Z', 'day', 'iso'],
    ['2019-03-04T10:30:00+02:00', '2019-03-04T08:30:00Z', 'day', 'iso'],
    ['2019-03-04T01:00:00-0500', '2019-03-04T06:00:00Z', 'day', 'iso'],
    ['2019-03', '2019-03-01', 'month', 'iso'],
    ['2019-03-04 10:30:00 UTC', '2019-03-04T10:30:00Z', 'day', 'iso'],
    ['04/03/2019 10:30 PM', '2019-03-04T22:30:00Z', 'day', 'day-month-year'],
    ['04/03/2019 12:05 am', '2019-03-04T00:05:00Z', 'day', 'day-month-year'],
    ['04/03/2019 12:05 PM', '2019-03-04T12:05:00Z', 'day', 'day-month-year'],
    ['04/03/2019', '2019-03-04', 'day', 'day-month-year'],
    ['4.3.19', '2019-03-04', 'day', 'day-month-year'],
    ['04-03-2019 18:00', '2019-03-04T18:00:00Z', 'day', 'day-month-year'],
    ['03/2019', '2019-03-01', 'month', 'month-year'],
    ['Mar 2019', '2019-03-01', 'month', 'month-name'],
    ['March 2019', '2019-03-01', 'month', 'month-name'],
    ['4 March 2019', '2019-03-04', 'day', 'month-name'],
    ['March 4, 2019', '2019-03-04', 'day', 'month-name'],
    ['Monday, 4th of March 2019', '2019-03-04', 'day', 'month-name'],
    ['04-Mar-19', '2019-03-04', 'day', 'month-name'],
    ['Mar-19', '2019-03-01', 'month', 'month-name'],
    ['2019年3月4日', '2019-03-04', 'day', 'chinese'],
    ['2019年3月', '2019-03-01', 'month', 'chinese'],
    ['2019年第3季度', '2019-07-01', 'quarter', 'chinese'],
    ['2019年第三季度', '2019-07-01', 'quarter', 'chinese'],
    ['2019春夏', '2019-04-15', 'season', 'chinese'],
    ['2019秋冬', '2019-10-15', 'season', 'chinese'],
    ['2019Q3', '2019-07-01', 'quarter', 'quarter'],
    ['2019-Q3', '2019-07-01', 'quarter', 'quarter'],
    ['Q3 2019', '2019-07-01', 'quarter', 'quarter'],
    ['q1-19', '2019-01-01', 'quarter', 'quarter'],
    ['SS19', '2019-04-15', 'season', 'fashion-season'],
    ['AW19', '2019-10-15', 'season', 'fashion-season'],
    ['FW2019', '2019-10-15', 'season', 'fashion-season'],
    ['S/S 2019', '2019-04-15', 'season', 'fashion-season'],
    ['Spring/Summer 2019', '2019-04-15', 'season', 'fashion-season'],
    ['Autumn/Winter 2019', '2019-10-15', 'season', 'fashion-season'],
    ['Fall 2019', '2019-10-15', 'season', 'calendar-season'],
    ['Pre-Fall 2019', '2019-10-15', 'season', 'fashion-season'],
    ['Resort 2020', '2020-04-15', 'season', 'fashion-season'],
    ['Cruise 20', '2020-04-15', 'season', 'fashion-season'],
    ['Summer 2019', '2019-07-15', 'season', 'calendar-season'],
    ['Winter 2016', '2016-12-15', 'season', 'calendar-season'],
    ['2019', '2019-01-01', 'year', 'year'],
  ])('reads %s as %s (%s, %s)', (raw, iso, granularity, format) => {
    expect(parseDate(raw)).toEqual({ ms: utc(iso), granularity, format });
  });

  it('reads month/day order when the column says so', () => {
    expect(parseDateCell('03/04/2019', monthFirst)).toBe(utc('2019-03-04'));
    expect(parseDateCell('03/04/2019')).toBe(utc('2019-04-03'));
  });

  it.each(['', ' ', 'NA', 'n/a', 'null', '-', '?'])('reads %j as missing', (raw) => {
    expect(parseDateCell(raw)).toBeNull();
  });

  it.each([
    ['31/02/2019', "'31/02/2019' is not a real date: February 2019 has only 28 days"],
    ['29/02/2019', "'29/02/2019' is not a real date: February 2019 has only 28 days"],
    ['2019-13-01', "'2019-13-01' is not a real date: there is no month 13"],
    ['2019-04-31', "'2019-04-31' is not a real date: April 2019 has only 30 days"],
    ['2019-00-10', "'2019-00-10' is not a real date: there is no month 0"],
    ['00/03/2019', "'00/03/2019' is not a real date: there is no day 0"],
    ['2019-03-04T25:00', "'2019-03-04T25:00' is not a real date: that time of day does not exist"],
    ['2019-03-04 13:00 PM', "'2019-03-04 13:00 PM' is not a real date: that time of day does not exist"],
    ['03/13/2019', "'03/13/2019' is not a real date: there is no month 13 (this column reads dates as day/month)"],
    ['2019Q5', "'2019Q5' is not a real date: there is no quarter 5"],
    ['someday', "'someday' is not a date we can read"],
    ['4 March', "'4 March' has no year"],
    ['12', "'12' is not a date we can read"],
    ['43530', "'43530' is not a date we can read"],
    ['2019-03-04x', "'2019-03-04x' is not a date we can read"],
    ['2019-03-04 10:3', "'2019-03-04 10:3' is not a date we can read"],
    ['2019-03-04T10:30+0', "'2019-03-04T10:30+0' is not a date we can read"],
  ])('reports %s', (raw, message) => {
    const result = parseDateCell(raw);
    expect(isCellProblem(result)).toBe(true);
    expect((result as { message: string }).message).toBe(message);
  });

  it('accepts 29 February in leap years only', () => {
    expect(parseDateCell('2020-02-29')).toBe(utc('2020-02-29'));
    expect(parseDateCell('2000-02-29')).toBe(utc('2000-02-29'));
    expect(isCellProblem(parseDateCell('1900-02-29'))).toBe(true);
  });

  it('round-trips every day from 1900 to 2100 through ISO and d/m/Y (property)', () => {
    const parse = makeDateParser(DEFAULT_DATE_DECISION);
    fc.assert(
      fc.property(fc.integer({ min: utc('1900-01-01') / 864e5, max: utc('2100-12-31') / 864e5 }), (day) => {
        const iso = new Date(day * 864e5).toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parse(iso)).toBe(day * 864e5);
        expect(parse(`${d}/${m}/${y}`)).toBe(day * 864e5);
      }),
      { numRuns: 500 },
    );
  });
});

describe('impossible years and days (issue 18, item 13)', () => {
  // '0000-01-01' used to read as 1 January of year 0; the same years are now refused in every day format.
  it.each([
    ['0000-01-01', /'0000-01-01' is not a real date: 0 is not a plausible year/],
    ['0000-01', /0 is not a plausible year/],
    ['0001/03/04', /1 is not a plausible year/],
    ['0019-03-04', /19 is not a plausible year/],
    ['04/03/0000', /0 is not a plausible year/],
    ['1799-12-31', /1799 is not a plausible year/],
    ['2201-01-01T10:00', /2201 is not a plausible year/],
    ['2019-02-30', /February 2019 has only 28 days/],
    ['2019-04-31', /April 2019 has only 30 days/],
    ['2019-13-01', /not a real date/],
  ])('%s is a problem', (raw, message) => {
    const result = parseDateCell(raw);
    expect(isCellProblem(result)).toBe(true);
    if (isCellProblem(result)) expect(result.message).toMatch(message);
  });

  it.each([
    ['1800-01-01', '1800-01-01'],
    ['2200-12-31', '2200-12-31'],
    ['2020-02-29', '2020-02-29'],
  ])('%s still reads', (raw, iso) => {
    expect(parseDateCell(raw)).toBe(utc(iso));
  });
});

describe('detectDateFormat', () => {
  it('chooses day/month when a first part is above 12', () => {
    const decision = detectDateFormat(['03/04/2019', '25/12/2019', '']);
    expect(decision).toMatchObject({ order: 'dmy', orderDecidedBy: 'data', formats: ['day-month-year'], matched: 2, nonMissing: 2 });
    expect(decision.notes.map(englishText)).toEqual([]);
  });

  it('chooses month/day when a second part is above 12', () => {
    const decision = detectDateFormat(['03/04/2019', '12/25/2019']);
    expect(decision).toMatchObject({ order: 'mdy', orderDecidedBy: 'data', formats: ['month-day-year'], matched: 2 });
    expect(parseDateCell('03/04/2019', decision)).toBe(utc('2019-03-04'));
  });

  it('falls back to day/month and says why when nothing settles it', () => {
    const decision = detectDateFormat(['03/04/2019', '05/06/2019']);
    expect(decision.order).toBe('dmy');
    expect(decision.orderDecidedBy).toBe('default');
    expect(decision.notes.map(englishText)).toEqual([
      'Dates like 03/04/2019 could be 3 April or 4 March; we read them as day/month because no date in this column ' +
        'has a day above 12 to settle it. Change this in the mapping step if that is wrong.',
    ]);
  });

  it('uses the default order it is given', () => {
    expect(detectDateFormat(['03/04/2019'], { defaultOrder: 'mdy' }).order).toBe('mdy');
  });

  it('reports a column that mixes both orders', () => {
    const decision = detectDateFormat(['13/01/2019', '14/01/2019', '01/13/2019']);
    expect(decision.order).toBe('dmy');
    expect(englishText(decision.notes[0]!)).toMatch(/^Some dates in this column only make sense as day\/month/);
    expect(decision.matched).toBe(2);
  });

  it('reads Excel serials only in a date-named column', () => {
    const decision = detectDateFormat(['43528', '43529', '43530.5'], { columnName: 'order_date' });
    expect(decision.excelSerial).toBe(true);
    expect(decision.notes.map(englishText)).toEqual(['Numbers like 43528 are read as Excel date serials (43528 is 2019-03-04).']);
    expect(parseDateCell('43528', decision)).toBe(utc('2019-03-04'));
    expect(parseDateCell('43530.5', decision)).toBe(utc('2019-03-06T12:00:00Z'));
    expect((parseDateCell('12', decision) as { message: string }).message).toBe(
      "'12' is outside the range of Excel dates we read (1970 to 2100)",
    );
    expect(detectDateFormat(['43528', '43529'], { columnName: 'units' }).excelSerial).toBe(false);
    expect(detectDateFormat(['43528', '43529'], { columnName: 'units', knownDates: true }).excelSerial).toBe(true);
  });

  it('reads Unix timestamps in seconds or milliseconds only in a date-named column', () => {
    const seconds = detectDateFormat(['1551657600', '1551744000'], { columnName: 'created_at' });
    expect(seconds).toMatchObject({ unixTime: 'seconds', excelSerial: false, formats: ['unix-time'], matched: 2 });
    expect(seconds.notes.map(englishText)).toEqual(['Numbers like 1551657600 are read as Unix timestamps in seconds (1551657600 is 2019-03-04 00:00 UTC).']);
    expect(parseDateCell('1551697200', seconds)).toBe(utc('2019-03-04T11:00:00Z'));
    const millis = detectDateFormat(['1551657600000', '1551744000000'], { columnName: 'timestamp' });
    expect(millis.unixTime).toBe('milliseconds');
    expect(parseDateCell('1551657600000', millis)).toBe(utc('2019-03-04'));
    expect((parseDateCell('12', millis) as { message: string }).message).toBe("'12' is outside the range of timestamps we read (2000 to 2100)");
    expect(detectDateFormat(['1551657600', '1551744000'], { columnName: 'units' }).unixTime).toBeNull();
  });

  it('finds granularity and formats of a season column', () => {
    const decision = detectDateFormat(['SS19', 'AW19', 'FW2020', 'SS21']);
    expect(decision).toMatchObject({ granularity: 'season', formats: ['fashion-season'], matched: 4, orderDecidedBy: 'not-needed' });
  });

  it('notes a column that mixes precisions', () => {
    const decision = detectDateFormat(['2019-03-04', '2019-03-05', '2019-03']);
    expect(decision.granularity).toBe('day');
    expect(decision.notes.map(englishText)).toEqual([
      'Most dates in this column name a day; 1 names only a month (each is placed on a representative day).',
    ]);
  });
});

describe('seasons', () => {
  it('places calendar seasons by hemisphere', () => {
    expect(seasonMs(2019, 'summer', 'north')).toBe(utc('2019-07-15'));
    expect(seasonMs(2019, 'summer', 'south')).toBe(utc('2019-12-15'));
    expect(seasonMs(2019, 'winter', 'south')).toBe(utc('2019-07-15'));
    expect(parseDateCell('Summer 2019', { ...DEFAULT_DATE_DECISION, hemisphere: 'south' })).toBe(utc('2019-12-15'));
  });

  it.each([
    ['Summer', 'summer'], ['fall', 'autumn'], ['Autumn', 'autumn'], ['WINTER', 'winter'], ['Spring', 'spring'],
    ['SS', 'SS'], ['AW', 'AW'], ['FW', 'AW'], ['Fall/Winter', 'AW'], ['Pre-Fall', 'AW'], ['Resort', 'SS'], ['春夏', 'SS'], ['秋季', 'autumn'], ['Monsoon', null], ['', null],
  ])('reads season name %j as %j', (raw, season) => {
    expect(readSeasonName(raw)).toBe(season);
  });

  it.each([
    ['2011', 'Fall', { ms: utc('2011-10-15'), granularity: 'season', format: 'calendar-season' }],
    ['2016', 'Winter', { ms: utc('2016-12-15'), granularity: 'season', format: 'calendar-season' }],
    ['2012', 'Summer', { ms: utc('2012-07-15'), granularity: 'season', format: 'calendar-season' }],
    ['2012.0', 'SS', { ms: utc('2012-04-15'), granularity: 'season', format: 'fashion-season' }],
    ['2012', '', { ms: utc('2012-01-01'), granularity: 'year', format: 'year' }],
    ['', 'Summer', null],
  ])('combines year %j and season %j', (year, season, expected) => {
    expect(combineYearSeason(year, season)).toEqual(expected);
  });

  it('reports a bad year or season', () => {
    expect(combineYearSeason('20x1', 'Fall')).toMatchObject({ kind: 'not-a-date', message: "'20x1' is not a year", detail: { code: 'cell.not-a-year', params: { cell: "'20x1'" } } });
    expect(combineYearSeason('2011', 'Monsoon')).toMatchObject({
      kind: 'unknown-value',
      message: "'Monsoon' is not a season we know (Spring, Summer, Fall/Autumn, Winter, SS, AW)",
    });
  });
});

describe('looksLikeDateName', () => {
  it.each([
    ['order_date', true], ['Date', true], ['created_at', true], ['sold_on', true], ['上市日期', true], ['sale_dt', true],
    ['orderDate', true], ['Week', true], ['季度', true], ['units', false], ['units_sold', false], ['id', false], ['holiday_style', false],
  ])('%s → %s', (name, expected) => {
    expect(looksLikeDateName(name)).toBe(expected);
  });
});
