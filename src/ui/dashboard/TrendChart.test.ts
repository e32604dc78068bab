import { describe, expect, it } from 'vitest';
import type { TrendForecast } from '../../state/forecasts.ts';
import { CHART_MARGIN, NOW_LABEL, chartRows, chartText, valueAxis, valueDomain } from './TrendChart.tsx';

const series = [{ label: 'minimal', share: Float64Array.from([0.1, 0.2, 0.3]), support: new Uint32Array(3), totalSupport: 0 }];
const forecast = { name: 'minimal', point: Float64Array.from([0.35, 0.41]), lo80: Float64Array.from([0.3, 0.33]), hi80: Float64Array.from([0.4, 0.47]), lo95: Float64Array.from([-0.01, 0.3]), hi95: Float64Array.from([0.45, 0.52]) } as unknown as TrendForecast;

describe('the trend chart rows', () => {
  it('hold history, then the forecast joined at the last observed period, with bands clipped at zero', () => {
    const rows = chartRows(series, ['Q1', 'Q2', 'Q3'], ['Q4', 'Q5'], new Map([['minimal', forecast]]));
    expect(rows.map((r) => r.period)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    expect(rows.map((r) => r.h0 ?? null)).toEqual([0.1, 0.2, 0.3, null, null]);
    expect(rows.map((r) => r.f0 ?? null)).toEqual([null, null, 0.3, 0.35, 0.41]);
    expect(rows[3]!.b95_0).toEqual([0, 0.45]);
    expect(rows[4]!.b80_0).toEqual([0.33, 0.47]);
  });

  it('set the value axis from zero to a round number above every value and band', () => {
    const rows = chartRows(series, ['Q1', 'Q2', 'Q3'], ['Q4', 'Q5'], new Map([['minimal', forecast]]));
    expect(valueDomain(rows)).toEqual([0, 0.55]);
    expect(valueDomain(chartRows(series, ['Q1', 'Q2', 'Q3'], [], new Map()))).toEqual([0, 0.3]);
    // Series that go below zero (a file of changes, not shares) keep their negative part.
    const signed = [{ label: 'change', share: Float64Array.from([-12, 40, 7]), support: new Uint32Array(3), totalSupport: 0 }];
    expect(valueDomain(chartRows(signed, ['a', 'b', 'c'], [], new Map()))).toEqual([-15, 40]);
    expect(valueDomain([])).toEqual([0, 1]);
  });

  it('keep a share chart within 100 %: bands and axis stop at 1 (no 150 % axis)', () => {
    const high = [{ label: 'Casual', share: Float64Array.from([0.95, 0.96, 0.977]), support: new Uint32Array(3), totalSupport: 0 }];
    const f = { name: 'Casual', point: Float64Array.from([0.977]), lo80: Float64Array.from([0.942]), hi80: Float64Array.from([1.012]), lo95: Float64Array.from([0.92]), hi95: Float64Array.from([1.03]) } as unknown as TrendForecast;
    const unbounded = chartRows(high, ['Q1', 'Q2', 'Q3'], ['Q4'], new Map([['Casual', f]]));
    expect(valueDomain(unbounded)).toEqual([0, 1.5]);
    const rows = chartRows(high, ['Q1', 'Q2', 'Q3'], ['Q4'], new Map([['Casual', f]]), 1);
    expect(rows[3]!.b80_0).toEqual([0.942, 1]);
    expect(rows[3]!.b95_0).toEqual([0.92, 1]);
    expect(valueDomain(rows, 1)).toEqual([0, 1]);
  });

  it('carry thin periods on a lighter line with their item counts, and join the forecast only to a period with enough items', () => {
    // Periods 0 and 2 are thin (3 and 5 items under a minimum of 20): their shares are only in thinShare.
    const thin = [{ label: 'minimal', share: Float64Array.from([NaN, 0.2, NaN]), thinShare: Float64Array.from([0.1, NaN, 0.4]), support: new Uint32Array(3), totalSupport: 0 }];
    const rows = chartRows(thin, ['Q1', 'Q2', 'Q3'], ['Q4'], new Map([['minimal', forecast]]), 1, [3, 40, 5]);
    expect(rows.map((r) => r.h0 ?? null)).toEqual([null, 0.2, null, null]);
    expect(rows.map((r) => r.l0 ?? null)).toEqual([0.1, 0.2, 0.4, null]);
    expect(rows.map((r) => r.t0 ?? null)).toEqual([0.1, null, 0.4, null]);
    expect(rows.map((r) => r.items ?? null)).toEqual([3, 40, 5, null]);
    expect(rows.map((r) => r.f0 ?? null)).toEqual([null, null, null, 0.35]);
    // Item counts (40) are not values: the axis still follows the shares and bands (up to 0.45).
    expect(valueDomain(rows, 1)).toEqual([0, 0.45]);
  });
});

describe('the trend chart axis and "now" label (issue 17)', () => {
  it('ticks the value axis in round steps, its ends on ticks', () => {
    const units = [{ label: 'units', share: Float64Array.from([0, 310, 640]), support: new Uint32Array(3), totalSupport: 0 }];
    expect(valueAxis(chartRows(units, ['a', 'b', 'c'], [], new Map()))).toEqual({ ticks: [0, 200, 400, 600, 800], domain: [0, 800] });
    const shares = chartRows(series, ['Q1', 'Q2', 'Q3'], ['Q4', 'Q5'], new Map([['minimal', forecast]]), 1);
    expect(valueAxis(shares, 1)).toEqual({ ticks: [0, 0.2, 0.4, 0.6], domain: [0, 0.6] });
  });

  it('leaves room above the plot for the "now" label', () => {
    expect(CHART_MARGIN.top).toBeGreaterThanOrEqual(NOW_LABEL.fontSize + NOW_LABEL.offset + 4);
  });
});

describe('the trend chart in words (issue 17, item 10)', () => {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  it('names what it charts and sums up the latest values and the forecast', () => {
    const text = chartText('en', series, ['Q1', 'Q2', 'Q3'], 2, pct);
    expect(text.name).toBe('Trend chart of 1 value, Q1 – Q3');
    expect(text.summary).toBe('Latest period, Q3: minimal 30.0%. The dotted lines after “now” forecast the next 2 periods.');
    const two = [...series, { label: 'boho', share: Float64Array.from([0.2, NaN, NaN]), support: new Uint32Array(3), totalSupport: 0 }];
    expect(chartText('en', two, ['Q1', 'Q2', 'Q3'], 1, pct).summary).toBe('Latest period, Q3: minimal 30.0%, boho 20.0% (Q1). The dotted lines after “now” forecast the next period.');
    expect(chartText('zh', series, ['Q1', 'Q2', 'Q3'], 0, pct)).toEqual({ name: '1 个取值的趋势图，Q1 – Q3', summary: '最新一期（Q3）：minimal 30.0%。' });
    expect(chartText('en', [], [], 0, pct).name).toBe('Trend chart with nothing to show');
  });
});
