import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { markdownText } from '../src/core/report/markdownText.ts';
import { expect, openCatalogue, test } from './fixtures.ts';

/** Opens the report, downloads its Markdown and closes it again. */
async function reportMarkdown(page: Page): Promise<string[]> {
  await page.getByTestId('open-report').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-markdown').click();
  const markdown = readFileSync((await (await download).path())!, 'utf8');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report')).toHaveCount(0);
  return markdown.split('\n');
}

// Issue 17, item 6: backtest accuracy said in words (MASE only in a tooltip), jargon behind
// tooltips, and in 简体中文 the season names, the chart's period axis and the date pickers are
// Chinese, in the Plan and Regions views too; the report's Markdown says the accuracy in words.
// On e2e/fixtures/thin-periods-catalogue.csv (30 months, ~16 items a month).
test('accuracy in words; seasons, axis and date pickers in Chinese', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await openCatalogue(page, 'e2e/fixtures/thin-periods-catalogue.csv', ['description']);
  await page.getByTestId('facet').selectOption('category');
  await page.getByTestId('measure').selectOption('items');
  // By month with every month counted (at least 5 items a month): 30 months, enough to backtest.
  await page.getByTestId('min-support').fill('5');
  await page.getByTestId('grain').selectOption('month');
  const table = page.getByTestId('series-table');
  await expect(table.getByRole('columnheader', { name: 'Accuracy vs. naive' })).toHaveAttribute('title', /repeating last year's value.*backtest MASE/);
  // Every backtested series says how it did against naive in words, the MASE itself in the tooltip.
  const cells = table.locator('[data-testid="mase"][data-mase]:not([data-mase="NaN"])');
  await expect(cells.first()).not.toHaveText('…', { timeout: 120_000 });
  expect(await cells.count()).toBeGreaterThan(0);
  let worse = 0;
  const wordsOf = new Map<string, string>();
  for (const cell of await cells.all()) {
    const mase = Number(await cell.getAttribute('data-mase'));
    if (!Number.isFinite(mase)) continue;
    const text = (await cell.textContent()) ?? '';
    wordsOf.set((await cell.locator('xpath=ancestor::tr[1]').getAttribute('data-series'))!, `${text} (MASE ${mase.toFixed(2)})`);
    if (Math.abs(mase - 1) <= 0.05) expect(text).toBe('about as accurate as naive');
    else if (mase > 1) {
      expect(text).toBe(`${mase >= 10 ? Math.round(mase) : Number(mase.toFixed(1))}× worse than naive`);
      worse++;
    } else expect(text).toBe(`${1 / mase >= 10 ? Math.round(1 / mase) : Number((1 / mase).toFixed(1))}× better than naive`);
    await expect(cell).toHaveAttribute('title', `Backtest MASE ${mase.toFixed(2)}`);
  }
  // Forecasts worse than naive are flagged beside their figure and named under the chart.
  await expect(table.locator('[data-worse-than-naive="true"]')).toHaveCount(worse);
  if (worse > 0) await expect(page.getByTestId('worse-than-naive')).toContainText("did worse on past periods than repeating last year's value");
  // The report's Markdown says each forecast's accuracy in the same words, the MASE after them.
  const markdown = await reportMarkdown(page);
  expect(markdown).toContain('| value | latest share | vs last year | next period (forecast) | forecast accuracy | signal |');
  let worded = 0;
  for (const [label, words] of wordsOf) {
    const row = markdown.find((line) => line.startsWith(`| ${markdownText(label)} | `));
    if (!row || !row.includes('(MASE ')) continue;
    expect(row).toContain(` | ${words} | `);
    worded++;
  }
  expect(worded).toBeGreaterThan(0);
  const accuracyRows = markdown.filter((line) => / \(MASE \d+\.\d\d\) \| /.test(line)).length;
  // Movers: plain words, the technical term in the tooltip.
  await page.getByTestId('tab-movers').click();
  await expect(page.getByRole('columnheader', { name: 'Momentum' }).first()).toHaveAttribute('title', /Technical term: velocity/);

  // 简体中文: the accuracy, months, then seasons on the chart's period axis and in the date pickers.
  await page.getByTestId('language').click();
  await page.getByTestId('tab-trends').click();
  await expect(cells.first()).toHaveText(/^(比简单沿用(好|差) \d+(\.\d)?×|与简单沿用差不多)$/);
  const zhMarkdown = await reportMarkdown(page);
  expect(zhMarkdown).toContain('| 取值 | 最新占比 | 同比 | 下一期（预测） | 预测准确度 | 趋势判断 |');
  expect(zhMarkdown.filter((line) => /^\| .+ \| (比简单沿用(好|差) \d+(\.\d)?×|与简单沿用差不多)（MASE \d+\.\d\d） \| /.test(line)).length).toBe(accuracyRows);
  expect(zhMarkdown.join('\n')).toContain('最新一期：**2024 年 6 月**。');
  await expect(page.getByTestId('based-on')).toContainText('2022 年 1 月 – 2024 年 6 月');
  await page.getByTestId('grain').selectOption('season');
  const season = /^\d{4} 年(冬|春|夏|秋)季$/;
  const ticks = page.getByTestId('trend-chart').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toHaveText(season);
  for (const tick of await ticks.allTextContents()) expect(tick).toMatch(season);
  const options = await page.getByTestId('date-from').locator('option').allTextContents();
  expect(options.slice(1).length).toBeGreaterThan(3);
  for (const option of options.slice(1)) expect(option).toMatch(season);
  await expect(page.getByTestId('based-on')).toContainText(/\d{4} 年(冬|春|夏|秋)季 – \d{4} 年(冬|春|夏|秋)季/);

  // Regions: each panel names its latest season, and the table's columns are seasons, in Chinese.
  await page.getByTestId('tab-regions').click();
  const latest = page.getByTestId('regions').getByTestId('region-latest-period');
  await expect(latest).toHaveCount(3);
  for (const text of await latest.allTextContents()) expect(text).toMatch(/^ · 最新一期：\d{4} 年(冬|春|夏|秋)季$/);
  await page.getByTestId('regions-data-table-toggle').locator('summary').click();
  const header = page.getByTestId('regions-data-table').locator('thead th');
  // The table renders after the toggle opens: wait for its header before reading it.
  await expect(header.nth(2)).toHaveText('同比');
  const columns = await header.allTextContents();
  expect(columns.slice(0, 3)).toEqual(['地区 · 取值', '最新', '同比']);
  for (const column of columns.slice(3)) expect(column).toMatch(season);
  // Plan: what it plans after and from which history, in Chinese seasons; so says the report's "Next season".
  await page.getByTestId('tab-plan').click();
  const basis = page.getByTestId('plan-basis');
  await expect(basis).toContainText(/^计划 \d{4} 年(冬|春|夏|秋)季 之后的 \d+ 期（历史：\d{4} 年(冬|春|夏|秋)季 – \d{4} 年(冬|春|夏|秋)季）/, { timeout: 120_000 });
  await expect(basis).not.toContainText(/Winter|Spring|Summer|Autumn/);
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report').locator('h1')).toHaveText(/^趋势报告 — \d{4} 年(冬|春|夏|秋)季$/);
  await expect(page.getByTestId('report-next-season')).toContainText(/\d{4} 年(冬|春|夏|秋)季 之后的 \d+ 期/, { timeout: 120_000 });
});
