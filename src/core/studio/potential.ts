/**
 * A design concept's market potential (issue 14, part 2): how the share of each of its attributes
 * (article type, colour, usage, season, gender — as the classifier reads the concept) is forecast
 * to move over the next season against the same season a year earlier, combined into one score
 * with an interval and explained in words. Pure: no DOM, no workers.
 *
 * Definition (also in docs/FORECASTING.md):
 * - For attribute a, `base` is the mean observed share over the `seasonLength` periods one year
 *   (`perYear` periods) before the forecast ones, and `next` the mean point forecast over the next
 *   `seasonLength` periods. Its log ratio is r_a = ln(next / base); its 80 % bounds use the mean of
 *   the forecast's 80 % bounds instead of the point (the base is observed, so it is taken as known).
 *   Shares are floored at SHARE_FLOOR so a value absent last year does not give an infinite ratio.
 *   When the history does not reach a year back (or that season is too thin to have a share), the
 *   base is the mean of the latest `seasonLength` periods with a share (said in `baseline`).
 * - The potential is the mean of r_a over the attributes that count (sure, and with a forecast):
 *   P = Σ r_a / n. Its bounds add the attributes' half-widths in quadrature (independent errors):
 *   lo = P − √Σ(r_a − lo_a)² / n, hi = P + √Σ(hi_a − r_a)² / n.
 * - Shown as a change: exp(P) − 1 is the change of the geometric mean of the attributes' shares
 *   ("+12 %"); a concept with no attribute that counts has no score (NaN) and ranks last.
 */

/** Shares below this are taken as this (so ratios stay finite). */
export const SHARE_FLOOR = 1e-4;

/** A change smaller than this (as a fraction, either way) is called flat. */
export const FLAT_CHANGE = 0.05;

/** One attribute of a concept as the classifier read it. */
export interface ConceptAttribute {
  /** The model head (articleType, baseColour, usage, season, gender). */
  head: string;
  /** The label it gave. */
  label: string;
  /** Whether the model is sure of it (its calibration's rule); unsure attributes do not count. */
  sure: boolean;
  /** The calibrated probability, for display. */
  probability?: number;
}

/** The history and forecast of one attribute's share series. */
export interface AttributeSeries {
  /** Observed share per period (NaN where a period has too few items). */
  history: ArrayLike<number>;
  /** Point forecast per future period (at least seasonLength of them). */
  point: ArrayLike<number>;
  /** 80 % interval per future period, when the forecast has intervals. */
  lo80?: ArrayLike<number>;
  hi80?: ArrayLike<number>;
}

/** What happened to one attribute in the score. */
export type AttributeStatus = 'rising' | 'flat' | 'falling' | 'unsure' | 'no-forecast';

/** One attribute's part of the score. */
export interface AttributeScore extends ConceptAttribute {
  /** Rising, flat or falling when it counts; 'unsure' or 'no-forecast' when it does not. */
  status: AttributeStatus;
  /** ln(next / base), NaN when it does not count. */
  logRatio: number;
  /** 80 % bounds of the log ratio (equal to it when the forecast has no intervals). */
  logLo: number;
  logHi: number;
  /** Mean share over the base periods and forecast over the next season (NaN when it does not count). */
  base: number;
  next: number;
  /** exp(logRatio) − 1: the forecast change vs the base, as a fraction. */
  change: number;
}

/** A concept's score. */
export interface ConceptScore {
  /** The mean log share ratio P of the attributes that count (NaN when none does). */
  potential: number;
  /** Its 80 % bounds. */
  lo: number;
  hi: number;
  /** exp(P) − 1 and its bounds: the change of the attributes' geometric mean share. */
  change: number;
  changeLo: number;
  changeHi: number;
  /** Per attribute, in the order given. */
  attributes: AttributeScore[];
  /** How many attributes count. */
  counted: number;
  /** 'last-year' when every counted base is the same season a year earlier, else 'recent' (some used the last observed periods). */
  baseline: 'last-year' | 'recent';
}

/** Mean of the finite values of `values[from…to)` (indices outside are skipped), NaN when none. */
function meanOf(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) (sum += v), n++;
  }
  return n ? sum / n : Number.NaN;
}

/**
 * The share the next season is compared with: the same season a year earlier when the history has
 * it, else (a shorter history, or a year-old season too thin to have a share) the mean of the latest
 * `seasonLength` periods that have a share. NaN when no period has one.
 */
export function baseShare(history: ArrayLike<number>, perYear: number, seasonLength: number): { share: number; lastYear: boolean } {
  const T = history.length;
  const lastYear = perYear > 0 && T >= perYear ? meanOf(history, T - perYear, T - perYear + seasonLength) : Number.NaN;
  if (Number.isFinite(lastYear)) return { share: lastYear, lastYear: true };
  const recent: number[] = [];
  for (let t = T - 1; t >= 0 && recent.length < seasonLength; t--) if (Number.isFinite(history[t]!)) recent.push(history[t]!);
  return { share: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : Number.NaN, lastYear: false };
}

/** The status word of a counted change. */
function statusOf(change: number): AttributeStatus {
  return Math.abs(change) < FLAT_CHANGE ? 'flat' : change > 0 ? 'rising' : 'falling';
}

/**
 * Scores one concept: `series(head, label)` gives the attribute's share history and forecast
 * (undefined when the dataset has none, e.g. a label too rare to forecast).
 */
