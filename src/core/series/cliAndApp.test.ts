/**
 * Issue 19, item 1: the CLI and the app read a series file the same way. Each file below (wide and
 * long; ',', ';' and tab; UTF-8 and UTF-16; ISO and day-first dates; weekly and monthly) is read
 * by both paths: the app's (the intake worker's handler, the table back from Arrow IPC, then
 * `seriesFromIntake` as src/state/actions.ts does) and the CLI's (`trendloom forecast` itself, its
 * notes and date range on stderr, and the set its reader hands the forecaster). Real files in a
 * temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { englishText } from '../messages.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { forecastCommand, readSet } from '../../cli/forecast.ts';
import { intakeHandlers } from '../../workers/intakeHandlers.ts';
import type { HandlerContext } from '../../workers/handlers.ts';
import { seriesFromIntake } from './read.ts';
import { formatDate, type SeriesSet } from './seriesSet.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-series-paths-'));
const context: HandlerContext = { cancelled: false, throwIfCancelled() {}, progress() {} };

type Layout = 'wide' | 'long';
type Dates = 'iso' | 'day-first';
type Spacing = 'weekly' | 'monthly';

/** 30 periods of two series, with one period missing, one repeated and one date off the grid. */
function rows(spacing: Spacing): { date: Date; values: [number, number] }[] {
  const out: { date: Date; values: [number, number] }[] = [];
  for (let t = 0; t < 30; t++) {
    if (t === 7) continue; // a gap
    const date = spacing === 'weekly' ? new Date(Date.UTC(2019, 0, 14 + 7 * t + (t === 11 ? 2 : 0))) : new Date(Date.UTC(2018, t, 1));
    out.push({ date, values: [Math.round(100 * (1 + Math.sin(t / 3))) / 100, 10 + (t % 5) + 0.25] });
    if (t === 4) out.push({ date, values: [0.5, 12.75] }); // a repeated date
  }
  return out;
}

function fileText(layout: Layout, delimiter: string, dates: Dates, spacing: Spacing): string {
  const day = (d: Date) => (dates === 'iso' ? d.toISOString().slice(0, 10) : `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`);
  // A ';' or tab file writes decimals with a comma, as European Excel does.
  const number = (v: number) => (delimiter === ',' ? String(v) : String(v).replace('.', ','));
  const names = ['linen shirt', 'wide-leg trousers'];
  const lines = layout === 'wide' ? [['date', ...names].join(delimiter)] : [['date', 'series', 'value'].join(delimiter)];
  for (const row of rows(spacing)) {
    if (layout === 'wide') lines.push([day(row.date), ...row.values.map(number)].join(delimiter));
    else names.forEach((name, s) => lines.push([day(row.date), name, number(row.values[s]!)].join(delimiter)));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const cases = (['wide', 'long'] as const).flatMap((layout) =>
  ([',', ';', '\t'] as const).flatMap((delimiter) =>
    (['utf-8', 'utf-16le'] as const).flatMap((encoding) =>
      (['iso', 'day-first'] as const).flatMap((dates) => (['weekly', 'monthly'] as const).map((spacing) => ({ layout, delimiter, encoding, dates, spacing }))),
    ),
  ),
);

/** The app's path: the intake worker's handler, Arrow IPC back to a table, then the series reader. */
async function appRead(bytes: Buffer, name: string): Promise<SeriesSet> {
  const { result } = await intakeHandlers['intake.parse']({ file: new Blob([new Uint8Array(bytes)]), name, options: { requireText: false } }, context);
  const series = seriesFromIntake({ table: tableFromIPC(result.ipc), columns: result.columns });
  if (!series) throw new Error(`${name}: the app did not see series`);
  return series.set;
}

const plain = (set: SeriesSet) => ({
  frequency: set.frequency,
  dates: set.dates.map(formatDate),
  series: set.series.map((s) => ({ name: s.name, values: Array.from(s.values) })),
  notes: set.notes.map(englishText),
  codes: set.notes.map((note) => note.code),
});

describe('the CLI and the app read series files the same way', () => {
  it.each(cases)('$layout, delimiter $delimiter, $encoding, $dates dates, $spacing', async ({ layout, delimiter, encoding, dates, spacing }) => {
    const text = fileText(layout, delimiter, dates, spacing);
    const bytes = encoding === 'utf-8' ? Buffer.from(text) : Buffer.from(`\ufeff${text}`, 'utf16le');
    const name = `${layout}-${delimiter === '\t' ? 'tab' : delimiter === ';' ? 'semicolon' : 'comma'}-${encoding}-${dates}-${spacing}.csv`;
    const path = join(dir, name);
    writeFileSync(path, bytes);

    const app = plain(await appRead(bytes, name));
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => void err.push(t) };
    const cli = plain(await readSet(path, 'series file', io));
    expect(cli).toEqual(app);

    // What the file holds, so that agreeing on garbage cannot pass.
    const expected = rows(spacing);
    expect(app.frequency).toBe(spacing === 'weekly' ? 'week' : 'month');
    expect(app.dates).toHaveLength(30);
    expect(app.dates[0]).toBe(spacing === 'weekly' ? '2019-01-14' : '2018-01-01');
    expect(app.series.map((s) => s.name)).toEqual(['linen shirt', 'wide-leg trousers']);
    expect(app.series[1]!.values[0]).toBe(expected[0]!.values[1]);
    expect(app.series[1]!.values[4]).toBeCloseTo((expected[4]!.values[1] + 12.75) / 2, 12);
    expect(app.series[1]!.values[7]).toBeNaN();
    const repeat = layout === 'wide' ? 'note.repeated-dates' : 'note.repeated-rows';
    expect(app.codes).toEqual([repeat, ...(spacing === 'weekly' ? ['note.off-grid'] : []), 'note.grid-missing']);

    // The command itself: the same notes and date range on stderr, the next period's date on stdout.
    const out: string[] = [];
    const commandErr: string[] = [];
    expect(await forecastCommand.run([path, '--horizon', '1'], { out: (t) => void out.push(t), err: (t) => void commandErr.push(t) })).toBe(0);
    const printed = commandErr.join('');
    for (const note of app.notes) expect(printed).toContain(`note: ${note}\n`);
    const unit = app.frequency;
    expect(printed).toContain(`Forecasting 2 series × 1 ${unit}s from 30 ${unit}s (${app.dates[0]} … ${app.dates[29]})`);
    expect(out.join('').split('\n')[1]!.slice(0, 10)).toBe(spacing === 'weekly' ? '2019-08-12' : '2020-07-01');
  });
});
