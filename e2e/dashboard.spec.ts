import { readFileSync, writeFileSync } from 'node:fs';
import { expect, snapshot, test } from './fixtures.ts';

test('demo journey: map → label → dashboard → forecasts → heatmap → drill-down → report → reopen', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('demo').click();
  await expect(page.getByTestId('mapping')).toBeVisible();
  await page.getByTestId('confirm-mapping').click();
  // Labelling runs the shipped model in the browser (WASM here: the headless adapter is software).
  await expect(page.getByTestId('backend')).toContainText('WebAssembly');
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('based-on')).toContainText('labels: Trendloom classifier on WASM');
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveCount(1);
  // The facets are named for people, the demo's own columns first; the default is the most
  // informative one (not the demo's usage column, mostly "Casual"). The rest follows its style column.
  await expect(page.getByTestId('facet').locator('option').first()).toHaveAttribute('data-source', 'file');
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveText('Usage (model)');
  await expect(page.getByTestId('facet')).not.toHaveValue('usage');
  await page.getByTestId('facet').selectOption('usage');
  await expect(page.getByTestId('based-on')).toContainText('demo-catalogue.csv');
  const table = page.getByTestId('series-table');
  await expect(table.locator('tr[data-series="Casual"]')).toBeVisible();
  // Forecasts arrive from the worker with a backtest score or an honest "not enough data".
  await expect(table.locator('tr[data-series="Casual"] [data-testid="mase"]')).not.toHaveText('…', { timeout: 60_000 });
  await snapshot(page, 'dashboard-trends');

  // A date range narrows every view to its periods, and the summary says so.
  const firstPeriod = (await page.getByTestId('date-from').locator('option').nth(3).textContent())!;
  await page.getByTestId('date-from').selectOption({ label: firstPeriod });
  await expect(page.getByTestId('based-on')).toContainText(`${firstPeriod} – `);
  await page.getByTestId('date-from').selectOption('');

  await page.getByTestId('tab-seasons').click();
  await expect(page.getByTestId('heatmap')).toContainText('Casual');
  await page.getByTestId('tab-colours').click();
  await expect(page.getByTestId('palette').locator('[data-colour="Black"]').first()).toBeVisible();
  await snapshot(page, 'dashboard-colours');

  // Drill down: click the Casual series → the items view lists exactly the Casual items counted.
  await page.getByTestId('tab-trends').click();
  await table.locator('tr[data-series="Casual"] button').click();
  await expect(page.getByTestId('items-view')).toBeVisible();
  const demo = readFileSync('public/demo/catalogue-sample.csv', 'utf8').trim().split('\n').slice(1);
  const casualDated = demo.filter((line) => {
    const cells = line.split(',');
    return cells[8] === 'Casual' && cells[6] !== '' && cells[7] !== '';
  }).length;
  await expect(page.getByTestId('items-count')).toHaveText(casualDated.toLocaleString('en-GB'));

  // The report lists rising and declining values and downloads as Markdown.
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toContainText('Rising');
  const download = page.waitForEvent('download');
  await page.getByTestId('download-markdown').click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toMatch(/^# Trend report/);
  expect(markdown).toContain('## usage (your file) — All regions');

  // Esc closes the report (issue 17, item 2).
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report')).toHaveCount(0);

  // Item detail: the words that drove each label, and a correction kept in a label_ column.
  await page.getByTestId('tab-items').click();
  await page.getByTestId('items-table').getByRole('row').nth(1).click();
  const detail = page.getByTestId('item-detail');
  await expect(detail.locator('[data-head="usage"] [data-testid="explanation"]')).toBeVisible({ timeout: 60_000 });
  const choices = await detail.getByTestId('correct-usage').locator('option').allTextContents();
  const correction = choices.filter((c) => c !== 'Correct…').at(-1)!;
  await detail.getByTestId('correct-usage').selectOption(correction);
  await expect(detail.locator('[data-head="usage"]')).toContainText(`corrected to ${correction}`);

  // Fine-tuning on the user's own label column, in a worker, with validation figures.
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-backend')).toContainText('WebAssembly');
  await page.getByTestId('head-label').selectOption('usage');
  await page.getByTestId('train-head').click();
  await expect(page.getByTestId('head-accuracy')).toHaveText(/\d+\.\d%/, { timeout: 180_000 });
  const accuracy = Number((await page.getByTestId('head-accuracy').textContent())!.replace('%', ''));
  expect(accuracy).toBeGreaterThan(70);
  await expect(page.getByTestId('confusion')).toBeVisible();
  await page.getByTestId('fill-column').click();
  // The head's columns are named as `trendloom classify --head` names them: pred_usage is the model's, so _head.
  await expect(page.getByTestId('head-message')).toContainText('pred_usage_head (with prob_usage_head)', { timeout: 120_000 });
  await expect(page.getByTestId('facet').locator('option[value="pred_usage_head"]')).toHaveText('Usage (taught)');
  await snapshot(page, 'model-view');

  // The labelled dataset was saved on this computer: after a reload it reopens from the start screen.
  await page.reload();
  await expect(page.getByTestId('saved-datasets').locator('[data-saved="demo-catalogue.csv"]')).toContainText('labelled');
  await page.getByTestId('saved-datasets').getByRole('button', { name: 'demo-catalogue.csv' }).first().click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('facet').locator('option[value="pred_usage"]')).toHaveCount(1);
});

