import { expect, test } from './fixtures.ts';

// Issue 19, item 3: workers send their progress lines and the forecast layer its signal
// explanations as message codes with parameters, which the page words in its language (no English
// sentence is parsed). In 简体中文 both read in Chinese, worded from the codes.
test('in 简体中文, the forecast worker\'s progress line and the signals\' explanations are Chinese', async ({ page, requests: _requests }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByTestId('language').click();
  // Progress lines come and go: every text the forecasting progress line shows is recorded.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="series-progress"]')?.textContent;
      if (line && seen[seen.length - 1] !== line) seen.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/trend-series-sample.csv');
  await expect(page.getByTestId('series-dashboard')).toBeVisible();
  const row = page.getByTestId('series-list').locator('tr[data-series="br_female_outerwear_7"]');
  await expect(row.getByTestId('series-mase')).toHaveText(/^(比简单沿用(好|差) \d+(\.\d)?×|与简单沿用差不多)$/, { timeout: 120_000 });

  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.some((line) => /^正在预测第 \d+ \/ 10 个序列…/.test(line)), seen.join(' | ')).toBe(true);
  expect(seen.join(' ')).not.toMatch(/Forecasting series/);

  // Five years of weekly history: each signal is explained against the same weeks last year.
  const titles = await page.getByTestId('series-list').getByTestId('series-signal').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
  expect(titles).toHaveLength(10);
  for (const title of titles) {
    expect(title).toMatch(/^(新兴：从低位快速上升|走强|走弱|季节性：随季节起落，整体变化不大|平稳)（最近 \d+ 期对比去年同期：([+-]\d+%|从无到有)）。$|^最近几期没有任何记录。$/);
  }
  // Back in English, the same codes read as the forecast layer's English sentences.
  await page.getByTestId('language').click();
  const english = await page.getByTestId('series-list').getByTestId('series-signal').first().getAttribute('title');
  expect(english).toMatch(/^(Emerging: rising quickly from a low base|Growing|Declining|Seasonal: rises and falls with the time of year, little change overall|Steady) \(([+-]\d+%|from nothing) over the last \d+ periods against the same weeks last year\)\.$|^No activity in the recent periods\.$/);
});
