/**
 * Numbers as people type them into spreadsheets: `1,234.5`, `1.234,5`, `12%`, `€ 12`, `(12)`,
 * `1 234,5`, `1'234`. The decimal separator is decided once per column from the data
 * (`detectNumberFormat`), then `parseNumberCell` reads each cell with a single character scan:
 * no regular expression and no string allocation on the usual path.
 */
import { isMissingRange, isSpaceCode, trimEnd, trimStart } from './missing.ts';
import { cellProblem, quoteCell, type NumericCell } from './types.ts';
import { coreMessage, type CoreMessage } from '../messages.ts';

/** The character that separates the whole part from the decimals. */
export type DecimalSeparator = '.' | ',';

/** The column's number format, decided once from a sample of its cells. */
export interface NumberFormat {
  /** Decimal separator; the other one of `.`/`,` is then a thousands separator. */
  readonly decimal: DecimalSeparator;
  /** 'data' when some cell settled it, 'default' when nothing did and '.' was assumed. */
  readonly decidedBy: 'data' | 'default';
  /** A note when the choice was a guess or the column mixes both styles (a message code and parameters). */
  readonly note?: CoreMessage;
}

/** The usual format: '.' for decimals, ',' for thousands. */
export const DECIMAL_POINT: NumberFormat = { decimal: '.', decidedBy: 'default' };
/** The continental format: ',' for decimals, '.' for thousands. */
export const DECIMAL_COMMA: NumberFormat = { decimal: ',', decidedBy: 'data' };

const DOT = 46;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const UNICODE_MINUS = 0x2212;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const PERCENT = 37;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

/** Whether the code unit is a currency sign we accept before or after a number. */
function isCurrencySign(code: number): boolean {
  // $ £ ¥ € ₹ ￥ 元 ₩ ₽ ₺ ¢
  return code === 36 || code === 163 || code === 165 || code === 0x20ac || code === 0x20b9 || code === 0xffe5 ||
    code === 0x5143 || code === 0x20a9 || code === 0x20bd || code === 0x20ba || code === 162;
}

// Three-letter currency codes (and RMB) written next to amounts, upper case.
const CURRENCY_CODES = ['EUR', 'USD', 'GBP', 'JPY', 'CNY', 'RMB', 'INR', 'CHF', 'AUD', 'CAD', 'HKD', 'SEK', 'KRW'];

/** Length of a currency code starting at `i` ('EUR' 3, 'Rs.' 3, 'Rs' 2, or 0 when there is none). */
function currencyCodeAt(raw: string, i: number, end: number): number {
  // Rupees as Indian catalogues write them: "Rs. 499", "Rs 499".
  if (i + 2 <= end && raw.charCodeAt(i) === 82 && (raw.charCodeAt(i + 1) | 0x20) === 115) {
    return i + 2 < end && raw.charCodeAt(i + 2) === DOT ? 3 : 2;
  }
  if (i + 3 > end) return 0;
  const a = raw.charCodeAt(i);
  if (a < 65 || a > 90) return 0;
  for (const code of CURRENCY_CODES) {
    if (a === code.charCodeAt(0) && raw.charCodeAt(i + 1) === code.charCodeAt(1) && raw.charCodeAt(i + 2) === code.charCodeAt(2)) return 3;
  }
  return 0;
}

// Exact powers of ten up to 1e22: dividing an exact integer mantissa by one of them is a single
// correctly rounded operation, so '0.1' reads as exactly the double Number('0.1') gives.
const POW10: number[] = [];
for (let p = 0, v = 1; p <= 22; p++, v *= 10) POW10.push(v);
const MAX_EXACT_DIGITS = 15;

/**
 * Reads one cell as a number in the column's format: a number, `null` when the cell is missing
 * (empty, 'n/a', '-', …), or a problem such as "'abc' is not a number".
 * A trailing '%' divides by 100 ('12%' → 0.12); '(12)' and '12-' are negative; currency signs,
 * currency codes and spaces are ignored.
 */
