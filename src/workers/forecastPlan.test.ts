import { describe, expect, it } from 'vitest';
import { planSeason } from '../core/plan/plan.ts';
import { syntheticSeries } from '../core/forecast/testSeries.ts';
import { WorkerClient } from './client.ts';
import { forecastHandlers } from './forecastHandlers.ts';
import { inProcessPort } from './inProcess.ts';
import type { Progress } from './protocol.ts';

const months = 30;
const keys = [['Coat'], ['Dress'], ['Shirt']];
const series = keys.map((_, g) => syntheticSeries(months, { level: 40 + 30 * g, amplitude: 8, period: 12, noise: 4, seed: g + 1 }).map((v) => Math.max(0, Math.round(v))));

describe('forecast.plan through the worker client', () => {
  it('gives planSeason\'s plan for the groups, with progress per forecast node', async () => {
    const units = new Float64Array(keys.length * months);
    series.forEach((s, g) => units.set(s, g * months));
    const progress: Progress[] = [];
    const result = await new WorkerClient(inProcessPort(forecastHandlers)).request(
      'forecast.plan',
      { keys, units, stock: Float64Array.from([5, 0, 200]), periods: months, horizon: 6, period: 12, serviceLevel: 0.8 },
      { onProgress: (p) => progress.push(p) },
    );
    const core = planSeason(keys.map((key, g) => ({ key, units: series[g]!, stock: [5, 0, 200][g]! })), { horizon: 6, period: 12, serviceLevel: 0.8 });
    expect(result.rows.map((r) => [r.level, ...r.key])).toEqual([['total', ''], ['group', 'Coat'], ['group', 'Dress'], ['group', 'Shirt']]);
    result.rows.forEach((row, i) => {
      expect(row.forecastUnits).toBeCloseTo(core.rows[i]!.forecastUnits, 9);
      expect(row.planUnits).toBeCloseTo(core.rows[i]!.planUnits, 9);
      expect(row.stock).toBe(core.rows[i]!.stock);
    });
    expect(result.reconciliation).toBe(core.reconciliation);
    expect(progress.at(-1)).toMatchObject({ stage: 'plan', done: 4, total: 4 });
  });

  it('refuses units that do not match the groups', async () => {
    await expect(new WorkerClient(inProcessPort(forecastHandlers)).request('forecast.plan', { keys, units: new Float64Array(5), periods: months, horizon: 6, period: 12, serviceLevel: 0.8 })).rejects.toThrow(/3 groups × 30 periods/);
  });
});
