import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../core/forecast/forecast.ts';
import { syntheticSeries } from '../core/forecast/testSeries.ts';
import { coreMessage, englishText } from '../core/messages.ts';
import { coreText } from './i18n.ts';

describe('forecast notes as message codes', () => {
  const onlyNaive = { models: ['seasonal-naive'] as const };
  it('a short series: coded notes with the name and counts, worded in English as before and in Chinese', () => {
    const r = forecastSeries('linen', [5, 7], { horizon: 2, period: 52, ensemble: onlyNaive });
    expect(r.notes).toEqual([
      coreMessage('forecast.no-seasons', { name: 'linen', n: 2, needed: 104 }),
      coreMessage('forecast.too-few-values', { name: 'linen', n: 2 }),
    ]);
    expect(englishText(r.notes[1]!)).toBe('"linen" has only 2 value(s): the forecast repeats the last one and has no interval (too little history to say how far it may stray).');
    expect(coreText('zh', r.notes[1]!)).toBe('“linen”只有 2 个值：预测沿用最后一个值，不给区间（历史太少，说不准会偏多远）。');
  });
  it('a constant series with gaps: filled and constant notes carry the quoted name as a nested message', () => {
    const r = forecastSeries('beige', [NaN, 3, NaN, 3, 3, 3], { horizon: 2, period: 1, ensemble: onlyNaive });
    const name = coreMessage('forecast.series-name', { name: 'beige' });
    expect(r.notes).toEqual([
      coreMessage('forecast.empty-start', { n: 1, name }),
      coreMessage('forecast.filled', { n: 1, name }),
      coreMessage('forecast.constant', { name }),
      coreMessage('forecast.never-varies', { name: 'beige' }),
    ]);
    expect(r.notes.map(englishText).slice(0, 3)).toEqual([
      'The first 1 period(s) of "beige" are empty; the history starts after them.',
      '1 missing value(s) in "beige" were filled in from their neighbours.',
      '"beige" never changes: the forecast repeats its value.',
    ]);
    expect(coreText('zh', r.notes[2]!)).toBe('“beige” 始终不变：预测沿用这个值。');
  });
  it('a negative series: the negative note, and models left out name the model as a code', () => {
    const y = syntheticSeries(120, { level: -5, amplitude: 1, noise: 0.1, seed: 9 });
    const r = forecastSeries('delta', y, { horizon: 5, period: 52 });
    expect(r.notes).toContainEqual(coreMessage('forecast.negative', { name: coreMessage('forecast.series-name', { name: 'delta' }) }));
    const y2 = Float64Array.from({ length: 156 }, (_, t) => (t === 100 ? 1e200 : 10 + 3 * Math.sin((2 * Math.PI * t) / 52) + (t % 7) * 0.1));
    const skipped = forecastSeries('wool', y2, { horizon: 4, period: 52, ensemble: { models: ['seasonal-naive', 'ets'] } });
    const leftOut = skipped.notes.find((n) => n.code === 'forecast.model-left-out');
    expect(leftOut).toEqual(coreMessage('forecast.model-left-out', { model: coreMessage('model.ets'), reason: coreMessage('failure.not-fitted'), name: 'wool' }));
    expect(englishText(leftOut!)).toBe('ETS could not be fitted (the values are too large or too uneven) on "wool", so it was left out.');
    expect(coreText('zh', leftOut!)).toBe('ETS 模型在“wool”上无法拟合（数值太大或起伏太不均匀），所以没有采用。');
  });
  it('an ensemble note is nested in "For name, …"', () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => [1, 4, 9, 2][i % 4]!);
    const r = forecastSeries('linen', y, { horizon: 4, period: 4, ensemble: onlyNaive });
    expect(r.notes).toEqual([coreMessage('forecast.for-series', { name: 'linen', note: coreMessage('ensemble.exact-backtests') })]);
    expect(englishText(r.notes[0]!)).toBe('For "linen", the backtests matched the history exactly, so there is no spread of past errors to size a range of likely values from: the forecast has no interval.');
    expect(coreText('zh', r.notes[0]!)).toMatch(/^对“linen”：回测与历史完全吻合/);
  });
});
