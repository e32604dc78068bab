import { readFileSync } from 'node:fs';
import { expect, snapshot, test } from './fixtures.ts';

test('demo journey: map → label → dashboard → forecasts → heatmap → drill-down → report → reopen', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await page.getByTestId('confirm-mapping').click();
  // Labelling runs the shipped model in the browser (WASM here: the headless adapter is software).
  await expect(page.getByTestId('backend')).toContainText('WebAssembly');
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('based-on')).toContainText('labels: Trendloom classifier on WASM');
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveCount(1);
  // The demo's style column (usage) is the default facet, by season, shares of items.
  await expect(page.getByTestId('facet')).toHaveValue('usage');
  await expect(page.getByTestId('based-on')).toContainText('demo-catalogue.csv');
  const table = page.getByTestId('series-table');
  await expect(table.locator('tr[data-series="Casual"]')).toBeVisible();
  // Forecasts arrive from the worker with a backtest score or an honest "not enough data".
  await expect(table.locator('tr[data-series="Casual"] [data-testid="mase"]')).not.toHaveText('…', { timeout: 60_000 });
  await snapshot(page, 'dashboard-trends');

  // A date range narrows every view to its periods, and the summary says so.
  const firstPeriod = (await page.getByTestId('date-from').locator('option').nth(3).textContent())!;
  await page.getByTestId('date-from').selectOption({ label: firstPeriod });
  await expect(page.getByTestId('based-on')).toContainText(`${firstPeriod} – `);
  await page.getByTestId('date-from').selectOption('');

  await page.getByTestId('tab-seasons').click();
  await expect(page.getByTestId('heatmap')).toContainText('Casual');
  await page.getByTestId('tab-colours').click();
  await expect(page.getByTestId('palette').locator('[data-colour="Black"]').first()).toBeVisible();
  await snapshot(page, 'dashboard-colours');

  // Drill down: click the Casual series → the items view lists exactly the Casual items counted.
  await page.getByTestId('tab-trends').click();
  await table.locator('tr[data-series="Casual"] button').click();
  await expect(page.getByTestId('items-view')).toBeVisible();
  const demo = readFileSync('public/demo/catalogue-sample.csv', 'utf8').trim().split('\n').slice(1);
  const casualDated = demo.filter((line) => {
    const cells = line.split(',');
    return cells[8] === 'Casual' && cells[6] !== '' && cells[7] !== '';
  }).length;
  await expect(page.getByTestId('items-count')).toHaveText(casualDated.toLocaleString('en-GB'));

  // The report lists rising and declining values and downloads as Markdown.
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toContainText('Rising');
  const download = page.waitForEvent('download');
  await page.getByTestId('download-markdown').click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toMatch(/^# Trend report/);
  expect(markdown).toContain('## usage — All regions');

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '✕' }).click();

  // Item detail: the words that drove each label, and a correction kept in a label_ column.
  await page.getByTestId('tab-items').click();
  await page.getByTestId('items-table').getByRole('row').nth(1).click();
  const detail = page.getByTestId('item-detail');
  await expect(detail.locator('[data-head="usage"] [data-testid="explanation"]')).toBeVisible({ timeout: 60_000 });
  const choices = await detail.getByTestId('correct-usage').locator('option').allTextContents();
  const correction = choices.filter((c) => c !== 'Correct…').at(-1)!;
  await detail.getByTestId('correct-usage').selectOption(correction);
  await expect(detail.locator('[data-head="usage"]')).toContainText(`corrected to ${correction}`);

  // Fine-tuning on the user's own label column, in a worker, with validation figures.
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-backend')).toContainText('WebAssembly');
  await page.getByTestId('head-label').selectOption('usage');
  await page.getByTestId('train-head').click();
  await expect(page.getByTestId('head-accuracy')).toHaveText(/\d+\.\d%/, { timeout: 180_000 });
  const accuracy = Number((await page.getByTestId('head-accuracy').textContent())!.replace('%', ''));
  expect(accuracy).toBeGreaterThan(70);
  await expect(page.getByTestId('confusion')).toBeVisible();
  await page.getByTestId('fill-column').click();
  await expect(page.getByTestId('head-message')).toContainText('ft_usage', { timeout: 120_000 });
  await expect(page.getByTestId('facet').locator('option[value="ft_usage"]')).toHaveCount(1);
  await snapshot(page, 'model-view');

  // The labelled dataset was saved on this computer: after a reload it reopens from the start screen.
  await page.reload();
  await expect(page.getByTestId('saved-datasets').locator('[data-saved="demo-catalogue.csv"]')).toContainText('labelled');
  await page.getByTestId('saved-datasets').getByRole('button', { name: 'demo-catalogue.csv' }).first().click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveCount(1);
});
