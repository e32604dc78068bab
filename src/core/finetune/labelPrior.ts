/**
 * The label's own words as a prior for a teach head (issue 13): a designer teaches labels with
 * names ("Women's Clothing", "Kids' Footwear", "Men's Watches"), and the frozen model can read those
 * names as it reads an item. An item agrees with a label under a model head when both are likely to
 * get the same class there; one weight per model head, fitted on the cross-validated taught items,
 * says how much each head's agreement counts for this catalogue's labels. Pure; no DOM.
 *
 *   f_h(x, c) = log(ε + Σ_k p_h(k | item x) · p_h(k | label c's name))
 *   p(c | x) ∝ p_head(c | x) · exp(Σ_h γ_h f_h(x, c)),  γ_h ∈ [0, maximum], chosen by the lowest
 *   negative log-likelihood of the taught items' labels (+ a small L2 penalty)
 *
 * γ = 0 gives the head's probabilities unchanged. The heads read are master category and gender
 * (LABEL_PRIOR_HEADS): shops split their catalogues at the top by whom an item is for and by
 * clothing / footwear / accessories, and these are the model's most reliable heads on shops it never
 * saw. Article-type readings of label names are not used: the model misreads names such as
 * "Shirts & Tops" (as Shirts, while the items are tops and tees), and in the logarithm a misread name
 * all but vetoes the right label (docs/BENCHMARKS.md, "The label names as a prior"). Items are read
 * sparsely (each head's top few classes), label names in full.
 */

/** Smallest agreement counted (keeps the log finite when the item and the label share no class). */
export const LABEL_PRIOR_FLOOR = 1e-3;

/** Model heads whose agreement the prior reads: whom an item is for, and clothing / footwear / accessories. */
export const LABEL_PRIOR_HEADS = ['masterCategory', 'gender'] as const;

/** Classes kept per model head for each item (its top ones). */
export const LABEL_PRIOR_TOP_K = 3;

/** The model's reading of many items under a few of its heads: per item and head, its top classes with their probabilities. */
export interface ItemReadings {
  /** The model heads read, in order. */
  heads: readonly string[];
  /** Classes kept per item and head. */
  k: number;
  /** Class index per (item, head, rank): item i, head h, rank r at (i·heads + h)·k + r; −1 = none. */
  classes: Int32Array;
  /** Probability of each of those classes. */
  probabilities: Float32Array;
}

/** Per label name: its full class probabilities under each of the readings' heads, in the same head order. */
export type LabelReadings = ReadonlyMap<string, readonly Float32Array[]>;

/** What a teach round needs to use the prior: the items' readings and the label names' readings. */
export interface LabelPriorInput {
  /** Every catalogue item's reading. */
  items: ItemReadings;
  /** Every label name the round may meet (the taught labels and the pseudo-labels). */
  labels: LabelReadings;
}

/** Settings of `fitLabelPriorWeights`. */
export interface LabelPriorFitOptions {
  /** Fewest usable out-of-fold items to fit on (fewer: every weight 0). */
  minItems: number;
  /** Largest weight of one head. */
  maximum: number;
  /** L2 penalty on the weights (per item, on the mean log-likelihood). */
  l2: number;
  /** Gradient steps. */
  steps: number;
}

/** Default fit: at least 10 items, weights in [0, 5], L2 0.01, 300 steps. */
export const DEFAULT_LABEL_PRIOR_FIT: LabelPriorFitOptions = { minItems: 10, maximum: 5, l2: 0.01, steps: 300 };

/** Builds item readings from per-item, per-head sparse top lists (`top[i][h]`: [class, probability] pairs, best first). */
export function itemReadingsOf(heads: readonly string[], top: readonly (readonly (readonly (readonly [number, number])[])[])[], k = LABEL_PRIOR_TOP_K): ItemReadings {
  const classes = new Int32Array(top.length * heads.length * k).fill(-1);
  const probabilities = new Float32Array(classes.length);
  top.forEach((perHead, i) => {
    if (perHead.length !== heads.length) throw new Error(`Item ${i} is read under ${perHead.length} heads, not ${heads.length}.`);
    perHead.forEach((pairs, h) => {
      for (let r = 0; r < Math.min(k, pairs.length); r++) {
        classes[(i * heads.length + h) * k + r] = pairs[r]![0];
        probabilities[(i * heads.length + h) * k + r] = pairs[r]![1];
      }
    });
  });
  return { heads, k, classes, probabilities };
}

/** Label readings from the readings of the label names themselves (read with every class kept): per name, a full probability vector per head; `widths` = classes per head. */
export function labelReadingsOf(names: readonly string[], readings: ItemReadings, widths: readonly number[]): Map<string, Float32Array[]> {
  const H = readings.heads.length;
  if (widths.length !== H) throw new Error(`Got ${widths.length} class counts for ${H} heads.`);
  if (readings.classes.length !== names.length * H * readings.k) throw new Error(`Got readings of ${readings.classes.length / (H * readings.k)} names for ${names.length}.`);
  const out = new Map<string, Float32Array[]>();
  names.forEach((name, i) => {
    out.set(name, widths.map((width, h) => {
      const v = new Float32Array(width);
      for (let r = 0; r < readings.k; r++) {
        const at = (i * H + h) * readings.k + r;
        const c = readings.classes[at]!;
        if (c >= 0 && c < width) v[c] = readings.probabilities[at]!;
      }
      return v;
    }));
  });
  return out;
}

/**
 * The agreement features of item `item` with each of `labels`: a Float32Array of labels × heads,
 * label c's head h at c·heads + h. A label name without a reading throws (every label must be read).
 */
