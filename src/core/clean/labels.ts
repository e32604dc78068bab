/**
 * Multi-label cells: `casual|minimal`, `casual; minimal`, `休闲、简约` and, only when the column is
 * clearly a list column, `casual, minimal` or `cotton/elastane`. The separator is decided once per
 * column (`detectLabelSeparator`), then `splitLabels` splits each cell into trimmed, de-duplicated,
 * lower-case labels.
 */
import { isMissing } from './missing.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';

/** The characters a multi-label column may use between labels. */
export type LabelSeparator = '|' | ';' | '、' | ',' | '/';

/** What a column's sample says about multi-label cells. */
export interface LabelSeparatorDecision {
  /** The separator, or null when the column holds one value per cell. */
  readonly separator: LabelSeparator | null;
  /** Share of non-missing sample cells holding more than one label (0–1). */
  readonly multiShare: number;
  /** A note for the report when the column is split (a message code and parameters). */
  readonly note?: CoreMessage;
}

// Unambiguous list separators need little evidence; ',' and '/' also appear inside ordinary text
// ("Soft, breathable cotton") and in single values ("T-Shirt/Top"), so they need list-like parts.
const STRONG: readonly LabelSeparator[] = ['|', ';', '、'];
const WEAK: readonly LabelSeparator[] = [',', '/'];
// Full-width forms typed with Chinese input methods count as the same separator.
const FULL_WIDTH: Partial<Record<LabelSeparator, string>> = { ';': '；', ',': '，', '|': '｜' };

/** Lower-cases a label and collapses its whitespace: ' Navy  Blue ' → 'navy blue'. */
export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Splits raw on the separator and on its full-width form. */
function rawParts(raw: string, separator: LabelSeparator): string[] {
  const wide = FULL_WIDTH[separator];
  const unified = wide && raw.includes(wide) ? raw.split(wide).join(separator) : raw;
  return unified.split(separator);
}

/**
 * Splits one cell into its labels: trimmed, lower-case, without empty or missing parts and without
 * repeats (first occurrence kept). `null` when nothing is left (the cell is missing). With no
 * separator the cell is one label.
 */
export function splitLabels(raw: string | null | undefined, separator: LabelSeparator | null): string[] | null {
  if (raw == null || isMissing(raw)) return null;
  const parts = separator ? rawParts(raw, separator) : [raw];
  const labels: string[] = [];
  for (const part of parts) {
    if (isMissing(part)) continue;
    const label = normaliseLabel(part);
    if (!labels.includes(label)) labels.push(label);
  }
  return labels.length > 0 ? labels : null;
}

function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

/**
 * Decides whether a column holds several labels per cell, and with which separator, from a sample:
 * '|', ';' and '、' count when a tenth of the cells use them with short parts; ',' and '/' only when
 * a fifth of the cells use them, every part is a short phrase, and the parts recur across cells
 * (a list of tags, not a sentence). Separators in `exclude` (say, the file's own delimiter) are never chosen.
 */
export function detectLabelSeparator(samples: readonly string[], exclude: readonly string[] = []): LabelSeparatorDecision {
  const values = samples.filter((raw) => !isMissing(raw));
  const none: LabelSeparatorDecision = { separator: null, multiShare: 0 };
  if (values.length === 0) return none;
  for (const separator of [...STRONG, ...WEAK]) {
    if (exclude.includes(separator)) continue;
    const strong = STRONG.includes(separator);
    const wide = FULL_WIDTH[separator];
    const multi = values.filter((raw) => raw.includes(separator) || (wide !== undefined && raw.includes(wide)));
    const share = multi.length / values.length;
    if (multi.length < 2 || share < (strong ? 0.1 : 0.2)) continue;
    const parts = multi.flatMap((raw) => rawParts(raw, separator).filter((part) => !isMissing(part)));
    if (parts.length === 0) continue;
    const words = parts.reduce((sum, part) => sum + wordCount(part), 0) / parts.length;
    if (words > (strong ? 4 : 3)) continue;
    if (!strong) {
      // Long parts are prose; numbers are amounts; one- or two-letter parts are sizes ("S/M", "L/XL").
      if (parts.some((part) => part.trim().length > 40 || /^\s*[\d.]+\s*$/.test(part))) continue;
      if (parts.reduce((sum, part) => sum + part.trim().length, 0) / parts.length < 3) continue;
      // Parts that recur (in other list cells or as single-value cells) make it a list of tags.
      const counts = new Map<string, number>();
      for (const part of parts) counts.set(normaliseLabel(part), (counts.get(normaliseLabel(part)) ?? 0) + 1);
      for (const raw of values) if (!multi.includes(raw)) {
        const key = normaliseLabel(raw);
        if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
      }
      const recurring = parts.filter((part) => counts.get(normaliseLabel(part))! > 1).length / parts.length;
      if (recurring < 0.3) continue;
    }
    const shown = separator === '|' ? "'|'" : `'${separator}'`;
    return { separator, multiShare: share, note: coreMessage('note.multi-label', { separator: shown }) };
  }
  return none;
}
