import { test as base, expect, type Page } from '@playwright/test';

/** Every request the browser context made (pages and their workers), and those that left the app's origin. */
export interface RequestLog {
  all: string[];
  offOrigin: string[];
}

/**
 * The shared test fixture: records every request, and fails the test when the page asks for
 * anything off its own origin (the app must never send a byte elsewhere).
 */
export const test = base.extend<{ requests: RequestLog }>({
  requests: async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const log: RequestLog = { all: [], offOrigin: [] };
    // The whole context, not only the page: requests from every page and its workers count too.
    // (Service worker traffic is not reported here; e2e/csp.spec.ts counts at a collector instead.)
    context.on('request', (request) => {
      const url = request.url();
      log.all.push(url);
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) log.offOrigin.push(url);
    });
    await use(log);
    expect(log.offOrigin, 'requests off the page origin').toEqual([]);
  },
});

export { expect };

/** Saves a full-page screenshot as a test artefact under test-results/screenshots. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Opens the app, drops a catalogue, marks `textColumns` as item text, confirms the mapping and waits for the dashboard (labelled). */
export async function openCatalogue(page: Page, file: string, textColumns: readonly string[] = []): Promise<void> {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 60_000 });
  for (const column of textColumns) await page.getByTestId('columns').locator(`tr[data-column="${column}"] select`).selectOption('text');
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 300_000 });
}
