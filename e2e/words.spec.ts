import { expect, openCatalogue, test } from './fixtures.ts';

// Issue 17, item 6: backtest accuracy said in words (MASE only in a tooltip), jargon behind
// tooltips, and in 简体中文 the season names, the chart's period axis and the date pickers are
// Chinese. On e2e/fixtures/thin-periods-catalogue.csv (30 months, ~16 items a month).
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
  for (const cell of await cells.all()) {
    const mase = Number(await cell.getAttribute('data-mase'));
    if (!Number.isFinite(mase)) continue;
    const text = (await cell.textContent()) ?? '';
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
  // Movers: plain words, the technical term in the tooltip.
  await page.getByTestId('tab-movers').click();
  await expect(page.getByRole('columnheader', { name: 'Momentum' }).first()).toHaveAttribute('title', /Technical term: velocity/);

  // 简体中文: the accuracy, months, then seasons on the chart's period axis and in the date pickers.
  await page.getByTestId('language').click();
  await page.getByTestId('tab-trends').click();
  await expect(cells.first()).toHaveText(/^(比简单沿用(好|差) \d+(\.\d)?×|与简单沿用差不多)$/);
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
});
