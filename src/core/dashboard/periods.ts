/**
 * Buckets item dates into regular periods for trend series: every period between the first and
 * the last dated item exists, even when empty, so series have no hidden gaps.
 */
import { fashionSeasonLabel } from '../clean/derive.ts';
import type { Hemisphere } from '../clean/types.ts';
import { isoWeekOf, periodKey, periodsPerYear, periodStartOfKey, type PeriodGrain } from '../series/periods.ts';

export type { PeriodGrain } from '../series/periods.ts';

/** Items' period indices and the periods' labels and start dates. */
export interface PeriodAssignment {
  /** Period index per item, -1 when the item has no date. */
  periodIndex: Int32Array;
  /** Display label per period ("2019-03", "2019 Q2", "Summer 2019", "SS19", "2019-W10"). */
  labels: string[];
  /** UTC ms of each period's first day. */
  starts: number[];
  /** Periods in a year (52, 12, 4, 4, 2, 1): the seasonal cycle length for forecasting. */
  perYear: number;
  /** The grain and hemisphere the periods were made with. */
  grain: PeriodGrain;
  /** Hemisphere used for season names. */
  hemisphere: Hemisphere;
  /** Internal key of the first period (keys of consecutive periods differ by 1). */
  firstKey: number;
}

const seasonNames = ['Winter', 'Spring', 'Summer', 'Autumn'] as const;

function labelOf(key: number, grain: PeriodGrain, hemisphere: Hemisphere): { label: string; start: number } {
  switch (grain) {
    case 'week': {
      const start = periodStartOfKey(key, grain);
      const w = isoWeekOf(start);
      return { label: `${w.weekYear}-W${String(w.week).padStart(2, '0')}`, start };
    }
    case 'month': {
      const year = Math.floor(key / 12);
      const month = (key % 12) + 1;
      return { label: `${year}-${String(month).padStart(2, '0')}`, start: periodStartOfKey(key, grain) };
    }
    case 'quarter': {
      const year = Math.floor(key / 4);
      return { label: `${year} Q${(key % 4) + 1}`, start: periodStartOfKey(key, grain) };
    }
    case 'season': {
      const startMonthIndex = key * 3 - 1; // months since year 0, Dec = start of winter
      const year = Math.floor(startMonthIndex / 12);
      const month = startMonthIndex % 12;
      const seasonIndex = key % 4; // 0 winter, 1 spring, 2 summer, 3 autumn (north)
      const name = hemisphere === 'north' ? seasonNames[seasonIndex]! : seasonNames[(seasonIndex + 2) % 4]!;
      const labelYear = month === 11 ? year + 1 : year;
      return { label: `${name} ${labelYear}`, start: periodStartOfKey(key, grain) };
    }
    case 'fashion-season': {
      const year = Math.floor(key / 2);
      const half = key % 2 === 0 ? 'SS' : 'AW';
      return { label: fashionSeasonLabel(half, year), start: periodStartOfKey(key, grain) };
    }
    case 'year':
      return { label: String(key), start: periodStartOfKey(key, grain) };
  }
}

/** Assigns each date (UTC ms, NaN = missing) to a period of the grain; periods run from the first to the last date. */
export function assignPeriods(dates: ArrayLike<number>, grain: PeriodGrain, hemisphere: Hemisphere = 'north'): PeriodAssignment {
  const n = dates.length;
  const keys = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const ms = dates[i]!;
    if (!Number.isFinite(ms)) {
      keys[i] = Number.NaN;
      continue;
    }
    const key = periodKey(ms, grain);
    keys[i] = key;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const periodIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) periodIndex[i] = Number.isNaN(keys[i]!) ? -1 : keys[i]! - min;
  const labels: string[] = [];
  const starts: number[] = [];
  if (Number.isFinite(min)) {
    for (let key = min; key <= max; key++) {
      const { label, start } = labelOf(key, grain, hemisphere);
      labels.push(label);
      starts.push(start);
    }
  }
  return { periodIndex, labels, starts, perYear: periodsPerYear(grain), grain, hemisphere, firstKey: Number.isFinite(min) ? min : 0 };
}

/**
 * Display labels of period start dates (UTC ms) at the assignment's grain and hemisphere: the
 * page labels the forecast periods with the dates the forecast worker returns (the calendar's
 * `periodsAfter` of the last period), never stepping the calendar itself.
 */
