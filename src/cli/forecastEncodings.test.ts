/**
 * Issue 18, item 14: `trendloom forecast` reads a series file in any encoding and with any
 * separator that intake reads catalogues in (UTF-16 with or without BOM, UTF-8 with BOM,
 * Windows-1252; ';' with decimal commas, tab), and forecasts it exactly as the plain UTF-8
 * comma file. Real files in a temporary folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText as readCsvRows } from '../core/csv/textRows.ts';
import { bytesSource, intake } from '../core/intake/intake.ts';
import { readSeriesBytes } from '../core/series/read.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-forecast-encodings-'));
const fixture = join(import.meta.dirname, '../../test/fixtures/forecast/small_weekly.csv');
// The fixture's rows, with a series name that is not ASCII so every encoding matters.
const rows = readCsvRows(readFileSync(fixture, 'utf8'));
rows[0]![3] = 'velours côtelé';

/** The rows as CSV text with `delimiter`; `decimalComma` writes 0.5 as "0,5" (European Excel). */
function csvText(delimiter: string, decimalComma = false): string {
  const field = (cell: string, column: number) => {
    const text = decimalComma && column > 0 && /^-?\d*\.\d+$/.test(cell) ? cell.replace('.', ',') : cell;
    return text.includes(delimiter) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(delimiter)).join('\r\n') + '\r\n';
}

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
// Windows-1252 for the Latin-1 letters used here (é, ô), which it writes as one byte each.
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

const variants: { title: string; bytes: () => Uint8Array; encoding: string; delimiter: string }[] = [
  { title: 'UTF-16LE with a BOM', bytes: () => Buffer.from(`\ufeff${csvText(',')}`, 'utf16le'), encoding: 'utf-16le', delimiter: ',' },
  { title: 'UTF-16BE with a BOM', bytes: () => utf16be(`\ufeff${csvText(',')}`), encoding: 'utf-16be', delimiter: ',' },
  { title: 'UTF-16BE without a BOM', bytes: () => utf16be(csvText(',')), encoding: 'utf-16be', delimiter: ',' },
  { title: "';'-separated with decimal commas", bytes: () => Buffer.from(csvText(';', true)), encoding: 'utf-8', delimiter: ';' },
  { title: 'tab-separated', bytes: () => Buffer.from(csvText('\t')), encoding: 'utf-8', delimiter: '\t' },
  { title: 'UTF-8 with a BOM', bytes: () => Buffer.from(`\ufeff${csvText(',')}`), encoding: 'utf-8', delimiter: ',' },
  { title: "Windows-1252, ';'-separated with decimal commas (Excel on Windows)", bytes: () => cp1252(csvText(';', true)), encoding: 'windows-1252', delimiter: ';' },
  { title: 'UTF-16LE with a BOM, tab-separated (Excel\'s "Unicode text")', bytes: () => Buffer.from(`\ufeff${csvText('\t')}`, 'utf16le'), encoding: 'utf-16le', delimiter: '\t' },
];

async function forecast(name: string, bytes: Uint8Array): Promise<{ status: number; csv: string; signals: string; err: string }> {
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const out = join(dir, `${name}.forecast.csv`);
  const signals = join(dir, `${name}.signals.json`);
  const err: string[] = [];
  const status = await main(['forecast', input, '--horizon', '4', '--intervals', '--out', out, '--signals', signals], { out: () => {}, err: (t) => void err.push(t) });
  return { status, csv: status === 0 ? readFileSync(out, 'utf8') : '', signals: status === 0 ? readFileSync(signals, 'utf8') : '', err: err.join('').replaceAll(input, '<input>') };
}

describe('forecast reads series files in every encoding and separator intake reads (issue 18, item 14)', () => {
  it.each(variants)('$title forecasts the same as the plain comma file', async ({ title, bytes, encoding, delimiter }) => {
    const plain = await forecast('plain.csv', Buffer.from(csvText(',')));
    expect(plain.status).toBe(0);
    expect(plain.csv.split('\n')[0]).toBe(
      'date,linen_shirt,"pleated, midi skirt",velours côtelé,' +
        ['linen_shirt', 'pleated, midi skirt', 'velours côtelé'].flatMap((s) => ['lo80', 'hi80', 'lo95', 'hi95'].map((b) => (s.includes(',') ? `"${s}__${b}"` : `${s}__${b}`))).join(','),
    );
    expect(plain.csv.trim().split('\n')).toHaveLength(5);

    const data = bytes();
    // The file really is in that encoding and separator (the test would prove nothing otherwise).
    const { stats } = await intake(bytesSource(data, 'x.csv'), { requireText: false });
    expect([stats.encoding, stats.delimiter]).toEqual([encoding, delimiter]);
    const other = await forecast(`${title.replace(/\W+/g, '-')}.csv`, data);
    expect(other.err).toBe(plain.err);
    expect(other.status).toBe(0);
    expect(other.csv).toBe(plain.csv);
    expect(other.signals).toBe(plain.signals);
  });

  it('before: read as UTF-8 text with commas, these files gave garbage dates (the reader now sees the real dates)', async () => {
    const set = await readSeriesBytes(Buffer.from(`\ufeff${csvText(';', true)}`, 'utf16le'));
    expect(set.series.map((s) => s.name)).toEqual(['linen_shirt', 'pleated, midi skirt', 'velours côtelé']);
    expect(set.dates).toHaveLength(170);
    expect(set.series[0]!.values[0]).toBeCloseTo(0.018821, 9);
    expect(set.frequency).toBe('week');
  });

  it("a ';' file's decimal commas are numbers; a comma file's quoted \"0,25\" reads as the app reads it", async () => {
    expect((await readSeriesBytes(Buffer.from('date;linen\n2019-01-07;0,25\n2019-01-14;1,5\n'))).series[0]!.values).toEqual(Float64Array.of(0.25, 1.5));
    // The CLI used to refuse this cell while the app read it as 0.25; both read it through intake now.
    expect((await readSeriesBytes(Buffer.from('date,linen\n2019-01-07,"0,25"\n'))).series[0]!.values).toEqual(Float64Array.of(0.25));
  });
});
