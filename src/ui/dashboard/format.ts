import { translate, type Language } from '../i18n.ts';

/** Formats a share (0…1) as a percentage with one decimal, or "—" when not enough data. */
export function formatShare(share: number | undefined): string {
  return share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(1)}%`;
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
