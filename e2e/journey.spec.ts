import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeJourneyCatalogue } from './generateCatalogue.ts';
import { expect, snapshot, test } from './fixtures.ts';

// The whole journey on a generated 100,000-item catalogue: drop → map → label (WASM) → forecast →
// dashboard → drill-down → report export → offline reload of the saved, labelled dataset.
const ROWS = 100_000;
const FILE = `test-results/journey-catalogue-${ROWS}.csv`;

test('100k items: drop → map → label → forecast → dashboard → drill-down → report → offline', async ({ page, context, requests: _requests }) => {
  test.setTimeout(900_000);
  mkdirSync('test-results', { recursive: true });
  if (!existsSync(FILE)) writeJourneyCatalogue(FILE, ROWS);

  await page.goto('/');
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.getByTestId('file-input').setInputFiles(FILE);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('row-count')).toHaveText('100,000');
  const columns = page.getByTestId('columns');
  await expect(columns.locator('tr[data-column="description"] select')).toHaveValue('text');
  await expect(columns.locator('tr[data-column="date"] select')).toHaveValue('date');
  await expect(columns.locator('tr[data-column="region"] select')).toHaveValue('region');
  await expect(columns.locator('tr[data-column="units"] select')).toHaveValue('units');

  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('backend')).toContainText('WebAssembly');
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 600_000 });
  await expect(page.getByTestId('based-on')).toContainText('labels: Trendloom classifier on WASM');
  await expect(page.getByTestId('based-on')).toContainText('units sold');

  // Forecasts for the charted style series, with backtested accuracy beside each.
  const table = page.getByTestId('series-table');
  // The backtest in words (issue 17, item 6): "1.5× worse than naive", "2× better than naive".
  await expect(table.locator('[data-testid="mase"]').first()).toHaveText(/^(\d+(\.\d)?× (better|worse) than naive|about as accurate as naive)$/, { timeout: 120_000 });
  await snapshot(page, 'journey-100k-trends');

  // A region filter recounts and says so.
  await page.getByTestId('filter-region').selectOption('EU');
  await expect(page.getByTestId('based-on')).toContainText('region = EU');
  await page.getByTestId('tab-regions').click();
  await expect(page.getByTestId('regions').locator('[data-region]')).toHaveCount(6);
  await page.getByTestId('filter-region').selectOption('');

  // Drill down from the movers to the items behind a style.
  await page.getByTestId('tab-seasons').click();
  await page.getByTestId('heatmap').locator('tbody td').first().click();
  await expect(page.getByTestId('items-view')).toBeVisible();
  const count = Number((await page.getByTestId('items-count').textContent())!.replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);

  // Report as Markdown.
  await page.getByTestId('open-report').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-markdown').click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toMatch(/^# Trend report/);
  // A section per region, largest first, for each trend facet of the file.
  for (const region of ['EU', 'US', 'UK', 'CN', 'JP', 'BR']) expect(markdown).toContain(`## styles (your file) — ${region}`);
  expect(markdown).toContain('## colour (your file) — All regions');
  await page.getByRole('button', { name: '✕' }).click();

  // Offline: the shell reloads and the saved, labelled dataset reopens from this computer.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  const saved = page.getByTestId('saved-datasets').locator(`[data-saved="journey-catalogue-${ROWS}.csv"]`);
  await expect(saved).toContainText('labelled', { timeout: 60_000 });
  await saved.getByRole('button', { name: `journey-catalogue-${ROWS}.csv`, exact: true }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveCount(1);
  await snapshot(page, 'journey-100k-offline');
  await context.setOffline(false);
});
