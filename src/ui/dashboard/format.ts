import { formatNumber, translate, type Language } from '../../i18n/i18n.ts';

/** Formats a share (0…1) as a percentage with one decimal, or "—" when not enough data. */
export function formatShare(share: number | undefined): string {
  return share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(1)}%`;
}

/**
 * A model's confidence (0…1) for display, rounded *down* to a whole percentage ('percent') or to hundredths
 * ('fraction'), so a label just under the sure threshold never reads as at it: 0.849 → "84%" / "0.84", never
 * "85%" beside "unsure: below 85 % confidence". Not a number: "—".
 */
export function formatConfidence(probability: number, form: 'percent' | 'fraction'): string {
  if (!Number.isFinite(probability)) return '—';
  // The nudge (a millionth) keeps a value stored on a step on it: probabilities are 32-bit floats (0.57 is 0.56999999).
  const hundredths = Math.floor(probability * 100 + 1e-4);
  return form === 'percent' ? `${hundredths}%` : (hundredths / 100).toFixed(2);
}

/** The next-period cell: the forecast share and its 80% range, or `noInterval` in brackets when the forecast has none (or a zero-width one). */
export function forecastShareText(point: number | undefined, lo80: number | undefined, hi80: number | undefined, noInterval: string): string {
  const value = formatShare(point);
  if (point === undefined || Number.isNaN(point)) return value;
  if (lo80 === undefined || hi80 === undefined || !Number.isFinite(lo80) || !Number.isFinite(hi80) || !(hi80 > lo80)) return `${value} (${noInterval})`;
  return `${value} (${formatShare(lo80)}–${formatShare(hi80)})`;
}

/** Formats a change in share as signed percentage points ("+2.3 pt", "+2.3 个百分点"), or "—". */
export function formatPoints(change: number | undefined, language: Language = 'en'): string {
  if (change === undefined || Number.isNaN(change)) return '—';
  const points = change * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}${translate(language, 'pointsSuffix')}`;
}

/** A stable, distinguishable colour for the i-th series (colour-blind-friendly palette). */
export function seriesColour(i: number): string {
  const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#b8a200', '#000000', '#999999', '#882255'];
  return palette[i % palette.length]!;
}

/** Round steps for a value axis: 1, 2, 2.5 or 5 times a power of ten. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Evenly spaced round ticks for a value axis covering lo…hi: at most `intervals` steps of 1, 2,
 * 2.5 or 5 × a power of ten, the first at or below lo and the last at or above hi (but not past
 * `upper`, which a nice step of a share axis always meets): 0…640 → 0, 200, 400, 600, 800.
 */
export function niceTicks(lo: number, hi: number, intervals = 5, upper = Infinity): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi <= lo) hi = lo + 1;
  const rough = (hi - lo) / intervals;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = NICE_STEPS.map((m) => m * power).find((s) => s >= rough * (1 - 1e-9))!;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // Multiples of the step, rounded so that 3 × 0.1 reads 0.3, not 0.30000000000000004.
  const decimals = stepDecimals(step);
  for (let i = first; i <= last; i++) {
    const tick = Number((i * step).toFixed(decimals));
    if (tick > upper + 1e-12) break;
    ticks.push(tick);
  }
  if (ticks[ticks.length - 1]! < hi && upper < Infinity) ticks.push(upper);
  return ticks;
}

/** The decimals that write every multiple of `step` exactly and alike: 200 → 0, 0.5 → 1, 0.25 → 2, 2.5 → 1. */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d < 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/** The step between a tick list's neighbours (1 when there is only one tick). */
function tickStep(ticks: readonly number[]): number {
  return ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
}

/** Labels for share ticks (0…1) as percentages, all with the same decimals: "0%", "20%", … or "0.0%", "2.5%", "5.0%". */
export function shareTickLabels(ticks: readonly number[]): string[] {
  const decimals = stepDecimals(Number((tickStep(ticks) * 100).toFixed(10)));
  return ticks.map((tick) => `${(tick * 100).toFixed(decimals)}%`);
}

/** Labels for plain-number ticks, all with the same decimals, in the language's number format: "0", "200", … or "0.0", "0.5". */
export function numberTickLabels(ticks: readonly number[], language: Language = 'en'): string[] {
  const decimals = stepDecimals(tickStep(ticks));
  return ticks.map((tick) => formatNumber(language, tick, decimals));
}

/** Relative luminance of an sRGB colour (WCAG 2), 0 for black to 1 for white. */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The page's dark text colour (#111827) as RGB. */
const INK: [number, number, number] = [17, 24, 39];
const WHITE: [number, number, number] = [255, 255, 255];

/** Text colour for a background: the page's dark ink or white, whichever contrasts more. */
export function readableInk(background: readonly [number, number, number]): string {
  return contrastRatio(background, INK) >= contrastRatio(background, WHITE) ? '#111827' : '#ffffff';
}

/** A colour laid at `alpha` opacity over white, as the RGB it shows. */
export function overWhite([r, g, b]: readonly [number, number, number], alpha: number): [number, number, number] {
  const mix = (c: number) => Math.round(255 + (c - 255) * alpha);
  return [mix(r), mix(g), mix(b)];
}

/** The heatmap's colour (the accent, #b45309), laid over white more thickly for larger shares. */
const HEAT: [number, number, number] = [180, 83, 9];
/** The thickest layer: darker shades would leave neither dark nor white text at 4.5:1 (WCAG AA). */
const HEAT_MAX_ALPHA = 0.85;

/** A heatmap cell's background for a share as a fraction (0…1) of the largest, and the text colour that reads on it. */
export function heatShade(fraction: number): { background: string; ink: string } {
  const alpha = 0.1 + (HEAT_MAX_ALPHA - 0.1) * Math.min(1, Math.max(0, fraction));
  const rgb = overWhite(HEAT, alpha);
  return { background: `rgb(${rgb.join(', ')})`, ink: readableInk(rgb) };
}
