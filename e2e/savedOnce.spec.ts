import { expect, test } from './fixtures.ts';

// Issue 17, item 7: opening the same file again replaces its saved copy instead of adding another.
test('the demo opened twice is saved once', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  const ids: string[] = [];
  for (let round = 1; round <= 2; round++) {
    await page.getByTestId('demo').click();
    await expect(page.getByTestId('mapping')).toBeVisible();
    await page.getByTestId('confirm-mapping').click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard).toBeVisible({ timeout: 180_000 });
    await expect(dashboard).not.toHaveAttribute('data-saved-id', '', { timeout: 60_000 });
    ids.push((await dashboard.getAttribute('data-saved-id'))!);
    await page.getByTestId('home').click();
  }
  expect(ids[1]).toBe(ids[0]);
  await page.reload();
  await expect(page.getByTestId('saved-datasets').locator('[data-saved="demo-catalogue.csv"]')).toHaveCount(1);
});
