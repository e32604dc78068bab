import { expect, openCatalogue, test } from './fixtures.ts';
import { pdfPages } from './pdfText.ts';

// Issue 17, item 2, on the thin-periods catalogue (480 items, three regions, ~16 items a month):
// the printed report (Chromium's PDF output) runs over several pages and ends with its last
// section; in print every section shows and the app behind the report does not; tables repeat
// their header; regions where nothing could be ranked are named in one line; Esc closes it.
const FILE = 'e2e/fixtures/thin-periods-catalogue.csv';

test('the report prints every section over several pages, folds quiet regions and closes with Esc', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await openCatalogue(page, FILE, ['description']);
  await page.getByTestId('facet').selectOption('category');
  await page.getByTestId('grain').selectOption('quarter');

  // Each region by quarter has fewer than 20 items a period: nothing can be ranked there, and
  // the report says so in one line per facet instead of six empty sections.
  await page.getByTestId('open-report').click();
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();
  const sections = report.getByTestId('report-section');
  await expect(sections.locator('h2')).toHaveText(['category (your file) — All regions', 'colour (your file) — All regions']);
  const quiet = report.getByTestId('report-quiet');
  await expect(quiet).toContainText('category (your file) — not enough history, or nothing moved, in these regions:');
  for (const region of ['EU', 'US', 'CN']) await expect(quiet.locator('p').first()).toContainText(region);
  await expect(quiet.locator('p')).toHaveCount(2);
  // Esc closes the report.
  await expect(report).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(report).toHaveCount(0);
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // With 5 items a period enough, every region has its sections: a report of eight sections.
  await page.getByTestId('min-support').fill('5');
  await page.getByTestId('open-report').click();
  await expect(sections).toHaveCount(8);
  await expect(quiet).toHaveCount(0);
  const lastHeading = (await sections.last().locator('h2').textContent())!;
  expect(lastHeading).toMatch(/^colour \(your file\) — (EU|US|CN)$/);
  // The catalogue has units: the report ends with next season's plan (issue 15), whose last heading closes the PDF.
  await expect(page.getByTestId('report-next-season')).toBeVisible({ timeout: 120_000 });
  const finalHeading = (await report.locator('h2, h3').last().textContent())!;
  expect(finalHeading).toBe('Regional differences');

  // In print: the report alone, out of its scrolling box, every section laid out.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('dashboard')).toBeHidden();
  for (let i = 0; i < 8; i++) await expect(sections.nth(i)).toBeVisible();
  await expect(sections.last().locator('h2')).toHaveText(lastHeading);
  const box = await report.evaluate((el) => {
    const style = getComputedStyle(el);
    return { position: style.position, overflow: style.overflowY };
  });
  expect(box.position).toBe('static');
  expect(box.overflow).toBe('visible');
  // Tables repeat their header on each printed page.
  await expect(report.locator('thead').first()).toHaveCSS('display', 'table-header-group');
  // (Back to no emulation: with 'screen' emulated, page.pdf() would print the screen layout.)
  await page.emulateMedia({ media: null });

  // Chromium's PDF of the page: more than one page, the report alone, ending with its last section.
  const pdf = pdfPages(await page.pdf({ format: 'A4' }));
  expect(pdf.length).toBeGreaterThan(1);
  expect(pdf[0]).toContain('Trend report — 2024 Q2');
  expect(pdf.join(' | ')).not.toContain('Trend explorer');
  expect(pdf.join(' | ')).toContain(lastHeading);
  expect(pdf.at(-1)).toContain(finalHeading);

  await page.getByTestId('close-report').click();
  await expect(report).toHaveCount(0);
});
