import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { DEFAULT_ENSEMBLE, runEnsemble } from './ensemble.ts';
import { globalForecast, pickGlobal, trainGlobalModels } from './models/global.ts';

// Issue 16: where the global model is selected, its quantiles feed the 80 / 95 % intervals.
const SMALL = { epochs: 3, hidden: 8, heads: 2, context: 60, minHistory: 26, originStride: 4, stepsPerWindow: 4, horizon: 13, members: 1 };
const random = seededRandom(11);
const set = Array.from({ length: 8 }, (_, i) => Float64Array.from({ length: 160 }, (_, t) => (2 + i) * (1 + 0.4 * Math.sin((2 * Math.PI * t) / 52)) * (1 + 0.1 * (random() - 0.5))));
const models = trainGlobalModels(set, 52, [134, 147, 160], SMALL);
const input = { y: set[3]!, horizon: 13, period: 52, global: { models, offset: 0 } };

describe('intervals from the global model\'s quantiles', () => {
  it('selected alone: the bounds are its 2.5 / 10 / 90 / 97.5 % quantiles', () => {
    const r = runEnsemble(input, { ...DEFAULT_ENSEMBLE, models: ['global'] });
    const q = globalForecast(pickGlobal(models, 160)!, set[3]!, 52).quantiles;
    expect(r.scores.map((s) => [s.model, s.weight])).toEqual([['global', 1]]);
    for (let h = 0; h < 13; h++) {
      expect(r.lo95![h]).toBeCloseTo(q[0]![h]!, 10);
      expect(r.lo80![h]).toBeCloseTo(q[1]![h]!, 10);
      expect(r.point[h]).toBeCloseTo(q[2]![h]!, 10);
      expect(r.hi80![h]).toBeCloseTo(q[3]![h]!, 10);
      expect(r.hi95![h]).toBeCloseTo(q[4]![h]!, 10);
    }
    // Its quantiles differ per step; backtest-error widths are the same at every step.
    const widths = Array.from(r.hi95!, (v, h) => v - r.lo95![h]!);
    expect(new Set(widths.map((w) => w.toFixed(9))).size).toBeGreaterThan(1);
    const backtest = runEnsemble(input, { ...DEFAULT_ENSEMBLE, models: ['global'], intervalSource: 'backtest' });
    expect(new Set(Array.from(backtest.hi95!, (v, h) => (v - backtest.lo95![h]!).toFixed(9))).size).toBe(1);
  });

  it('sharing the combination: each bound mixes the two widths by the global model\'s weight', () => {
    const mixed = runEnsemble(input, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive', 'profile', 'global'], combination: 'mean' });
    const backtest = runEnsemble(input, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive', 'profile', 'global'], combination: 'mean', intervalSource: 'backtest' });
    const w = mixed.scores.find((s) => s.model === 'global')!.weight;
    // The global model's share of the combination (DEFAULT_ENSEMBLE.globalShare), not one third.
    expect(w).toBeCloseTo(DEFAULT_ENSEMBLE.globalShare, 12);
    expect(DEFAULT_ENSEMBLE.globalShare).toBe(0.5);
    expect(Array.from(mixed.point)).toEqual(Array.from(backtest.point));
    const q = globalForecast(pickGlobal(models, 160)!, set[3]!, 52).quantiles;
    for (let h = 0; h < 13; h++) {
      const backtestWidth = backtest.hi95![h]! - backtest.point[h]!;
      expect(mixed.hi95![h]! - mixed.point[h]!).toBeCloseTo((1 - w) * backtestWidth + w * (q[4]![h]! - q[2]![h]!), 10);
    }
    // Without the global model nothing changes.
    const none = runEnsemble({ ...input, global: undefined }, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive', 'profile'] });
    const noneBacktest = runEnsemble({ ...input, global: undefined }, { ...DEFAULT_ENSEMBLE, models: ['seasonal-naive', 'profile'], intervalSource: 'backtest' });
    expect(Array.from(none.hi80!)).toEqual(Array.from(noneBacktest.hi80!));
  });
});

describe('the early-adopter lead as input (leadInputs: 1)', () => {
  // Leads that rose 30 % over the last year for half the series.
  const leads = set.map((y, i) => Float64Array.from(y, (v, t) => v * (i % 2 === 0 ? 1 + (0.3 * t) / 160 : 1)));
  it('is ignored unless asked for, and used when asked for', () => {
    const plain = trainGlobalModels(set, 52, [160], SMALL);
    const leadsIgnored = trainGlobalModels(set, 52, [160], SMALL, leads);
    expect(Array.from(leadsIgnored.models[0]!.params)).toEqual(Array.from(plain.models[0]!.params));
    const withLead = trainGlobalModels(set, 52, [160], { ...SMALL, leadInputs: 1 }, leads);
    expect(withLead.models[0]!.params.length).toBe(plain.models[0]!.params.length + 2 * 5 + 2 * SMALL.hidden); // two more inputs to the hidden and skip layers
    const f = globalForecast(withLead.models[0]!, set[0]!, 13, 0, leads[0]);
    const without = globalForecast(withLead.models[0]!, set[0]!, 13);
    expect(f.point.every(Number.isFinite) && without.point.every(Number.isFinite)).toBe(true);
    expect(Array.from(f.point)).not.toEqual(Array.from(without.point));
  });
  it('never reads the lead past a cut-off', () => {
    const changed = leads.map((l) => Float64Array.from(l, (v, t) => (t >= 147 ? v * 5 : v)));
    const a = trainGlobalModels(set, 52, [147], { ...SMALL, leadInputs: 1 }, leads);
    const b = trainGlobalModels(set, 52, [147], { ...SMALL, leadInputs: 1 }, changed);
    expect(Array.from(b.models[0]!.params)).toEqual(Array.from(a.models[0]!.params));
  });
});
