/** Writing CSV: the one place a cell is quoted (RFC 4180), for every CSV the app and the CLI write. */

/** Quotes a CSV field when it holds a comma, quote or line break (inner quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