export function periodLabelsAt(starts: ArrayLike<number>, assignment: Pick<PeriodAssignment, 'grain' | 'hemisphere'>): string[] {
  return Array.from(starts, (start) => labelOf(periodKey(start, assignment.grain), assignment.grain, assignment.hemisphere).label);
}

/** The first and last period with at least minSupport items, or undefined when none has. */
export function supportedRange(periodSupport: ArrayLike<number>, minSupport: number): [number, number] | undefined {
  let from = -1;
  let to = -1;
  for (let p = 0; p < periodSupport.length; p++) {
    if (periodSupport[p]! >= minSupport) {
      if (from < 0) from = p;
      to = p;
    }
  }
  return from < 0 ? undefined : [from, to];
}

/** Grains tried when choosing one for a dataset, finest first. */
export const candidateGrains: readonly PeriodGrain[] = ['week', 'month', 'season', 'fashion-season', 'year'];

/**
 * The finest grain at which the data is dense enough to read trends: inside the supported range,
 * at least 80% of periods have minSupport items, and there are at least two yearly cycles
 * (or six periods for years). Falls back to the grain with the best coverage.
 */
export function chooseGrain(dates: ArrayLike<number>, minSupport: number, hemisphere: Hemisphere = 'north'): PeriodGrain {
  let best: { grain: PeriodGrain; coverage: number } = { grain: 'year', coverage: -1 };
  for (const grain of candidateGrains) {
    const periods = assignPeriods(dates, grain, hemisphere);
    const support = new Uint32Array(periods.labels.length);
    for (const p of periods.periodIndex) if (p >= 0) support[p]!++;
    const range = supportedRange(support, minSupport);
    if (!range) continue;
    const length = range[1] - range[0] + 1;
    let dense = 0;
    for (let p = range[0]; p <= range[1]; p++) if (support[p]! >= minSupport) dense++;
    const coverage = dense / length;
    const enoughPeriods = length >= Math.max(6, 2 * periods.perYear);
    if (coverage >= 0.8 && enoughPeriods) return grain;
    if (coverage > best.coverage) best = { grain, coverage };
  }
  return best.grain;
}

const ZH_SEASONS: Readonly<Record<string, string>> = { Winter: '冬季', Spring: '春季', Summer: '夏季', Autumn: '秋季' };

/**
 * A period label as `labelOf` writes it ("Winter 2022", "2023 Q4", "2023-10", "2023-W05", "SS19",
 * "2023"), in the interface language: in Chinese "2022 年冬季", "2023 年第 4 季度", "2023 年 10 月",
 * "2023 年第 5 周", "2019 春夏", "2023 年". Only the label at the start of `text` is rewritten (so
 * "Winter 2022 · 5 items" keeps its tail); English, and any other text, come back as they are.
 */
export function periodLabelIn(text: string, language: 'en' | 'zh'): string {
  if (language !== 'zh') return text;
  let m = /^(\d{4})-W(\d{2})(?!\d)/.exec(text);
  if (m) return `${m[1]} 年第 ${Number(m[2])} 周${text.slice(m[0].length)}`;
  m = /^(\d{4})-(\d{2})(?![\d-])/.exec(text);
  if (m) return `${m[1]} 年 ${Number(m[2])} 月${text.slice(m[0].length)}`;
  m = /^(\d{4}) Q([1-4])(?!\d)/.exec(text);
  if (m) return `${m[1]} 年第 ${m[2]} 季度${text.slice(m[0].length)}`;
  m = /^(Winter|Spring|Summer|Autumn) (\d{4})(?!\d)/.exec(text);
  if (m) return `${m[2]} 年${ZH_SEASONS[m[1]!]}${text.slice(m[0].length)}`;
  m = /^(SS|AW)(\d{2})(?!\d)/.exec(text);
  if (m) return `${Number(m[2]) < 70 ? 20 : 19}${m[2]} ${m[1] === 'SS' ? '春夏' : '秋冬'}${text.slice(m[0].length)}`;
  // A bare year only alone or before " ·" / " (" ("2023 collection" is no period).
  m = /^(\d{4})(?=$| ·| \()/.exec(text);
  if (m) return `${m[1]} 年${text.slice(m[0].length)}`;
  return text;
}
