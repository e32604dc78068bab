// Issue 16: the sped-up global model (time-decay table, offsets, unrolled key width 4) must train and forecast exactly
// as the straightforward code did. The expected numbers below were printed by the code before the change (main at
// 9f5fe3f) on this same seeded set; the hashes cover every bit of every weight and every forecast quantile.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random.ts';
import { globalAttention, globalForecast, timeDecayWeights, trainGlobal } from './global.ts';

/** Twelve seeded seasonal series of 150 weeks (different sizes, phases, noise; a step up in every third). */
function exactSet(): Float64Array[] {
  const random = seededRandom(16);
  return Array.from({ length: 12 }, (_, i) => Float64Array.from({ length: 150 }, (_, t) => (2 + i) * (1 + 0.6 * Math.sin((2 * Math.PI * t) / 52 + i)) * (1 + 0.2 * (random() - 0.5)) + (t > 100 && i % 3 === 0 ? 3 : 0)));
}

/** A 32-bit hash of the bits of every value (order-sensitive). */
function bitsHash(arrays: readonly Float64Array[]): string {
  const words = new Uint32Array(2);
  const view = new Float64Array(words.buffer);
  let hash = 0;
  for (const a of arrays)
    for (const v of a) {
      view[0] = v;
      hash = (Math.imul(hash ^ words[0]!, 0x9e3779b1) ^ Math.imul(words[1]!, 0x85ebca77)) >>> 0;
    }
  return hash.toString(16);
}

// Printed by the code before the change: keyDim 4 takes the unrolled path, keyDim 3 the general loop.
const BEFORE = {
  4: { params: [-0.1813804867891601, 0.22674314885917699, -0.45107925219987316, 0.05382259957341882], loss: 0.5330358501278561, lo: [5.390001598950555, 5.242554898064407], point: [16.120866764505667, 16.627394086417745, 16.56961564958548, 16.53165592506084], hi: 27.677007056943168, att: [0.0012178311793899206, 0.027145458428843423], weightsHash: 'f0a82243', quantilesHash: '1fa3244c' },
  3: { params: [-0.24740553898913203, 0.2802290577772989, -0.1658492042481073, 0.0526394768627763], loss: 0.5401535910997592, lo: [5.148235708173601, 5.985854068182835], point: [15.848525084057549, 16.339327627962764, 16.680714074327067, 16.863292910137158], hi: 27.649481293258752, att: [0.003880347146540012, 0.028725810672426032], weightsHash: '58cfb4d2', quantilesHash: 'dedf7886' },
} as const;

describe('global model: the fast path gives the numbers of the straightforward code', () => {
  const set = exactSet();
  for (const keyDim of [4, 3] as const) {
    it(`key width ${keyDim}: the same weights, training loss, forecast (past the trained horizon, with an offset) and attention, bit for bit`, () => {
      const model = trainGlobal(set.slice(0, 10), 52, { epochs: 2, members: 2, hidden: 8, maxWindows: 150, stepsPerWindow: 6, keyDim });
      const f = globalForecast(model, set[11]!, 60, 3);
      const att = globalAttention(model, set[10]!, 7);
      const want = BEFORE[keyDim];
      const m0 = model.members[0]!;
      const m1 = model.members[1]!;
      expect([m0[0], m0[100], m1[200], m1[m1.length - 1]]).toEqual(want.params);
      expect(model.finalLoss).toBe(want.loss);
      expect([f.quantiles[0]![0], f.quantiles[0]![59]]).toEqual(want.lo);
      expect([f.point[0], f.point[25], f.point[51], f.point[59]]).toEqual(want.point);
      expect(f.quantiles[4]![30]).toBe(want.hi);
      expect([att[0]![0], att[1]![103]]).toEqual(want.att);
      expect(bitsHash(model.members)).toBe(want.weightsHash);
      expect(bitsHash(f.quantiles)).toBe(want.quantilesHash);
    });
  }

  it('attention weights from globalAttention are a softmax that timeDecayWeights reproduces from its own scores', () => {
    // The weights of the fast path, fed back as keys of a 1-wide dot product with α = 0, give back the same
    // distribution (softmax of log-weights): a check that they are positive, sum to one and have no NaN.
    const model = trainGlobal(set.slice(0, 6), 52, { epochs: 1, members: 1, hidden: 8, maxWindows: 60 });
    const [weights] = globalAttention(model, set[7]!, 20);
    const logs = Float64Array.from(weights!, Math.log);
    const out = new Float64Array(weights!.length);
    timeDecayWeights([1], logs, weights!.length, 1, 0, new Float64Array(weights!.length), 0, 52, out);
    let total = 0;
    for (let c = 0; c < weights!.length; c++) {
      expect(weights![c]!).toBeGreaterThan(0);
      expect(out[c]!).toBeCloseTo(weights![c]!, 12);
      total += weights![c]!;
    }
    expect(total).toBeCloseTo(1, 12);
  });
});
