/** Issue 15, item 3: the report's "Next season" section as CSV (movers with quantities, the plan, regional differences). */
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../csv/textRows.ts';
import { regionalDifferences } from '../plan/regions.ts';
import { planTable, type PlanRowCore } from '../plan/table.ts';
import { nextSeasonCsv, nextSeasonRegionRows } from './nextSeasonCsv.ts';
import { planMovers, type NextSeasonRow, type NextSeasonSection } from './report.ts';

/** A plan row with its range, as planSeason leaves it (no spread: read at the forecast). */
function row(key: string[], level: PlanRowCore['level'], last: number, forecast: number, plan: number, flags: PlanRowCore['flags'] = [], stock?: number): PlanRowCore {
  return { key, level, lastSeasonUnits: last, forecastUnits: forecast, lo80: forecast * 0.8, hi80: forecast * 1.2, lo95: forecast * 0.7, hi95: forecast * 1.3, serviceQuantile: plan, planUnits: plan, change: last > 0 ? forecast / last - 1 : NaN, flags, ...(stock !== undefined ? { stock } : {}) };
}

/** Items: FR 400 (200 linen), DE 400 (100 linen), IS 30 (15 linen), all in one period. */
function items() {
  const value: number[] = [];
  const region: number[] = [];
  const add = (r: number, linen: number, wool: number) => {
    for (let i = 0; i < linen; i++) value.push(0), region.push(r);
    for (let i = 0; i < wool; i++) value.push(1), region.push(r);
  };
  add(0, 200, 200);
  add(1, 100, 300);
  add(2, 15, 15);
  return { value, region, period: value.map(() => 0), values: ['Linen shirt', 'Wool coat'], regions: ['FR', 'DE', 'IS'], periods: 1 };
}

