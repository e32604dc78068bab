/**
 * Hierarchy reconciliation: base forecasts of every node (total, sub-totals, groups) made to add
 * up exactly. MinT with a diagonal error covariance (also called WLS): the groups' forecasts move
 * least where they were most accurate in the past, and the totals are the sums of the groups.
 */

/** One node above the groups: which groups (indices into the bottom level) it sums. */
export interface AggregateNode {
  /** Indices of the bottom-level groups this node adds up. */
  members: readonly number[];
}

/** A hierarchy: `bottom` groups, and aggregate nodes that each sum some of them. */
export interface Hierarchy {
  /** Number of bottom-level groups. */
  bottom: number;
  /** Nodes above the groups (the total, sub-totals); each sums its members. */
  aggregates: readonly AggregateNode[];
}

/** Reconciled forecasts: the groups, and every aggregate as the exact sum of its members. */
export interface Reconciled {
  /** Reconciled bottom-level forecasts. */
  bottom: Float64Array;
  /** Each aggregate node's forecast: the sum of its members' reconciled forecasts. */
  aggregates: Float64Array;
}

/** Adds up the bottom values for each aggregate node (what "coherent" means). */
export function sumAggregates(hierarchy: Hierarchy, bottom: ArrayLike<number>): Float64Array {
  return Float64Array.from(hierarchy.aggregates, (node) => {
    let sum = 0;
    for (const i of node.members) sum += bottom[i]!;
    return sum;
  });
}

/** Bottom-up: groups keep their own forecasts; every total is their sum. */
export function bottomUp(hierarchy: Hierarchy, baseBottom: ArrayLike<number>): Reconciled {
  const bottom = Float64Array.from(baseBottom);
  return { bottom, aggregates: sumAggregates(hierarchy, bottom) };
}

/**
 * MinT with a diagonal covariance (WLS): the coherent forecasts closest to the base forecasts,
 * each node's distance weighted by 1 / its error variance. Solves
 * (S'W⁻¹S) b = S'W⁻¹ŷ for the bottom level b (S the summing matrix), by Cholesky.
 * `variance` lists the bottom nodes first, then the aggregates; a variance that is not a positive
 * number means "no usable base forecast": that node's weight is zero (it does not pull).
 */
export function reconcileMinTDiagonal(hierarchy: Hierarchy, baseBottom: ArrayLike<number>, baseAggregates: ArrayLike<number>, variance: ArrayLike<number>): Reconciled {
  const m = hierarchy.bottom;
  const weight = (i: number) => {
    const v = variance[i]!;
    return Number.isFinite(v) && v > 0 ? 1 / v : 0;
  };
  const a = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const w = Number.isFinite(baseBottom[i]!) ? weight(i) : 0;
    a[i * m + i]! += w;
    rhs[i]! += w * (w > 0 ? baseBottom[i]! : 0);
  }
  hierarchy.aggregates.forEach((node, k) => {
    const y = baseAggregates[k]!;
    const w = Number.isFinite(y) ? weight(m + k) : 0;
    if (w === 0) return;
    for (const i of node.members) {
      rhs[i]! += w * y;
      for (const j of node.members) a[i * m + j]! += w;
    }
  });
  // A group with no usable forecast and no weight would make the system singular: it is held at
  // zero pull with a tiny ridge, so the totals above it decide its value.
  for (let i = 0; i < m; i++) if (a[i * m + i]! <= 0) a[i * m + i] = 1e-12;
  const bottom = solveSymmetric(a, rhs, m);
  return { bottom, aggregates: sumAggregates(hierarchy, bottom) };
}

/** Solves A x = b for a symmetric positive definite A (row-major m×m) by Cholesky. */
export function solveSymmetric(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * m + k]! * l[j * m + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error('The reconciliation system is not positive definite.');
        l[i * m + i] = Math.sqrt(sum);
      } else l[i * m + j] = sum / l[j * m + j]!;
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * m + k]! * y[k]!;
    y[i] = sum / l[i * m + i]!;
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < m; k++) sum -= l[k * m + i]! * x[k]!;
    x[i] = sum / l[i * m + i]!;
  }
  return x;
}
