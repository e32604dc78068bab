import { expect, snapshot, test } from './fixtures.ts';

test('Studio: a concept typed in gets a score and an explanation; similar items open from the items view (English and Chinese)', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 180_000 });

  // Concept check: two concepts, scored against the demo's forecasts, ranked, explained in words.
  await page.getByTestId('tab-studio').click();
  await expect(page.getByTestId('studio')).toBeVisible();
  await page.getByTestId('concept-input').fill('Navy blue cotton shirt for men\nWomen black leather handbag');
  await page.getByTestId('concept-score').click();
  const rows = page.getByTestId('concept-results').getByTestId('concept-row');
  await expect(rows).toHaveCount(2, { timeout: 120_000 });
  for (const row of await rows.all()) {
    // Each concept has a score (a signed percentage) or says why not, and an explanation.
    await expect(row.getByTestId('concept-potential')).toHaveText(/^([+−]\d+ %|±0 %|no score)$/);
    await expect(row.getByTestId('concept-why')).toHaveText(/(is forecast [+−±]\d+ % vs (last year|the latest season)|not counted)/);
  }
  // At least the first concept has a score (the demo's yearly shares, next year vs the last with enough items).
  await expect(rows.first().getByTestId('concept-potential')).toHaveText(/^([+−]\d+ %|±0 %)$/);
  await expect(rows.first().getByTestId('concept-why')).toContainText(/is forecast [+−±]\d+ % vs/);
  // Ranked: the first row's potential is at least the second's.
  const potentials = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-potential') || '-Infinity')));
  expect(potentials[0]).toBeGreaterThanOrEqual(potentials[1]!);
  await expect(page.getByTestId('concept-season')).toContainText('Next season:');
  // The shirt is read as a shirt.
  await expect(page.getByTestId('concept-results')).toContainText('Shirts');
  await snapshot(page, 'studio-concepts');

  // Similar items of a concept: catalogue items, with similarities.
  await rows.filter({ hasText: 'handbag' }).getByTestId('concept-similar').click();
  await expect(page.getByTestId('similar-items').getByTestId('similar-row').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('similar-items')).toContainText('Handbags');

  // The same view in Chinese.
  await page.getByTestId('language').click();
  await expect(page.getByTestId('tab-studio')).toHaveText('设计工作室');
  await expect(page.getByTestId('concept-panel')).toContainText('概念评估');
  await expect(page.getByTestId('concept-results')).toContainText('市场潜力');
  await expect(page.getByTestId('concept-why').first()).toHaveText(/(预计较(去年同季|最近一季) [+−±]\d+ %|未计入)/);
  await expect(page.getByTestId('similar-panel')).toContainText('相似度');
  await page.getByTestId('language').click();

  // From the items view: an item's similar items open in its detail.
  await page.getByTestId('tab-items').click();
  await page.getByTestId('items-table').getByRole('row').nth(1).click();
  const detail = page.getByTestId('item-detail');
  await detail.getByTestId('item-similar').click();
  const similar = detail.getByTestId('similar-panel');
  await expect(similar.getByTestId('similar-row')).toHaveCount(8, { timeout: 120_000 });
  await expect(similar.getByTestId('similar-timing')).toContainText(/Searched [\d,]+ distinct items in [\d.]+ ms/);
  // Each similar item shows its article type's trend, and "worn with" says how it was found.
  await expect(similar.getByTestId('similar-row').first().locator('svg')).toHaveCount(1);
  await expect(similar.getByTestId('worn-with')).toHaveAttribute('data-method', 'co-trend');
  await snapshot(page, 'studio-similar-items');
});
