/**
 * The cleaning report: per column, how many cells were read, missing or had a problem, the
 * problems themselves (row, column, reason) and plain-language notes. Counts are exact and add up
 * (cells = values + missing + problems); the list of problems is capped so a file with a million
 * bad cells cannot exhaust memory, and the report says how many were left out.
 *
 * Rows are 0-based data-row indexes; intake maps them to file line numbers (a quoted cell can span
 * lines, which only the parser knows).
 */
import { isCellProblem, type CellProblem, type ProblemKind } from './types.ts';

/** One cell that could not be read. */
export interface CleanProblem {
  /** 0-based index of the data row (intake turns it into a line number). */
  readonly row: number;
  /** The column's header. */
  readonly column: string;
  /** Machine-readable kind of problem. */
  readonly kind: ProblemKind;
  /** Plain-language reason, quoting the cell. */
  readonly message: string;
}

/** Counts and notes for one column. */
export interface ColumnCleanSummary {
  /** The column's header. */
  readonly column: string;
  /** Cells seen. */
  readonly cells: number;
  /** Cells read as values. */
  readonly values: number;
  /** Cells that were empty or a missing-value token. */
  readonly missing: number;
  /** Cells that could not be read. */
  readonly problems: number;
  /** Notes about how the column was read. */
  readonly notes: readonly string[];
}

/** The whole cleaning report. */
export interface CleanReport {
  /** One summary per column, in column order. */
  readonly columns: readonly ColumnCleanSummary[];
  /** Problems, in the order they were found, at most `maxProblems` of them. */
  readonly problems: readonly CleanProblem[];
  /** Problems found in all (kept and left out). */
  readonly problemCount: number;
  /** Problems counted but not kept in `problems` because of the cap. */
  readonly problemsOmitted: number;
  /** Notes about the whole file (no text column, no dates…). */
  readonly notes: readonly string[];
}

/** Options for a report builder. */
export interface CleanReportOptions {
  /** Most problems kept in the list (all are counted); 10,000 unless told. */
  readonly maxProblems?: number;
}

/** Collects counts, problems and notes while a file is cleaned, then builds a `CleanReport`. */
export class CleanReportBuilder {
  private readonly names: readonly string[];
  private readonly valueCounts: Float64Array;
  private readonly missingCounts: Float64Array;
  private readonly problemCounts: Float64Array;
  private readonly columnNotes: string[][];
  private readonly fileNotes: string[] = [];
  private readonly problems: CleanProblem[] = [];
  private readonly maxProblems: number;
  private problemTotal = 0;

  /** Starts a report for the given column headers. */
  constructor(columns: readonly string[], options: CleanReportOptions = {}) {
    this.names = [...columns];
    this.valueCounts = new Float64Array(columns.length);
    this.missingCounts = new Float64Array(columns.length);
    this.problemCounts = new Float64Array(columns.length);
    this.columnNotes = columns.map(() => []);
    this.maxProblems = options.maxProblems ?? 10_000;
  }

  /** Counts a cell read as a value. */
  value(column: number): void {
    this.valueCounts[column]!++;
  }

  /** Counts a missing cell. */
  missing(column: number): void {
    this.missingCounts[column]!++;
  }

  /** Counts a problem cell and keeps it while under the cap. */
  problem(row: number, column: number, problem: CellProblem): void {
    this.problemCounts[column]!++;
    this.problemTotal++;
    if (this.problems.length < this.maxProblems) {
      this.problems.push({ row, column: this.names[column]!, kind: problem.kind, message: problem.message });
    }
  }

  /** Counts a cell parser's result: `null` is missing, a problem is a problem, anything else a value. */
  record(row: number, column: number, result: unknown): void {
    if (result === null || result === undefined) this.missing(column);
    else if (isCellProblem(result)) this.problem(row, column, result);
    else this.value(column);
  }

  /** Adds a note to a column, or to the file when `column` is null; repeats are dropped. */
  note(column: number | null, text: string): void {
    const notes = column === null ? this.fileNotes : this.columnNotes[column]!;
    if (!notes.includes(text)) notes.push(text);
  }

  /** The report so far (the builder can keep counting afterwards). */
  build(): CleanReport {
    return {
      columns: this.names.map((column, i) => ({
        column,
        cells: this.valueCounts[i]! + this.missingCounts[i]! + this.problemCounts[i]!,
        values: this.valueCounts[i]!,
        missing: this.missingCounts[i]!,
        problems: this.problemCounts[i]!,
        notes: [...this.columnNotes[i]!],
      })),
      problems: [...this.problems],
      problemCount: this.problemTotal,
      problemsOmitted: this.problemTotal - this.problems.length,
      notes: [...this.fileNotes],
    };
  }
}