export function labelAgreement(input: LabelPriorInput, item: number, labels: readonly string[]): Float32Array {
  const { items } = input;
  const H = items.heads.length;
  const out = new Float32Array(labels.length * H);
  labels.forEach((label, c) => {
    const reading = input.labels.get(label);
    if (!reading || reading.length !== H) throw new Error(`The label '${label}' has no reading by the model.`);
    for (let h = 0; h < H; h++) {
      let agree = 0;
      const base = (item * H + h) * items.k;
      for (let r = 0; r < items.k; r++) {
        const cls = items.classes[base + r]!;
        if (cls >= 0) agree += items.probabilities[base + r]! * (reading[h]![cls] ?? 0);
      }
      out[c * H + h] = Math.log(LABEL_PRIOR_FLOOR + agree);
    }
  });
  return out;
}

/** The probabilities times exp(Σ_h weight_h · feature_h) per class, renormalised (all weights 0: a copy). */
export function withLabelPrior(probabilities: ArrayLike<number>, features: Float32Array, weights: readonly number[]): Float32Array {
  const C = probabilities.length;
  const H = weights.length;
  if (features.length !== C * H) throw new Error(`Expected ${C * H} prior features (${C} labels × ${H} heads), got ${features.length}.`);
  const logs = new Float64Array(C);
  let peak = -Infinity;
  for (let c = 0; c < C; c++) {
    let s = Math.log(Math.max(probabilities[c]!, 1e-30));
    for (let h = 0; h < H; h++) s += weights[h]! * features[c * H + h]!;
    logs[c] = s;
    if (s > peak) peak = s;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) sum += logs[c] = Math.exp(logs[c]! - peak);
  const out = new Float32Array(C);
  for (let c = 0; c < C; c++) out[c] = logs[c]! / sum;
  return out;
}

/** A head's probabilities of catalogue item `row` (classes in the order of `headLabels`) made over with a prior. */
export type PriorAdjust = (row: number, headLabels: readonly string[], probabilities: ArrayLike<number>) => Float32Array;

/** The prior at fitted `weights` as a PriorAdjust: labelAgreement of the item with the head's labels, then withLabelPrior. */
export function labelPriorAdjuster(input: LabelPriorInput, weights: readonly number[]): PriorAdjust {
  return (row, headLabels, probabilities) => withLabelPrior(probabilities, labelAgreement(input, row, headLabels), weights);
}

/** One cross-validated taught item for the fit: the fold head's probabilities, the prior features, the true class (−1: unknown). */
export interface LabelPriorFitItem {
  /** Class probabilities of a head that never saw the item. */
  probabilities: Float32Array;
  /** labelAgreement of the item with the head's labels. */
  features: Float32Array;
  /** Index of the item's label among the head's labels, or −1. */
  truth: number;
}

/**
 * The weights (one per model head, in [0, maximum]) with the lowest mean negative log-likelihood of the
 * items' true labels plus l2·‖γ‖², by projected gradient descent from 0 (deterministic). Every weight is
 * 0 with fewer than `minItems` usable items.
 */
export function fitLabelPriorWeights(items: readonly LabelPriorFitItem[], heads: number, options: Partial<LabelPriorFitOptions> = {}): number[] {
  const o = { ...DEFAULT_LABEL_PRIOR_FIT, ...options };
  const usable = items.filter((x) => x.truth >= 0 && x.truth < x.probabilities.length);
  const weights = new Array<number>(heads).fill(0);
  if (usable.length < o.minItems || heads === 0) return weights;
  const logits = usable.map((x) => Float64Array.from(x.probabilities, (p) => Math.log(Math.max(p, 1e-30))));
  // Curvature bound of the mean log-likelihood in γ: the largest spread of one feature, squared.
  let spread = 0;
  for (const x of usable) {
    for (let h = 0; h < heads; h++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let c = 0; c < x.probabilities.length; c++) {
        const f = x.features[c * heads + h]!;
        if (f < lo) lo = f;
        if (f > hi) hi = f;
      }
      spread = Math.max(spread, hi - lo);
    }
  }
  const step = 1 / (heads * spread * spread / 4 + 2 * o.l2 + 1e-9);
  const gradient = new Float64Array(heads);
  const scores = new Float64Array(Math.max(...usable.map((x) => x.probabilities.length)));
  // Accelerated projected gradient (FISTA): the gradient is taken at a look-ahead point `ahead`.
  const ahead = [...weights];
  let momentum = 1;
  for (let s = 0; s < o.steps; s++) {
    gradient.fill(0);
    usable.forEach((x, n) => {
      const C = x.probabilities.length;
      let peak = -Infinity;
      for (let c = 0; c < C; c++) {
        let v = logits[n]![c]!;
        for (let h = 0; h < heads; h++) v += ahead[h]! * x.features[c * heads + h]!;
        scores[c] = v;
        if (v > peak) peak = v;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += scores[c] = Math.exp(scores[c]! - peak);
      // d(−log p_truth)/dγ_h = E_p[f_h] − f_h(truth)
      for (let h = 0; h < heads; h++) {
        let expected = 0;
        for (let c = 0; c < C; c++) expected += (scores[c]! / sum) * x.features[c * heads + h]!;
        gradient[h]! += expected - x.features[x.truth * heads + h]!;
      }
    });
    const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
    for (let h = 0; h < heads; h++) {
      const g = gradient[h]! / usable.length + 2 * o.l2 * ahead[h]!;
      const next = Math.min(o.maximum, Math.max(0, ahead[h]! - step * g));
      ahead[h] = Math.min(o.maximum, Math.max(0, next + ((momentum - 1) / nextMomentum) * (next - weights[h]!)));
      weights[h] = next;
    }
    momentum = nextMomentum;
  }
  return weights;
}
