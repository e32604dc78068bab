/** `trendloom forecast` on series files with huge values, as real files in a temporary folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-huge-'));

/** A weekly wide CSV of two series over three years; `huge` replaces the wool value of week `at`. */
function seriesFile(name: string, huge: string, at: number): string {
  const lines = ['date,wool,linen'];
  for (let t = 0; t < 156; t++) {
    const date = new Date(Date.UTC(2017, 0, 2 + 7 * t)).toISOString().slice(0, 10);
    lines.push(`${date},${t === at ? huge : (10 + 3 * Math.sin((2 * Math.PI * t) / 52)).toFixed(3)},${(5 + (t % 4)).toFixed(1)}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('trendloom forecast with huge values', () => {
  it.each([
    { value: '1e200', at: 100 },
    { value: '1e200', at: 155 },
    { value: '1e308', at: 100 },
    { value: '-1e308', at: 140 },
    { value: '1.7976931348623157e308', at: 155 },
  ])('one value $value (week $at): exit 0, every forecast cell a number, the left-out model named', async ({ value, at }) => {
    const file = seriesFile(`huge-${value}-${at}.csv`, value, at);
    const out = join(dir, `forecast-${value}-${at}.csv`);
    const signals = join(dir, `signals-${value}-${at}.json`);
    let err = '';
    const status = await main(['forecast', file, '--horizon', '4', '--intervals', '--out', out, '--signals', signals], { out: () => {}, err: (t) => void (err += t) });
    expect(err).not.toMatch(/Cannot read properties|undefined|NaN/);
    expect(status).toBe(0);
    const rows = readCsvRows(readFileSync(out, 'utf8'));
    expect(rows[0]!.slice(0, 3)).toEqual(['date', 'wool', 'linen']);
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(1)) {
      expect(Number.isFinite(Number(row[1]))).toBe(true);
      expect(row[1]).not.toBe('');
      expect(Number.isFinite(Number(row[2]))).toBe(true);
    }
    const json = JSON.parse(readFileSync(signals, 'utf8')) as { series: { name: string; notes: string[]; models: { model: string }[] }[] };
    const wool = json.series[0]!;
    expect(wool.notes.join(' ')).toMatch(/ETS could not be fitted \(the values are too large or too uneven\) on "wool", so it was left out\./);
    expect(wool.models.map((m) => m.model)).not.toContain('ets');
    expect(json.series[1]!.models.map((m) => m.model)).toContain('ets');
  });
});
