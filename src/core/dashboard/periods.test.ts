import { describe, expect, it } from 'vitest';
import { periodsAfter, frequencyOf } from '../series/periods.ts';
import { assignPeriods, chooseGrain, periodLabelsAt, periodLabelIn, supportedRange } from './periods.ts';

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('periods', () => {
  it('fills every month between the first and last date', () => {
    const p = assignPeriods([d('2019-01-15'), d('2019-04-02'), Number.NaN, d('2019-03-31')], 'month');
    expect(p.labels).toEqual(['2019-01', '2019-02', '2019-03', '2019-04']);
    expect(Array.from(p.periodIndex)).toEqual([0, 3, -1, 2]);
    expect(p.starts[1]).toBe(d('2019-02-01'));
  });

  it('puts December in the next winter and names southern seasons', () => {
    const north = assignPeriods([d('2018-12-10'), d('2019-02-28'), d('2019-03-01')], 'season');
    expect(north.labels).toEqual(['Winter 2019', 'Spring 2019']);
    expect(Array.from(north.periodIndex)).toEqual([0, 0, 1]);
    expect(north.starts[0]).toBe(d('2018-12-01'));
    const south = assignPeriods([d('2019-01-10')], 'season', 'south');
    expect(south.labels).toEqual(['Summer 2019']);
  });

  it('uses the retail fashion calendar (January belongs to the previous AW)', () => {
    const p = assignPeriods([d('2019-08-01'), d('2020-01-20'), d('2020-02-01')], 'fashion-season');
    expect(p.labels).toEqual(['AW19', 'SS20']);
    expect(Array.from(p.periodIndex)).toEqual([0, 0, 1]);
  });

  it('counts ISO weeks across New Year', () => {
    const p = assignPeriods([d('2019-12-30'), d('2020-01-06')], 'week');
    expect(p.labels).toEqual(['2020-W01', '2020-W02']);
    expect(p.perYear).toBe(52);
  });

  it('labels the forecast horizon from the dates the worker steps to (periodsAfter)', () => {
    const p = assignPeriods([d('2019-08-01'), d('2020-03-01')], 'fashion-season');
    const next = periodsAfter(p.starts[p.starts.length - 1]!, frequencyOf(p.grain), 3);
    expect(periodLabelsAt(next, p)).toEqual(['AW20', 'SS21', 'AW21']);
    const m = assignPeriods([d('2019-11-15'), d('2019-12-01')], 'month');
    expect(periodLabelsAt([d('2020-01-01'), d('2020-02-01')], m)).toEqual(['2020-01', '2020-02']);
    const south = assignPeriods([d('2019-01-15')], 'season', 'south');
    expect(periodLabelsAt(periodsAfter(south.starts[0]!, frequencyOf('season'), 2), south)).toEqual(['Autumn 2019', 'Winter 2019']);
  });

  it('returns no periods when nothing is dated', () => {
    const p = assignPeriods([Number.NaN], 'year');
    expect(p.labels).toEqual([]);
    expect(Array.from(p.periodIndex)).toEqual([-1]);
  });

  it('finds the range of periods with enough items', () => {
    expect(supportedRange([1, 5, 0, 7, 2], 5)).toEqual([1, 3]);
    expect(supportedRange([1, 2], 5)).toBeUndefined();
  });

  it('chooses the finest grain the data can carry', () => {
    // 30 items a week for three years: weekly trends are readable.
    const daily: number[] = [];
    for (let day = 0; day < 3 * 364; day++) for (let k = 0; k < 5; k++) daily.push(d('2019-01-07') + day * 86_400_000);
    expect(chooseGrain(daily, 20)).toBe('week');
    // 40 items a year, one date per year (like year-only catalogues): only years work.
    const yearly: number[] = [];
    for (let year = 2010; year < 2018; year++) for (let k = 0; k < 40; k++) yearly.push(Date.UTC(year, 5, 1));
    expect(chooseGrain(yearly, 20)).toBe('year');
  });
});

describe('periodLabelIn', () => {
  it('writes period labels in Chinese', () => {
    expect(periodLabelIn('Winter 2022', 'zh')).toBe('2022 年冬季');
    expect(periodLabelIn('Autumn 2019', 'zh')).toBe('2019 年秋季');
    expect(periodLabelIn('2023 Q4', 'zh')).toBe('2023 年第 4 季度');
    expect(periodLabelIn('2023-10', 'zh')).toBe('2023 年 10 月');
    expect(periodLabelIn('2023-W05', 'zh')).toBe('2023 年第 5 周');
    expect(periodLabelIn('SS19', 'zh')).toBe('2019 春夏');
    expect(periodLabelIn('AW05', 'zh')).toBe('2005 秋冬');
    expect(periodLabelIn('2023', 'zh')).toBe('2023 年');
  });

  it('keeps what follows the label, English as it is, and other text untouched', () => {
    expect(periodLabelIn('Winter 2022 · 5 items', 'zh')).toBe('2022 年冬季 · 5 items');
    expect(periodLabelIn('Winter 2022', 'en')).toBe('Winter 2022');
    expect(periodLabelIn('Forecast +1', 'zh')).toBe('Forecast +1');
    expect(periodLabelIn('2023-10-05', 'zh')).toBe('2023-10-05');
    expect(periodLabelIn('2023 collection', 'zh')).toBe('2023 collection');
    expect(periodLabelIn('2023 (forecast)', 'zh')).toBe('2023 年 (forecast)');
  });
});
