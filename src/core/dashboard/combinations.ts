/**
 * Tag combinations (colour × article type × usage) as one coded column, so the trend counter can
 * make a share series per combination, and the combinations whose share is forecast to rise, with
 * the forecast and its interval: the Studio's suggested design briefs. Pure.
 */
import type { CodedColumn } from './columns.ts';
import type { LabelCodes } from './cube.ts';
import type { TrendSeries } from './trends.ts';

/** One column of a combination: the tag it stands for and its coded labels (single-label). */
export interface CombinationPart {
  /** The generation tag, e.g. 'baseColour'. */
  tag: string;
  /** The column, coded. */
  coded: CodedColumn;
  /** Sure flags per item (1 sure, 0 unsure, other: no label), when the column has them. */
  sure?: Uint8Array;
}

/** The combined column: codes per item (-1 where a part is missing), a label and tags per code, and sure flags. */
export interface CombinedColumn {
  /** Single-label codes per item. */
  labels: { kind: 'single'; codes: Int32Array };
  /** Display label per code: the parts' values joined with " · ". */
  values: string[];
  /** Tags per code (tag → value). */
  tags: Record<string, string>[];
  /** Per item: 1 when every part is sure, 0 when one is unsure, 2 without a combination; absent when no part has flags. */
  sure?: Uint8Array;
}

/**
 * The parts a combination can be made of: those with at least one sure label (or without sure flags),
 * and the tags of those left out because no item's label is sure (usage, which the model never marks
 * sure on a shop's own catalogue until it is taught). A combination with such a part would have no sure item.
 */
export function partsWithSureLabels(parts: readonly CombinationPart[]): { kept: CombinationPart[]; leftOut: string[] } {
  const kept: CombinationPart[] = [];
  const leftOut: string[] = [];
  for (const part of parts) {
    if (part.sure === undefined || part.sure.includes(1)) kept.push(part);
    else leftOut.push(part.tag);
  }
  return { kept, leftOut };
}

/** Codes each item's combination of the parts' values (items missing a part get -1). */
export function combineColumns(parts: readonly CombinationPart[]): CombinedColumn {
  if (parts.length === 0) throw new Error('A combination needs at least one column.');
  for (const p of parts) if (p.coded.labels.kind !== 'single') throw new Error(`The column for ${p.tag} holds lists of labels; a combination needs one label per item.`);
  const codesOf = parts.map((p) => (p.coded.labels as Extract<LabelCodes, { kind: 'single' }>).codes);
  const n = codesOf[0]!.length;
  const codes = new Int32Array(n).fill(-1);
  const flagged = parts.some((p) => p.sure);
  const sure = flagged ? new Uint8Array(n).fill(2) : undefined;
  const index = new Map<string, number>();
  const values: string[] = [];
  const tags: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    let key = '';
    let missing = false;
    for (let k = 0; k < parts.length; k++) {
      const c = codesOf[k]![i]!;
      if (c < 0) {
        missing = true;
        break;
      }
      key += `${c},`;
    }
    if (missing) continue;
    let code = index.get(key);
    if (code === undefined) {
      code = values.length;
      index.set(key, code);
      const parts_ = parts.map((p, k) => [p.tag, p.coded.values[codesOf[k]![i]!]!] as const);
      values.push(parts_.map(([, v]) => v).join(' · '));
      tags.push(Object.fromEntries(parts_));
    }
    codes[i] = code;
    if (sure) sure[i] = parts.every((p) => !p.sure || p.sure[i] === 1) ? 1 : 0;
  }
  return { labels: { kind: 'single', codes }, values, tags, ...(sure ? { sure } : {}) };
}

/** A forecast of one series: the next periods' point values and 80 % interval. */
export interface CombinationForecast {
  /** Point forecast per future period. */
  point: ArrayLike<number>;
  /** Lower bound of the 80 % interval per period (absent without backtests). */
  lo80?: ArrayLike<number>;
  /** Upper bound. */
  hi80?: ArrayLike<number>;
}

/** A combination forecast to rise. */
export interface RisingCombination {
  /** The series label ("Green · Dresses · Casual"). */
  label: string;
  /** Its tags. */
  tags: Record<string, string>;
  /** Share in the last period with enough items. */
  latest: number;
  /** Forecast share of the next period. */
  forecast: number;
  /** 80 % interval of that forecast (NaN when none). */
  lo80: number;
  hi80: number;
  /** forecast − latest (share points as a fraction). */
  rise: number;
}

/**
 * The combinations whose next-period forecast share is above their latest share, largest rise
 * first (at most `count`). `tagsOf` gives a series' tags by its label.
 */
export function risingCombinations(series: readonly TrendSeries[], forecasts: ReadonlyMap<string, CombinationForecast>, tagsOf: (label: string) => Record<string, string> | undefined, count = 5): RisingCombination[] {
  const out: RisingCombination[] = [];
  for (const s of series) {
    const f = forecasts.get(s.label);
    const tags = tagsOf(s.label);
    if (!f || !tags) continue;
    let last = s.share.length - 1;
    while (last >= 0 && !Number.isFinite(s.share[last]!)) last--;
    const forecast = f.point[0];
    if (last < 0 || forecast === undefined || !Number.isFinite(forecast)) continue;
    const latest = s.share[last]!;
    const rise = forecast - latest;
    if (rise > 0) out.push({ label: s.label, tags, latest, forecast, lo80: f.lo80?.[0] ?? Number.NaN, hi80: f.hi80?.[0] ?? Number.NaN, rise });
  }
  return out.sort((a, b) => b.rise - a.rise || (a.label < b.label ? -1 : 1)).slice(0, count);
}
