import { expect, openCatalogue, snapshot, test } from './fixtures.ts';
import { monthCounts } from './generateThinCatalogue.ts';

// Issue 17, items 1 and 3, on a catalogue with about 16 items a month over 30 months
// (e2e/fixtures/thin-periods-catalogue.csv, written by e2e/generateThinCatalogue.ts): every month
// shows, "now" stays on the last month with data (2024-06, not 2023-10, the last month with 20
// items), thin periods are drawn lighter with their count, a too-fine period suggests a coarser
// one; and a reopened labelled dataset has its model back (item detail labels and corrections).
const FILE = 'e2e/fixtures/thin-periods-catalogue.csv';

test('thin periods are shown and marked, "now" stays on the last data; a reopened dataset has its model', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await openCatalogue(page, FILE, ['description']);
  await page.getByTestId('facet').selectOption('category');
  await page.getByTestId('measure').selectOption('items');

  // By month: all 30 months, from the first to the last with data.
  await page.getByTestId('grain').selectOption('month');
  await expect(page.getByTestId('based-on')).toContainText('2022-01 – 2024-06');
  // 28 of the 30 months have fewer than 20 items: the app says so and suggests quarters.
  const advice = page.getByTestId('thin-advice');
  await expect(advice).toContainText('Too few items per month — show by quarter?');
  await expect(advice).toContainText('28 of 30 periods have fewer than 20 items');
  await expect(advice).toHaveAttribute('data-suggestion', 'quarter');
  // Thin months are drawn as marked points carrying their count; the months with enough are not.
  const chart = page.getByTestId('trend-chart');
  await expect(chart.locator('[data-thin-period="2024-06"]').first()).toHaveAttribute('data-items', '16');
  await expect(chart.locator('[data-thin-period="2022-04"]').first()).toHaveAttribute('data-items', '10');
  await expect(chart.locator('[data-thin-period="2023-10"]')).toHaveCount(0);
  // The latest share is the thin one, lighter, with its count (not "not enough data").
  const latest = page.getByTestId('series-table').locator('tbody tr').first().getByTestId('latest');
  await expect(latest.locator('[data-thin="true"]')).toContainText('from 16 items (fewer than 20)');
  // The table behind the chart: every month in order, thin ones with their counts, then the
  // forecast starting after 2024-06 ("now"), never on a month with data.
  await page.getByTestId('trend-data-table-toggle').locator('summary').click();
  // (The forecast periods are labelled from the dates the forecast worker returns: they appear with the forecasts.)
  await expect(page.getByTestId('trend-data-table').locator('tbody th').nth(30)).toHaveText('2024-07 (forecast)', { timeout: 120_000 });
  const headers = await page.getByTestId('trend-data-table').locator('tbody th').allTextContents();
  const counts = monthCounts();
  const months = counts.map((_, m) => `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  expect(headers.slice(0, 30)).toEqual(months.map((month, m) => (counts[m]! < 20 ? `${month} · ${counts[m]} items (fewer than 20)` : month)));
  expect(headers[30]).toBe('2024-07 (forecast)');
  await snapshot(page, 'thin-periods-month');

  // By week: every week with items shows (thin), and the app suggests quarters.
  await page.getByTestId('grain').selectOption('week');
  await expect(advice).toContainText('Too few items per week — show by quarter?');
  await expect(page.getByTestId('series-table').locator('tbody tr')).not.toHaveCount(0);
  await expect(chart.locator('[data-thin-period]').first()).toBeVisible();
  await page.getByTestId('thin-switch').click();
  await expect(page.getByTestId('grain')).toHaveValue('quarter');
  await expect(advice).toHaveCount(0);

  // Each region by quarter (about 16 items each): values shown lighter with their count, not "not enough data".
  await page.getByTestId('tab-regions').click();
  const eu = page.getByTestId('regions').locator('[data-region="EU"]');
  // EU has every third item: 6 a month, 18 in 2024 Q2.
  await expect(eu.locator('td[data-thin="true"]').first()).toContainText('(18)');
  await expect(eu.locator('td[data-thin="true"]').first()).toHaveAttribute('title', '18 items (fewer than 20)');
  await expect(eu).not.toContainText('not enough data');

  // The minimum is a setting: at 10 items, months are enough and nothing is marked thin.
  await page.getByTestId('tab-trends').click();
  await page.getByTestId('grain').selectOption('month');
  await page.getByTestId('min-support').fill('10');
  await expect(advice).toHaveCount(0);
  await expect(chart.locator('[data-thin-period]')).toHaveCount(0);
  await page.getByTestId('min-support').fill('20');
  await expect(advice).toBeVisible();

  // Item 3: after a reload, the saved labelled dataset reopens with its model: the item detail
  // shows the model's labels and takes a correction, and the Model tab describes the model.
  await page.reload();
  const saved = page.getByTestId('saved-datasets').locator('[data-saved="thin-periods-catalogue.csv"]');
  await expect(saved).toContainText('labelled', { timeout: 60_000 });
  await saved.getByRole('button', { name: 'thin-periods-catalogue.csv', exact: true }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await page.getByTestId('tab-items').click();
  await page.getByTestId('items-table').getByRole('row').nth(1).click();
  const detail = page.getByTestId('item-detail');
  await expect(detail.locator('[data-head="usage"]')).toBeVisible({ timeout: 120_000 });
  await expect(detail).not.toContainText('This item has no model labels');
  await expect(detail.locator('[data-head="usage"] [data-testid="explanation"]')).toBeVisible({ timeout: 60_000 });
  const choices = await detail.getByTestId('correct-usage').locator('option').allTextContents();
  const correction = choices.filter((c) => c !== 'Correct…').at(-1)!;
  await detail.getByTestId('correct-usage').selectOption(correction);
  await expect(detail.locator('[data-head="usage"]')).toContainText(`corrected to ${correction}`);
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-backend')).toContainText('WebAssembly');
  await snapshot(page, 'thin-periods-reopened');
});
