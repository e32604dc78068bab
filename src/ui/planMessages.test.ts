/** Issue 15: the season plan's notes and refusals are message codes, worded in the interface language (English stays the CLI's text). */
import { describe, expect, it } from 'vitest';
import { coreMessage, englishMessages, englishText, type MessageCode } from '../core/messages.ts';
import { planSeason, PlanInputError, reconciliationMessage } from '../core/plan/plan.ts';
import { syntheticSeries } from '../core/forecast/testSeries.ts';
import { coreMessageTables, coreText } from '../i18n/i18n.ts';
import { planNotesText, reconciliationText } from './dashboard/PlanView.tsx';

const planCodes = (Object.keys(englishMessages) as MessageCode[]).filter((code) => code.startsWith('plan.'));

describe('season plan messages', () => {
  it('every plan code has an English and a Chinese text, with the same placeholders', () => {
    expect(planCodes.length).toBeGreaterThanOrEqual(15);
    const names = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();
    for (const code of planCodes) {
      expect(coreMessageTables.en[code], code).toBe(englishMessages[code]);
      expect(coreMessageTables.zh[code], code).toMatch(/[\u4e00-\u9fff]/);
      expect(names(coreMessageTables.zh[code]), code).toEqual(names(englishMessages[code]));
    }
  });

  it('a plan from 30 weeks of history says why in codes: English text for the CLI, Chinese on the page', () => {
    const groups = [
      { key: ['Tops'], units: syntheticSeries(30, { level: 50, noise: 5, seed: 3 }) },
      { key: ['Shoes'], units: syntheticSeries(30, { level: 20, noise: 3, seed: 4 }) },
    ];
    const plan = planSeason(groups, { horizon: 26, period: 52, serviceLevel: 0.8 });
    // Too short to check past seasons: the totals are bottom-up sums, and it says so.
    expect(plan.method).toBe('bottom-up');
    expect(plan.reconciliation).toBe(englishText(reconciliationMessage('bottom-up')));
    expect(plan.notes.map((m) => m.code)).toContain('plan.short-history-bottom-up');
    // Each note is one message, worded in English (the CLI) and Chinese (the page).
    const i = plan.notes.findIndex((m) => m.code === 'plan.short-history-bottom-up');
    expect(englishText(plan.notes[i]!)).toBe('Some groups have too little history to check past seasons, so the totals are simple sums of the group forecasts (bottom-up) rather than a weighted reconciliation.');
    expect(coreText('zh', plan.notes[i])).toBe('有些分组的历史太短，无法检验过去各季，所以合计直接取各组预测之和（自下而上），而不做加权协调。');
    // Every row: no same season last year (its English note is in the row's notes too).
    for (const row of plan.rows) {
      expect(row.planNotes.map((m) => m.code)).toContain('plan.no-last-season');
      expect(row.notes).toContain('Less than a year of history: there is no same season last year to compare with.');
    }
    // The Plan view's notes in Chinese: the plan's, then each row note once; no English left.
    const zh = planNotesText('zh', plan);
    expect(zh).toContain('有些分组的历史太短，无法检验过去各季，所以合计直接取各组预测之和（自下而上），而不做加权协调。');
    expect(zh.filter((line) => line === '历史不足一年：没有去年同季可供比较。')).toHaveLength(1);
    for (const line of zh) expect(line).not.toMatch(/[A-Za-z]{4,}/);
    expect(planNotesText('en', plan)).toContain('Less than a year of history: there is no same season last year to compare with.');
    expect(reconciliationText('zh', plan.method)).toBe('合计一致：各组保留自身预测，合计为各组之和（自下而上）。');
  });

  it('refuses negative units with a message the page words in Chinese', () => {
    const units = Float64Array.from([5, 4, -2, 6, 7, 5, 4, 6]);
    let error: unknown;
    try {
      planSeason([{ key: ['Linen', 'FR'], units }], { horizon: 2, period: 4, serviceLevel: 0.8 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanInputError);
    const refused = error as PlanInputError;
    expect(refused.message).toBe('Units cannot be negative, but group "Linen · FR" has -2 in period 3. Fix the data (returns belong in their own column).');
    expect(refused.detail).toEqual(coreMessage('plan.negative-units', { group: 'Linen · FR', units: -2, period: 3 }));
    expect(coreText('zh', refused.detail)).toBe('销量不能为负数，但分组“Linen · FR”在第 3 期为 -2。请修正数据（退货应放在单独的列中）。');
    expect(() => planSeason([{ key: ['Linen'], units }], { horizon: 2, period: 4, serviceLevel: 0.3 })).toThrow('The service level must be between 0.5 and 0.995 (got 0.3).');
  });
});