/** A small catalogue with exact counts: 12 quarters × 90 items, three regions, colours, materials and styles that drift. */
function tableCatalogue(): { csv: string; rows: { quarter: string; region: string; colour: string; material: string; style: string }[] } {
  const colours = ['Black', 'White', 'Beige', 'Navy Blue', 'Olive'];
  const materials = ['cotton', 'linen', 'wool', 'silk'];
  const styles = ['casual', 'formal', 'minimal', 'sporty'];
  const regions = ['EU', 'US', 'CN'];
  const rows: { quarter: string; region: string; colour: string; material: string; style: string }[] = [];
  const lines = ['date,description,colour,material,style,region'];
  for (let q = 0; q < 12; q++) {
    const year = 2021 + Math.floor(q / 4);
    for (let i = 0; i < 90; i++) {
      const date = new Date(Date.UTC(year, (q % 4) * 3, 1 + (i % 80)));
      // Skewed by item and quarter so every share differs and drifts over time.
      const colour = colours[(i * i + q) % 5 === 0 ? 0 : (i + 2 * q) % 5]!;
      const material = materials[(i % 7) + q < 8 ? i % 2 : (i + q) % 4]!;
      // Minimal rises (9 → 53 of 90 items), formal falls (40 → 7), casual and sporty share the rest.
      const minimal = 9 + 4 * q;
      const formal = 40 - 3 * q;
      const style = i < minimal ? 'minimal' : i < minimal + formal ? 'formal' : styles[i % 2 === 0 ? 0 : 3]!;
      const region = regions[i % 3]!;
      rows.push({ quarter: `${year} Q${(q % 4) + 1}`, region, colour, material, style });
      lines.push(`${date.toISOString().slice(0, 10)},${colour} ${material} ${style} shirt,${colour},${material},${style},${region}`);
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows };
}

/** The cells of a table as text, row by row (header row first). */
async function tableCells(table: import('@playwright/test').Locator): Promise<string[][]> {
  return table.evaluate((t: HTMLTableElement) => [...t.rows].map((r) => [...r.cells].map((c) => c.textContent ?? '')));
}

/** The share as the dashboard prints it (one decimal, per cent). */
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

test('every chart can be read as a table, and the tables hold the counted shares', async ({ page, requests: _requests }, testInfo) => {
  test.setTimeout(240_000);
  const { csv, rows } = tableCatalogue();
  const file = testInfo.outputPath('table-catalogue.csv');
  writeFileSync(file, csv);
  const share = (quarter: string, key: 'colour' | 'material' | 'style', value: string, region?: string) => {
    const inQuarter = rows.filter((r) => r.quarter === quarter && (!region || r.region === region));
    return percent(inQuarter.filter((r) => r[key] === value).length, inQuarter.length);
  };
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('confirm-mapping').click();
  await page.getByTestId('cancel').click({ timeout: 60_000 }); // the file's own columns are the facets
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await page.getByTestId('grain').selectOption('quarter');
  await page.getByTestId('facet').selectOption('style');

  /** Checks, for every column whose header is a value, the share printed in the row of `quarter`. */
  const checkRow = (cells: string[][], testId: string, quarter: string, key: 'colour' | 'material' | 'style', region?: string) => {
    const row = cells.find((r) => r[0] === quarter);
    expect(row, `${testId} has a row for ${quarter}`).toBeDefined();
    const values = cells[0]!.slice(1);
    expect(values.length).toBeGreaterThan(1);
    values.forEach((value, k) => expect(row![k + 1]!.startsWith(share(quarter, key, value, region)), `${testId}: ${value} in ${quarter} is ${row![k + 1]}`).toBe(true));
  };
  /** Opens a view's table (caption, column headers) and checks the row of `quarter`. */
  const checkTable = async (testId: string, quarter: string, key: 'colour' | 'material' | 'style') => {
    await page.getByTestId(`${testId}-toggle`).locator('summary').click();
    const table = page.getByTestId(testId);
    await expect(table.locator('caption')).not.toBeEmpty();
    await expect(table.locator('thead th[scope="col"]').first()).toBeVisible();
    const cells = await tableCells(table);
    checkRow(cells, testId, quarter, key);
    return cells;
  };

  // Trend explorer: periods × styles, history then forecast rows.
  await expect(page.getByTestId('series-table').locator('tr[data-series="minimal"] [data-testid="mase"]')).not.toHaveText('…', { timeout: 60_000 });
  await snapshot(page, 'trend-chart-quarters');
  const trendCells = await checkTable('trend-data-table', '2023 Q4', 'style');
  expect(trendCells.at(-1)![0]).toMatch(/\(forecast\)$/);
  checkRow(trendCells, 'trend-data-table', '2021 Q1', 'style');

  // Movers: the sparklines' series (once forecasts have ranked them).
  await page.getByTestId('tab-movers').click();
  await expect(page.getByTestId('movers-data-table-toggle')).toBeVisible({ timeout: 60_000 });
  await checkTable('movers-data-table', '2023 Q3', 'style');

  // Seasonal heatmap: share, with the change against the same quarter a year before.
  await page.getByTestId('tab-seasons').click();
  await expect(page.getByTestId('heatmap').locator('caption')).toHaveCount(1);
  const seasons = await checkTable('seasons-data-table', '2023 Q2', 'style');
  const casual = seasons[0]!.indexOf('casual');
  const before = Number(share('2022 Q2', 'style', 'casual').replace('%', ''));
  const now = Number(share('2023 Q2', 'style', 'casual').replace('%', ''));
  expect(seasons.find((r) => r[0] === '2023 Q2')![casual]).toContain(`${now - before >= 0 ? '+' : '−'}${Math.abs(now - before).toFixed(1)} pt`);

  // Colour palette: recent quarters and the forecast palette.
  await page.getByTestId('tab-colours').click();
  // The next quarter is named once its forecast is in (the worker dates it).
  await expect(page.getByTestId('forecast-palette')).toContainText('2024 Q1', { timeout: 60_000 });
  const colourCells = await checkTable('palette-data-table', '2023 Q4', 'colour');
  expect(colourCells[0]).toContain('Black');
  expect(colourCells.at(-1)![0]).toBe('2024 Q1 (forecast)');

  // Material mix (stacked bars).
  await page.getByTestId('tab-materials').click();
  await checkTable('materials-data-table', '2022 Q3', 'material');

  // Regions (small multiples): latest share per region and value.
  await page.getByTestId('tab-regions').click();
  await page.getByTestId('regions-data-table-toggle').locator('summary').click();
  const regionCells = await tableCells(page.getByTestId('regions-data-table'));
  const eu = regionCells.filter((r) => r[0]!.startsWith('EU · '));
  expect(eu.length).toBeGreaterThan(1);
  for (const r of eu) expect(r[1], r[0]).toBe(share('2023 Q4', 'style', r[0]!.slice('EU · '.length), 'EU'));
  const q1 = regionCells[0]!.indexOf('2021 Q1');
  const us = regionCells.find((r) => r[0] === 'US · casual')!;
  expect(us[q1]).toBe(share('2021 Q1', 'style', 'casual', 'US'));

  // In Chinese, the toggle and caption are translated and the numbers stay.
  await page.getByTestId('language').click();
  await expect(page.getByTestId('regions-data-table-toggle').locator('summary')).toHaveText('以表格查看');
  await expect(page.getByTestId('regions-data-table').locator('caption')).toContainText('地区对比');
});

test('a series file\'s chart can be read as a table with the file\'s values', async ({ page, requests: _requests }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/trend-series-sample.csv');
  await expect(page.getByTestId('series-dashboard')).toBeVisible();
  const lines = readFileSync('e2e/fixtures/trend-series-sample.csv', 'utf8').trim().split('\n');
  const names = lines[0]!.split(',');
  const last = lines.at(-1)!.split(',');
  await page.getByTestId('series-data-table-toggle').locator('summary').click();
  const cells = await tableCells(page.getByTestId('series-data-table'));
  const row = cells.find((r) => r[0] === last[0])!;
  expect(row).toBeDefined();
  // The charted series are the file's first six; values are shares, printed as per cent.
  expect(cells[0]!.slice(1)).toEqual(names.slice(1, 7));
  cells[0]!.slice(1).forEach((name, k) => expect(row[k + 1], name).toBe(percent(Number(last[names.indexOf(name)]), 1)));
});
