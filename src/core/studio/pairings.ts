/**
 * "Worn with" (issue 14, part 3). Where the file records baskets (an order, outfit, basket or
 * transaction id shared by items), the categories bought or worn together with an item's category
 * more often than chance: lift = P(A and B in one basket) / (P(A) · P(B)), over baskets. Without
 * baskets, the categories whose share co-trends with the item's: Pearson correlation of the
 * period-to-period changes of the two share series (changes, not levels, so two series that merely
 * both grow over the years do not count as a pair). Pure.
 */

/** Column names that hold a basket id: order_id, outfit, basket, transaction, invoice_no, look id… */
const BASKET_NAME = /^(order|outfit|basket|transaction|invoice|look|receipt|cart)s?([ _\-.]?(id|no|number|nr|#|code|key))?$/i;

/** The first column whose name says it holds a basket id (order_id, outfit, basket, transaction…), if any. */
export function detectBasketColumn(names: readonly string[]): string | undefined {
  return names.find((n) => BASKET_NAME.test(n.trim()));
}

/** A category found with another. */
export interface Pairing {
  /** The category. */
  label: string;
  /** Lift (baskets) or correlation (co-trend). */
  strength: number;
  /** Baskets holding both (baskets), or periods compared (co-trend). */
  together: number;
}

/**
 * Categories found in the same baskets as `target`, highest lift first. `baskets` is the basket id
 * per item (null: none), `codes` its category code (−1: none). A pair needs at least `minTogether`
 * shared baskets and lift above 1; the target itself is left out.
 */
export function basketLift(baskets: readonly (string | null)[], codes: ArrayLike<number>, values: readonly string[], target: number, minTogether = 2, top = 5): Pairing[] {
  // Categories per basket (each once).
  const byBasket = new Map<string, Set<number>>();
  for (let i = 0; i < baskets.length; i++) {
    const id = baskets[i];
    const code = codes[i]!;
    if (id === null || id === undefined || id === '' || code < 0) continue;
    let set = byBasket.get(id);
    if (!set) byBasket.set(id, (set = new Set()));
    set.add(code);
  }
  const total = byBasket.size;
  const has = new Float64Array(values.length);
  const withTarget = new Float64Array(values.length);
  for (const set of byBasket.values()) {
    const hit = set.has(target);
    for (const code of set) {
      has[code]!++;
      if (hit) withTarget[code]!++;
    }
  }
  const nTarget = has[target] ?? 0;
  if (total === 0 || nTarget === 0) return [];
  const out: Pairing[] = [];
  for (let code = 0; code < values.length; code++) {
    if (code === target || withTarget[code]! < minTogether) continue;
    const lift = (withTarget[code]! * total) / (nTarget * has[code]!);
    if (lift > 1) out.push({ label: values[code]!, strength: lift, together: withTarget[code]! });
  }
  return out.sort((a, b) => b.strength - a.strength || b.together - a.together || a.label.localeCompare(b.label)).slice(0, top);
}

/** Pearson correlation of the period-to-period changes of two series, over the changes both have; NaN with fewer than `minChanges`. */
export function changeCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, minChanges = 4): { r: number; changes: number } {
  const da: number[] = [];
  const db: number[] = [];
  for (let t = 1; t < Math.min(a.length, b.length); t++) {
    const x = a[t]! - a[t - 1]!;
    const y = b[t]! - b[t - 1]!;
    if (Number.isFinite(x) && Number.isFinite(y)) da.push(x), db.push(y);
  }
  const n = da.length;
  if (n < minChanges) return { r: Number.NaN, changes: n };
  const ma = da.reduce((s, v) => s + v, 0) / n;
  const mb = db.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (da[i]! - ma) * (db[i]! - mb);
    saa += (da[i]! - ma) ** 2;
    sbb += (db[i]! - mb) ** 2;
  }
  return { r: saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN, changes: n };
}

/** Other series whose share changes go with the target's (correlation above `minR`), strongest first. */
export function coTrending(target: { label: string; share: ArrayLike<number> }, others: readonly { label: string; share: ArrayLike<number> }[], minR = 0.3, top = 5): Pairing[] {
  return others
    .filter((o) => o.label !== target.label)
    .map((o) => {
      const { r, changes } = changeCorrelation(target.share, o.share);
      return { label: o.label, strength: r, together: changes };
    })
    .filter((p) => Number.isFinite(p.strength) && p.strength >= minR)
    .sort((a, b) => b.strength - a.strength || a.label.localeCompare(b.label))
    .slice(0, top);
}
