/** A label with its probability. */
export interface LabelScore {
  /** Label text. */
  label: string;
  /** Probability in [0, 1]. */
  probability: number;
}

/** Numerically stable softmax of one row of logits. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** The k highest-scoring indices, best first (ties keep the lower index first). */
export function topKIndices(scores: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, Math.max(0, Math.min(k, scores.length)));
}

/** Softmax plus top-k labels for one row of logits. */
export function topLabels(logits: ArrayLike<number>, labels: readonly string[], k: number): LabelScore[] {
  return topLabelScores(softmax(logits), labels, k);
}

/** Top-k labels of one row of probabilities (e.g. a temperature-scaled softmax), best first. */
export function topLabelScores(probabilities: ArrayLike<number>, labels: readonly string[], k: number): LabelScore[] {
  return topKIndices(probabilities, k).map((i) => ({ label: labels[i] ?? `#${i}`, probability: probabilities[i]! }));
}
