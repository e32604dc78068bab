import { describe, expect, it } from 'vitest';
import { coreMessage, englishMessages, englishText, type CoreMessage, type MessageCode, type MessageParam } from '../core/messages.ts';
import { coreMessageTables, coreText, signalExplanation } from './i18n.ts';
import { bytesSource, intake } from '../core/intake/intake.ts';
import { readSeriesBytes } from '../core/series/read.ts';
import { NO_DATE_MESSAGE, NO_TEXT_COLUMN_MESSAGE } from '../core/clean/roles.ts';

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
      // 'plain' shows a text that has no code (an older save's note) as it is, in every language;
      // 'forecast.series-name' only puts a series name in each language's quotation marks.
      if (code !== 'plain' && code !== 'forecast.series-name') expect(coreMessageTables.zh[code], code).toMatch(/[\u4e00-\u9fff]/);
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
    expect(signalExplanation('zh', short)).toBe('历史数据不足：只有 3 期，至少需要 8 期才能判断走向。');
    expect(signalExplanation('en', short)).toBe('Not enough history: 3 period(s), at least 8 are needed to judge the direction.');
    expect(coreText('zh', coreMessage('forecast.no-numbers', { name: '"pants"' }))).toBe('"pants" 没有可用于预测的数字。');
    expect(coreText('zh', undefined, 'Some older message.')).toBe('Some older message.');
  });

  it('write Chinese with full-width punctuation between Chinese words', () => {
    for (const code of codes) expect(coreMessageTables.zh[code], code).not.toMatch(/[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]/);
  });
});

describe('notes about how a file was read, in the interface languages', () => {
  // A Windows-1252 file (é is byte 0xE9), semicolons, lists in one column, dates that could be either order.
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const rows = ['Robe été;casual|minimal;03/04/2021', 'Jupe plissée;casual;05/06/2021', 'Veste en laine;formal|minimal;07/08/2021', 'Chemise;casual|party;09/10/2021'];

  it('give every intake note a code, worded in English and Chinese', async () => {
    const result = await intake(bytesSource(latin1(['name;styles;date', ...rows].join('\n')), 'catalogue.csv'));
    expect(result.notes.map((d) => d.code)).toEqual(['note.not-utf-8', 'note.delimiter', 'note.column', 'note.column']);
    expect(englishText(result.notes[1]!)).toBe('Fields are separated by semicolon.');
    const zh = result.notes.map((d) => coreText('zh', d));
    expect(zh[0]).toBe('这个文件不是 UTF-8 编码，已按 Windows-1252（西欧）编码读取，这是 Windows 版 Excel 的写法。如果文字显示不对，请选择其他编码。');
    expect(zh[1]).toBe('字段之间用分号分隔。');
    expect(zh[2]).toBe("“styles”列：这一列的单元格含有用 '|' 分隔的多个标签，已拆分为列表。");
    expect(zh[3]).toBe('“date”列：像 03/04/2021 这样的日期既可能是 4 月 3 日，也可能是 3 月 4 日；这一列没有大于 12 的日来确定，所以我们按“日/月”读取。如果不对，请在列映射步骤中更改。');
  });

  it('word the notes of a series file (repairs of its dates) in Chinese', async () => {
    // Weekly dates with one week missing and one date two days off the grid.
    const set = await readSeriesBytes(new TextEncoder().encode(['date,pants', '2024-01-01,1', '2024-01-08,2', '2024-01-17,3', '2024-01-29,4'].join('\n')));
    expect(set.notes.map(englishText)).toEqual(['1 date(s) did not fall on the weekly grid and were moved to the nearest week.', '1 week(s) had no row; they are treated as missing values.']);
    expect(set.notes.map((d) => coreText('zh', d))).toEqual(['1 个日期不在按周排列的网格上，已移到最近的周。', '有 1 个周没有数据行，按缺失值处理。']);
  });

  it('keep the English wording of the mapping messages and of an adapter that names nothing', () => {
    expect(englishText(coreMessage('note.no-text-column'))).toBe(NO_TEXT_COLUMN_MESSAGE);
    expect(englishText(coreMessage('note.no-date'))).toBe(NO_DATE_MESSAGE);
    const found = coreMessage('backend.gpu-found', { adapter: coreMessage('backend.unknown-gpu') });
    expect(coreText('en', found)).toBe('GPU found: unknown GPU.');
    expect(coreText('zh', found)).toBe('找到 GPU：未知 GPU。');
  });
});
