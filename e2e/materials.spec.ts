import { expect, openCatalogue, test } from './fixtures.ts';

// Issue 17, item 8: a catalogue without a materials column (e2e/fixtures/materials-catalogue.csv)
// whose descriptions name linen, wool, cashmere, suede: Material mix shows the materials found in
// the descriptions and says so, and the found materials and patterns are facets.
test('Material mix shows the materials named in the descriptions', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await openCatalogue(page, 'e2e/fixtures/materials-catalogue.csv', ['name', 'description']);
  await page.getByTestId('tab-materials').click();
  const view = page.getByTestId('materials');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-source', 'text');
  await expect(page.getByTestId('no-materials')).toHaveCount(0);
  // 204 of the 240 items name a material (3 a month name none).
  await expect(page.getByTestId('materials-from-text')).toHaveText('Materials found in item descriptions (the file has no materials column): 204 of 240 items name one.');
  await page.getByTestId('materials-data-table-toggle').locator('summary').click();
  const header = page.getByTestId('materials-data-table').locator('thead');
  for (const material of ['linen', 'wool', 'cashmere', 'suede']) await expect(header).toContainText(material);

  // The found materials and patterns are facets like the file's own columns, after them.
  const facet = page.getByTestId('facet');
  await expect(facet.locator('option[value="found_in_text:materials"]')).toHaveText('Materials (found in item text)');
  await expect(facet.locator('option[value="found_in_text:patterns"]')).toHaveText('Patterns (found in item text)');
  await facet.selectOption('found_in_text:patterns');
  await page.getByTestId('tab-trends').click();
  await expect(page.getByTestId('series-table')).toContainText('striped');

  // In Chinese the found materials are named in Chinese.
  await page.getByTestId('language').click();
  await page.getByTestId('tab-materials').click();
  await expect(page.getByTestId('materials-from-text')).toContainText('材质取自商品描述');
  await page.getByTestId('materials-data-table-toggle').locator('summary').click();
  await expect(page.getByTestId('materials-data-table').locator('thead')).toContainText('亚麻');
  await expect(page.getByTestId('materials-data-table').locator('thead')).toContainText('羊毛');
});
