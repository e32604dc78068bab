import { readFileSync } from 'node:fs';
import { readCsvRows } from '../src/core/csv/textRows.ts';
import { expect, snapshot, test } from './fixtures.ts';

// Issue 13, items 1-2, on a catalogue in another shop's style (e2e/fixtures/other-shop-catalogue.csv,
// written for this test): unsure labels are marked and stated, teaching 20 items lowers the unsure
// share, the sure-only trends change with it, undo takes a batch back, and it all reopens saved.
const FILE = 'e2e/fixtures/other-shop-catalogue.csv';
const catalogue = readCsvRows(readFileSync(FILE, 'utf8'));
// What a designer of that shop knows: its own category is the article type (in the model's words).
const articleTypeOf: Record<string, string> = {
  'Tops & blouses': 'Tops',
  Knitwear: 'Sweaters',
  Trousers: 'Trousers',
  Dresses: 'Dresses',
  Skirts: 'Skirts',
  Outerwear: 'Jackets',
  Shirts: 'Shirts',
  Denim: 'Jeans',
  Accessories: 'Scarves',
  Bags: 'Handbags',
  Shorts: 'Shorts',
};
const truth = catalogue.rows.map((row) => articleTypeOf[row[catalogue.columns.indexOf('Category')]!]!);

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('unsure labels are marked and stated; teaching 20 items lowers the unsure share and changes the trends', async ({ page, requests: _requests }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(FILE);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 60_000 });
  const columns = page.getByTestId('columns');
  // Both the name and the description are item text.
  for (const column of ['Product', 'Description']) await columns.locator(`tr[data-column="${column}"] select`).selectOption('text');
  await expect(columns.locator('tr[data-column="Launch date"] select')).toHaveValue('date');
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 300_000 });
  await page.getByTestId('facet').selectOption('pred_articleType');

  // Item 1: the dashboard says how much the model was unsure about, in words.
  const unsureShare = page.getByTestId('unsure-share');
  await expect(unsureShare).toContainText(/The model is unsure about \d+ % of your items \(Article type\) — teach it with 20 examples/);
  const before = Number(await unsureShare.getAttribute('data-share'));
  const unsureBefore = Number(await unsureShare.getAttribute('data-unsure'));
  expect(before).toBeGreaterThan(0);
  expect(number(await unsureShare.textContent())).toBeGreaterThan(0);

  // Trends count sure labels only, with each series' unsure share beside it; the switch counts them all.
  const basedOn = page.getByTestId('based-on');
  const counted = async () => number((await basedOn.textContent())!.match(/([\d,]+) items counted/)?.[1] ?? '');
  await expect(basedOn).toContainText('items counted');
  // The note renders with the sure-only trends of this facet; read the count only once it is there
  // (before it, "items counted" can still be the previous facet's count of every item).
  const leftOutBefore = Number(await page.getByTestId('sure-only-note').getAttribute('data-left-out'));
  const sureCounted = await counted();
  expect(leftOutBefore).toBeGreaterThan(0);
  await expect(page.getByTestId('series-table').getByTestId('series-unsure').first()).toHaveText(/%$/);
  await page.getByTestId('include-unsure').check();
  await expect.poll(counted).toBe(sureCounted + leftOutBefore);
  await expect(page.getByTestId('sure-only-note')).toHaveCount(0);
  await page.getByTestId('include-unsure').uncheck();
  await expect.poll(counted).toBe(sureCounted);
  await snapshot(page, 'teach-unsure-trends');

  // The items view marks unsure labels and filters to them.
  await page.getByTestId('tab-items').click();
  const table = page.getByTestId('items-table');
  await expect(table.locator('[data-unsure="true"]').first()).toBeVisible();
  await expect(table.getByRole('img', { name: 'unsure' }).first()).toBeVisible();
  await page.getByTestId('unsure-only').check();
  await expect(page.getByTestId('unsure-only-count')).toHaveText(`· ${unsureBefore.toLocaleString('en-GB')} unsure items`);
  await expect(table).toHaveAttribute('aria-rowcount', String(unsureBefore));
  const bodyRows = table.locator('.data-body [role="row"]');
  const shownRows = await bodyRows.count();
  await expect(bodyRows.filter({ has: page.locator('[data-unsure="true"]') })).toHaveCount(shownRows);
  await snapshot(page, 'teach-items-unsure');
  await page.getByTestId('tab-trends').click();

  // Item 2: teach the model 20 items, 5 at a time, as the shop's designer would label them.
  await page.getByTestId('teach-open').click();
  const panel = page.getByTestId('teach-panel');
  for (let batch = 1; batch <= 4; batch++) {
    const items = panel.getByTestId('teach-item');
    await expect(items).toHaveCount(5, { timeout: 240_000 });
    await expect(panel.getByTestId('teach-submit')).toBeEnabled();
    for (let k = 0; k < 5; k++) {
      const row = Number(await items.nth(k).getAttribute('data-row'));
      await items.nth(k).getByTestId('teach-label').fill(truth[row]!);
    }
    await panel.getByTestId('teach-submit').click();
    await expect(panel.getByTestId('teach-status')).toHaveAttribute('data-taught', String(batch * 5), { timeout: 240_000 });
  }
  await expect(panel.getByTestId('teach-status')).toContainText(/Held-out estimate: \d+ % right \(\d+ of the 20 items you taught/);
  const heldOut = Number(await panel.getByTestId('teach-status').getAttribute('data-held-out'));
  expect(heldOut).toBeGreaterThanOrEqual(0);
  expect(heldOut).toBeLessThanOrEqual(1);
  const after = Number(await unsureShare.getAttribute('data-share'));
  expect(after).toBeLessThan(before);
  // The words follow the share: some items still unsure, or (as with the model of 6 Dec 2026 on this
  // catalogue) none left.
  if (after > 0) await expect(unsureShare).toContainText(/The model is still unsure about \d+ % of your items \(Article type\) after the 20 examples you taught/);
  else await expect(unsureShare).toContainText('The model is sure about every labelled item (Article type).');
  // The sure-only trends now count the items that became sure.
  // (No note at all when no item is left unsure: then none is left out.)
  const noteAfter = page.getByTestId('sure-only-note');
  if (after === 0) await expect(noteAfter).toHaveCount(0);
  const leftOutAfter = after > 0 ? Number(await noteAfter.getAttribute('data-left-out')) : 0;
  expect(leftOutAfter).toBeLessThan(leftOutBefore);
  await expect.poll(counted).toBeGreaterThan(sureCounted);
  await snapshot(page, 'teach-after-20');

  // Undo takes the last batch back.
  await panel.getByTestId('teach-undo').click();
  await expect(panel.getByTestId('teach-status')).toHaveAttribute('data-taught', '15', { timeout: 240_000 });
  const afterUndo = Number(await unsureShare.getAttribute('data-share'));
  expect(afterUndo).toBeLessThan(before);
  // The figures of this run, for the record (measured, not asserted beyond the checks above).
  const labelPrior = await panel.getByTestId('teach-status').getAttribute('data-label-prior');
  expect(['true', 'false']).toContain(labelPrior);
  console.log(`unsure share: before ${before}, after 20 taught ${after}, after undo to 15 ${afterUndo}; held-out estimate after 20: ${heldOut}; label-name prior used after the undo: ${labelPrior}; sure items counted in trends: ${sureCounted} → more; unsure left out: ${leftOutBefore} → ${leftOutAfter}`);

  // The report says it too.
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toContainText(/The model was unsure about \d+ % of the items \(Article type: \d+ of 176\); trends count sure labels only/);
  await page.getByRole('button', { name: '✕' }).click();

  // The taught labels and head are saved with the dataset: reopened, the same share and 15 taught items.
  // Wait until the autosave of the last relabelling is on disk (3 batches left after the undo).
  const savedBatches = () =>
    page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('trendloom-datasets');
      for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
        if (!name.endsWith('.json')) continue;
        const meta = JSON.parse(await (await handle.getFile()).text()) as { fileName: string; teach?: Record<string, { batches: unknown[] }> };
        if (meta.fileName === 'other-shop-catalogue.csv') return meta.teach?.articleType?.batches.length ?? 0;
      }
      return -1;
    });
  await expect.poll(savedBatches, { timeout: 30_000 }).toBe(3);
  await page.reload();
  const saved = page.getByTestId('saved-datasets').locator('[data-saved="other-shop-catalogue.csv"]');
  await saved.getByRole('button', { name: 'other-shop-catalogue.csv', exact: true }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('facet').selectOption('pred_articleType');
  await expect(unsureShare).toHaveAttribute('data-share', afterUndo.toFixed(4));
  await page.getByTestId('teach-open').click();
  await expect(page.getByTestId('teach-status')).toHaveAttribute('data-taught', '15');
});
