import { readFileSync } from 'node:fs';
import { expect, snapshot, test } from './fixtures.ts';

test('a file of weekly trend series goes straight to backtested forecasts', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000); // the worker trains the global model on the 10 series first (about 40 s of CPU; minutes on a loaded machine)
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/trend-series-sample.csv');
  await expect(page.getByTestId('series-dashboard')).toBeVisible();
  await expect(page.getByTestId('based-on')).toContainText('10 series (wide layout)');
  await expect(page.getByTestId('based-on')).toContainText('2015-01-05 – 2019-12-30');
  const first = page.getByTestId('series-list').locator('tr[data-series="br_female_outerwear_7"]');
  await expect(first.getByTestId('series-mase')).toHaveText(/^(\d+(\.\d)?× (better|worse) than naive|about as accurate as naive)$/, { timeout: 300_000 });
  await expect(page.getByTestId('based-on')).toContainText('mean backtest MASE');
  // Issue 16: ten series of five years are enough for the global model; the worker trains it and says so.
  const notes = page.getByTestId('forecast-notes');
  await notes.locator('summary').click();
  await expect(notes).toContainText(/The global model was trained across 10 series \(\d+ history windows\) and competes in every backtest\./);
  await snapshot(page, 'series-forecasts');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-series-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  // Header + 261 weeks of history + 52 forecast weeks, each series with its interval columns.
  expect(csv).toHaveLength(1 + 261 + 52);
  expect(csv[0]).toContain('br_female_outerwear_7__lo95');
  expect(csv[262]).toMatch(/^2020-01-06,forecast,/);
  // The same file again (after a reload): the weights kept in IndexedDB are reused, not trained again.
  await page.reload();
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/trend-series-sample.csv');
  const again = page.getByTestId('forecast-notes');
  await expect(again).toBeVisible({ timeout: 60_000 });
  await again.locator('summary').click();
  await expect(again).toContainText('The global model saved with these series was reused (same series and settings), so it was not trained again.');
});
