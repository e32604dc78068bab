/**
 * "Learn this column": the file's own labels (a Category column) where an item has one, and a
 * head's guess, taught from those very labels, where it has none. Pure: codes in, codes out.
 */
import { valueCoder } from '../valueCodes.ts';

/** A column's labels as codes into its values (-1 = none). */
export interface CodedLabels {
  /** One code per item, -1 where the item has no label. */
  readonly codes: Int32Array;
  /** The label behind each code. */
  readonly values: readonly string[];
}

/**
 * The head's guesses are filled in from this probability on when the model gives no threshold: the
 * model's own sure rule (config.json `unsure.min_probability`, 0.85 for every head of the shipped model).
 */
export const FILL_MIN_PROBABILITY = 0.85;

/**
 * The probability from which "Learn this column" fills a guess in: the model's own sure threshold
 * (the strictest of its heads', config.json `unsure.min_probability`), or FILL_MIN_PROBABILITY
 * when no model rule is loaded.
 */
export function fillThreshold(minProbability: Readonly<Record<string, number>> | undefined): number {
  const thresholds = Object.values(minProbability ?? {}).filter((x) => Number.isFinite(x));
  return thresholds.length > 0 ? Math.max(...thresholds) : FILL_MIN_PROBABILITY;
}

/** The merged column: codes into `values`, which items the model filled, and how many of each. */
export interface FilledColumn {
  /** One code per item into `values` (-1 only where neither the file nor the head has a label). */
  codes: Int32Array;
  /** The file's own values first, then any the head adds. */
  values: string[];
  /** 1 where the label is the head's guess (the file had none), else 0. */
  filled: Uint8Array;
  /** Items whose own label was kept. */
  kept: number;
  /** Items the head filled. */
  filledCount: number;
  /** Items without a label of their own whose guess was below the threshold: left empty (unsure). */
  unsureCount: number;
}

/**
 * Keeps every label the file has and fills the items without one from the taught head's guesses
 * (`taught`, same items) — with `sure` (the guesses' probabilities and the threshold), only the
 * guesses at or above it: a guess the head is unsure of is left empty rather than shown as the
 * file's own kind of fact. Throws a plain message when the columns do not describe the same items.
 */
export function fillFromTaught(own: CodedLabels, taught: CodedLabels, sure?: { probabilities: ArrayLike<number>; minProbability: number }): FilledColumn {
  if (own.codes.length !== taught.codes.length) {
    throw new Error(`The file's column has ${own.codes.length} items but the taught labels ${taught.codes.length}; they must describe the same items.`);
  }
  if (sure && sure.probabilities.length !== own.codes.length) {
    throw new Error(`The file's column has ${own.codes.length} items but the taught labels' probabilities ${sure.probabilities.length}; they must describe the same items.`);
  }
  const { values, code } = valueCoder(own.values);
  const taughtCode = Int32Array.from(taught.values, code);
  const n = own.codes.length;
  const codes = new Int32Array(n).fill(-1);
  const filled = new Uint8Array(n);
  let kept = 0;
  let filledCount = 0;
  let unsureCount = 0;
  for (let i = 0; i < n; i++) {
    const mine = own.codes[i]!;
    if (mine >= 0) {
      codes[i] = mine;
      kept++;
      continue;
    }
    const guess = taught.codes[i]!;
    if (guess < 0) continue;
    if (sure && !(sure.probabilities[i]! >= sure.minProbability)) {
      unsureCount++;
      continue;
    }
    codes[i] = taughtCode[guess]!;
    filled[i] = 1;
    filledCount++;
  }
  return { codes, values, filled, kept, filledCount, unsureCount };
}
