/**
 * What the dashboard counts and what it counts it from: the spec (facet, grain, measure, filters,
 * range, minimum per period) and the little of a dataset the counting model reads. Pure types.
 */
import type { Table } from 'apache-arrow';
import type { PeriodGrain } from '../series/periods.ts';

/** What the dashboard shows: the facet, the period grain, the measure, filters and horizon. */
export interface DashboardSpec {
  /** Column whose values are the trends (a file column or a model label column). */
  facet: string;
  /** Period length of the series. */
  grain: PeriodGrain;
  /** Share of items, or of units sold (when a units column exists). */
  measure: 'items' | 'units';
  /** Allowed values per filter column; a missing or empty list means "all". */
  filters: Record<string, string[]>;
  /** Periods to forecast. */
  horizon: number;
  /** Only items dated on or after this (UTC ms), when set. */
  dateFrom?: number;
  /** Only items dated before the end of the period starting here (UTC ms), when set. */
  dateTo?: number;
  /** A share needs at least this many items in its period. */
  minSupport: number;
  /** How many of the facet's values to chart. */
  topN: number;
  /** Count the model's unsure labels in the trends too (default: sure labels only). */
  includeUnsure?: boolean;
}

/** What the counting model reads of a dataset: its Arrow table and the role confirmed for each column. */
export interface CountableDataset {
  /** The typed columns. */
  readonly table: Table;
  /** Column names with their roles (text, date, units, category…). */
  readonly columns: readonly { readonly name: string; readonly role: string }[];
}
