import { expect, snapshot, test } from './fixtures.ts';

test('dropping a catalogue shows the preview, the mapping and the problems', async ({ page, requests: _requests }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/small-catalogue.csv');
  await expect(page.getByTestId('mapping')).toBeVisible();
  // Six data lines: five read, one ragged (line 6) reported, nothing silently lost.
  await expect(page.getByTestId('row-count')).toHaveText('5');
  const columns = page.getByTestId('columns');
  await expect(columns.locator('tr[data-column="描述"] select')).toHaveValue('text');
  await expect(columns.locator('tr[data-column="日期"] select')).toHaveValue('date');
  await expect(columns.locator('tr[data-column="销量"] select')).toHaveValue('units');
  await expect(columns.locator('tr[data-column="颜色"] select')).toHaveValue('colours');
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('not a date');
  await expect(problems.locator('tbody tr').filter({ hasText: /^6/ })).toHaveCount(1);
  await expect(page.getByTestId('preview')).toContainText('Relaxed linen shirt, camp collar');
  await snapshot(page, 'intake-mapping');
});

test('a picture renamed .csv gets a plain-language error', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/picture-renamed.csv');
  await expect(page.getByTestId('error')).toContainText(/image|picture|PNG/i);
  await expect(page.getByTestId('dropzone')).toBeVisible();
});

test('the demo catalogue opens with its columns mapped', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await expect(page.getByTestId('row-count')).toHaveText('5,000');
  await expect(page.getByTestId('columns').locator('tr[data-column="productDisplayName"] select')).toHaveValue('text');
});
