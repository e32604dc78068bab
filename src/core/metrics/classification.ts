/**
 * Classification metrics for single-label and multi-label predictions: accuracy, per-class and
 * micro/macro precision, recall and F1, and a confusion matrix folded to the top classes.
 * Conventions follow the usual ones (scikit-learn's): a ratio with a zero denominator is 0, and
 * macro averages run over every label seen in the truth or the predictions (or the list given).
 */
import { nameRecord } from '../nameRecord.ts';

/** Precision, recall, F1 and support (true count) of one class, or an average of classes. */
export interface PRF {
  /** True positives / predicted positives. */
  precision: number;
  /** True positives / actual positives. */
  recall: number;
  /** Harmonic mean of precision and recall. */
  f1: number;
  /** How many items carry this label in the truth (for averages: all of them). */
  support: number;
}

/** Every figure of a classification report. */
export interface ClassificationReport {
  /** Single-label: share of items predicted right. Multi-label: share whose label set is exactly right. */
  accuracy: number;
  /** Counts pooled over classes, then the ratios. */
  micro: PRF;
  /** Unweighted mean of the per-class ratios. */
  macro: PRF;
  /** Per-class ratios, by label (a record without prototype: read it with own-key lookups). */
  perClass: Record<string, PRF>;
  /** Number of items scored. */
  count: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

function prfFromCounts({ tp, fp, fn }: Counts): PRF {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support: tp + fn };
}

function report(counts: Map<string, Counts>, exact: number, count: number, labels?: readonly string[]): ClassificationReport {
  const names = labels ?? [...counts.keys()].sort();
  // Labels are the user's words ('__proto__' included): a prototype-free record keeps each one a key.
  const perClass = nameRecord<PRF>();
  const pooled: Counts = { tp: 0, fp: 0, fn: 0 };
  let p = 0;
  let r = 0;
  let f = 0;
  let support = 0;
  for (const name of names) {
    const c = counts.get(name) ?? { tp: 0, fp: 0, fn: 0 };
    const prf = prfFromCounts(c);
    perClass[name] = prf;
    p += prf.precision;
    r += prf.recall;
    f += prf.f1;
    support += prf.support;
    pooled.tp += c.tp;
    pooled.fp += c.fp;
    pooled.fn += c.fn;
  }
  const k = names.length;
  return {
    accuracy: ratio(exact, count),
    micro: prfFromCounts(pooled),
    macro: { precision: ratio(p, k), recall: ratio(r, k), f1: ratio(f, k), support },
    perClass,
    count,
  };
}

function bump(counts: Map<string, Counts>, label: string, key: keyof Counts): void {
  let c = counts.get(label);
  if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
  c[key]++;
}

/** Scores single-label predictions against the truth; `labels` fixes the classes averaged over. */
export function singleLabelReport(truth: readonly string[], predicted: readonly string[], labels?: readonly string[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error(`Cannot score ${predicted.length} predictions against ${truth.length} true labels.`);
  const counts = new Map<string, Counts>();
  let exact = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (t === p) {
      exact++;
      bump(counts, t, 'tp');
    } else {
      bump(counts, t, 'fn');
      bump(counts, p, 'fp');
    }
  }
  return report(counts, exact, truth.length, labels);
}

/** Scores multi-label predictions (a set of labels per item); accuracy is exact-set match. */
export function multiLabelReport(truth: readonly (readonly string[])[], predicted: readonly (readonly string[])[], labels?: readonly string[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error(`Cannot score ${predicted.length} predictions against ${truth.length} true label sets.`);
  const counts = new Map<string, Counts>();
  let exact = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = new Set(truth[i]);
    const p = new Set(predicted[i]);
    let same = t.size === p.size;
    for (const label of t) {
      if (p.has(label)) bump(counts, label, 'tp');
      else {
        bump(counts, label, 'fn');
        same = false;
      }
    }
    for (const label of p) if (!t.has(label)) bump(counts, label, 'fp');
    if (same) exact++;
  }
  return report(counts, exact, truth.length, labels);
}

/** A confusion matrix: rows are true labels, columns predicted labels, in `labels` order. */
export interface ConfusionMatrix {
  /** Row/column names: the top classes by true count, then 'other' when classes were folded. */
  labels: string[];
  /** counts[trueIndex][predictedIndex]. */
  counts: number[][];
}

/** The name the confusion matrix gives to every class folded beyond the top N. */
export const OTHER_LABEL = 'other';

/**
 * Confusion matrix of single-label predictions, keeping the `top` most frequent true classes
 * (ties broken by name) and folding every other class into one 'other' row/column.
 */
export function confusionMatrix(truth: readonly string[], predicted: readonly string[], top = 10): ConfusionMatrix {
  if (truth.length !== predicted.length) throw new Error(`Cannot compare ${predicted.length} predictions with ${truth.length} true labels.`);
  const frequency = new Map<string, number>();
  for (const t of truth) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  for (const p of predicted) if (!frequency.has(p)) frequency.set(p, 0);
  const ranked = [...frequency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label]) => label);
  const kept = ranked.slice(0, Math.max(0, top));
  const folded = ranked.length > kept.length;
  const labels = folded ? [...kept, OTHER_LABEL] : kept;
  const index = new Map(kept.map((label, i) => [label, i]));
  const otherIndex = kept.length;
  const counts = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < truth.length; i++) {
    const row = index.get(truth[i]!) ?? otherIndex;
    const col = index.get(predicted[i]!) ?? otherIndex;
    counts[row]![col]!++;
  }
  return { labels, counts };
}

/**
 * Expected calibration error of top-1 confidences: items binned into `bins` equal-width confidence
 * bins ([k/bins, (k+1)/bins), a confidence of 1 in the last), then Σ |Σ confidence − Σ right| / n.
 */
export function expectedCalibrationError(confidence: ArrayLike<number>, right: ArrayLike<boolean>, bins = 15): number {
  if (confidence.length !== right.length) throw new Error(`Got ${confidence.length} confidences but ${right.length} right/wrong flags.`);
  if (confidence.length === 0) return Number.NaN;
  const sumConfidence = new Float64Array(bins);
  const sumRight = new Float64Array(bins);
  for (let i = 0; i < confidence.length; i++) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(confidence[i]! * bins)));
    sumConfidence[bin]! += confidence[i]!;
    sumRight[bin]! += right[i] ? 1 : 0;
  }
  let gap = 0;
  for (let b = 0; b < bins; b++) gap += Math.abs(sumConfidence[b]! - sumRight[b]!);
  return gap / confidence.length;
}
