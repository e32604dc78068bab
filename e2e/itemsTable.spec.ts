import { expect, test } from './fixtures.ts';

// Issue 17, item 7: the items table shows the item text in full, searches, sorts by a column
// header, and the dashboard can go back to the column step and return.
test('items table: search, sort, full text; change columns and back', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 300_000 });
  await page.getByTestId('tab-items').click();
  const table = page.getByTestId('items-table');
  const rows = table.locator('.data-body [role="row"]');
  await expect(table).toHaveAttribute('aria-rowcount', '5000');

  // Every column header shows its whole title (long ones wrap instead of being cut with an ellipsis).
  const headers = table.locator('.data-row.header [role="columnheader"][data-column]');
  expect(await headers.count()).toBeGreaterThan(3);
  const cutTitles = await headers.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.getAttribute('title')));
  expect(cutTitles).toEqual([]);
  // A table wider than the page scrolls sideways with its header: the last column's header stays above its cells.
  await table.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const lastHeader = await headers.last().boundingBox();
  const lastColumn = await headers.last().getAttribute('data-column');
  const lastCell = await rows.first().locator(`[data-column="${lastColumn}"]`).boundingBox();
  expect(lastHeader!.x + lastHeader!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(Math.abs(lastHeader!.x - lastCell!.x)).toBeLessThan(2);
  await table.evaluate((el) => (el.scrollLeft = 0));

  // Search narrows the rows, any case, over the item text (and labels).
  await page.getByTestId('items-search').fill('FERRARI polo');
  await expect(page.getByTestId('items-search-count')).toBeVisible();
  const found = Number(await table.getAttribute('aria-rowcount'));
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(50);
  for (const text of await rows.locator('[data-column="productDisplayName"]').allTextContents()) expect(text.toLowerCase()).toMatch(/ferrari.*polo|polo.*ferrari/);
  await expect(page.getByTestId('items-search-count')).toHaveText(`· ${found} item${found === 1 ? '' : 's'} match${found === 1 ? 'es' : ''}`);
  await page.getByTestId('items-search').fill('');
  await expect(table).toHaveAttribute('aria-rowcount', '5000');

  // Sorting by the name column: ascending, then descending (aria-sort says which), by keyboard too.
  const header = table.locator('[role="columnheader"][data-column="productDisplayName"]');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  const firstNames = async () => (await rows.locator('[data-column="productDisplayName"]').allTextContents()).slice(0, 5);
  const before = await firstNames();
  await page.getByTestId('sort-productDisplayName').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await firstNames();
  expect(ascending).not.toEqual(before);
  expect([...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))).toEqual(ascending);
  await page.getByTestId('sort-productDisplayName').focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = await firstNames();
  expect(descending[0]!.localeCompare(ascending[0]!, undefined, { sensitivity: 'base' })).toBeGreaterThan(0);

  // The item text is shown in full: a long name is not cut (its cell is as wide as its text needs).
  await page.getByTestId('items-search').fill('Spacious Blue-Black Backpack');
  const cell = rows.first().locator('[data-column="productDisplayName"]');
  await expect(cell).toHaveText('Quechua Spacious Blue-Black Backpack');
  expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);

  // Change columns: back to the column step with the current choices, the model's columns not among them.
  await page.getByTestId('change-columns').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await expect(page.getByTestId('remap-note')).toBeVisible();
  const columns = page.getByTestId('columns');
  await expect(columns.locator('tr[data-column="productDisplayName"] select')).toHaveValue('text');
  await expect(columns.locator('tr[data-column^="pred_"]')).toHaveCount(0);
  // Back keeps the dashboard as it was.
  await columns.locator('tr[data-column="gender"] select').selectOption('ignore');
  await page.getByTestId('cancel-remap').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  // Confirming a change labels and counts again, and the dashboard returns.
  await page.getByTestId('change-columns').click();
  await expect(columns.locator('tr[data-column="gender"] select')).not.toHaveValue('ignore');
  await columns.locator('tr[data-column="usage"] select').selectOption('styles');
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('facet').locator('option[value="usage"]')).toHaveText('usage (your file)');
  // The new choice is kept: the column step shows it the next time.
  await page.getByTestId('change-columns').click();
  await expect(columns.locator('tr[data-column="usage"] select')).toHaveValue('styles');
  await page.getByTestId('cancel-remap').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
});
