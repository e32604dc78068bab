import { expect, snapshot, test } from './fixtures.ts';

test('dropping a catalogue shows the preview, the mapping and the problems', async ({ page, requests: _requests }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/small-catalogue.csv');
  await expect(page.getByTestId('mapping')).toBeVisible();
  // Six data lines: five read, one ragged (line 6) reported, nothing silently lost.
  await expect(page.getByTestId('row-count')).toHaveText('5');
  const columns = page.getByTestId('columns');
  await expect(columns.locator('tr[data-column="描述"] select')).toHaveValue('text');
  await expect(columns.locator('tr[data-column="日期"] select')).toHaveValue('date');
  await expect(columns.locator('tr[data-column="销量"] select')).toHaveValue('units');
  await expect(columns.locator('tr[data-column="颜色"] select')).toHaveValue('colours');
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('not a date');
  await expect(problems.locator('tbody tr').filter({ hasText: /^6/ })).toHaveCount(1);
  await expect(page.getByTestId('preview')).toContainText('Relaxed linen shirt, camp collar');
  await snapshot(page, 'intake-mapping');
});

test('a picture renamed .csv gets a plain-language error', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/picture-renamed.csv');
  await expect(page.getByTestId('error')).toContainText(/image|picture|PNG/i);
  await expect(page.getByTestId('dropzone')).toBeVisible();
});

test('the demo catalogue opens with its columns mapped', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await expect(page.getByTestId('row-count')).toHaveText('5,000');
  await expect(page.getByTestId('columns').locator('tr[data-column="productDisplayName"] select')).toHaveValue('text');
});

test('in Chinese, rows and cells that could not be read, and unreadable files, are explained in Chinese', async ({ page, requests: _requests }) => {
  await page.goto('/');
  await page.getByTestId('language').click();
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/small-catalogue.csv');
  const problems = page.getByTestId('problems');
  // Line 5: "not a date" in the date column; line 6: one value too many (seven columns).
  await expect(problems.locator('tbody tr').filter({ hasText: /^5/ })).toContainText("'not a date' 不是可识别的日期；该单元格留空（保留这一行）。");
  await expect(problems.locator('tbody tr').filter({ hasText: /^6/ })).toContainText('这一行有 8 个值，但文件有 7 列，已被略过。（单元格中含有逗号时，需要用引号把单元格括起来。）');
  await expect(problems).not.toContainText('is not a date');
  // The notes on how the file was read, too.
  const notes = page.getByTestId('notes');
  await expect(notes).toContainText("“风格”列：这一列的单元格含有用 '|' 分隔的多个标签，已拆分为列表。");
  await expect(notes).toContainText('6 行中有 1 行无法读取，已被略过；每一行都连同行号列在“问题”中。');
  await expect(notes).not.toContainText('could not be read');
  // Back to English: the same problems, in English.
  await page.getByTestId('language').click();
  await expect(problems.locator('tbody tr').filter({ hasText: /^5/ })).toContainText("'not a date' is not a date we can read; the cell was left empty (the row is kept).");
  await expect(notes).toContainText('1 of 6 rows could not be read and were left out; each is listed under problems with its line.');
  // A file that is not a table at all.
  await page.getByTestId('language').click();
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/picture-renamed.csv');
  await expect(page.getByTestId('error')).toContainText('这个文件是一张图片，不是表格（尽管它名为“picture-renamed.csv”）');
});

test('a file of 100,000 columns is refused in words (no stack overflow); one of 2,000 columns is read (issue 18, item 17)', async ({ page }) => {
  const wide = (columns: number) => {
    const header = Array.from({ length: columns }, (_, i) => `col${i}`).join(',');
    const row = Array.from({ length: columns }, (_, i) => `word${i % 50}`).join(',');
    return Buffer.from(`${header}\n${row}\n${row}\n`);
  };
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: wide(100_000) });
  await expect(page.getByTestId('error')).toContainText('This file has 100,000 columns; Trendloom reads at most 5,000.');
  await expect(page.getByTestId('error')).not.toContainText('call stack');
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({ name: 'wide-2k.csv', mimeType: 'text/csv', buffer: wide(2_000) });
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('row-count')).toHaveText('2');
});

test('a byte that is not UTF-8 deep in a file is a problem with its line and column (issue 18, item 12)', async ({ page }) => {
  // 40,000 rows (~1.5 MB): the bad byte is far past the first chunk, which decides the encoding.
  const parts: Buffer[] = [Buffer.from('id,productDisplayName,colour\n')];
  for (let i = 1; i <= 40_000; i++) {
    if (i === 34_000) parts.push(Buffer.from(`${i},Caf`), Buffer.from([0xe9]), Buffer.from(' au lait linen shirt,Brown\n'));
    else parts.push(Buffer.from(`${i},Linen shirt number ${i},Sand\n`));
  }
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'deep.csv', mimeType: 'text/csv', buffer: Buffer.concat(parts) });
  await expect(page.getByTestId('mapping')).toBeVisible();
  await expect(page.getByTestId('row-count')).toHaveText('40,000');
  const problem = page.getByTestId('problems').locator('tbody tr').filter({ hasText: /^34,?001/ });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('productDisplayName');
  await expect(problem).toContainText('has 1 byte that is not UTF-8 text (0xE9)');
});
