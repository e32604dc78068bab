/** Issue 19 item 3: the forecast engine's notes cross the worker as message codes and the page words them in the interface language. */
import { describe, expect, it } from 'vitest';
import { englishText } from '../core/messages.ts';
import { forecastHandlers } from '../workers/forecastHandlers.ts';
import type { HandlerContext } from '../workers/handlers.ts';
import { forecastNotesText } from './dashboard/SeriesDashboard.tsx';

describe('forecast notes on the page', () => {
  it('a constant series and a negative one: the worker answers codes, the page shows Chinese in zh and the CLI English in en', async () => {
    const weeks = 20;
    const values = Float64Array.from([...Array.from({ length: weeks }, () => 4), ...Array.from({ length: weeks }, (_, t) => -3 - (t % 5))]);
    const dates = Float64Array.from({ length: weeks }, (_, t) => Date.UTC(2024, 0, 1) + t * 7 * 86_400_000);
    const context: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };
    const { result } = await forecastHandlers['forecast.run']({ names: ['beige', 'delta'], dates, values, frequency: 'week', horizon: 2 }, context);
    // Structured-cloned as the worker would send it: plain objects with codes, no text to parse.
    const series = structuredClone(result.series);
    expect(series[0]!.notes.map((n) => n.code)).toEqual(['forecast.constant', 'forecast.no-seasons', 'forecast.never-varies']);
    expect(series[0]!.notes[1]!.params).toEqual({ name: 'beige', n: 20, needed: 104 });
    const forecasts = new Map(series.map((s) => [s.name, s]));
    const zh = forecastNotesText('zh', ['beige', 'delta'], forecasts);
    expect(zh).toContain('“beige”只有 20 期历史；学习一年中的规律需要两个完整季节（104 期），所以这次预测不考虑季节。');
    expect(zh).toContain('“delta” 含有负值；占比和数量不会是负数，请检查数据。需要正值的模型已跳过。');
    expect(zh.every((line) => /[\u4e00-\u9fff]/.test(line))).toBe(true);
    const en = forecastNotesText('en', ['beige', 'delta'], forecasts);
    expect(en).toEqual([...new Set(series.flatMap((s) => s.notes.map(englishText)))]);
    expect(en).toContain('"beige" never changes: the forecast repeats its value.');
  });
});
