import { markdownText } from '../src/core/report/markdownText.ts';
import { expect, snapshot, test } from './fixtures.ts';

// Issue 14, part 1: the demo → Studio → a rising combination is suggested → drafts stream in from
// the model in the inference worker (WASM here) → each shows its read-back → keep one, edit it →
// it appears in the report (and its Markdown); the same seed drafts the same names again.
test('Studio: drafts stream in, one is kept and edited, and it appears in the report', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 240_000 });

  await page.getByTestId('tab-studio').click();
  const panel = page.getByTestId('studio-briefs');
  await expect(panel).toBeVisible();
  // A rising combination (colour · article type) is suggested from the forecasts, with its forecast;
  // usage is left out, and the page says so: the model is never sure of a shop's usage until taught.
  const suggestion = panel.getByTestId('brief-suggestion').first();
  await expect(suggestion).toBeVisible({ timeout: 120_000 });
  await expect(suggestion).toHaveText(/^[^·]+ · [^·]+$/);
  await expect(panel.getByTestId('brief-left-out')).toHaveAttribute('data-tags', 'usage');
  await expect(panel.getByTestId('brief-left-out')).toContainText('Usage left out of the suggestions');
  await expect(panel.getByTestId('brief-suggestions')).toContainText('next period');
  // The top suggestion is the default choice; the designer picks tags instead.
  await expect(panel.getByTestId('brief-tag-articleType')).not.toHaveValue('');
  await panel.getByTestId('brief-tag-articleType').selectOption('Kurtas');
  await panel.getByTestId('brief-tag-baseColour').selectOption('White');
  await panel.getByTestId('brief-tag-usage').selectOption('Ethnic');
  await panel.getByTestId('brief-n').fill('4');
  await panel.getByTestId('brief-seed').fill('3');

  // Drafts stream in: a draft is seen unfinished (growing) before the run ends.
  await panel.getByTestId('brief-draft').click();
  const drafts = panel.getByTestId('draft');
  await expect(panel.locator('[data-testid="draft"][data-status="streaming"] [data-testid="draft-text"]').filter({ hasText: /\w/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('brief-summary')).toBeVisible({ timeout: 120_000 });
  await expect(drafts).toHaveCount(4);
  await expect(panel.locator('[data-testid="draft"][data-status="done"]')).toHaveCount(4);
  await expect(panel.getByTestId('brief-summary')).toContainText(/4 drafts, \d read back as asked/);
  // Each draft shows its one-line brief — the model's, which names a white kurta, or the template's
  // when the model's did not after a few tries — and how the classifier reads the draft back.
  const briefs = panel.locator('[data-testid="draft"][data-status="done"] [data-testid="draft-brief"]');
  await expect(briefs).toHaveCount(4);
  const briefTexts = await briefs.allTextContents();
  const writers = await briefs.evaluateAll((spans) => spans.map((s) => s.getAttribute('data-brief-by')));
  briefTexts.forEach((text, i) => {
    if (writers[i] === 'model') expect(text.toLowerCase()).toMatch(/white.*kurta/);
    else expect([writers[i], text]).toEqual(['template', 'Ethnic kurtas in white.']);
  });
  // All 4 with the shipped generator at this seed (seed 7 fills only 3 slots with it: the fourth runs
  // out of rounds replacing copies of training and demo names).
  expect(writers.filter((w) => w === 'model').length).toBeGreaterThanOrEqual(3);
  // A template's line says so on the page (none at this seed).
  await expect(panel.getByTestId('draft-brief-template')).toHaveCount(writers.filter((w) => w === 'template').length);
  await expect(drafts.first().getByTestId('draft-read-back')).toContainText(/reads as .+ · .+ · .+/);
  const names = await panel.getByTestId('draft-text').allTextContents();
  expect(names.every((n) => n.trim().length > 0)).toBe(true);
  await snapshot(page, 'studio-briefs');

  // The same seed drafts the same names.
  await panel.getByTestId('brief-draft').click();
  await expect(panel.locator('[data-testid="draft"][data-status="done"]')).toHaveCount(4, { timeout: 120_000 });
  expect(await panel.getByTestId('draft-text').allTextContents()).toEqual(names);
  expect(await briefs.allTextContents()).toEqual(briefTexts);

  // Keep the first, discard the second; edit the kept one's brief line.
  await drafts.first().getByTestId('draft-keep').click();
  await panel.locator('[data-testid="draft"]').first().getByTestId('draft-discard').click();
  await expect(drafts).toHaveCount(2);
  // A draft's similar items: the catalogue items nearest to its text open in the Studio.
  await drafts.first().getByTestId('draft-similar').click();
  await expect(page.getByTestId('similar-panel').getByTestId('similar-row').first()).toBeVisible({ timeout: 120_000 });
  const kept = panel.getByTestId('kept-brief');
  await expect(kept).toHaveCount(1);
  await expect(kept.getByTestId('kept-text')).toHaveValue(names[0]!);
  await kept.getByTestId('kept-line').fill('Ethnic kurtas in white, block-printed cotton.');

  // The report lists it under Design briefs.
  await page.getByTestId('open-report').click();
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();
  const section = report.getByTestId('report-design-briefs');
  await expect(section.locator('h2')).toHaveText('Design briefs');
  await expect(section.getByTestId('report-brief')).toHaveCount(1);
  await expect(section.getByTestId('report-brief')).toContainText(names[0]!);
  await expect(section.getByTestId('report-brief')).toContainText('Ethnic kurtas in white, block-printed cotton.');
  await expect(section.getByTestId('report-brief')).toContainText('White · Kurtas · Ethnic');
  const download = page.waitForEvent('download');
  await report.getByTestId('download-markdown').click();
  const markdown = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(markdown).toContain('## Design briefs');
  expect(markdown).toContain(`| ${markdownText(names[0]!)} | Ethnic kurtas in white, block-printed cotton. | White · Kurtas · Ethnic |`);
  await page.getByTestId('close-report').click();

  // In Chinese, the Studio's words are Chinese (the drafts stay in the model's language).
  await page.getByTestId('language').click();
  await expect(page.getByTestId('tab-studio')).toHaveText('设计工作室');
  await expect(panel.locator('h2')).toHaveText('设计简报');
});