describe('nextSeasonCsv', () => {
  // Linen up 30 % (100 → 130), denim up 17 % (120 → 140) and edited to 123, wool down 40 % with 900 in stock.
  const table = planTable(
    [
      row(['', ''], 'total', 400, 390.4, 260),
      row(['Linen shirt', 'IT'], 'group', 100, 130.2, 150.6, ['likely sell-out']),
      row(['Wool coat', 'FR'], 'group', 200, 120.1, 0, ['slow mover'], 900),
      row(['Denim jeans', 'DE'], 'group', 120, 140.1, 109.3),
    ],
    new Map([[JSON.stringify(['Denim jeans', 'DE']), 123]]),
  );
  const rows: NextSeasonRow[] = table.map((r) => ({ name: r.key.filter(Boolean).join(' · ') || 'Total', key: r.key, level: r.level, lastSeason: r.lastSeason, forecast: r.forecast, change: r.change, lo80: r.lo80, hi80: r.hi80, plan: r.plan, edited: r.edited && r.level === 'group', flags: r.flags.map((f) => `(${f} in words)`), flagCodes: [...r.flags] }));
  const section: NextSeasonSection = { lines: ['covers the next 6 months'], ...planMovers(rows), table: rows, columns: ['category', 'region'], regionalRows: nextSeasonRegionRows(regionalDifferences(items())) };
  const csv = nextSeasonCsv(section);
  const { columns, rows: cells } = readCsvRows(csv);
  const cell = (r: string[], name: string) => r[columns.indexOf(name)];

  it('has clear column names: section, rank, a group column per grouping column, plan figures, regional figures', () => {
    expect(csv.split('\n')[0]).toBe(
      'section,rank,group_category,group_region,level,last_season_units,forecast_units,change_pct,lo80,hi80,plan_units,edited,flag,value,region,region_items,value_items,share_in_region,share_elsewhere,lift,adjusted_p_value,gap_trend,small_region',
    );
    expect(cells.map((r) => r[0])).toEqual(['rising', 'rising', 'falling', 'plan', 'plan', 'plan', 'plan', 'regional', 'regional', 'regional', 'regional', 'regional']);
  });

  it('lists the rising and falling groups with their quantities, unformatted', () => {
    const [linen, denim, wool] = cells;
    expect(linen!.slice(0, 13)).toEqual(['rising', '1', 'Linen shirt', 'IT', 'group', '100', '130', '30.2', '104', '156', '151', '', 'likely sell-out']);
    expect(denim!.slice(0, 13)).toEqual(['rising', '2', 'Denim jeans', 'DE', 'group', '120', '140', '16.8', '112', '168', '123', 'yes', '']);
    expect(wool!.slice(0, 13)).toEqual(['falling', '1', 'Wool coat', 'FR', 'group', '200', '120', '-40.0', '96', '144', '0', '', 'slow mover']);
    // The plan figures leave the regional cells empty.
    expect(linen!.slice(13).every((v) => v === '')).toBe(true);
  });

  it('writes the plan table as shown: the total is the sum of the groups, the edit included', () => {
    const plan = cells.filter((r) => r[0] === 'plan');
    expect(plan.map((r) => [cell(r, 'rank'), cell(r, 'group_category'), cell(r, 'group_region'), cell(r, 'level')])).toEqual([
      ['1', '(all)', '(all)', 'total'],
      ['2', 'Linen shirt', 'IT', 'group'],
      ['3', 'Wool coat', 'FR', 'group'],
      ['4', 'Denim jeans', 'DE', 'group'],
    ]);
    expect(cell(plan[0]!, 'plan_units')).toBe(String(151 + 0 + 123));
    expect(cell(plan[0]!, 'forecast_units')).toBe(String(130 + 120 + 140));
    expect(cell(plan[0]!, 'last_season_units')).toBe(String(100 + 200 + 120));
    // The report marks the edited group, not the total over it.
    expect(plan.map((r) => cell(r, 'edited'))).toEqual(['', '', '', 'yes']);
  });

  it('lists the real regional differences largest first with their figures, then each small region once, unranked', () => {
    const regional = cells.filter((r) => r[0] === 'regional');
    // Linen in DE: 100 of 400 (0.25) against 215 of 430 elsewhere (0.5): half as popular.
    const de = regional[0]!;
    expect([cell(de, 'rank'), cell(de, 'value'), cell(de, 'region'), cell(de, 'region_items'), cell(de, 'value_items'), cell(de, 'share_in_region'), cell(de, 'share_elsewhere'), cell(de, 'lift'), cell(de, 'gap_trend'), cell(de, 'small_region')]).toEqual(['1', 'Linen shirt', 'DE', '400', '100', '0.25', '0.5', '0.5', 'unknown', '']);
    expect(Number(cell(de, 'adjusted_p_value'))).toBeLessThan(1e-6);
    // Linen in FR: 200 of 400 against 115 of 430 elsewhere.
    const fr = regional[1]!;
    expect([cell(fr, 'rank'), cell(fr, 'value'), cell(fr, 'region'), cell(fr, 'share_in_region'), cell(fr, 'share_elsewhere'), cell(fr, 'lift')]).toEqual(['2', 'Linen shirt', 'FR', '0.5', '0.267442', '1.8696']);
    expect(regional.slice(0, 4).map((r) => cell(r, 'rank'))).toEqual(['1', '2', '3', '4']);
    // IS has 30 items: flagged once, not ranked, no figures but its size.
    expect(regional[4]!.slice(1)).toEqual(['', '', '', '', '', '', '', '', '', '', '', '', '', 'IS', '30', '', '', '', '', '', '', 'yes']);
  });

  it('names a group column "name" for a section made without grouping columns, and neutralises formula-like names', () => {
    const bare = nextSeasonCsv({ lines: [], rising: [], falling: [], table: [{ name: '=HYPERLINK("x")', level: 'group', lastSeason: NaN, forecast: 12, change: NaN, lo80: NaN, hi80: NaN, plan: 14, edited: false, flags: [] }] });
    const { columns: bareColumns, rows: bareRows } = readCsvRows(bare);
    expect(bareColumns.slice(0, 3)).toEqual(['section', 'rank', 'group_name']);
    expect(bareRows[0]!.slice(0, 11)).toEqual(['plan', '1', '\'=HYPERLINK("x")', 'group', '', '12', '', '', '', '14', '']);
  });
});
