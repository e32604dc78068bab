import { readFileSync } from 'node:fs';
import { expect, openCatalogue, test } from './fixtures.ts';

// Issue 12: the model has not learnt real Chinese product titles, so for items written mostly in
// Chinese its article type (and the other heads of config.json's script rule) is never "sure", and
// the dashboard says why; gender, which it reads well, stays as its probability says.
const FILE = 'e2e/fixtures/chinese-titles.csv';

test('a catalogue of Chinese titles: article types are all unsure and the page says why', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await openCatalogue(page, FILE, ['商品名称']);

  await page.getByTestId('facet').selectOption('pred_articleType');
  const unsureShare = page.getByTestId('unsure-share');
  await expect(unsureShare).toHaveAttribute('data-unsure', '80');
  await expect(unsureShare).toHaveAttribute('data-labelled', '80');
  const why = page.getByTestId('unsure-script');
  await expect(why).toHaveAttribute('data-items', '80');
  await expect(why).toContainText('80 of your items are written in Chinese');
  await expect(why).toContainText('always marks their Article type unsure');

  // Gender is not in the rule: some of its labels are sure, and no script note is shown for it.
  await page.getByTestId('facet').selectOption('pred_gender');
  await expect(unsureShare).toHaveAttribute('data-labelled', '80');
  const unsureGender = Number(await unsureShare.getAttribute('data-unsure'));
  expect(unsureGender).toBeLessThan(40);
  await expect(why).toHaveCount(0);

  // The labelled items download as CSV (issue 17, item 7): the file's columns and the model's, every item.
  await page.getByTestId('tab-items').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-items').click()]);
  expect(download.suggestedFilename()).toBe('chinese-titles-labelled-items.csv');
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(81);
  const header = lines[0]!.split(',');
  expect(header.slice(0, 2)).toEqual(['商品名称', '上架日期']);
  expect(header).toEqual(expect.arrayContaining(['pred_articleType', 'prob_articleType', 'sure_articleType', 'pred_gender']));
  const sureArticleType = header.indexOf('sure_articleType');
  expect(lines.slice(1).every((line) => line.split(',')[sureArticleType] === 'false')).toBe(true);
  expect(lines[1]!.split(',')[1]).toBe('2025-01-06');

  // An item's detail says why each unsure label is unsure.
  await page.getByTestId('items-table').getByRole('row').nth(1).click();
  const detail = page.getByTestId('item-detail');
  await expect(detail.getByTestId('unsure-why-articleType')).toContainText('unsure: written in Chinese');
  await expect(detail.getByTestId('unsure-why-baseColour')).toContainText('unsure: written in Chinese');
});
