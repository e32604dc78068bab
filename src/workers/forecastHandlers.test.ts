import { describe, expect, it } from 'vitest';
import { readSeriesBytes } from '../core/series/read.ts';
import { forecastSeriesSet } from '../core/forecast/forecast.ts';
import { englishText } from '../core/messages.ts';
import { syntheticSeries } from '../core/forecast/testSeries.ts';
import { WorkerClient } from './client.ts';
import { forecastHandlers } from './forecastHandlers.ts';
import { packSeriesSet } from './forecastRequests.ts';
import type { HandlerContext } from './handlers.ts';
import { inProcessPort } from './inProcess.ts';
import { CancelledError, type Progress } from './protocol.ts';
import type { ForecastRunParams, ForecastRunResult } from './forecastProtocol.ts';

const weeks = 130;
const start = Date.UTC(2020, 0, 6);
const csv = ['date,linen,denim,velvet', ...Array.from({ length: weeks }, (_, t) => {
  const row = [syntheticSeries(weeks, { level: 5, amplitude: 2, seed: 1 })[t], syntheticSeries(weeks, { level: 8, slope: 0.02, noise: 0.3, seed: 2 })[t], t % 9 === 0 ? '' : 3];
  return `${new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10)},${row.join(',')}`;
})].join('\n');
const set = await readSeriesBytes(new TextEncoder().encode(csv));
const ensemble = { models: ['seasonal-naive', 'profile', 'theta'] as const };

function params(): ForecastRunParams {
  const { params } = packSeriesSet(set, 6);
  return { ...params, ensemble: { models: [...ensemble.models] }, batchSize: 1 };
}

const directContext = (progress: Progress[] = []): HandlerContext => ({ cancelled: false, throwIfCancelled() {}, progress: (p) => progress.push(p) });

/** One suite, two drivers: the handler called directly, and through the worker client. */
const drivers: [string, (p: ForecastRunParams, onProgress?: (p: Progress) => void) => Promise<ForecastRunResult>][] = [
  ['direct', async (p, onProgress) => (await forecastHandlers['forecast.run'](p, { ...directContext(), progress: (x) => onProgress?.(x) })).result],
  ['client', (p, onProgress) => new WorkerClient(inProcessPort(forecastHandlers)).request('forecast.run', p, { onProgress })],
];

describe.each(drivers)('forecast.run (%s)', (_name, run) => {
  it('matches the core forecast and reports progress per batch', async () => {
    const progress: Progress[] = [];
    const result = await run(params(), (p) => progress.push(p));
    const core = forecastSeriesSet(set, { horizon: 6, ensemble: { models: [...ensemble.models] } });
    expect(Array.from(result.point.subarray(6, 12))).toEqual(Array.from(core.series[1]!.point));
    expect(Array.from(result.dates)).toEqual(core.dates);
    expect(result.series.map((s) => s.name)).toEqual(['linen', 'denim', 'velvet']);
    expect(result.series[2]!.notes.map(englishText).join(' ')).toMatch(/never changes/); // gaps filled, then constant
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3]);
    expect(result.hi95[0]!).toBeGreaterThanOrEqual(result.hi80[0]!);
  });
});

describe('forecast worker details', () => {
  it('moves results as transferable buffers', async () => {
    const reply = await forecastHandlers['forecast.run'](params(), directContext());
    expect(reply.transfer).toContain(reply.result.point.buffer);
    expect(reply.transfer?.length).toBe(6);
  });
  it('stops between series when cancelled', async () => {
    let checks = 0;
    const context: HandlerContext = {
      cancelled: false,
      throwIfCancelled() {
        if (++checks === 2) throw new CancelledError();
      },
      progress() {},
    };
    await expect(forecastHandlers['forecast.run'](params(), context)).rejects.toBeInstanceOf(CancelledError);
  });
  it('rejects values that do not fit the dates with a clear message', async () => {
    await expect(forecastHandlers['forecast.run']({ ...params(), values: new Float64Array(5) }, directContext())).rejects.toThrow(/3 series × 130 dates/);
  });
  it('refuses repeated dates with a clear message', async () => {
    const p = params();
    p.dates[5] = p.dates[4]!;
    await expect(forecastHandlers['forecast.run'](p, directContext())).rejects.toThrow(/date 6 repeats or goes back in time/);
  });
});
