import { describe, expect, it } from 'vitest';
import { coreMessage, englishMessages, englishText, type CoreMessage, type MessageCode, type MessageParam } from '../core/messages.ts';
import { coreMessageTables, coreText, signalExplanation } from './i18n.ts';

const codes = Object.keys(englishMessages) as MessageCode[];
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!))];

/** A sample value per placeholder: nested messages where the core nests them, else a distinct number or text. */
function sampleParams(code: MessageCode): Record<string, MessageParam> {
  const names = new Set([...placeholders(englishMessages[code]), ...placeholders(coreMessageTables.zh[code])]);
  const params: Record<string, MessageParam> = {};
  let k = 0;
  for (const name of names) {
    if (name === 'reason') params[name] = coreMessage('cell.not-a-number', { cell: "'q7'" });
    else if (name === 'why') params[name] = coreMessage('why.no-quarter', { quarter: 5 });
    else if (name === 'delimiter') params[name] = coreMessage('delimiter.semicolon');
    else params[name] = name === 'monthName' ? 'February' : 70 + k++;
  }
  return params;
}

/** The text a sample parameter must show up as, in the language. */
function shown(value: MessageParam, language: 'en' | 'zh'): string {
  return typeof value === 'object' ? coreText(language, value as CoreMessage) : String(value);
}

describe('core messages in the interface languages', () => {
  it('have an English and a Chinese text for every code, and the Chinese is not English', () => {
    expect(Object.keys(coreMessageTables.zh).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(coreMessageTables.en[code], code).toBe(englishMessages[code]);
      expect(coreMessageTables.zh[code].trim(), code).not.toBe('');
      expect(coreMessageTables.zh[code], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('substitute every parameter in both languages (nested messages worded in the same language)', () => {
    for (const code of codes) {
      const params = sampleParams(code);
      for (const language of ['en', 'zh'] as const) {
        const text = coreText(language, coreMessage(code, params));
        expect(text, `${language} ${code}`).not.toMatch(/\{\w+/);
        for (const name of placeholders(coreMessageTables[language][code])) expect(text, `${language} ${code} {${name}}`).toContain(shown(params[name]!, language));
      }
    }
  });

  it('word the intake problems a user sees in Chinese', () => {
    const emptied = coreMessage('problem.cell-emptied', { reason: coreMessage('cell.not-a-number', { cell: "'many'" }) });
    expect(coreText('zh', emptied)).toBe("'many' 不是数字；该单元格留空（保留这一行）。");
    expect(coreText('en', emptied)).toBe("'many' is not a number; the cell was left empty (the row is kept).");
    const ragged = coreMessage('row.too-few-values', { count: 2, columns: 5, delimiter: coreMessage('delimiter.comma') });
    expect(coreText('zh', ragged)).toBe('这一行有 2 个值，但文件有 5 列，已被略过。（缺少逗号或未加引号的单元格中有换行，都可能导致这种情况。）');
    const date = coreMessage('problem.cell-emptied', { reason: coreMessage('cell.impossible-date', { cell: "'31/02/2019'", why: coreMessage('why.short-month', { monthName: 'February', month: 2, year: 2019, days: 28 }) }) });
    expect(coreText('en', date)).toBe("'31/02/2019' is not a real date: February 2019 has only 28 days; the cell was left empty (the row is kept).");
    expect(coreText('zh', date)).toBe("'31/02/2019' 不是真实存在的日期：2019 年 2 月只有 28 天；该单元格留空（保留这一行）。");
    expect(coreText('zh', coreMessage('file.picture', { name: 'photo.csv' }))).toContain('“photo.csv”');
  });

  it('word the backend reason of the classifier in Chinese', () => {
    const reason = coreMessage('backend.software-adapter', { adapter: 'Google SwiftShader' });
    expect(coreText('en', reason)).toBe('The only GPU adapter is a software one (Google SwiftShader); WebAssembly is faster.');
    expect(coreText('zh', reason)).toBe('唯一的 GPU 适配器是软件模拟的（Google SwiftShader），WebAssembly 更快。');
  });

  it('word forecast reasons in Chinese and keep the English text when there is no code', () => {
    const short = coreMessage('signal.not-enough-history', { n: 3, needed: 8 });
    expect(signalExplanation('zh', englishText(short), short)).toBe('历史数据不足：只有 3 期，至少需要 8 期才能判断走向。');
    expect(signalExplanation('en', englishText(short), short)).toBe('Not enough history: 3 period(s), at least 8 are needed to judge the direction.');
    expect(coreText('zh', coreMessage('forecast.no-numbers', { name: '"pants"' }))).toBe('"pants" 没有可用于预测的数字。');
    expect(coreText('zh', undefined, 'Some older message.')).toBe('Some older message.');
  });

  it('write Chinese with full-width punctuation between Chinese words', () => {
    for (const code of codes) expect(coreMessageTables.zh[code], code).not.toMatch(/[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]/);
  });
});