export function parseNumberCell(raw: string, format: NumberFormat | DecimalSeparator = DECIMAL_POINT): NumericCell {
  const decimalCode = (typeof format === 'string' ? format : format.decimal) === ',' ? COMMA : DOT;
  const plain = readPlainDecimal(raw, decimalCode);
  if (plain === plain) return plain; // not NaN: the cell was a plain decimal such as '-12.5'
  const start = trimStart(raw);
  const end = trimEnd(raw, start);
  if (isMissingRange(raw, start, end)) return null;
  const groupCode = decimalCode === COMMA ? DOT : COMMA;

  let i = start;
  let negative = false;
  let signSeen = false;
  let parenthesised = false;
  let currencySeen = false;

  // Prefix: sign, opening parenthesis, currency sign or code, spaces between them.
  for (;;) {
    if (i >= end) break;
    const c = raw.charCodeAt(i);
    if ((c === MINUS || c === UNICODE_MINUS || c === PLUS) && !signSeen) {
      signSeen = true;
      negative = c !== PLUS;
      i++;
    } else if (c === OPEN_PAREN && !parenthesised) {
      parenthesised = true;
      i++;
    } else if (isCurrencySign(c) && !currencySeen) {
      currencySeen = true;
      i++;
    } else if (!currencySeen && currencyCodeAt(raw, i, end) > 0) {
      currencySeen = true;
      i += currencyCodeAt(raw, i, end);
    } else if (isSpaceCode(c)) {
      i++;
    } else break;
  }

  // Digits, with group separators in the whole part and one decimal separator.
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let decimalSeen = false;
  let groupSeen = false;
  let groupRun = 0; // digits since the last group separator (or since the start)
  let exponent = 0;
  let exponentSeen = false;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // Decimals beyond double precision change nothing; dropping them keeps the mantissa exact.
      if (decimalSeen && digits >= MAX_EXACT_DIGITS) continue;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      groupRun++;
      if (decimalSeen) fractionDigits++;
    } else if (c === decimalCode && !decimalSeen) {
      if (groupSeen && groupRun !== 3) return badFormat(raw, decimalCode);
      decimalSeen = true;
    } else if (!decimalSeen && digits > 0 && isGroupSeparator(raw, i, end, c, groupCode)) {
      // A first group of 1–3 digits, then groups of 3 (or of 2 in the Indian style, 1,23,456).
      if (groupRun === 0 || groupRun > 3 || (groupSeen && groupRun !== 3 && groupRun !== 2)) return badFormat(raw, decimalCode);
      groupSeen = true;
      groupRun = 0;
    } else if ((c === 101 || c === 69) && digits > 0 && !exponentSeen) {
      const read = readExponent(raw, i + 1, end);
      if (read < 0) break; // not an exponent: maybe a currency code such as '12EUR'
      exponentSeen = true;
      exponent = exponentValue;
      i = read - 1;
    } else break;
  }
  if (digits === 0) return notANumber(raw);
  if (groupSeen && !decimalSeen && groupRun !== 3) return badFormat(raw, decimalCode);

  // Suffix: percent, currency, closing parenthesis, trailing minus, spaces.
  let percent = false;
  let closed = false;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === PERCENT && !percent) percent = true;
    else if (isCurrencySign(c) && !currencySeen) currencySeen = true;
    else if (!currencySeen && currencyCodeAt(raw, i, end) > 0) {
      currencySeen = true;
      i += currencyCodeAt(raw, i, end) - 1;
    } else if (c === CLOSE_PAREN && parenthesised && !closed) closed = true;
    else if ((c === MINUS || c === UNICODE_MINUS) && !signSeen) {
      signSeen = true;
      negative = true;
    } else if (!isSpaceCode(c)) return notANumber(raw);
  }
  if (parenthesised !== closed) return notANumber(raw);

  let value: number;
  const scale = fractionDigits + (percent ? 2 : 0) - exponent;
  if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa / POW10[scale]!;
  else if (scale < 0 && scale >= -22) value = mantissa * POW10[-scale]!;
  else value = Number(`${mantissa}e${-scale}`);
  // Past the largest double ('1e309', 400 digits) the value would be ±Infinity: report it, never return it.
  if (!Number.isFinite(value)) return tooLarge(raw);
  if (parenthesised || negative) value = -value;
  return value === 0 ? 0 : value;
}

/**
 * Fast path for the commonest cell, a bare decimal ('42', '-12.5', '0,75' with a decimal comma):
 * one tight loop with no trimming, signs after the first character, groups or suffixes. Returns NaN
 * for anything else, which the general scan then reads (or reports).
 */
function readPlainDecimal(raw: string, decimalCode: number): number {
  const length = raw.length;
  if (length === 0 || length > MAX_EXACT_DIGITS) return NaN;
  let i = 0;
  const negative = raw.charCodeAt(0) === MINUS;
  if (negative) i = 1;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = -1; // -1 until the decimal separator
  for (; i < length; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    } else if (d === decimalCode - 48 && fractionDigits < 0) fractionDigits = 0;
    else return NaN;
  }
  if (digits === 0 || fractionDigits === 0) return NaN; // '-', '.', '12.' go the general way
  const value = fractionDigits > 0 ? mantissa / POW10[fractionDigits]! : mantissa;
  return negative ? (value === 0 ? 0 : -value) : value;
}

let exponentValue = 0;

