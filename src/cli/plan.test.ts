/** `trendloom plan` (issue 15): output columns, coherent totals, and plain messages on bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../core/csv/textRows.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-plan-'));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const status = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { status, out, err };
}

/** Sales rows: `months` months from Jan 2021, per article type × colour a few rows a month, with a yearly pattern and stock. */
function catalogue(name: string, months = 36, edit?: (row: string[], i: number) => void): string {
  const rows = ['sku,articleType,baseColour,sold_on,qty,stock_on_hand'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const groups = [['Tshirts', 'Blue', 40], ['Tshirts', 'White', 25], ['Shirts', 'Blue', 15], ['Shirts', 'Black', 10]] as const;
  let i = 0;
  for (let m = 0; m < months; m++) {
    const month = `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const [type, colour, level] of groups) {
      const season = 1 + 0.4 * Math.sin((2 * Math.PI * m) / 12);
      for (let k = 0; k < 3; k++) {
        const row = [`${type}-${colour}-${k}`, type, colour, `${month}-${String(5 + 7 * k).padStart(2, '0')}`, String(Math.round((level * season * (0.8 + 0.4 * random())) / 3)), String(colour === 'Black' ? 400 : 5)];
        edit?.(row, i++);
        rows.push(row.join(','));
      }
    }
  }
  const path = join(dir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('trendloom plan', () => {
  it('writes the plan columns, with totals that add up exactly', async () => {
    const file = catalogue('sales.csv');
    const out = join(dir, 'plan.csv');
    const { status, err } = await run(['plan', file, '--by', 'articleType,baseColour', '--units', 'qty', '--stock', 'stock_on_hand', '--out', out]);
    expect(err).toMatch(/MinT/);
    expect(status).toBe(0);
    const { rows, columns } = readCsvRows(readFileSync(out, 'utf8'));
    expect(columns).toEqual(['articleType', 'baseColour', 'level', 'last_season_units', 'forecast_units', 'change_pct', 'lo80', 'hi80', 'lo95', 'hi95', 'stock', 'plan_units', 'flag']);
    const col = (name: string) => columns.indexOf(name);
    expect(rows.map((r) => `${r[0]}/${r[1]}/${r[col('level')]}`)).toEqual([
      '(all)/(all)/total',
      'Tshirts/(all)/subtotal',
      'Tshirts/Blue/group',
      'Tshirts/White/group',
      'Shirts/(all)/subtotal',
      'Shirts/Blue/group',
      'Shirts/Black/group',
    ]);
    const num = (r: string[], name: string) => Number(r[col(name)]);
    const groups = rows.filter((r) => r[col('level')] === 'group');
    for (const name of ['forecast_units', 'plan_units']) {
      expect(num(rows[0]!, name)).toBe(groups.reduce((s, r) => s + num(r, name), 0));
      expect(num(rows[1]!, name)).toBe(num(rows[2]!, name) + num(rows[3]!, name));
    }
    for (const r of groups) {
      expect(num(r, 'lo95')).toBeLessThanOrEqual(num(r, 'lo80'));
      expect(num(r, 'hi80')).toBeLessThanOrEqual(num(r, 'hi95'));
      expect(Number.isInteger(num(r, 'plan_units'))).toBe(true);
      expect(num(r, 'last_season_units')).toBeGreaterThan(0);
    }
    // Blue T-shirts: about 40 a month, 6 months, with only 5 in stock; black shirts: 400 in stock for about 60 sold.
    const blue = groups[0]!;
    expect(num(blue, 'forecast_units')).toBeGreaterThan(150);
    expect(num(blue, 'forecast_units')).toBeLessThan(350);
    expect(blue[col('flag')]).toBe('likely sell-out');
    const black = groups[3]!;
    expect(black[col('flag')]).toContain('slow mover');
    expect(num(black, 'plan_units')).toBe(0);
  });

  it('says which column to name when --units is missing', async () => {
    const file = catalogue('no-units.csv');
    const { status, err } = await run(['plan', file, '--by', 'articleType']);
    expect(status).toBe(2);
    expect(err).toMatch(/Say which column holds the units sold with --units \(e\.g\. --units qty/);
  });

  it('names a units column that is not there and lists the columns', async () => {
    const file = catalogue('wrong-units.csv');
    const { status, err } = await run(['plan', file, '--by', 'articleType', '--units', 'sold']);
    expect(status).toBe(2);
    expect(err).toMatch(/has no column "sold"\. Its columns: sku, articleType/);
  });

  it('refuses negative units with the row and what to do', async () => {
    const file = catalogue('negative.csv', 36, (row, i) => {
      if (i === 10) row[4] = '-3';
    });
    const { status, err } = await run(['plan', file, '--by', 'articleType', '--units', 'qty']);
    expect(status).toBe(1);
    expect(err).toMatch(/1 row\(s\) have negative units \(the first is data row 11, value -3\)\. Units sold cannot be negative/);
  });

  it('plans from one season of history, with a note', async () => {
    const file = catalogue('short.csv', 6);
    const { status, out, err } = await run(['plan', file, '--by', 'articleType', '--units', 'qty']);
    expect(status).toBe(0);
    expect(err).toMatch(/Only 6 period\(s\) of history, less than a year/);
    const { rows, columns } = readCsvRows(out);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(Number(r[columns.indexOf('forecast_units')])).toBeGreaterThan(0);
      expect(r[columns.indexOf('last_season_units')]).toBe('');
    }
  });

  it('plans a series file (wide), one row per series, --by naming nothing', async () => {
    const lines = ['date,linen,wool'];
    for (let w = 0; w < 160; w++) lines.push(`${new Date(Date.UTC(2020, 0, 6) + w * 7 * 86_400_000).toISOString().slice(0, 10)},${100 + 30 * Math.sin((2 * Math.PI * w) / 52) + (w % 7)},${50 + (w % 5)}`);
    const file = join(dir, 'series.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { status, out } = await run(['plan', file, '--horizon', '26', '--service-level', '0.9']);
    expect(status).toBe(0);
    const { rows, columns } = readCsvRows(out);
    expect(columns.slice(0, 3)).toEqual(['series', 'level', 'last_season_units']);
    expect(rows.map((r) => r[0])).toEqual(['(all)', 'linen', 'wool']);
  });

  it('plans from the rows up to --train-end only', async () => {
    const file = catalogue('cut.csv');
    const { status, out, err } = await run(['plan', file, '--by', 'articleType', '--units', 'qty', '--train-end', '2022-12-31', '--service-level', '0.95']);
    expect(status).toBe(0);
    expect(err).toMatch(/24 months \(2021-01 … 2022-12\)/);
    expect(err).toMatch(/at a 95 % service level/);
    expect(readCsvRows(out).rows).toHaveLength(3);
  });

  it('refuses a service level outside 0.5 … 0.995', async () => {
    const file = catalogue('level.csv', 12);
    const { status, err } = await run(['plan', file, '--by', 'articleType', '--units', 'qty', '--service-level', '80']);
    expect(status).toBe(2);
    expect(err).toMatch(/--service-level must be a number from 0.5 to 0.995 \(got "80"\)/);
  });

  it('tells a catalogue without --by how to group it', async () => {
    const file = catalogue('plain.csv');
    const { status, err } = await run(['plan', file, '--units', 'qty']);
    expect(status).toBe(2);
    expect(err).toMatch(/--units goes with --by/);
  });

  it('says that a plan needs quantities when the file has no units column at all', async () => {
    const withUnits = readFileSync(catalogue('items-with-units.csv', 12), 'utf8');
    const file = join(dir, 'items-only.csv');
    writeFileSync(file, withUnits.split('\n').map((line) => line.split(',').slice(0, 4).join(',')).join('\n'));
    const { status, err } = await run(['plan', file, '--by', 'articleType']);
    expect(status).toBe(2);
    expect(err).toContain('Say which column holds the units sold with --units. A plan needs quantities, not just items. Its columns: sku, articleType, baseColour, sold_on.');
  });

  it('refuses a --units column without numbers', async () => {
    const file = catalogue('words.csv', 12);
    const { status, err } = await run(['plan', file, '--by', 'articleType', '--units', 'baseColour']);
    expect(status).toBe(1);
    expect(err).toContain('--units baseColour: no row holds a number there, so there are no quantities to plan. Choose the column of units sold.');
  });

  it('refuses negative units in a series file with the series and period', async () => {
    const lines = ['date,linen,wool'];
    for (let m = 0; m < 24; m++) lines.push(`${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01,${m === 2 ? -5 : 40 + m},${30 + (m % 4)}`);
    const file = join(dir, 'negative-series.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { status, err, out } = await run(['plan', file]);
    expect(status).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('Units cannot be negative, but group "linen" has -5 in period 3. Fix the data (returns belong in their own column).');
  });
});
