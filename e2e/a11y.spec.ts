import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

// Issue 17, item 10 (and the chart's "now" label of item 5), on the thin-periods catalogue: every
// dashboard view passes axe-core with no serious or critical violation; the tabs move with the
// arrow keys and name their panels; the chart has a name and a summary; the page has an <h1>;
// series names are dark text beside their colour swatch.
const FILE = 'e2e/fixtures/thin-periods-catalogue.csv';
// (The catalogue has units sold, so the Plan tab is there too.)
const VIEWS = ['trends', 'movers', 'seasons', 'colours', 'materials', 'regions', 'plan', 'items', 'model', 'studio'];

/** The serious and critical axe-core violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

test('every dashboard view is accessible: axe-core, tab keys, a named chart, an h1, dark series names', async ({ page, requests: _requests }) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trendloom');
  expect(await seriousViolations(page), 'start screen').toEqual([]);
  await page.getByTestId('file-input').setInputFiles(FILE);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('columns').locator('tr[data-column="description"] select').selectOption('text');
  expect(await seriousViolations(page), 'column step').toEqual([]);
  await page.getByTestId('confirm-mapping').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 300_000 });
  await page.getByTestId('facet').selectOption('category');
  await page.getByTestId('grain').selectOption('quarter');

  // The chart: named and summed up in words; the "now" label inside the drawing, not cut off at its top.
  const chart = page.getByTestId('trend-chart').locator('.recharts-wrapper > svg.recharts-surface');
  await expect(chart).toHaveAccessibleName(/^Trend chart of \d+ values, 2022 Q1 – 2024 Q2$/);
  await expect(chart).toHaveAccessibleDescription(/^Latest period, 2024 Q2: .*Jeans \d+\.\d%/);
  const now = chart.locator('text', { hasText: /^now$/ });
  await expect(now).toBeVisible();
  const [svgBox, nowBox] = [await chart.boundingBox(), await now.boundingBox()];
  expect(nowBox!.y).toBeGreaterThanOrEqual(svgBox!.y);
  // Series names in the table and the legend are dark text; the colour is in the swatch.
  const name = page.getByTestId('series-table').locator('tbody tr').first().locator('.series-name');
  await expect(name).toHaveCSS('color', 'rgb(17, 24, 39)');
  await expect(page.locator('.recharts-legend-item-text').first()).toHaveCSS('color', 'rgb(17, 24, 39)');

  // Tabs: each names its panel; arrows, Home and End move between them and open the view.
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(VIEWS.length);
  const trendsTab = page.getByTestId('tab-trends');
  await expect(trendsTab).toHaveAttribute('aria-controls', 'dashboard-panel-trends');
  await expect(page.locator('#dashboard-panel-trends')).toHaveAttribute('role', 'tabpanel');
  await trendsTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-movers')).toBeFocused();
  await expect(page.getByTestId('tab-movers')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#dashboard-panel-movers')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-studio')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tab-trends')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-studio')).toHaveAttribute('aria-selected', 'true');

  // axe-core over every view.
  for (const view of VIEWS) {
    await page.getByTestId(`tab-${view}`).click();
    await expect(page.locator(`#dashboard-panel-${view}`)).toBeVisible();
    await expect(page.locator(`#dashboard-panel-${view}`)).toHaveAttribute('aria-busy', 'false');
    expect.soft(await seriousViolations(page), `${view} view`).toEqual([]);
  }

  // The report, open over the dashboard.
  await page.getByTestId('tab-trends').click();
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toBeVisible();
  expect.soft(await seriousViolations(page), 'report').toEqual([]);
});

test('the dashboard of a series file is accessible too, its unit axis ticked alike', async ({ page, requests: _requests }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles('e2e/fixtures/trend-series-sample.csv');
  await expect(page.getByTestId('series-dashboard')).toBeVisible();
  await expect(page.getByTestId('series-list').getByTestId('series-mase').first()).not.toHaveText('…', { timeout: 120_000 });
  const chart = page.locator('.recharts-wrapper > svg.recharts-surface').first();
  await expect(chart).toHaveAccessibleName(/^Trend chart of \d+ values?, /);
  // Value axis ticks: evenly spaced, all written with the same number of decimals.
  const ticks = await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  const decimals = new Set(ticks.map((tick) => tick.replace(/[^\d.]/g, '').split('.')[1]?.length ?? 0));
  expect(decimals.size, ticks.join(', ')).toBe(1);
  const values = ticks.map((tick) => Number(tick.replace(/[^\d.-]/g, '')));
  const steps = new Set(values.slice(1).map((v, i) => Number((v - values[i]!).toFixed(6))));
  expect(steps.size, ticks.join(', ')).toBe(1);
  expect(await seriousViolations(page), 'series dashboard').toEqual([]);
});
