import { expect, test } from './fixtures.ts';

// Issue 19 item 3: the forecast engine's notes reach the page as codes and are worded in the interface language.
test('a constant series gets a forecast note, in English and then in Chinese', async ({ page, requests: _requests }) => {
  test.setTimeout(120_000);
  const rows = Array.from({ length: 30 }, (_, t) => `${new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10)},4,${10 + (t % 3)}`);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from(['date,beige,denim', ...rows].join('\n')) });
  await expect(page.getByTestId('series-dashboard')).toBeVisible();
  const notes = page.getByTestId('forecast-notes');
  await expect(notes).toBeVisible({ timeout: 60_000 });
  await notes.locator('summary').click();
  await expect(notes).toContainText('"beige" never changes: the forecast repeats its value.');
  // Issue 16: two series are too few for the global model, and the note says what it needs.
  await expect(notes).toContainText('The global model (one model learned across all series) was not trained: it needs at least 8 series with two full seasons (104 periods) of history, but 0 series have that many.');
  await page.getByTestId('language').click();
  await expect(notes.locator('summary')).toContainText('预测说明');
  await expect(notes).toContainText('“beige” 始终不变：预测沿用这个值。');
  await expect(notes).toContainText('没有训练全局模型（跨所有序列学习的一个模型）：它需要至少 8 个有两个完整季节（104 期）历史的序列，而这里只有 0 个。');
});
