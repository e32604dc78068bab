/**
 * One reader per column, built from its inference: the bridge from "what is this column" to
 * "read this cell", so intake loops over cells without branching on the type each time.
 */
import { DEFAULT_DATE_DECISION, makeDateParser } from './date.ts';
import { parseBooleanCell, type ColumnInference } from './infer.ts';
import { splitLabels } from './labels.ts';
import { isMissingRange, trimEnd, trimStart } from './missing.ts';
import { DECIMAL_POINT, parseNumberCell } from './number.ts';
import type { CellProblem } from './types.ts';

/** A cell's value: a number (numbers; dates as UTC ms), yes/no, a string (category, text, id) or a list of labels. */
export type CellValue = number | boolean | string | string[];

/** A function that reads one raw cell of a column: its value, `null` when missing, or a problem. */
export type CellReader = (raw: string) => CellValue | null | CellProblem;

/** Reads a cell as trimmed text, `null` when missing; text cells never have problems. */
function readText(raw: string): string | null {
  const start = trimStart(raw);
  const end = trimEnd(raw, start);
  if (isMissingRange(raw, start, end)) return null;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

/** The cell reader for a column's inferred type and decisions (number format, date decision, separator). */
export function makeCellReader(inference: ColumnInference): CellReader {
  switch (inference.type) {
    case 'number': {
      const format = inference.numberFormat ?? DECIMAL_POINT;
      return (raw) => parseNumberCell(raw, format);
    }
    case 'date':
      return makeDateParser(inference.dateFormat ?? DEFAULT_DATE_DECISION);
    case 'boolean':
      return parseBooleanCell;
    case 'multi-label': {
      const separator = inference.labelSeparator ?? null;
      return (raw) => splitLabels(raw, separator);
    }
    case 'category':
    case 'text':
    case 'id':
      return readText;
  }
}
