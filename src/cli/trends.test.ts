/**
 * `trendloom trends` (issue 17, item 9): a catalogue counted into the dashboard's share series, a
 * CSV that `trendloom forecast` reads; and `forecast` run on a catalogue points to it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { readableDecimals } from './forecast.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-trends-'));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const status = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { status, out, err };
}

/**
 * A catalogue written by hand: items in Jan–Jun 2023, `perMonth` items a month; in month m
 * (0-based) the first `linen(m)` items are linen, the rest wool; units 1 for linen, 3 for wool.
 * One undated item, and one item in 2022-06 (a thin period before the rest).
 */
function catalogue(name: string, perMonth: number, linen: (m: number) => number, early = true): string {
  const rows = ['sku,name,material,sold_on,units'];
  for (let m = 0; m < 6; m++) {
    for (let i = 0; i < perMonth; i++) {
      const material = i < linen(m) ? 'linen' : 'wool';
      rows.push(`${m}-${i},Relaxed ${material} shirt no ${i},${material},2023-${String(m + 1).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')},${material === 'linen' ? 1 : 3}`);
    }
  }
  rows.push('x1,Undated wool scarf,wool,,3');
  if (early) rows.push('x2,Early linen shirt,linen,2022-06-15,1');
  const path = join(dir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('trendloom trends', () => {
  const file = catalogue('shop.csv', 20, (m) => 4 + 2 * m);

  it('writes each value\u2019s share of the items per month, from the first to the last month with items', async () => {
    const out = join(dir, 'series.csv');
    const { status, err } = await run(['trends', file, '--by', 'material', '--period', 'month', '--out', out]);
    expect(err).not.toMatch(/Error/);
    expect(status).toBe(0);
    const rows = readCsvRows(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['date', 'wool', 'linen']);
    // 2022-06 holds one linen item (thin, written as the chart draws it), 2022-07…12 none.
    expect(rows[1]).toEqual(['2022-06-01', '0.0000', '1.0000']);
    expect(rows.slice(2, 8)).toEqual([7, 8, 9, 10, 11, 12].map((m) => [`2022-${String(m).padStart(2, '0')}-01`, '', '']));
    expect(rows.slice(8)).toEqual(
      [0, 1, 2, 3, 4, 5].map((m) => [`2023-0${m + 1}-01`, (1 - (4 + 2 * m) / 20).toFixed(4), ((4 + 2 * m) / 20).toFixed(4)]),
    );
    expect(err).toContain('trends: 2 series (the most frequent values of "material") as shares of items per month, 13 periods (2022-06 … 2023-06) from 121 dated items (1 without a date left out).');
    expect(err).toContain('trends: 1 of those periods have fewer than 20 items: their shares are written but rest on few items (--drop-thin leaves them empty).');
    expect(err).toContain('trends: 6 periods have no item; their cells are empty.');
    expect(err).toContain('"units" looks like units sold; add --units units');
  });

  it('--units gives shares of units; --drop-thin leaves thin periods empty', async () => {
    const { status, out } = await run(['trends', file, '--by', 'material', '--period', 'quarter', '--units', 'units']);
    expect(status).toBe(0);
    const rows = readCsvRows(out);
    expect(rows[0]).toEqual(['date', 'wool', 'linen']);
    expect(rows.map((r) => r[0])).toEqual(['date', '2022-04-01', '2022-07-01', '2022-10-01', '2023-01-01', '2023-04-01']);
    // 2023 Q1: linen items 4+6+8 = 18 (18 units), wool 42 (126 units) → linen 18/144 = 0.125.
    expect(rows[4]).toEqual(['2023-01-01', '0.8750', '0.1250']);
    // Q2: linen 10+12+14 = 36, wool 24 (72 units) → 36/108.
    expect(rows[5]).toEqual(['2023-04-01', (72 / 108).toFixed(4), (36 / 108).toFixed(4)]);
    const dropped = await run(['trends', file, '--by', 'material', '--period', 'month', '--drop-thin']);
    const months = readCsvRows(dropped.out);
    expect(months[1]).toEqual(['2022-06-01', '', '']);
    expect(months[8]).toEqual(['2023-01-01', '0.8000', '0.2000']);
    expect(dropped.err).toContain('1 of those periods have fewer than 20 items: their shares are left empty (--drop-thin).');
  });

  it('with too few items per month, names the longer period that has enough', async () => {
    const sparse = catalogue('sparse.csv', 8, () => 3, false);
    const months = await run(['trends', sparse, '--by', 'material', '--period', 'month']);
    expect(months.status).toBe(0);
    expect(months.err).toContain('trends: 6 of those periods have fewer than 20 items: their shares are written but rest on few items (--drop-thin leaves them empty). By quarter, 2 of 2 periods have enough (--period quarter).');
    expect(readCsvRows(months.out)[1]).toEqual(['2023-01-01', '0.6250', '0.3750']);
    const quarters = await run(['trends', sparse, '--by', 'material', '--period', 'quarter']);
    expect(quarters.status).toBe(0);
    expect(quarters.err).not.toMatch(/fewer than/);
    // 2023 Q1 and Q2: 24 items each, 9 of them linen.
    expect(readCsvRows(quarters.out).slice(1)).toEqual([['2023-01-01', '0.6250', '0.3750'], ['2023-04-01', '0.6250', '0.3750']]);
  });

  it('its output is what forecast reads', async () => {
    const out = join(dir, 'series-for-forecast.csv');
    expect((await run(['trends', file, '--by', 'material', '--period', 'month', '--out', out])).status).toBe(0);
    const forecast = await run(['forecast', out, '--horizon', '2']);
    expect(forecast.err).not.toMatch(/Error/);
    expect(forecast.status).toBe(0);
    const rows = readCsvRows(forecast.out);
    expect(rows[0]).toEqual(['date', 'wool', 'linen']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2023-07-01', '2023-08-01']);
    // Shares are written with 4 decimals.
    for (const row of rows.slice(1)) for (const cell of row.slice(1)) expect(cell).toMatch(/^-?\d+\.\d{4}$/);
  });

  it('refuses in words a --by column of item text, an unknown column, and a file without dates', async () => {
    const text = await run(['trends', file, '--by', 'name']);
    expect(text.status).toBe(2);
    expect(text.err).toMatch(/--by name: that column holds item text .* Choose a column of labels, such as material/);
    const unknown = await run(['trends', file, '--by', 'colour']);
    expect(unknown.err).toMatch(/--by: shop\.csv has no column "colour"\. Its columns: sku, name, material, sold_on, units/);
    const undated = join(dir, 'undated.csv');
    writeFileSync(undated, 'sku,name,material\n1,Linen shirt,linen\n2,Wool coat,wool\n');
    const noDate = await run(['trends', undated, '--by', 'material']);
    expect(noDate.status).toBe(1);
    expect(noDate.err).toMatch(/undated\.csv has no date column the intake recognises/);
    const missing = await run(['trends', file]);
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/--by/);
  });
});

describe('forecast on a catalogue', () => {
  it('says forecast expects series and gives the trends command to run, instead of "not a date"', async () => {
    const file = catalogue('catalogue-for-forecast.csv', 20, () => 8);
    const result = await run(['forecast', file, '--horizon', '4']);
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/catalogue-for-forecast\.csv looks like a catalogue \(one row per item: its column "name" holds item text\), not trend series/);
    expect(result.err).toContain(`  trendloom trends ${file} --by material --period season --out series.csv\n  trendloom forecast series.csv --horizon 4`);
  });
});

describe('forecast rounds its numbers for reading (issue 17, item 9)', () => {
  it('keeps at least 4 significant digits of the largest value, 2 to 6 decimals', () => {
    expect(readableDecimals([0.45, 0.2])).toBe(4);
    expect(readableDecimals([0.0188, 0.01])).toBe(5);
    expect(readableDecimals([1520.371234, 3])).toBe(2);
    expect(readableDecimals([16.5])).toBe(2);
    expect(readableDecimals([3.2])).toBe(3);
    expect(readableDecimals([0.0000001])).toBe(6);
    expect(readableDecimals([Number.NaN, 0])).toBe(2);
  });

  it('writes units with 2 decimals, and --decimals sets them', async () => {
    const units = join(dir, 'units.csv');
    const weeks = Array.from({ length: 60 }, (_, i) => `${new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10)},${(1000 + 37.123456789 * Math.sin(i / 3) + i).toString()}`);
    writeFileSync(units, `date,linen\n${weeks.join('\n')}\n`);
    const plain = await run(['forecast', units, '--horizon', '3', '--intervals']);
    expect(plain.status).toBe(0);
    const rows = readCsvRows(plain.out);
    for (const row of rows.slice(1)) for (const cell of row.slice(1)) if (cell) expect(cell).toMatch(/^-?\d+\.\d{2}$/);
    const exact = readCsvRows((await run(['forecast', units, '--horizon', '3', '--decimals', '6'])).out);
    for (const row of exact.slice(1)) expect(row[1]).toMatch(/^\d+\.\d{6}$/);
    // The rounded figure is the precise one, rounded.
    expect(Number(rows[1]![1])).toBeCloseTo(Number(exact[1]![1]), 2);
    const bad = await run(['forecast', units, '--horizon', '3', '--decimals', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/--decimals must be a whole number from 0 to 15/);
  });
});
