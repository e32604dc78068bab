import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { main } from './main.ts';

const fixture = join(import.meta.dirname, '../../test/fixtures/forecast/small_weekly.csv');
const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
};

describe('trendloom forecast', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trendloom-forecast-'));

  it.each([
    ['one row', 'date,linen\n2019-01-07,0.2\n', ['2019-01-14,0.2000,,,,']],
    ['a constant series', 'date,linen\n' + Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, '0')}-01,0.3`).join('\n') + '\n', ['2020-01-01,0.3000,,,,']],
  ])('--intervals on %s writes empty interval cells (no interval), not lo = hi', async (name, body, lines) => {
    const input = join(dir, `short-${name.replace(/ /g, '-')}.csv`);
    writeFileSync(input, body);
    const out = join(dir, `short-${name.replace(/ /g, '-')}-f.csv`);
    const { io } = capture();
    expect(await main(['forecast', input, '--horizon', '1', '--out', out, '--intervals'], io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`date,linen,linen__lo80,linen__hi80,linen__lo95,linen__hi95\n${lines.join('\n')}\n`);
  });

  it('writes the next n weekly dates, one column per series, intervals and signals', async () => {
    const out = join(dir, 'f.csv');
    const signals = join(dir, 's.json');
    const { io, err } = capture();
    const status = await main(['forecast', fixture, '--horizon', '3', '--train-end', '2018-12-31', '--out', out, '--intervals', '--signals', signals], io);
    expect(status).toBe(0);
    const rows = readCsvRows(readFileSync(out, 'utf8'));
    expect(rows[0]!.slice(0, 4)).toEqual(['date', 'linen_shirt', 'pleated, midi skirt', 'velvet_blazer']);
    expect(rows[0]!.slice(4, 8)).toEqual(['linen_shirt__lo80', 'linen_shirt__hi80', 'linen_shirt__lo95', 'linen_shirt__hi95']);
    expect(rows[0]!.length).toBe(4 + 3 * 4);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2019-01-07', '2019-01-14', '2019-01-21']); // the fixture's last kept row is 2018-12-31
    for (const row of rows.slice(1)) {
      const [point, lo80, hi80, lo95, hi95] = [1, 4, 5, 6, 7].map((i) => Number(row[i]));
      expect(point).toBeGreaterThan(0.005);
      expect(point).toBeLessThan(0.05);
      expect(lo95).toBeLessThanOrEqual(lo80!);
      expect(lo80).toBeLessThanOrEqual(point!);
      expect(hi80).toBeGreaterThanOrEqual(point!);
      expect(hi95).toBeGreaterThanOrEqual(hi80!);
    }
    const json = JSON.parse(readFileSync(signals, 'utf8'));
    expect(json.series.map((s: { name: string }) => s.name)).toEqual(['linen_shirt', 'pleated, midi skirt', 'velvet_blazer']);
    expect(json.series[1].label).toBe('growing'); // the fixture's skirt share rises by about a fifth a year
    expect(json.series[0].models.length).toBe(5);
    // linen peaks with the sine in late March (week 13 of the cycle): beyond the 3-week horizon, still reported
    expect(json.series[0].periodsToPeak).toBeGreaterThan(3);
    expect(json.series[0].peakDate).toMatch(/^2019-0[34]-/);
    expect(err.join('')).toMatch(/1 missing value\(s\) in "velvet_blazer"/);
  });

  it('prints to standard output without --out, and reads long CSV', async () => {
    const long = join(dir, 'long.csv');
    const lines = ['date,series,value'];
    for (let m = 0; m < 30; m++) lines.push(`${2018 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01,wool,${10 + (m % 12)}`);
    writeFileSync(long, lines.join('\n'));
    const { io, out } = capture();
    expect(await main(['forecast', long, '--horizon', '2'], io)).toBe(0);
    const rows = readCsvRows(out.join(''));
    expect(rows.map((r) => r[0])).toEqual(['date', '2020-07-01', '2020-08-01']);
    expect(Number(rows[1]![1])).toBeCloseTo(16, 0); // July repeats its seasonal value
  });

  it('explains usage mistakes and bad files', async () => {
    const c1 = capture();
    expect(await main(['forecast', fixture], c1.io)).toBe(2);
    expect(c1.err.join('')).toMatch(/--horizon is required/);
    const c2 = capture();
    expect(await main(['forecast', fixture, '--horizon', 'soon'], c2.io)).toBe(2);
    const c3 = capture();
    expect(await main(['forecast', fixture, '--horizon', '2', '--train-end', '2001-01-01'], c3.io)).toBe(1);
    expect(c3.err.join('')).toMatch(/No row is dated on or before 2001-01-01/);
    const c4 = capture();
    expect(await main(['forecast', join(dir, 'missing.csv'), '--horizon', '2'], c4.io)).toBe(1);
    expect(c4.err.join('')).toMatch(/Cannot read the series file/);
  });

  it.each([
    ['a 30th of February', 'date,linen\n2019-02-25,0.2\n2019-02-30,0.3\n', [], /Row 3: '2019-02-30' is not a real date: February 2019 has only 28 days\./],
    ['year 0 (once merged into 1900)', 'date,linen\n1900,0.2\n0000,0.3\n', [], /Row 3: '0000' is not a date we can read/],
    ['an impossible --train-end', 'date,linen\n2019-02-25,0.2\n2019-03-04,0.3\n', ['--train-end', '2019-02-30'], /--train-end "2019-02-30" is not a real date: February 2019 has only 28 days/],
  ])('refuses an impossible date with its row: %s', async (name, body, extra, message) => {
    const input = join(dir, `impossible-${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(input, body);
    const c = capture();
    expect(await main(['forecast', input, '--horizon', '1', ...extra], c.io)).toBeGreaterThan(0);
    expect(c.out.join('')).toBe('');
    expect(c.err.join('')).toMatch(message);
  });

  it('runs from the real command line', () => {
    const text = execFileSync('node', [join(import.meta.dirname, '../../bin/trendloom.mjs'), 'forecast', fixture, '--horizon', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(text.split('\n')[1]).toMatch(/^2019-04-08,/);
  });
});
