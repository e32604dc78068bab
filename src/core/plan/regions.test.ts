import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { benjaminiHochberg, regionalDifferences, twoProportionP, type RegionItems } from './regions.ts';

const values = ['linen', 'wool', 'denim', 'silk', 'cotton', 'leather'];
const regions = ['FR', 'DE', 'ES', 'IT', 'UK'];

/**
 * Items drawn at random: each region gets `perRegion` items spread over `periods` periods; an
 * item's value is drawn from equal odds, except where `boost(value, region, period)` multiplies them.
 */
function draw(seed: number, perRegion: number, periods: number, boost: (v: number, r: number, p: number) => number = () => 1, sizes?: number[]): RegionItems {
  const random = seededRandom(seed);
  const value: number[] = [];
  const region: number[] = [];
  const period: number[] = [];
  regions.forEach((_, r) => {
    const count = sizes?.[r] ?? perRegion;
    for (let i = 0; i < count; i++) {
      const p = Math.floor((i * periods) / count);
      const weights = values.map((_, v) => boost(v, r, p));
      const total = weights.reduce((s, w) => s + w, 0);
      let u = random() * total;
      let v = 0;
      while (u > weights[v]! && v < values.length - 1) u -= weights[v++]!;
      value.push(v);
      region.push(r);
      period.push(p);
    }
  });
  return { value, region, period, values, regions, periods };
}

describe('regionalDifferences', () => {
  it('finds a planted difference (linen twice as popular in FR) and puts it first, in words', () => {
    const items = draw(1, 2000, 12, (v, r) => (v === 0 && r === 0 ? 2 : 1));
    const found = regionalDifferences(items);
    const top = found[0]!;
    expect([top.value, top.region]).toEqual(['linen', 'FR']);
    expect(top.real).toBe(true);
    expect(top.lift).toBeGreaterThan(1.6);
    expect(top.lift).toBeLessThan(2.4);
    expect(top.sentence).toMatch(/^linen is \d\.\d× as popular in FR as elsewhere/);
    // Its echoes may be real too (other values rarer in FR; in other regions linen is rarer, and
    // the rest a little commoner, than in a "rest" that includes FR), but they are small.
    for (const d of found.filter((x) => x.real && x.value !== 'linen' && x.region !== 'FR')) expect(Math.abs(Math.log(d.lift))).toBeLessThan(0.2);
  });

  it('finds nothing where there is nothing, at the stated error rate', () => {
    // Under no difference at all, Benjamini–Hochberg at 5 % means a data set with any false
    // finding at most 5 % of the time. 60 data sets: allow up to 7 (binomial tail ≈ 1 %).
    let withFalseFinding = 0;
    for (let seed = 1; seed <= 60; seed++) if (regionalDifferences(draw(100 + seed, 600, 4)).some((d) => d.real)) withFalseFinding++;
    expect(withFalseFinding).toBeLessThanOrEqual(7);
  });

  it('says whether the gap is widening or closing', () => {
    const widening = regionalDifferences(draw(5, 6000, 12, (v, r, p) => (v === 0 && r === 0 ? 1 + p / 4 : 1)));
    const linenFr = widening.find((d) => d.value === 'linen' && d.region === 'FR')!;
    expect(linenFr.real).toBe(true);
    expect(linenFr.gapTrend).toBe('widening');
    expect(linenFr.sentence).toMatch(/and the gap is widening\.$/);
    const closing = regionalDifferences(draw(6, 6000, 12, (v, r, p) => (v === 0 && r === 0 ? 4 - p / 4 : 1)));
    expect(closing.find((d) => d.value === 'linen' && d.region === 'FR')!.gapTrend).toBe('closing');
  });

  it('flags small regions instead of ranking them', () => {
    const found = regionalDifferences(draw(7, 1500, 6, (v, r) => (v === 1 && r === 4 ? 5 : 1), [1500, 1500, 1500, 1500, 40]));
    const uk = found.filter((d) => d.region === 'UK');
    expect(uk.every((d) => d.small && !d.real && Number.isNaN(d.pValue))).toBe(true);
    expect(found.slice(-uk.length).every((d) => d.region === 'UK')).toBe(true);
    expect(uk[0]!.sentence).toMatch(/UK has only 40 items: too few to say/);
  });
});

describe('tests behind it', () => {
  it('Benjamini–Hochberg matches a hand-worked example', () => {
    // p sorted: 0.01, 0.02, 0.03, 0.04 (m = 4): p·m/k = 0.04, 0.04, 0.04, 0.04; 0.5 → 0.5.
    const q = benjaminiHochberg([0.04, 0.01, NaN, 0.03, 0.02, 0.5]);
    expect(q.map((x) => (Number.isNaN(x) ? x : Number(x.toFixed(6))))).toEqual([0.05, 0.05, NaN, 0.05, 0.05, 0.5]);
  });

  it('the two-proportion test: equal shares give p = 1, 60/100 vs 40/100 gives p ≈ 0.0047', () => {
    expect(twoProportionP(30, 100, 30, 100)).toBeCloseTo(1, 6);
    expect(twoProportionP(60, 100, 40, 100)).toBeCloseTo(0.0047, 3);
  });
});
