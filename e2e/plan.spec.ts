import { readFileSync } from 'node:fs';
import { expect, snapshot, test } from './fixtures.ts';

// Issue 15, the Plan view: a catalogue with units, regions and stock (e2e/fixtures/plan-catalogue.csv,
// written by e2e/generatePlanCatalogue.ts) → map → dashboard → Plan tab → the service level
// changes the quantities → a quantity is edited → the CSV export writes the table as shown.
const FILE = 'e2e/fixtures/plan-catalogue.csv';

/** The plan quantity of every row of the table, by row name. */
async function quantities(page: import('@playwright/test').Page): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const row of await page.getByTestId('plan-table').locator('tbody tr').all()) {
    out.set((await row.getAttribute('data-key')) || 'total', Number(await row.getByTestId('plan-units').getAttribute('data-units')));
  }
  return out;
}

test('the Plan view plans next season per group; the service level and edits change the quantities; the CSV adds up', async ({ page, requests: _requests }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(FILE);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('columns').locator('tr[data-column="units"] select')).toHaveValue('units');
  await expect(page.getByTestId('columns').locator('tr[data-column="region"] select')).toHaveValue('region');
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('facet').selectOption('category');
  await page.getByTestId('grain').selectOption('month');

  // The Regions tab leads with the real differences in words; the small region is flagged, not ranked.
  await page.getByTestId('tab-regions').click();
  const differences = page.getByTestId('region-differences').locator('li');
  await expect(differences.first()).toHaveText(/^Linen shirt is [\d.]+× as popular in IT as elsewhere/);
  await expect(differences.last()).toHaveText('IS has only 31 items: too few to compare, so it is not ranked.');

  await page.getByTestId('tab-plan').click();
  const view = page.getByTestId('plan-view');
  await expect(view.getByTestId('plan-stock')).toHaveValue('stock');
  const table = view.getByTestId('plan-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  // The total, then the five categories; six months after 2024-12 from 36 months of history.
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-level', 'total');
  await expect(view.getByTestId('plan-basis')).toContainText('Plans the next 6 period(s) after 2024-12 (history 2022-01 – 2024-12)');
  await expect(view.getByTestId('plan-reconciliation')).toContainText('Totals add up');
  // Wool coats fall and have 900 in stock: a slow mover with nothing to buy.
  const coat = table.locator('tr[data-key="Wool coat"]');
  await expect(coat.getByTestId('plan-flag')).toHaveText('Slow mover: buy less');
  await expect(coat.getByTestId('plan-units')).toHaveAttribute('data-units', '0');
  // Whole units everywhere, and the total is the sum of the groups.
  const at80 = await quantities(page);
  const groupsSum = (q: Map<string, number>) => [...q.entries()].filter(([k]) => k !== 'total').reduce((s, [, v]) => s + v, 0);
  for (const v of at80.values()) expect(Number.isInteger(v)).toBe(true);
  expect(at80.get('total')).toBe(groupsSum(at80));
  expect(at80.get('Linen shirt')).toBeGreaterThan(0);
  for (const text of await table.getByTestId('plan-forecast').allTextContents()) expect(text).toMatch(/^\d{1,3}(,\d{3})*$/);
  await snapshot(page, 'plan-80');

  // A higher service level buys more (the slow mover still nothing); the total still adds up.
  await view.getByTestId('plan-service-level').fill('95');
  await expect(view.getByTestId('plan-service-value')).toHaveText('95 %');
  await expect(table.locator('tbody tr').first().getByTestId('plan-units')).not.toHaveAttribute('data-units', String(at80.get('total')));
  const at95 = await quantities(page);
  expect(at95.get('total')!).toBeGreaterThan(at80.get('total')!);
  expect(at95.get('Linen shirt')!).toBeGreaterThan(at80.get('Linen shirt')!);
  expect(at95.get('Wool coat')).toBe(0);
  expect(at95.get('total')).toBe(groupsSum(at95));

  // The merchandiser types a quantity: the cell is marked and the total follows.
  const denim = table.locator('tr[data-key="Denim jeans"]');
  await denim.getByTestId('plan-input').fill('123');
  await expect(denim.getByTestId('plan-units')).toHaveAttribute('data-edited', 'true');
  await expect(denim.getByTestId('plan-units')).toHaveAttribute('title', /^Changed by you \(suggested: [\d,]+\)$/);
  const edited = await quantities(page);
  expect(edited.get('Denim jeans')).toBe(123);
  expect(edited.get('total')).toBe(groupsSum(edited));

  // The CSV is the table as shown: header, the edit, totals that add up.
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('plan-export').click()]);
  expect(download.suggestedFilename()).toBe('plan-catalogue-plan.csv');
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('category,level,last_season_units,forecast_units,change_pct,lo80,hi80,lo95,hi95,stock,plan_units,suggested_units,edited,flag');
  const rows = lines.slice(1).map((line) => line.split(','));
  expect(rows.map((r) => r[0])).toEqual(['(all)', ...[...edited.keys()].filter((k) => k !== 'total')]);
  const col = (name: string) => lines[0]!.split(',').indexOf(name);
  const total = rows[0]!;
  const groups = rows.slice(1);
  expect(Number(total[col('plan_units')])).toBe(groups.reduce((s, r) => s + Number(r[col('plan_units')]), 0));
  expect(Number(total[col('forecast_units')])).toBe(groups.reduce((s, r) => s + Number(r[col('forecast_units')]), 0));
  expect(Number(total[col('stock')])).toBe(groups.reduce((s, r) => s + Number(r[col('stock')]), 0));
  const denimRow = groups.find((r) => r[0] === 'Denim jeans')!;
  expect(denimRow[col('plan_units')]).toBe('123');
  expect(denimRow[col('edited')]).toBe('yes');
  expect(groups.find((r) => r[0] === 'Wool coat')![col('flag')]).toBe('slow mover');
  for (const r of rows) expect(Number(r[col('plan_units')])).toBe(edited.get(r[0] === '(all)' ? 'total' : r[0]!));
  await snapshot(page, 'plan-edited');

  // The report's "Next season" section: movers with quantities, the plan as edited, regional differences in words.
  await page.getByTestId('open-report').click();
  const next = page.getByTestId('report-next-season');
  await expect(next).toBeVisible({ timeout: 60_000 });
  await expect(next).toContainText('units to buy cover demand 95 % of the time');
  await expect(next).toContainText('1 quantities were changed by hand');
  await expect(next.getByTestId('report-plan-rising').locator('tbody tr').first()).toHaveAttribute('data-name', 'Linen shirt');
  await expect(next.getByTestId('report-plan-falling').locator('tbody tr').first()).toHaveAttribute('data-name', 'Wool coat');
  const reportTotal = next.getByTestId('report-plan-table').locator('tr[data-level="total"] td[data-units]');
  await expect(reportTotal).toHaveAttribute('data-units', String(edited.get('total')));
  const regional = await next.getByTestId('report-regional').locator('li').allTextContents();
  // Linen's planted lean to IT is found and leads; the small region is flagged, not ranked.
  expect(regional[0]).toMatch(/^Linen shirt is [\d.]+× as popular in IT as elsewhere/);
  expect(regional.at(-1)).toBe('IS has only 31 items: too few to compare, so it is not ranked.');
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-markdown').click()]);
  const md = readFileSync((await markdown.path())!, 'utf8');
  expect(md).toContain('## Next season');
  expect(md).toContain('| Denim jeans |');
  expect(md).toContain('123 ✎');
  // The same section as CSV: plain numbers under clear names, the edit, the movers, the regional figures.
  const [nextCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-next-season-csv').click()]);
  expect(nextCsv.suggestedFilename()).toBe('plan-catalogue-next-season.csv');
  const nextLines = readFileSync((await nextCsv.path())!, 'utf8').trim().split('\n');
  expect(nextLines[0]).toBe('section,rank,group_category,level,last_season_units,forecast_units,change_pct,lo80,hi80,plan_units,edited,flag,value,region,region_items,value_items,share_in_region,share_elsewhere,lift,adjusted_p_value,gap_trend,small_region');
  const nextCol = (name: string) => nextLines[0]!.split(',').indexOf(name);
  const nextRows = nextLines.slice(1).map((line) => line.split(','));
  const denimPlan = nextRows.find((r) => r[0] === 'plan' && r[2] === 'Denim jeans')!;
  expect([denimPlan[nextCol('level')], denimPlan[nextCol('plan_units')], denimPlan[nextCol('edited')]]).toEqual(['group', '123', 'yes']);
  const planTotal = nextRows.find((r) => r[0] === 'plan' && r[nextCol('level')] === 'total')!;
  expect(planTotal[nextCol('plan_units')]).toBe(String(edited.get('total')));
  expect(nextRows.find((r) => r[0] === 'rising')!.slice(0, 3)).toEqual(['rising', '1', 'Linen shirt']);
  expect(nextRows.find((r) => r[0] === 'falling' && r[1] === '1')![nextCol('flag')]).toBe('slow mover');
  for (const r of nextRows.filter((x) => x[0] !== 'regional')) expect(r[nextCol('forecast_units')]).toMatch(/^\d+$/);
  const firstRegional = nextRows.find((r) => r[0] === 'regional')!;
  expect([firstRegional[1], firstRegional[nextCol('value')], firstRegional[nextCol('region')]]).toEqual(['1', 'Linen shirt', 'IT']);
  expect(Number(firstRegional[nextCol('lift')])).toBeGreaterThan(1);
  expect(firstRegional[nextCol('share_in_region')]).toMatch(/^0\.\d+$/);
  expect(nextRows.find((r) => r[0] === 'regional' && r[nextCol('small_region')] === 'yes')!.slice(nextCol('region'), nextCol('region') + 2)).toEqual(['IS', '31']);
  await snapshot(page, 'plan-report');

  // In Chinese: the tab, the flags and the reconciliation are worded for the merchandiser; the edit stays.
  await page.getByTestId('report').getByRole('button', { name: '✕' }).click();
  await page.getByTestId('language').click();
  await expect(page.getByTestId('tab-plan')).toHaveText('下季计划');
  await expect(coat.getByTestId('plan-flag')).toHaveText('滞销风险：少进货');
  await expect(view.getByTestId('plan-reconciliation')).toContainText('合计一致');
  await expect(denim.getByTestId('plan-units')).toHaveAttribute('data-units', '123');

  // By category × region: a sub-total per category, each the sum of its regions, and the total of them all.
  await view.getByTestId('plan-second').selectOption('region');
  await expect(table.locator('tr[data-level="subtotal"]')).toHaveCount(5, { timeout: 120_000 });
  const byRegion = await quantities(page);
  const groupRows = [...byRegion.entries()].filter(([k]) => k.includes(' · '));
  expect(groupRows.length).toBeGreaterThanOrEqual(15);
  expect(byRegion.get('total')).toBe(groupRows.reduce((sum, [, v]) => sum + v, 0));
  const linenRegions = groupRows.filter(([k]) => k.startsWith('Linen shirt · ')).reduce((sum, [, v]) => sum + v, 0);
  expect(byRegion.get('Linen shirt')).toBe(linenRegions);
  // The edit belonged to the plan by category alone.
  await expect(table.locator('[data-edited]')).toHaveCount(0);

  // The plan's settings are saved with the dataset: reloaded and reopened, the service level, the
  // grouping and the typed quantity are still there.
  await view.getByTestId('plan-service-level').fill('90');
  await expect(view.getByTestId('plan-service-value')).toHaveText('90 %');
  const savedPlan = () =>
    page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('trendloom-datasets');
      for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
        if (!name.endsWith('.json')) continue;
        const meta = JSON.parse(await (await handle.getFile()).text()) as { fileName: string; plan?: { serviceLevel: number; second: string } };
        if (meta.fileName === 'plan-catalogue.csv') return `${meta.plan?.serviceLevel} ${meta.plan?.second}`;
      }
      return 'not saved';
    });
  await expect.poll(savedPlan, { timeout: 30_000 }).toBe('0.9 region');
  await page.reload();
  await page.getByTestId('saved-datasets').locator('[data-saved="plan-catalogue.csv"]').getByRole('button', { name: 'plan-catalogue.csv', exact: true }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-plan').click();
  await expect(view.getByTestId('plan-service-value')).toHaveText('90 %');
  await expect(view.getByTestId('plan-service-level')).toHaveValue('90');
  await expect(view.getByTestId('plan-second')).toHaveValue('region');
  await view.getByTestId('plan-second').selectOption('');
  await expect(table.locator('tr[data-key="Denim jeans"]').getByTestId('plan-units')).toHaveAttribute('data-units', '123', { timeout: 120_000 });
  await expect(table.locator('tr[data-key="Denim jeans"]').getByTestId('plan-units')).toHaveAttribute('data-edited', 'true');
});
