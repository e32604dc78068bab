/** Derivative-free minimisation for the few smoothing parameters of each model. */

/** Minimises `f` from `start` with the Nelder–Mead simplex; returns the best point and value. */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: { step?: number; maxEvaluations?: number; tolerance?: number } = {}): { x: Float64Array; value: number; evaluations: number } {
  const dim = start.length;
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 200 * dim;
  const tolerance = options.tolerance ?? 1e-6;
  const points: Float64Array[] = [];
  const values: number[] = [];
  let evaluations = 0;
  const evaluate = (x: Float64Array) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  for (let i = 0; i <= dim; i++) {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1]! += step;
    points.push(p);
    values.push(evaluate(p));
  }
  const centroid = new Float64Array(dim);
  const trial = (from: Float64Array, toward: Float64Array, t: number) => {
    const p = new Float64Array(dim);
    for (let j = 0; j < dim; j++) p[j] = from[j]! + t * (toward[j]! - from[j]!);
    return p;
  };
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const sortedPoints = order.map((i) => points[i]!);
    const sortedValues = order.map((i) => values[i]!);
    for (let i = 0; i <= dim; i++) {
      points[i] = sortedPoints[i]!;
      values[i] = sortedValues[i]!;
    }
    if (Math.abs(values[dim]! - values[0]!) <= tolerance * (Math.abs(values[0]!) + 1e-12)) break;
    centroid.fill(0);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j]! += points[i]![j]! / dim;
    const worst = points[dim]!;
    const reflected = trial(worst, centroid, 2);
    const fr = evaluate(reflected);
    if (fr < values[0]!) {
      const expanded = trial(worst, centroid, 3);
      const fe = evaluate(expanded);
      if (fe < fr) {
        points[dim] = expanded;
        values[dim] = fe;
      } else {
        points[dim] = reflected;
        values[dim] = fr;
      }
    } else if (fr < values[dim - 1]!) {
      points[dim] = reflected;
      values[dim] = fr;
    } else {
      const contracted = fr < values[dim]! ? trial(worst, centroid, 1.5) : trial(worst, centroid, 0.5);
      const fc = evaluate(contracted);
      if (fc < Math.min(fr, values[dim]!)) {
        points[dim] = contracted;
        values[dim] = fc;
      } else {
        for (let i = 1; i <= dim; i++) {
          points[i] = trial(points[0]!, points[i]!, 0.5);
          values[i] = evaluate(points[i]!);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= dim; i++) if (values[i]! < values[best]!) best = i;
  return { x: points[best]!, value: values[best]!, evaluations };
}

/** Logistic squashing used to keep parameters inside (0, 1) while optimising freely. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Inverse of `logistic` for a starting value in (0, 1). */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}
