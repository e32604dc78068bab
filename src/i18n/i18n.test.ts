import { describe, expect, it } from 'vitest';
import { maseCell, maseText, periodText, format, formatDuration, formatNumber, formatParts, messageTables, progressMessage, reportWords, signalExplanation, pluralKey, signalLabel, translate, translateCount, translateTerm, translateWithPeriods, type MessageKey } from './i18n.ts';
import { designBriefsMarkdown, reportToMarkdown } from '../core/report/report.ts';
import { coreMessage } from '../core/messages.ts';
import { trendSignal } from '../core/forecast/signals.ts';

const { en, zh } = messageTables;
const keys = Object.keys(en) as MessageKey[];

/** Keys whose Chinese text may equal the English: product names and technical terms kept as is. */
const sameInBothLanguages = new Set<MessageKey>(['f1', 'markdown']);
/** Words that stay as they are inside Chinese text (names, formats, technical terms). */
const allowedSameValues = new Set(['WebGPU', 'MASE', 'F1', 'Markdown']);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the text tables', () => {
  it('have exactly the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('have a non-empty Chinese text for every key, different from the English unless allowed', () => {
    for (const key of keys) {
      expect(zh[key].trim(), key).not.toBe('');
      if (zh[key] === en[key]) expect(sameInBothLanguages.has(key) || allowedSameValues.has(zh[key]), `zh.${key} is still English: ${zh[key]}`).toBe(true);
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of keys) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it('write Chinese with full-width punctuation, not ASCII commas or colons between Chinese words', () => {
    for (const key of keys) expect(zh[key], key).not.toMatch(/[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]/);
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{a} of {b} ({c})', { a: 1, b: 'two' })).toBe('1 of two ({c})');
  });

  it('lets each language order a sentence its own way', () => {
    expect(translate('en', 'rowsRead', { n: '5,000' })).toBe('5,000 rows read');
    expect(translate('zh', 'rowsRead', { n: '5,000' })).toBe('已读取 5,000 行');
  });

  it('splits a template around rich values', () => {
    const span = { element: true };
    expect(formatParts('{n} rows read', { n: span })).toEqual([span, ' rows read']);
    expect(formatParts('已读取 {n} 行', { n: span })).toEqual(['已读取 ', span, ' 行']);
  });
});