export function scoreConcept(attributes: readonly ConceptAttribute[], series: (head: string, label: string) => AttributeSeries | undefined, perYear: number, seasonLength: number): ConceptScore {
  const L = Math.max(1, Math.round(seasonLength));
  let lastYearOnly = true;
  const scored: AttributeScore[] = attributes.map((a) => {
    const none = { ...a, logRatio: Number.NaN, logLo: Number.NaN, logHi: Number.NaN, base: Number.NaN, next: Number.NaN, change: Number.NaN };
    if (!a.sure) return { ...none, status: 'unsure' };
    const s = series(a.head, a.label);
    if (!s) return { ...none, status: 'no-forecast' };
    const base = baseShare(s.history, perYear, L);
    const next = meanOf(s.point, 0, L);
    if (!Number.isFinite(base.share) || !Number.isFinite(next)) return { ...none, status: 'no-forecast' };
    if (!base.lastYear) lastYearOnly = false;
    const floorBase = Math.max(SHARE_FLOOR, base.share);
    const ratio = (v: number) => Math.log(Math.max(SHARE_FLOOR, v) / floorBase);
    const logRatio = ratio(next);
    const lo = s.lo80 ? meanOf(s.lo80, 0, L) : Number.NaN;
    const hi = s.hi80 ? meanOf(s.hi80, 0, L) : Number.NaN;
    const logLo = Number.isFinite(lo) ? Math.min(logRatio, ratio(lo)) : logRatio;
    const logHi = Number.isFinite(hi) ? Math.max(logRatio, ratio(hi)) : logRatio;
    const change = Math.exp(logRatio) - 1;
    return { ...a, status: statusOf(change), logRatio, logLo, logHi, base: base.share, next, change };
  });
  const counted = scored.filter((a) => Number.isFinite(a.logRatio));
  const n = counted.length;
  if (n === 0) return { potential: Number.NaN, lo: Number.NaN, hi: Number.NaN, change: Number.NaN, changeLo: Number.NaN, changeHi: Number.NaN, attributes: scored, counted: 0, baseline: 'last-year' };
  const potential = counted.reduce((sum, a) => sum + a.logRatio, 0) / n;
  const down = Math.sqrt(counted.reduce((sum, a) => sum + (a.logRatio - a.logLo) ** 2, 0)) / n;
  const up = Math.sqrt(counted.reduce((sum, a) => sum + (a.logHi - a.logRatio) ** 2, 0)) / n;
  const lo = potential - down;
  const hi = potential + up;
  return { potential, lo, hi, change: Math.exp(potential) - 1, changeLo: Math.exp(lo) - 1, changeHi: Math.exp(hi) - 1, attributes: scored, counted: n, baseline: lastYearOnly ? 'last-year' : 'recent' };
}

/** Indices of scores best first: by potential (higher first), concepts without a score last, ties in input order. */
export function rankConcepts(scores: readonly ConceptScore[]): number[] {
  const key = (s: ConceptScore) => (Number.isFinite(s.potential) ? s.potential : Number.NEGATIVE_INFINITY);
  return scores.map((_, i) => i).sort((a, b) => key(scores[b]!) - key(scores[a]!) || a - b);
}

/** A fraction as a signed whole percentage: 0.123 → "+12 %", −0.08 → "−8 %" (a true minus sign). */
export function signedPercent(change: number): string {
  if (!Number.isFinite(change)) return '—';
  const p = Math.round(change * 100);
  return p === 0 ? '±0 %' : p > 0 ? `+${p} %` : `−${-p} %`;
}

/**
 * The score in English words, one clause per attribute, e.g. "Olive is forecast +12 % vs last
 * year; Dresses flat (+1 %); Casual falling (−9 %); season not counted: the model is unsure
 * (Summer?)". `headName` names a head for people (baseColour → "colour").
 */
export function explainScore(score: ConceptScore, headName: (head: string) => string = (h) => h): string {
  const vs = score.baseline === 'last-year' ? 'vs last year' : 'vs the latest season';
  // Counted attributes first (the strongest movers first), then the ones left out.
  let first = true;
  const ordered = explanationOrder(score).map((a) => {
    if (a.status === 'unsure') return `${headName(a.head)} not counted: the model is unsure (${a.label}?)`;
    if (a.status === 'no-forecast') return `${a.label} not counted: no forecast for it in this data`;
    const words = first ? `${a.label} is forecast ${signedPercent(a.change)} ${vs}` : `${a.label} ${a.status} (${signedPercent(a.change)})`;
    first = false;
    return words;
  });
  return ordered.length ? `${ordered.join('; ')}.` : 'No attribute to score.';
}

/** The attributes in the order an explanation names them: counted ones by the size of their move, then the ones left out (in their order). */
export function explanationOrder(score: ConceptScore): AttributeScore[] {
  const counts = (a: AttributeScore) => (Number.isFinite(a.logRatio) ? 0 : 1);
  return score.attributes
    .map((a, i) => ({ a, i }))
    .sort((x, y) => counts(x.a) - counts(y.a) || (counts(x.a) === 0 ? Math.abs(y.a.logRatio) - Math.abs(x.a.logRatio) : 0) || x.i - y.i)
    .map((x) => x.a);
}

/**
 * How many periods of a grain make "the next season": a quarter of a year (3 months, 13 weeks,
 * one quarter or season), one fashion season (half a year) or one year.
 */
export function seasonLengthOf(perYear: number): number {
  if (perYear <= 2) return 1;
  return Math.max(1, Math.round(perYear / 4));
}
