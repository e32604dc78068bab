/**
 * The cleaning and schema-inference library: pure functions that read raw cells (numbers, dates,
 * yes/no, multi-label lists, missing tokens), derive time fields, infer column types, guess column
 * roles and collect a cleaning report. No DOM, no I/O; safe in workers and in Node.
 *
 * Typical use per column: `inferColumnType` on a sample → the decision it returns
 * (`numberFormat`, `dateFormat`, `labelSeparator`) → `parseNumberCell` / `parseDateCell` /
 * `splitLabels` on every cell → `CleanReportBuilder.record`. Then `guessRoles` over all columns.
 */
export {
  isCellProblem, coarserGranularity, GRANULARITY_ORDER,
  type CellProblem, type ProblemKind, type NumericCell, type Granularity, type Hemisphere,
} from './types.ts';
export { isMissing, isMissingRange, isSpaceCode, trimStart, trimEnd, MISSING_VALUE_TOKENS } from './missing.ts';
export { parseNumberCell, detectNumberFormat, DECIMAL_POINT, DECIMAL_COMMA, type NumberFormat, type DecimalSeparator } from './number.ts';
export {
  parseDateCell, parseDate, makeDateParser, detectDateFormat, combineYearSeason, readSeasonName, seasonMs, looksLikeDateName,
  DEFAULT_DATE_DECISION, YEAR_RANGE, EXCEL_SERIAL_RANGE, UNIX_SECONDS_RANGE,
  type DateFormatDecision, type DateFormatKind, type DateDetectOptions, type DayMonthOrder, type ParsedDate,
  type CalendarSeason, type FashionHalf,
} from './date.ts';
export {
  deriveTimeFields, isoWeekOf, meteorologicalSeason, fashionSeasonOf, fashionSeasonLabel, quarterOfMonth,
  type TimeFields, type IsoWeek, type FashionSeason,
} from './derive.ts';
export { splitLabels, detectLabelSeparator, normaliseLabel, type LabelSeparator, type LabelSeparatorDecision } from './labels.ts';
export { inferColumnType, parseBooleanCell, type ColumnType, type ColumnSample, type ColumnInference, type InferOptions } from './infer.ts';
export {
  guessRoles, guessColumnRole, roleFromHeader, ROLES, NO_TEXT_COLUMN_MESSAGE, NO_DATE_MESSAGE,
  type Role, type RoleColumn, type RoleGuess, type RoleMapping, type TimeSource,
} from './roles.ts';
export { headerWords, looksLikeIdName, looksLikeYearName } from './names.ts';
export { makeCellReader, type CellReader, type CellValue } from './read.ts';
export { CleanReportBuilder, type CleanReport, type CleanProblem, type ColumnCleanSummary, type CleanReportOptions } from './report.ts';
export { daysFromCivil, utcMs, daysInMonth, isLeapYear, MS_PER_DAY } from './calendar.ts';