describe('locale formatting', () => {
  it('formats numbers for en-GB and zh-CN', () => {
    expect(formatNumber('en', 1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber('zh', 1234567.891, 1)).toBe('1,234,567.9');
  });

  it('words durations, signals and known worker messages in the language', () => {
    expect(formatDuration('en', 12.2)).toBe('13 s');
    expect(formatDuration('zh', 150)).toBe('3 分钟');
    expect(signalLabel('en', 'growing')).toBe('growing');
    expect(signalLabel('zh', 'growing')).toBe('走强');
    expect(translateTerm('zh', 'role_', 'colours')).toBe('颜色');
    expect(translateTerm('zh', 'role_', 'something-else')).toBe('something-else');
    expect(progressMessage('en', coreMessage('progress.forecasting', { n: 3, count: 10 }))).toBe('Forecasting series 3 of 10…');
    expect(progressMessage('zh', coreMessage('progress.forecasting', { n: 3, count: 10 }))).toBe('正在预测第 3 / 10 个序列…');
    expect(progressMessage('zh', coreMessage('progress.reading', { name: 'demo-catalogue.csv' }))).toBe('正在读取 demo-catalogue.csv');
    expect(progressMessage('zh', coreMessage('progress.epoch', { epoch: 4, accuracy: '81.5%', loss: '0.4123' }))).toBe('第 4 轮：验证准确率 81.5%，损失 0.4123');
    expect(progressMessage('zh', undefined)).toBeUndefined();
  });

  it('words the forecast layer\'s signal explanations (codes made by trendSignal) in English and Chinese', () => {
    const growing = trendSignal(Float64Array.of(10, 10, 10, 10, 10, 10, 13.5, 13.5), new Float64Array(0), { period: 4, window: 2 }).explanation;
    expect(signalExplanation('en', growing)).toBe('Growing (+35% over the last 2 periods against the same weeks last year).');
    expect(signalExplanation('zh', growing)).toBe('走强（最近 2 期对比去年同期：+35%）。');
    const emerging = trendSignal(Float64Array.of(0, 0, 0, 5, 5, 5), new Float64Array(0), { period: 52, window: 3 }).explanation;
    expect(signalExplanation('en', emerging)).toBe('Emerging: rising quickly from a low base (from nothing over the last 3 periods against the periods just before). Less than a year of history, so the comparison may include seasonal swings.');
    expect(signalExplanation('zh', emerging)).toBe('新兴：从低位快速上升（最近 3 期对比紧邻的前几期：从无到有）。历史不足一年，比较结果可能包含季节性波动。');
    const short = trendSignal(Float64Array.of(1, 2, 3), new Float64Array(0), { period: 4, window: 2 }).explanation;
    expect(signalExplanation('en', short)).toBe('Not enough history: 3 period(s), at least 4 are needed to judge the direction.');
    expect(signalExplanation('zh', short)).toBe('历史数据不足：只有 3 期，至少需要 4 期才能判断走向。');
    expect(signalExplanation('zh', coreMessage('plain', { text: 'Something new.' }))).toBe('Something new.');
  });

  it('words the report Markdown\'s fixed lines in the language (English by default)', () => {
    const report = { title: 'Trend report — 2018', basedOn: [], latestPeriod: '2018', sections: [{ facet: 'usage', scope: 'All regions', rising: [{ label: 'Casual', latest: 0.6, change: 0.023, forecast: 0.61, mase: 0.8, signal: 'growing' }], declining: [] }] };
    const en = reportToMarkdown(report, { accuracy: (mase) => maseCell('en', mase) });
    expect(reportToMarkdown(report, reportWords('en'))).toBe(en);
    expect(en.split('\n')).toEqual(['# Trend report — 2018', '', '', '', 'Latest period: **2018**.', '', '## usage — All regions', '', '### Rising', '', '| value | latest share | vs last year | next period (forecast) | forecast accuracy | signal |', '| --- | ---: | ---: | ---: | --- | --- |', '| Casual | 60.0% | +2.3 pt | 61.0% | 1.3× better than naive (MASE 0.80) | growing |', '', '### Declining', '', '_No value moved by a measurable amount (or not enough history)._', '']);
    const zh = reportToMarkdown(report, reportWords('zh'));
    expect(zh).toContain('最新一期：**2018**。');
    expect(zh).toContain('### 上升');
    expect(zh).toContain('| 取值 | 最新占比 | 同比 | 下一期（预测） | 预测准确度 | 趋势判断 |');
    expect(zh).toContain('| Casual | 60.0% | +2.3 个百分点 | 61.0% |');
    expect(zh).toContain('_没有取值出现可衡量的变化（或历史数据不足）。_');
  });

  it('words the Design briefs section of the report Markdown in Chinese (the drafts stay as written)', () => {
    const zh = designBriefsMarkdown([{ name: 'W Women White Kurta', brief: 'Ethnic kurtas in white.', asked: 'White · Kurtas · Ethnic', readBack: 'White · Kurtas · Ethnic', disagrees: [] }], reportWords('zh')).split('\n');
    expect(zh).toContain('## 设计简报');
    expect(zh).toContain('| 商品 | 简报 | 要求的标签 | 模型读回 | 不一致的标签 |');
    expect(zh).toContain('_商品名称和简报语句由模型在本机生成（四次都未写出所要品类和颜色的简报，改由标签按模板写成）。_');
    expect(zh).toContain('| W Women White Kurta | Ethnic kurtas in white. | White · Kurtas · Ethnic | White · Kurtas · Ethnic | — |');
  });

  it('keeps the English texts the browser tests look for', () => {
    expect(translate('en', 'dropTitle')).toBe('Drop a catalogue file here');
    expect(translate('en', 'labelsBy', { backend: 'WASM ×4', unique: 1, cached: 0, seconds: '1.0' })).toContain('labels: Trendloom classifier on WASM');
    expect(translate('en', 'seriesBasedOn', { file: 'f.csv', count: 10, layout: 'wide', from: '2015-01-05', to: '2019-12-30', frequency: 'weekly' })).toContain('10 series (wide layout) · 2015-01-05 – 2019-12-30');
    expect(translate('en', 'correctedTo', { label: 'Sports' })).toBe('corrected to Sports');
    expect(translate('en', 'savedLabelled')).toContain('labelled');
  });
});

describe('counts (issue 17: no more "1 periods")', () => {
  it('take the singular in English for one, the plural otherwise', () => {
    expect(translateCount('en', 'periodsCount', 1, { n: 1 })).toBe('1 period');
    expect(translateCount('en', 'periodsCount', 2, { n: 2 })).toBe('2 periods');
    expect(translateCount('en', 'periodsCount', 0, { n: 0 })).toBe('0 periods');
    expect(translateCount('en', 'periodItems', 1, { n: 1 })).toBe('1 item');
    expect(translateCount('en', 'thinNote', 1, { thin: 1, periods: 30, min: 20 })).toBe('1 of 30 periods has fewer than 20 items: drawn lighter, with its count.');
    expect(translateCount('en', 'periods', 1)).toBe('period');
    expect(translateCount('en', 'periods', 12)).toBe('periods');
  });

  it('use the one Chinese form for every count', () => {
    expect(translateCount('zh', 'periodsCount', 1, { n: 1 })).toBe('1 期');
    expect(translateCount('zh', 'periodsCount', 5, { n: 5 })).toBe('5 期');
    expect(pluralKey('zh', 'periodsCount', 1)).toBe('periodsCount');
  });

  it('fall back to the key itself when a text has no singular form', () => {
    expect(pluralKey('en', 'notes', 1)).toBe('notes');
    expect(pluralKey('en', 'periodsCount', 1)).toBe('periodsCount_one');
  });

  it('have a singular form only beside its plural, needing no placeholder the plural lacks', () => {
    for (const key of keys.filter((k) => k.endsWith('_one'))) {
      const plural = key.slice(0, -'_one'.length) as MessageKey;
      expect(en[plural], key).toBeDefined();
      for (const name of placeholders(en[key])) expect(placeholders(en[plural]), key).toContain(name);
    }
  });
});

describe('backtest accuracy in words (issue 17, item 6)', () => {
  it('says how many times better or worse than naive a forecast did', () => {
    expect(maseText('en', 1.5)).toBe('1.5× worse than naive');
    expect(maseText('en', 0.5)).toBe('2× better than naive');
    expect(maseText('en', 8.04)).toBe('8× worse than naive');
    expect(maseText('en', 1.02)).toBe('about as accurate as naive');
    expect(maseText('en', Number.NaN)).toBe('');
    expect(maseText('zh', 1.5)).toBe('比简单沿用差 1.5×');
    expect(maseText('zh', 0.5)).toBe('比简单沿用好 2×');
  });

  it('says the accuracy in words, the figure after it, in the report Markdown\'s table in English and Chinese', () => {
    expect(maseCell('en', 1.5)).toBe('1.5× worse than naive (MASE 1.50)');
    expect(maseCell('en', 0.81)).toBe('1.2× better than naive (MASE 0.81)');
    expect(maseCell('en', 0.97)).toBe('about as accurate as naive (MASE 0.97)');
    expect(maseCell('zh', 8.04)).toBe('比简单沿用差 8×（MASE 8.04）');
    const report = {
      title: 'Trend report — 2024-06',
      basedOn: [],
      latestPeriod: '2024-06',
      sections: [{ facet: 'category', scope: 'All regions', rising: [{ label: 'Linen shirt', latest: 0.2, change: 0.05, forecast: 0.22, mase: 1.5, signal: 'growing' }], declining: [{ label: 'Wool coat', latest: 0.1, change: -0.04, forecast: 0.09, mase: 0.5 }] }],
    };
    for (const language of ['en', 'zh'] as const) {
      const md = reportToMarkdown(report, reportWords(language)).split('\n');
      if (language === 'en') {
        expect(md).toContain('| value | latest share | vs last year | next period (forecast) | forecast accuracy | signal |');
        expect(md).toContain('| Linen shirt | 20.0% | +5.0 pt | 22.0% | 1.5× worse than naive (MASE 1.50) | growing |');
        expect(md).toContain('| Wool coat | 10.0% | −4.0 pt | 9.0% | 2× better than naive (MASE 0.50) | — |');
      } else {
        expect(md).toContain('| 取值 | 最新占比 | 同比 | 下一期（预测） | 预测准确度 | 趋势判断 |');
        expect(md).toContain('| Linen shirt | 20.0% | +5.0 个百分点 | 22.0% | 比简单沿用差 1.5×（MASE 1.50） | growing |');
        expect(md).toContain('| Wool coat | 10.0% | −4.0 个百分点 | 9.0% | 比简单沿用好 2×（MASE 0.50） | — |');
      }
    }
  });

  it('writes period labels in Chinese in the Chinese interface only', () => {
    expect(periodText('zh', 'Winter 2022')).toBe('2022 年冬季');
    expect(periodText('en', 'Winter 2022')).toBe('Winter 2022');
  });

  it('writes the Plan\'s and the Regions\' period labels in the interface language, the other values as given', () => {
    const basis = { n: 2, last: 'Summer 2024', from: 'Winter 2022', level: '80 %' };
    expect(translateWithPeriods('zh', 'planBasis', basis, ['from', 'last'])).toBe('计划 2024 年夏季 之后的 2 期（历史：2022 年冬季 – 2024 年夏季）；建议采购量在 80 % 的情况下能满足需求，并已扣除现有库存。');
    expect(translateWithPeriods('en', 'planBasis', basis, ['from', 'last'])).toBe(translate('en', 'planBasis', basis));
    expect(translateWithPeriods('en', 'planBasis', basis, ['from', 'last'])).toContain('after Summer 2024 (history Winter 2022 – Summer 2024)');
    expect(translateWithPeriods('zh', 'reportPlanCovers', { n: 6, last: 'SS19', columns: 'category', level: '95 %' }, ['last'])).toBe('2019 春夏 之后的 6 期，按 category；建议采购量在 95 % 的情况下能满足需求，并已扣除现有库存。');
    expect(translateWithPeriods('zh', 'regionLatestPeriod', { period: '2023-10' }, ['period'])).toBe('最新一期：2023 年 10 月');
    expect(translateWithPeriods('en', 'regionLatestPeriod', { period: '2023-10' }, ['period'])).toBe('latest: 2023-10');
    // Only the named placeholders are periods: a group called "2023" stays as it is.
    expect(translateWithPeriods('zh', 'reportPlanCovers', { n: 1, last: '2023 Q4', columns: '2023', level: '80 %' }, ['last'])).toBe('2023 年第 4 季度 之后的 1 期，按 2023；建议采购量在 80 % 的情况下能满足需求，并已扣除现有库存。');
  });
});