/** Reads an exponent's sign and digits starting at `i`; sets `exponentValue`, returns the index after it or -1. */
function readExponent(raw: string, i: number, end: number): number {
  let sign = 1;
  const c = raw.charCodeAt(i);
  if (c === MINUS || c === PLUS) {
    sign = c === MINUS ? -1 : 1;
    i++;
  }
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) break;
    value = value * 10 + d;
    digits++;
  }
  if (digits === 0 || digits > 3) return -1;
  exponentValue = sign * value;
  return i;
}

/** Whether position i holds a thousands separator: the column's group character, an apostrophe, or a space between digits. */
function isGroupSeparator(raw: string, i: number, end: number, c: number, groupCode: number): boolean {
  if (c === groupCode || c === APOSTROPHE || c === RIGHT_QUOTE) return true;
  if (isSpaceCode(c) && i + 1 < end) {
    const next = raw.charCodeAt(i + 1);
    return next >= 48 && next <= 57;
  }
  return false;
}

function notANumber(raw: string) {
  return cellProblem('not-a-number', coreMessage('cell.not-a-number', { cell: quoteCell(raw) }));
}

function tooLarge(raw: string) {
  return cellProblem('not-a-number', coreMessage('cell.number-too-large', { cell: quoteCell(raw) }));
}

function badFormat(raw: string, decimalCode: number) {
  const decimal = decimalCode === COMMA ? "','" : "'.'";
  return cellProblem('not-a-number', coreMessage('cell.number-style', { cell: quoteCell(raw), decimal }));
}

/**
 * Decides a column's decimal separator from a sample of its cells: `1.234,5` or `0,5` say comma,
 * `1,234.5` or `0.5` say point; `1,234` alone could be either, and then the point is assumed
 * (with a note) because it is the more common style in exported files.
 */
export function detectNumberFormat(samples: readonly string[]): NumberFormat {
  let pointVotes = 0;
  let commaVotes = 0;
  let ambiguous = '';
  for (const raw of samples) {
    const vote = separatorEvidence(raw);
    if (vote === DOT) pointVotes++;
    else if (vote === COMMA) commaVotes++;
    else if (vote === AMBIGUOUS && !ambiguous) ambiguous = raw.trim();
  }
  if (commaVotes > pointVotes) {
    return pointVotes > 0 ? { decimal: ',', decidedBy: 'data', note: coreMessage('note.decimal-comma-mostly', { n: pointVotes }) } : DECIMAL_COMMA;
  }
  if (pointVotes > 0) {
    return commaVotes > 0 ? { decimal: '.', decidedBy: 'data', note: coreMessage('note.decimal-point-mostly', { n: commaVotes }) } : { decimal: '.', decidedBy: 'data' };
  }
  if (ambiguous) {
    return { decimal: '.', decidedBy: 'default', note: coreMessage('note.thousands-ambiguous', { example: ambiguous }) };
  }
  return DECIMAL_POINT;
}

const AMBIGUOUS = 1;

/** What one cell says about the decimal separator: DOT, COMMA, AMBIGUOUS, or 0 for nothing. */
function separatorEvidence(raw: string): number {
  let dots = 0;
  let commas = 0;
  let last = 0;
  let lastAt = -1;
  let digitsAfterLast = 0;
  let digitsBeforeFirst = 0;
  let leadingZero = false;
  let end = raw.length;
  while (end > 0 && !isDigit(raw.charCodeAt(end - 1))) end--;
  for (let i = 0; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === DOT || c === COMMA) {
      if (c === DOT) dots++;
      else commas++;
      if (lastAt < 0) leadingZero = digitsBeforeFirst === 1 && raw.charCodeAt(i - 1) === 48;
      last = c;
      lastAt = i;
      digitsAfterLast = 0;
    } else if (isDigit(c)) {
      if (lastAt < 0) digitsBeforeFirst++;
      else digitsAfterLast++;
    } else if (c !== 32 && c !== 39 && !isSpaceCode(c) && c !== MINUS && c !== PLUS && c !== OPEN_PAREN &&
      !isCurrencySign(c) && !(c >= 65 && c <= 90)) {
      return 0; // not a number-like cell; it says nothing
    }
  }
  if (lastAt < 0 || digitsBeforeFirst === 0 && !leadingZero && digitsAfterLast === 0) return 0;
  if (dots > 0 && commas > 0) return last; // the later separator is the decimal one
  if (dots + commas > 1) return last === DOT ? COMMA : DOT; // repeated: thousands separators
  // A single separator: three digits after it and a short whole part could be thousands.
  if (digitsAfterLast === 3 && !leadingZero && digitsBeforeFirst > 0 && digitsBeforeFirst <= 3) return AMBIGUOUS;
  return last;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
