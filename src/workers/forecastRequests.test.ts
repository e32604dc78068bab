import { describe, expect, it } from 'vitest';
import { Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { PreparedDataset } from '../core/dashboard/prepared.ts';
import { periodLabelsAt } from '../core/dashboard/periods.ts';
import { groupUnits } from '../core/plan/groups.ts';
import { forecastHandlers } from './forecastHandlers.ts';
import { packPlan, packTrendSeries, unpackForecasts } from './forecastRequests.ts';
import type { HandlerContext } from './handlers.ts';

const context: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };

// Two years and a half of fashion seasons, 30 items each, "linen" rising.
const dates: number[] = [];
const styles: string[] = [];
for (let s = 0; s < 5; s++)
  for (let i = 0; i < 30; i++) {
    dates.push(Date.UTC(2020 + Math.floor(s / 2), s % 2 === 0 ? 2 : 8, 1 + (i % 28)));
    styles.push(i < 6 + 3 * s ? 'linen' : 'denim');
  }
const dataset = {
  table: new Table({ date: vectorFromArray(dates.map((d) => new Date(d)), new TimestampMillisecond()), style: vectorFromArray(styles, new Utf8()) }),
  columns: [{ name: 'date', role: 'date' }, { name: 'style', role: 'styles' }],
};

describe('forecast requests packed on the page, answered by the worker', () => {
  it('packs the dashboard series, and the page labels the periods the worker dated', async () => {
    const trends = new PreparedDataset(dataset).trends({ facet: 'style', grain: 'fashion-season', measure: 'items', filters: {}, horizon: 3, minSupport: 20, topN: 5 })!;
    expect(trends.periods.labels).toEqual(['SS20', 'AW20', 'SS21', 'AW21', 'SS22']);
    const { params, transfer } = packTrendSeries(trends.series, trends.periods, 3);
    expect(params.frequency).toBe('half-year');
    expect(params.names).toEqual(['denim', 'linen']);
    expect(Array.from(params.values.subarray(5, 10))).toEqual([6, 9, 12, 15, 18].map((n) => n / 30));
    expect(transfer).toEqual([params.dates.buffer, params.values.buffer]);
    expect(params.trainGlobal).toBe(false); // the dashboard's series change with every filter: no global model
    const { result } = await forecastHandlers['forecast.run'](params, context);
    const { forecasts, futureDates } = unpackForecasts(result, 3);
    expect(periodLabelsAt(futureDates, trends.periods)).toEqual(['AW22', 'SS23', 'AW23']);
    expect([...forecasts.keys()]).toEqual(['denim', 'linen']);
    const linen = forecasts.get('linen')!;
    expect(linen.point).toHaveLength(3);
    // Shares stay shares, and a rising series is forecast above its first season.
    expect(Array.from(linen.point).every((v) => v >= 0 && v <= 1 && v > 0.2)).toBe(true);
  });

  it('packs a plan of grouped units with its stock, group-major', () => {
    const grouped = groupUnits({
      periodIndex: Int32Array.from([0, 0, 1, 2, 2]),
      periodCount: 3,
      columns: [{ codes: Int32Array.from([0, 1, 0, 0, 1]), values: ['linen', 'denim'] }],
      units: Float64Array.from([2, 5, 3, 4, 1]),
      stock: Float64Array.from([10, 20, 10, 10, 20]),
      otherLabel: 'Other',
    })!;
    const { params, transfer } = packPlan(grouped, 2, 4, true);
    expect(params.keys).toEqual(grouped.groups.map((g) => [...g.key]));
    expect(params.periods).toBe(3);
    const linen = params.keys.findIndex((k) => k[0] === 'linen');
    expect(Array.from(params.units.subarray(linen * 3, linen * 3 + 3))).toEqual([2, 3, 4]);
    expect(params.stock).toHaveLength(params.keys.length);
    expect({ horizon: params.horizon, period: params.period, serviceLevel: params.serviceLevel }).toEqual({ horizon: 2, period: 4, serviceLevel: 0.8 });
    expect(transfer).toEqual([params.units.buffer, params.stock!.buffer]);
    expect(packPlan(grouped, 2, 4, false).params.stock).toBeUndefined();
  });
});
