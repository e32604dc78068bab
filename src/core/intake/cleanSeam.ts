/**
 * The seam between intake and the cleaning library (`src/core/clean`): intake imports cleaning
 * functions only through this file, so the two can change independently. Column types, roles,
 * cell parsers and the year + season rule all come from the library; what is here adapts them to
 * intake's needs (a type forced by the user still gets the parse decisions it needs, and columns
 * that arrive already typed from Arrow/Parquet get an inference without re-reading their cells).
 */
import {
  detectDateFormat,
  detectLabelSeparator,
  detectNumberFormat,
  isMissing,
  ROLES,
  type CellProblem,
  type ColumnInference,
  type ColumnType,
  type Hemisphere,
  type LabelSeparator,
  type Role,
  type RoleColumn,
  type RoleMapping,
} from '../clean/index.ts';
import type { CoreMessage } from '../messages.ts';

export {
  combineYearSeason,
  guessRoles,
  inferColumnType,
  isCellProblem,
  isMissing,
  makeDateParser,
  parseBooleanCell,
  parseNumberCell,
  splitLabels,
  NO_DATE_MESSAGE,
  NO_TEXT_COLUMN_MESSAGE,
} from '../clean/index.ts';
export type { CellProblem, ColumnInference, ColumnType, Hemisphere, LabelSeparator, RoleColumn, RoleMapping };

/** What a column means for Trendloom (the cleaning library's roles). */
export type ColumnRole = Role;

/** Every role, in the order the mapping step lists them. */
export const COLUMN_ROLES: readonly ColumnRole[] = ROLES;

/**
 * The inference for a type the user forced: the library's own inference when it agrees,
 * otherwise one carrying the decisions the forced type's cell reader needs.
 */
export function forcedInference(natural: ColumnInference, type: ColumnType, name: string, samples: readonly string[], hemisphere?: Hemisphere): ColumnInference {
  if (natural.type === type) return natural;
  const base = { ...natural, type, confidence: 1, reason: 'chosen by you', notes: [] as CoreMessage[] };
  const present = samples.filter((cell) => !isMissing(cell));
  switch (type) {
    case 'number':
      return { ...base, numberFormat: detectNumberFormat(present), numberKind: 'float' };
    case 'date':
      return { ...base, dateFormat: detectDateFormat(samples, { columnName: name, hemisphere }) };
    case 'multi-label':
      return { ...base, labelSeparator: detectLabelSeparator(present).separator ?? '|' };
    default:
      return base;
  }
}

/** An inference for a column that arrives already typed (Arrow/Parquet numbers or timestamps). */
export function typedInference(type: 'number' | 'date', samples: readonly string[], totalCount: number, integral: boolean): ColumnInference {
  const present = samples.filter((cell) => cell !== '');
  return {
    type,
    confidence: 1,
    reason: type === 'date' ? 'stored as dates in the file' : 'stored as numbers in the file',
    ...(type === 'number' ? { numberKind: integral ? 'integer' : 'float' } : {}),
    sampled: samples.length,
    missing: samples.length - present.length,
    distinct: new Set(present).size,
    totalCount,
    notes: [],
  } as ColumnInference;
}
