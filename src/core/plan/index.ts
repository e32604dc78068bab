/** Public API of season planning (pure TypeScript: runs in a worker and in Node). */
export { planSeason, planFlags, reconciliationMessage, forecastSeasonTotal, sameSeasonLastYear, seasonQuantile, summedPeriodQuantile, pooledSpread, logRatios, PlanInputError, MIN_POOLED_ERRORS, MIN_EMPIRICAL_ERRORS, MAX_MINT_GROUPS, type PlanGroupInput, type PlanOptions, type PlanRow, type SeasonPlan, type PlanFlag, type ReconciliationMethod, type SeasonSpread, type SeasonForecast } from './plan.ts';
export { reconcileMinTDiagonal, bottomUp, sumAggregates, solveSymmetric, type Hierarchy, type AggregateNode, type Reconciled } from './reconcile.ts';
export { normalQuantile, normalCdf, meanAndSd, pinballLoss } from './stats.ts';
export { regionalDifferences, benjaminiHochberg, twoProportionP, gapSlope, type RegionItems, type RegionOptions, type RegionDifference, type GapTrend } from './regions.ts';
export { planAtServiceLevel, planTable, planTableCsv, rowId, covers, PLAN_CSV_COLUMNS, type PlanRowCore, type PlanTableRow } from './table.ts';
export { groupUnits, type GroupColumn, type GroupUnitsInput, type GroupedUnits } from './groups.ts';
