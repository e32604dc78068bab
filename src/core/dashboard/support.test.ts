import { describe, expect, it } from 'vitest';
import { buildCube } from './cube.ts';
import { assignPeriods, type PeriodGrain } from './periods.ts';
import { adviseGrain, coarserGrains, dataRange, supportSummary, thinFlags, thinShareSeries } from './support.ts';
import { computeTrends } from './trends.ts';

// 16 items on the 1st…16th of every month from 2022-01 to 2024-06 (30 months, 480 items), the
// catalogue of issue 17: every month is thin at a minimum of 20, every quarter (48 items) is not.
const dates: number[] = [];
for (let m = 0; m < 30; m++) for (let d = 1; d <= 16; d++) dates.push(Date.UTC(2022, m, d));
const supportAt = (grain: PeriodGrain) => {
  const periods = assignPeriods(dates, grain);
  const support = new Uint32Array(periods.labels.length);
  for (const p of periods.periodIndex) if (p >= 0) support[p]!++;
  return support;
};

describe('thin periods', () => {
  it('flags periods with some items but fewer than the minimum, not empty ones', () => {
    expect(thinFlags([0, 3, 20, 19, 0, 25], 20)).toEqual([false, true, false, true, false, false]);
  });

  it('finds the first and last period with any item, however few', () => {
    expect(dataRange([0, 0, 2, 40, 0, 1, 0])).toEqual([2, 5]);
    expect(dataRange([0, 0])).toBeUndefined();
  });

  it('summarises the periods inside the data range', () => {
    expect(supportSummary([0, 5, 30, 0, 22, 10, 0], 20)).toEqual({ periods: 5, enough: 2, thin: 2, coverage: 0.4, medianItems: 10 });
    expect(supportSummary(supportAt('month'), 20)).toEqual({ periods: 30, enough: 0, thin: 30, coverage: 0, medianItems: 16 });
    expect(supportSummary(supportAt('quarter'), 20)).toEqual({ periods: 10, enough: 10, thin: 0, coverage: 1, medianItems: 48 });
  });

  it('gives the shares of thin periods only, from their own items', () => {
    // Period 0: 3 items (2 × label 0); period 1: 4 items, enough at minimum 4; period 2: none.
    const cube = buildCube({ periodIndex: Int32Array.from([0, 0, 0, 1, 1, 1, 1]), periodCount: 3, labels: { kind: 'single', codes: Int32Array.from([0, 0, 1, 0, 1, 1, 1]) }, labelCount: 2 });
    const thin = thinShareSeries(cube, 0, 4);
    expect(thin[0]).toBeCloseTo(2 / 3, 12);
    expect(Number.isNaN(thin[1]!)).toBe(true);
    expect(Number.isNaN(thin[2]!)).toBe(true);
    expect(() => thinShareSeries(cube, 0, 0)).toThrow('at least 1');
    expect(() => thinShareSeries(cube, 5, 4)).toThrow('no label value number 5');
  });

  it('computeTrends keeps the thin shares beside the "enough" shares', () => {
    const periods = assignPeriods(dates, 'month');
    const codes = Int32Array.from(dates, (_, i) => (i % 4 === 0 ? 1 : 0)); // a quarter of each month is label 1
    const result = computeTrends({ periodIndex: periods.periodIndex, periodCount: periods.labels.length, labels: { kind: 'single', codes }, values: ['casual', 'formal'], filters: [], minSupport: 20, topN: 2 });
    const formal = result.series.find((s) => s.label === 'formal')!;
    expect(Array.from(formal.share).every(Number.isNaN)).toBe(true);
    expect(Array.from(formal.thinShare!)).toEqual(new Array(30).fill(0.25));
    expect(result.periodSupport[29]).toBe(16);
  });
});

describe('suggesting a coarser period', () => {
  it('lists the longer grains, finest first, treating quarter and season as the same length', () => {
    expect(coarserGrains('week')).toEqual(['month', 'quarter', 'fashion-season', 'year']);
    expect(coarserGrains('season')).toEqual(['fashion-season', 'year']);
    expect(coarserGrains('year')).toEqual([]);
  });

  it('suggests quarters for 16 items a month shown by week or by month', () => {
    const week = adviseGrain('week', supportAt, 20)!;
    expect(week.suggestion).toBe('quarter');
    expect(week.summary.enough).toBe(0);
    expect(week.summary.medianItems).toBe(4);
    expect(week.suggestionSummary).toEqual({ periods: 10, enough: 10, thin: 0, coverage: 1, medianItems: 48 });
    expect(adviseGrain('month', supportAt, 20)!.suggestion).toBe('quarter');
  });

  it('gives no advice where the grain shown is well supported, and follows the minimum', () => {
    expect(adviseGrain('quarter', supportAt, 20)).toBeUndefined();
    // With a minimum of 10 items, months (16 each) are enough.
    expect(adviseGrain('month', supportAt, 10)).toBeUndefined();
    expect(adviseGrain('week', supportAt, 10)!.suggestion).toBe('month');
  });

  it('says when even a year is too thin, with no suggestion', () => {
    const advice = adviseGrain('month', supportAt, 500)!;
    expect(advice.suggestion).toBeUndefined();
    expect(advice.summary.thin).toBe(30);
  });

  it('rejects a minimum that is not a whole number of at least one', () => {
    expect(() => adviseGrain('month', supportAt, 0)).toThrow('whole number of at least 1');
    expect(() => supportSummary([1], 2.5)).toThrow('not 2.5');
  });
});
