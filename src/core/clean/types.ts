/**
 * Shared shapes of the cleaning library: what a cell parser returns, time granularities and the
 * hemisphere setting.
 *
 * Cell parsers return `number | null | CellProblem` rather than a wrapper object so that the hot
 * path (a million cells per column) allocates nothing for good or missing cells: a number is a
 * value, `null` is a missing cell (never a problem), and only a real problem allocates.
 */

import { englishText, type CoreMessage } from '../messages.ts';

/** What kind of problem a cell has, for grouping and counting. */
export type ProblemKind = 'not-a-number' | 'not-a-date' | 'impossible-date' | 'unknown-value';

/** A cell that could not be read, with a plain-language reason. */
export interface CellProblem {
  /** Machine-readable kind, for counting and grouping. */
  readonly kind: ProblemKind;
  /** The reason in words a fashion designer understands, quoting the cell (English). */
  readonly message: string;
  /** The same reason as a message code and parameters, for other languages. */
  readonly detail: CoreMessage;
}

/** A parsed numeric cell: the value, `null` when missing, or a problem. */
export type NumericCell = number | null | CellProblem;

/** How precise a date is: the unit it names. */
export type Granularity = 'day' | 'month' | 'quarter' | 'season' | 'year';

/** Which half of the world the calendar seasons are read for. */
export type Hemisphere = 'north' | 'south';

/** Granularities from finest to coarsest, to compare them. */
export const GRANULARITY_ORDER: readonly Granularity[] = ['day', 'month', 'quarter', 'season', 'year'];

/** Whether a parser result is a problem (and not a value or a missing cell). */
export function isCellProblem(result: unknown): result is CellProblem {
  return typeof result === 'object' && result !== null && 'kind' in result && 'message' in result;
}

/** The coarser of two granularities (a season is coarser than a quarter: it spans more). */
export function coarserGranularity(a: Granularity, b: Granularity): Granularity {
  return GRANULARITY_ORDER.indexOf(a) >= GRANULARITY_ORDER.indexOf(b) ? a : b;
}

/** Builds a problem object from its message; the one place problem objects are made. */
export function cellProblem(kind: ProblemKind, detail: CoreMessage): CellProblem {
  return { kind, message: englishText(detail), detail };
}

/** Quotes a raw cell for a message, shortened so one long cell cannot flood the problems list. */
export function quoteCell(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > 40 ? `'${trimmed.slice(0, 37)}…'` : `'${trimmed}'`;
}
