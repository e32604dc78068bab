/** Writing CSV: the one place a cell is quoted (RFC 4180), for every CSV the app and the CLI write. */

/** Quotes a CSV field when it holds a comma, quote or line break (inner quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// A number as written in a numeric column (-3.5, +2, 1e-4): a spreadsheet reads it as a number, not a formula.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a spreadsheet would run the cell as a formula: it starts with =, +, -, @, tab or CR and is not a plain number. */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value);
}

/**
 * Prefixes a single quote to a cell a spreadsheet would run as a formula (OWASP "CSV injection"),
 * so it shows as the text it is; plain numbers such as -3.5 and every other cell are kept as they are.
 */
export function neutralizeFormula(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** A CSV field for a file meant for spreadsheets: formula-like cells neutralised, then quoted when needed. */
export function spreadsheetField(value: string): string {
  return csvField(neutralizeFormula(value));
}
