/**
 * Missing-value tokens and the whitespace scan shared by every cell parser.
 *
 * A missing cell is marked missing, never guessed: parsers return `null` for it and it is counted,
 * not reported as a problem.
 */

/** Whether a UTF-16 code unit is whitespace we strip around cells (ASCII, no-break, thin, ideographic, BOM). */
export function isSpaceCode(code: number): boolean {
  return (
    code === 32 || code === 9 || code === 10 || code === 13 || code === 160 ||
    code === 0x2009 || code === 0x202f || code === 0x3000 || code === 0xfeff || code === 0x200b
  );
}

/** Index of the first non-space character of `raw` (raw.length when all space). */
export function trimStart(raw: string): number {
  let i = 0;
  while (i < raw.length && isSpaceCode(raw.charCodeAt(i))) i++;
  return i;
}

/** One past the index of the last non-space character of `raw`, not going below `start`. */
export function trimEnd(raw: string, start: number): number {
  let end = raw.length;
  while (end > start && isSpaceCode(raw.charCodeAt(end - 1))) end--;
  return end;
}

// Lower-case forms of the tokens that mean "no value here". Kept small on purpose: words such as
// "unknown" or "other" can be real categories, so they stay values.
const MISSING_TOKENS = new Set([
  'na', 'n/a', 'n.a.', 'n.a', '#n/a', 'null', 'none', 'nil', 'nan', '-', '--', '—', '–', '?', '<na>', 'undefined', '(blank)',
]);
const LONGEST_MISSING_TOKEN = 9;

/** The tokens (lower case) read as a missing value, besides the empty cell. */
export const MISSING_VALUE_TOKENS: readonly string[] = [...MISSING_TOKENS];

/** Whether the trimmed range raw[start, end) is a missing-value token; allocates only for short candidates. */
export function isMissingRange(raw: string, start: number, end: number): boolean {
  const length = end - start;
  if (length <= 0) return true;
  if (length > LONGEST_MISSING_TOKEN) return false;
  // Cheap first-character filter so ordinary values never pay for slice + toLowerCase.
  const first = raw.charCodeAt(start) | 0x20;
  if (first !== 110 && first !== 0x2d && first !== 0x3f && first !== 0x23 && first !== 0x3c && first !== 117 &&
      first !== 0x28 && raw.charCodeAt(start) !== 0x2014 && raw.charCodeAt(start) !== 0x2013) return false;
  return MISSING_TOKENS.has(raw.slice(start, end).toLowerCase());
}

/** Whether a raw cell is missing: null/undefined, empty, blank or a missing-value token such as 'N/A'. */
export function isMissing(raw: string | null | undefined): boolean {
  if (raw == null) return true;
  const start = trimStart(raw);
  return isMissingRange(raw, start, trimEnd(raw, start));
}
