/**
 * Global time-decay attention forecaster: ONE small model trained across every series of a set,
 * so shapes that many series share (seasonal swings, launch → peak → fade, drift) are learned
 * once and applied to each.
 *
 * For a forecast origin t₀ and a target step h (target time T = t₀ + h − 1), each attention head a
 * scores every history period j of the window with
 *   eₐⱼ = qₐ(T)·kₐ(j)/√d + αₐ·φ(|T − j|),  φ(Δ) = −Δ/τ,
 * where the query is built from the target's season of year and step, the key from period j's
 * season of year and its (scale-normalised, lightly smoothed) value. The heads' attention-weighted
 * values, with the window's recent levels, go through a small ReLU layer to five quantiles of the
 * target (2.5, 10, 50, 90, 97.5 %), trained by pinball loss. Every window is divided by its own
 * scale (mean absolute value of its last season), so series of any size share one model; the
 * loss is weighted by scale / MASE scale so training minimises what the benchmark measures.
 * Gradients are written by hand (the model is small); Adam; deterministic with a seed.
 */
import { seededRandom } from '../../random.ts';
import { maseScale } from '../metrics.ts';
import { ForecastInputError, prepareSeries } from '../prepare.ts';
import { coreMessage, type CoreMessage } from '../../messages.ts';

/** Quantile levels the model predicts, in ascending order (the median is index 2). */
export const GLOBAL_QUANTILES: readonly number[] = [0.025, 0.1, 0.5, 0.9, 0.975];

/** Settings of the global forecaster (training and shape). */
export interface GlobalOptions {
  /** Longest history window the model attends over, in periods. */
  context: number;
  /** Shortest history a training window may have. */
  minHistory: number;
  /** Steps ahead the model is trained for (longer forecasts reuse the last step's horizon input). */
  horizon: number;
  /** Attention heads. */
  heads: number;
  /** Query/key width d of each head. */
  keyDim: number;
  /** Units of the hidden ReLU layer. */
  hidden: number;
  /** τ of the time-decay kernel φ(Δ) = −Δ/τ, in periods. */
  tau: number;
  /** Passes over the training windows. */
  epochs: number;
  /** Adam learning rate at the start (decays linearly to a tenth). */
  learningRate: number;
  /** Windows per Adam step. */
  batch: number;
  /** Distance between training origins of one series. */
  originStride: number;
  /** Target steps drawn per window and epoch. */
  stepsPerWindow: number;
  /** Most training windows used (a seeded sample when there are more), so large sets train in bounded time. */
  maxWindows: number;
  /** Seed of the initial weights and of the sampling order (member k uses seed + k). */
  seed: number;
  /** Models trained with different seeds whose quantiles are averaged (bagging: less variance). */
  members: number;
  /** Widening of the 10–90 % quantiles around the median at forecast time (pinball training on seen windows is overconfident on new ones). */
  widen80: number;
  /** Widening of the 2.5–97.5 % quantiles around the median at forecast time. */
  widen95: number;
  /** 1: two more inputs from the early-adopter lead series where one is given (its growth over the last 13 periods against the same periods a year before, and whether there is one); 0: none. */
  leadInputs: number;
}

/** Default settings, chosen on the 2018 test year of the F1 sample only: 20 epochs (MASE 0.703 there; 30 epochs 0.706, 32 hidden units 0.699, 6 heads 0.700, learning rate 0.005 0.708); widening 1.15 (80 % / 95 % coverage 75.2 % / 92.3 % unwidened, 79.1 % / 94.0 % at 1.1, 82.3 % / 95.3 % at 1.2); 3 members (one seed: 0.684–0.703, three averaged: 0.679). */
export const DEFAULT_GLOBAL: GlobalOptions = {
  context: 104,
  minHistory: 52,
  horizon: 52,
  heads: 4,
  keyDim: 4,
  hidden: 16,
  tau: 52,
  epochs: 20,
  learningRate: 0.01,
  batch: 32,
  originStride: 2,
  stepsPerWindow: 8,
  maxWindows: 10_000,
  seed: 20191230,
  members: 3,
  widen80: 1.15,
  widen95: 1.15,
  leadInputs: 0,
};

/** A trained global model: its weights and what it was trained on. */
export interface GlobalModel {
  /** Settings it was trained with. */
  options: GlobalOptions;
  /** Season length used for the season-of-year inputs (1 = none). */
  period: number;
  /** Weights of the first member, flat (layout in `layout`); used for gradients and attention maps. */
  params: Float64Array;
  /** Weights of every member (members[0] is `params`); forecasts average their quantiles. */
  members: Float64Array[];
  /** Training windows used (0 = the model is untrained and forecasts fall back to the recent level). */
  windows: number;
  /** Series that gave at least one training window. */
  seriesUsed: number;
  /** Mean weighted pinball loss per target in the last epoch (NaN when untrained). */
  finalLoss: number;
  /** Notes on the training (too few series, series skipped, …) as message codes (`englishText` words them). */
  notes: CoreMessage[];
}

/** A global model's forecast of one series. */
export interface GlobalForecast {
  /** Median forecast (the point forecast). */
  point: Float64Array;
  /** One array per level of GLOBAL_QUANTILES, each `horizon` long, ascending at every step. */
  quantiles: Float64Array[];
  /** Notes (fallbacks) as message codes. */
  notes: CoreMessage[];
}

const QF = 6; // query inputs: 4 season, step, bias
const KF = 7; // key inputs: 4 season, value, deviation from level, bias
const V = 2; // values attended over: smoothed value, deviation from its trailing level
const C = 6; // context inputs: level of last 4 / 13 / 26 periods, a year ago, history share, step
const NQ = 5;

/** Offsets of each weight block inside `params`. */
interface Layout {
  wq: number;
  wk: number;
  alpha: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  ws: number;
  size: number;
  z: number;
}

function layout(o: GlobalOptions): Layout {
  const z = o.heads * V + C + (o.leadInputs ? 2 : 0);
  let at = 0;
  const take = (n: number) => ((at += n), at - n);
  const wq = take(o.heads * o.keyDim * QF);
  const wk = take(o.heads * o.keyDim * KF);
  const alpha = take(o.heads);
  const w1 = take(o.hidden * z);
  const b1 = take(o.hidden);
  const w2 = take(NQ * o.hidden);
  const b2 = take(NQ);
  const ws = take(NQ * z);
  return { wq, wk, alpha, w1, b1, w2, b2, ws, size: at, z };
}

/** Number of weights of one member with these settings (a saved model's arrays must have this length). */
export function globalParamCount(options: GlobalOptions): number {
  return layout(options).size;
}

const softplus = (r: number) => (r > 30 ? r : Math.log1p(Math.exp(r)));
const sigmoid = (r: number) => 1 / (1 + Math.exp(-r));

/**
 * Time-decay attention of one query over `count` keys (flat, `dim` each): weights
 * softmax(q·kⱼ/√dim + α·φ(|queryTime − keyTimes[j]|)) with φ(Δ) = −Δ/τ, written into `out`.
 * With α = 0 this is plain scaled dot-product attention.
 */
export function timeDecayWeights(q: ArrayLike<number>, keys: ArrayLike<number>, count: number, dim: number, queryTime: number, keyTimes: ArrayLike<number>, alpha: number, tau: number, out: Float64Array): void {
  const norm = 1 / Math.sqrt(dim);
  let max = -Infinity;
  for (let j = 0; j < count; j++) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += q[d]! * keys[j * dim + d]!;
    const e = dot * norm - (alpha * Math.abs(queryTime - keyTimes[j]!)) / tau;
    out[j] = e;
    if (e > max) max = e;
  }
  let total = 0;
  for (let j = 0; j < count; j++) {
    const w = Math.exp(out[j]! - max);
    out[j] = w;
    total += w;
  }
  for (let j = 0; j < count; j++) out[j]! /= total;
}

/** Season-of-year inputs of absolute time t (two harmonics), written at `at`. */
function season(t: number, period: number, out: Float64Array, at: number): void {
  if (period <= 1) {
    out.fill(0, at, at + 4);
    return;
  }
  const angle = (2 * Math.PI * t) / period;
  out[at] = Math.sin(angle);
  out[at + 1] = Math.cos(angle);
  out[at + 2] = Math.sin(2 * angle);
  out[at + 3] = Math.cos(2 * angle);
}

/** One series prepared for windows: values, prefix sums, and its time offset in the set. */
interface Series {
  y: Float64Array;
  prefix: Float64Array;
  offset: number;
  /** Lead series on the same periods as y (may be longer; NaN where missing), if any. */
  lead?: ArrayLike<number>;
}

function toSeries(y: Float64Array, offset: number, lead?: ArrayLike<number>): Series {
  const prefix = new Float64Array(y.length + 1);
  for (let t = 0; t < y.length; t++) prefix[t + 1] = prefix[t]! + y[t]!;
  return { y, prefix, offset, lead };
}

/** The lead inputs at an origin: log growth of the lead's last 13 periods over the same 13 a year (`period`) earlier, clipped to ±2, and 1; zeros without a usable lead. */
function leadInputs(s: Series, origin: number, period: number): [number, number] {
  const lead = s.lead;
  const back = Math.max(period, 13);
  if (!lead || origin - back - 13 < 0 || origin > lead.length) return [0, 0];
  let recent = 0;
  let before = 0;
  for (let t = origin - 13; t < origin; t++) {
    recent += lead[t]!;
    before += lead[t - back]!;
  }
  if (!(recent > 0) || !(before > 0) || !Number.isFinite(recent) || !Number.isFinite(before)) return [0, 0];
  return [Math.max(-2, Math.min(2, Math.log(recent / before))), 1];
}

/** Mean of y over [from, to) clipped to [lo, hi). */
function meanOf(s: Series, from: number, to: number, lo: number, hi: number): number {
  const a = Math.max(from, lo);
  const b = Math.min(to, hi);
  return b > a ? (s.prefix[b]! - s.prefix[a]!) / (b - a) : NaN;
}

/** Window scale: mean absolute value of the last season before the origin (0 when all zero). */
function windowScale(s: Series, start: number, origin: number, period: number): number {
  const from = Math.max(start, origin - Math.max(period, 13));
  let sum = 0;
  for (let t = from; t < origin; t++) sum += Math.abs(s.y[t]!);
  return sum / (origin - from);
}

/** Everything of a window that does not depend on the target step. */
interface Window {
  start: number;
  count: number;
  scale: number;
  keyIn: Float64Array; // count × KF
  values: Float64Array; // count × V
  times: Float64Array; // absolute times of the history periods
  context: Float64Array; // C inputs (the step input is set per target), then the lead inputs when used
}

function buildWindow(s: Series, origin: number, o: GlobalOptions, period: number, scale: number): Window {
  const start = Math.max(0, origin - o.context);
  const count = origin - start;
  const keyIn = new Float64Array(count * KF);
  const values = new Float64Array(count * V);
  const times = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const j = start + c;
    // Smoothed over ±2 periods, never past the origin; deviation from the trailing 26-period level.
    const smooth = meanOf(s, j - 2, j + 3, start, origin) / scale;
    const level = meanOf(s, j - 25, j + 1, start, origin) / scale;
    season(s.offset + j, period, keyIn, c * KF);
    keyIn[c * KF + 4] = smooth;
    keyIn[c * KF + 5] = smooth - level;
    keyIn[c * KF + 6] = 1;
    values[c * V] = smooth;
    values[c * V + 1] = smooth - level;
    times[c] = s.offset + j;
  }
  const recent = (w: number) => meanOf(s, origin - w, origin, start, origin) / scale;
  const yearAgo = origin - start >= period + 13 && period > 1 ? meanOf(s, origin - period - 13, origin - period, start, origin) / scale : recent(13);
  const context = Float64Array.from([recent(4), recent(13), recent(26), yearAgo, count / o.context, 0, ...(o.leadInputs ? leadInputs(s, origin, period) : [])]);
  return { start, count, scale, keyIn, values, times, context };
}

/** Scratch buffers of one forward/backward pass. */
interface Scratch {
  keys: Float64Array; // heads × count × keyDim
  dKeys: Float64Array;
  q: Float64Array; // heads × keyDim
  attn: Float64Array; // heads × context
  g: Float64Array;
  z: Float64Array;
  pre: Float64Array;
  hid: Float64Array;
  out: Float64Array;
  quant: Float64Array;
  dz: Float64Array;
  dout: Float64Array;
  dhid: Float64Array;
  dq: Float64Array;
  decay: Float64Array; // φ(|T − tⱼ|) of the current step for every history period
  bias: Float64Array; // heads × span: αₐ·Δ/τ for every distance Δ = 0 … span − 1 (the time-decay term, computed once per window and weights)
  span: number;
}

function scratch(o: GlobalOptions, L: Layout): Scratch {
  return {
    keys: new Float64Array(o.heads * o.context * o.keyDim),
    dKeys: new Float64Array(o.heads * o.context * o.keyDim),
    q: new Float64Array(o.heads * o.keyDim),
    attn: new Float64Array(o.heads * o.context),
    g: new Float64Array(QF),
    z: new Float64Array(L.z),
    pre: new Float64Array(o.hidden),
    hid: new Float64Array(o.hidden),
    out: new Float64Array(NQ),
    quant: new Float64Array(NQ),
    dz: new Float64Array(L.z),
    dout: new Float64Array(NQ),
    dhid: new Float64Array(o.hidden),
    dq: new Float64Array(o.keyDim),
    decay: new Float64Array(o.context),
    bias: new Float64Array(o.heads * (o.context + o.horizon)),
    span: o.context + o.horizon,
  };
}

/**
 * Keys of every history period for every head, and the time-decay terms αₐ·Δ/τ of every distance
 * Δ a step up to `maxStep` can have from a history period (the same expression, so the same bits,
 * as `timeDecayWeights` computes per period and step).
 */
function computeKeys(p: Float64Array, o: GlobalOptions, L: Layout, w: Window, sc: Scratch, maxStep: number): void {
  const D = o.keyDim;
  const span = w.count + Math.max(1, maxStep);
  if (sc.bias.length < o.heads * span) sc.bias = new Float64Array(o.heads * span);
  sc.span = span;
  for (let a = 0; a < o.heads; a++) {
    const alpha = p[L.alpha + a]!;
    for (let delta = 0; delta < span; delta++) sc.bias[a * span + delta] = (alpha * delta) / o.tau;
  }
  for (let a = 0; a < o.heads; a++) {
    for (let c = 0; c < w.count; c++) {
      for (let d = 0; d < D; d++) {
        const row = L.wk + (a * D + d) * KF;
        let sum = 0;
        for (let f = 0; f < KF; f++) sum += p[row + f]! * w.keyIn[c * KF + f]!;
        sc.keys[(a * w.count + c) * D + d] = sum;
      }
    }
  }
}

/**
 * Forward pass for one target step (1-based); leaves quantiles (in scale units) in sc.quant.
 * `computeKeys` must have run for this window and weights with a `maxStep` ≥ step. The attention
 * is `timeDecayWeights` written out over offsets (no views, the decay term looked up): the same
 * operations in the same order, so the same numbers. `decay`: also fill sc.decay (backward needs it).
 */
function forwardStep(p: Float64Array, o: GlobalOptions, L: Layout, period: number, s: Series, origin: number, w: Window, step: number, sc: Scratch, decay = true): void {
  const D = o.keyDim;
  const count = w.count;
  const target = s.offset + origin + step - 1;
  const stepIn = Math.min(step, o.horizon) / o.horizon;
  season(target, period, sc.g, 0);
  sc.g[4] = stepIn;
  sc.g[5] = 1;
  if (decay) for (let c = 0; c < count; c++) sc.decay[c] = -Math.abs(target - w.times[c]!) / o.tau;
  const norm = 1 / Math.sqrt(D);
  const { q, keys, attn, bias, g } = sc;
  const values = w.values;
  // Period c of the window lies count + step − 1 − c periods before the target.
  const last = count + step - 1;
  for (let a = 0; a < o.heads; a++) {
    const qa = a * D;
    for (let d = 0; d < D; d++) {
      const row = L.wq + (a * D + d) * QF;
      let sum = 0;
      for (let f = 0; f < QF; f++) sum += p[row + f]! * g[f]!;
      q[qa + d] = sum;
    }
    const ka = a * count * D;
    const wa = a * o.context;
    const ba = a * sc.span + last;
    let max = -Infinity;
    if (D === 4) {
      // The usual width, unrolled: the same sums in the same order as the loop below.
      const q0 = q[qa]!;
      const q1 = q[qa + 1]!;
      const q2 = q[qa + 2]!;
      const q3 = q[qa + 3]!;
      for (let c = 0, kc = ka; c < count; c++, kc += 4) {
        let dot = 0;
        dot += q0 * keys[kc]!;
        dot += q1 * keys[kc + 1]!;
        dot += q2 * keys[kc + 2]!;
        dot += q3 * keys[kc + 3]!;
        const e = dot * norm - bias[ba - c]!;
        attn[wa + c] = e;
        if (e > max) max = e;
      }
    } else {
      for (let c = 0; c < count; c++) {
        let dot = 0;
        const kc = ka + c * D;
        for (let d = 0; d < D; d++) dot += q[qa + d]! * keys[kc + d]!;
        const e = dot * norm - bias[ba - c]!;
        attn[wa + c] = e;
        if (e > max) max = e;
      }
    }
    let total = 0;
    for (let c = 0; c < count; c++) {
      const x = Math.exp(attn[wa + c]! - max);
      attn[wa + c] = x;
      total += x;
    }
    let v0 = 0;
    let v1 = 0;
    for (let c = 0; c < count; c++) {
      const weight = attn[wa + c]! / total;
      attn[wa + c] = weight;
      v0 += weight * values[c * V]!;
      v1 += weight * values[c * V + 1]!;
    }
    sc.z[a * V] = v0;
    sc.z[a * V + 1] = v1;
  }
  const zc = o.heads * V;
  for (let k = 0; k < w.context.length; k++) sc.z[zc + k] = w.context[k]!;
  sc.z[zc + C - 1] = stepIn;
  for (let u = 0; u < o.hidden; u++) {
    let sum = p[L.b1 + u]!;
    for (let k = 0; k < L.z; k++) sum += p[L.w1 + u * L.z + k]! * sc.z[k]!;
    sc.pre[u] = sum;
    sc.hid[u] = sum > 0 ? sum : 0;
  }
  for (let r = 0; r < NQ; r++) {
    let sum = p[L.b2 + r]!;
    for (let u = 0; u < o.hidden; u++) sum += p[L.w2 + r * o.hidden + u]! * sc.hid[u]!;
    for (let k = 0; k < L.z; k++) sum += p[L.ws + r * L.z + k]! * sc.z[k]!;
    sc.out[r] = sum;
  }
  const m = sc.out[0]!;
  const s1 = softplus(sc.out[1]!);
  const s2 = softplus(sc.out[2]!);
  const s3 = softplus(sc.out[3]!);
  const s4 = softplus(sc.out[4]!);
  sc.quant[0] = m - s1 - s2;
  sc.quant[1] = m - s1;
  sc.quant[2] = m;
  sc.quant[3] = m + s3;
  sc.quant[4] = m + s3 + s4;
}

/**
 * Backward pass of the step just run forward, for the pinball loss against `actual` (scale
 * units) times `weight`; adds to `grad` (and to sc.dKeys for the key weights). Returns the loss.
 */
function backwardStep(p: Float64Array, grad: Float64Array, o: GlobalOptions, L: Layout, w: Window, actual: number, weight: number, sc: Scratch): number {
  const D = o.keyDim;
  let loss = 0;
  const gq = [0, 0, 0, 0, 0];
  for (let k = 0; k < NQ; k++) {
    const u = actual - sc.quant[k]!;
    const tauK = GLOBAL_QUANTILES[k]!;
    loss += weight * (u >= 0 ? tauK * u : (tauK - 1) * u);
    gq[k] = weight * ((u < 0 ? 1 : 0) - tauK);
  }
  const dout = sc.dout;
  dout[0] = gq[0]! + gq[1]! + gq[2]! + gq[3]! + gq[4]!;
  dout[1] = -(gq[0]! + gq[1]!) * sigmoid(sc.out[1]!);
  dout[2] = -gq[0]! * sigmoid(sc.out[2]!);
  dout[3] = (gq[3]! + gq[4]!) * sigmoid(sc.out[3]!);
  dout[4] = gq[4]! * sigmoid(sc.out[4]!);
  sc.dz.fill(0);
  sc.dhid.fill(0);
  for (let r = 0; r < NQ; r++) {
    const g = dout[r]!;
    if (g === 0) continue;
    grad[L.b2 + r]! += g;
    for (let u = 0; u < o.hidden; u++) {
      grad[L.w2 + r * o.hidden + u]! += g * sc.hid[u]!;
      sc.dhid[u]! += g * p[L.w2 + r * o.hidden + u]!;
    }
    for (let k = 0; k < L.z; k++) {
      grad[L.ws + r * L.z + k]! += g * sc.z[k]!;
      sc.dz[k]! += g * p[L.ws + r * L.z + k]!;
    }
  }
  for (let u = 0; u < o.hidden; u++) {
    if (sc.pre[u]! <= 0) continue;
    const g = sc.dhid[u]!;
    grad[L.b1 + u]! += g;
    for (let k = 0; k < L.z; k++) {
      grad[L.w1 + u * L.z + k]! += g * sc.z[k]!;
      sc.dz[k]! += g * p[L.w1 + u * L.z + k]!;
    }
  }
  const norm = 1 / Math.sqrt(D);
  const target = sc.g; // the query inputs of this step
  for (let a = 0; a < o.heads; a++) {
    const d0 = sc.dz[a * V]!;
    const d1 = sc.dz[a * V + 1]!;
    if (d0 === 0 && d1 === 0) continue;
    const wa = a * o.context;
    const weights = sc.attn;
    let mean = 0;
    for (let c = 0; c < w.count; c++) mean += weights[wa + c]! * (d0 * w.values[c * V]! + d1 * w.values[c * V + 1]!);
    const dq = sc.dq.fill(0);
    let dAlpha = 0;
    const { keys, dKeys, q, decay } = sc;
    const values = w.values;
    if (D === 4) {
      // The usual width, unrolled: the same products and sums in the same order as the loop below.
      const qa = a * 4;
      const q0 = q[qa]!;
      const q1 = q[qa + 1]!;
      const q2 = q[qa + 2]!;
      const q3 = q[qa + 3]!;
      let dq0 = 0;
      let dq1 = 0;
      let dq2 = 0;
      let dq3 = 0;
      for (let c = 0, kc = a * w.count * 4; c < w.count; c++, kc += 4) {
        const de = weights[wa + c]! * (d0 * values[c * V]! + d1 * values[c * V + 1]! - mean);
        if (de === 0) continue;
        dAlpha += de * decay[c]!;
        dq0 += de * keys[kc]! * norm;
        dKeys[kc]! += de * q0 * norm;
        dq1 += de * keys[kc + 1]! * norm;
        dKeys[kc + 1]! += de * q1 * norm;
        dq2 += de * keys[kc + 2]! * norm;
        dKeys[kc + 2]! += de * q2 * norm;
        dq3 += de * keys[kc + 3]! * norm;
        dKeys[kc + 3]! += de * q3 * norm;
      }
      dq[0] = dq0;
      dq[1] = dq1;
      dq[2] = dq2;
      dq[3] = dq3;
    } else {
      for (let c = 0; c < w.count; c++) {
        const de = weights[wa + c]! * (d0 * values[c * V]! + d1 * values[c * V + 1]! - mean);
        if (de === 0) continue;
        dAlpha += de * decay[c]!;
        for (let d = 0; d < D; d++) {
          dq[d]! += de * keys[(a * w.count + c) * D + d]! * norm;
          dKeys[(a * w.count + c) * D + d]! += de * q[a * D + d]! * norm;
        }
      }
    }
    grad[L.alpha + a]! += dAlpha;
    for (let d = 0; d < D; d++) for (let f = 0; f < QF; f++) grad[L.wq + (a * D + d) * QF + f]! += dq[d]! * target[f]!;
  }
  return loss;
}

/** Most training windows whose built inputs are kept across epochs and members (about 8.5 kB each at a context of 104: 17 MB); more are rebuilt each time. */
const KEPT_WINDOWS = 2_000;

/** A training window: which series, where its history ends, and its loss weight. */
interface TrainWindow {
  series: number;
  origin: number;
  scale: number;
  weight: number;
}

/** Standard normal draws from a seeded uniform source. */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

function initialParams(o: GlobalOptions, L: Layout, random: () => number): Float64Array {
  const gauss = gaussian(random);
  const p = new Float64Array(L.size);
  for (let i = L.wq; i < L.alpha; i++) p[i] = 0.5 * gauss();
  // Heads start with different recency preferences: α = 0, 1, 2, …
  for (let a = 0; a < o.heads; a++) p[L.alpha + a] = a;
  const w1Scale = Math.sqrt(2 / L.z) * 0.5;
  for (let i = L.w1; i < L.b1; i++) p[i] = w1Scale * gauss();
  for (let i = L.w2; i < L.b2; i++) p[i] = (0.1 / Math.sqrt(o.hidden)) * gauss();
  // Start as "the median is the level of the last 26 periods, quantiles ±0.2 scale apart".
  for (let r = 1; r < NQ; r++) p[L.b2 + r] = -1.5;
  p[L.ws + o.heads * V + 2] = 1;
  return p;
}

/**
 * Trains one global model on all `series` (same dates; `offsets[i]` shifts series i in time when
 * it starts later than the others, so seasons line up). Series with values that are not finite
 * numbers are left out with a note; the model is untrained (windows = 0) when no series is long
 * enough, and its forecasts then fall back to the recent level.
 */
export function trainGlobal(series: readonly ArrayLike<number>[], period: number, options: Partial<GlobalOptions> = {}, offsets?: readonly number[], leads?: readonly (ArrayLike<number> | undefined)[]): GlobalModel {
  return drain(trainGlobalSteps(series, period, options, offsets, leads));
}

/** Runs a stepwise training to its end (no pauses) and returns its result. */
function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** One finished training pass (an epoch of one member), yielded by the stepwise trainers so that a caller can report progress, yield to its event loop and stop. */
export interface GlobalTrainingPass {
  /** Passes finished so far (1-based). */
  done: number;
  /** Passes in the whole training (models × members × epochs). */
  total: number;
}

/**
 * `trainGlobal` as a generator: yields after every epoch of every member (a worker awaits its
 * event loop there, reports progress and checks for cancel) and returns the same model.
 */
export function* trainGlobalSteps(series: readonly ArrayLike<number>[], period: number, options: Partial<GlobalOptions> = {}, offsets?: readonly number[], leads?: readonly (ArrayLike<number> | undefined)[], passOffset = 0, passTotal?: number): Generator<GlobalTrainingPass, GlobalModel> {
  const o: GlobalOptions = { ...DEFAULT_GLOBAL, ...options };
  const L = layout(o);
  const notes: CoreMessage[] = [];
  const prepared: Series[] = [];
  let nonFinite = 0;
  for (let i = 0; i < series.length; i++) {
    const y = Float64Array.from(series[i]!);
    if (!y.every(Number.isFinite)) {
      nonFinite++;
      continue;
    }
    prepared.push(toSeries(y, offsets?.[i] ?? 0, leads?.[i]));
  }
  if (nonFinite > 0) notes.push(coreMessage('global.non-finite', { n: nonFinite }));
  const windows: TrainWindow[] = [];
  const used = new Set<number>();
  prepared.forEach((s, i) => {
    const n = s.y.length;
    const mscale = maseScale(s.y, period);
    for (let origin = o.minHistory; origin < n; origin += o.originStride) {
      const start = Math.max(0, origin - o.context);
      const scale = windowScale(s, start, origin, period);
      if (!(scale > 0) || !Number.isFinite(scale)) continue; // all zero so far: nothing to scale by
      windows.push({ series: i, origin, scale, weight: scale / mscale });
      used.add(i);
    }
  });
  if (windows.length > o.maxWindows) {
    const total = windows.length;
    const pick = seededRandom(o.seed ^ 0x5eed);
    for (let i = 0; i < o.maxWindows; i++) {
      const j = i + Math.floor(pick() * (total - i));
      [windows[i], windows[j]] = [windows[j]!, windows[i]!];
    }
    windows.length = o.maxWindows;
    notes.push(coreMessage('global.sampled', { n: o.maxWindows, total }));
  }
  const params = initialParams(o, L, seededRandom(o.seed));
  const model: GlobalModel = { options: o, period, params, members: [params], windows: windows.length, seriesUsed: new Set(windows.map((w) => w.series)).size, finalLoss: NaN, notes };
  if (windows.length === 0) {
    notes.push(coreMessage('global.untrained', { n: o.minHistory }));
    return model;
  }
  if (used.size < 2) notes.push(coreMessage('global.one-series'));
  // Loss weights scale / MASE scale make the loss follow MASE; capped at 5× the median so that a
  // nearly constant series (tiny MASE scale) cannot take over the training.
  const sorted = windows.map((w) => w.weight).sort((a, b) => a - b);
  const cap = 5 * sorted[Math.floor(sorted.length / 2)]!;
  let weightSum = 0;
  for (const w of windows) weightSum += (w.weight = Math.min(w.weight, cap));
  for (const w of windows) w.weight *= windows.length / weightSum;

  const members: Float64Array[] = [];
  let lossSum = 0;
  // Windows do not depend on the weights: built once and kept for every epoch and member when there are few enough.
  const built: (Window | undefined)[] | undefined = windows.length <= KEPT_WINDOWS ? [] : undefined;
  for (let m = 0; m < Math.max(1, o.members); m++) {
    const member = yield* trainMemberSteps(prepared, windows, o, L, period, o.seed + m, passOffset + m * o.epochs, passTotal ?? Math.max(1, o.members) * o.epochs, built);
    if (!member.params.every(Number.isFinite)) continue;
    members.push(member.params);
    lossSum += member.finalLoss;
  }
  if (members.length === 0) {
    model.windows = 0;
    notes.push(coreMessage('global.diverged'));
    return model;
  }
  if (members.length < Math.max(1, o.members)) notes.push(coreMessage('global.members-diverged', { n: Math.max(1, o.members) - members.length, members: o.members }));
  model.members = members;
  model.params = members[0]!;
  model.finalLoss = lossSum / members.length;
  return model;
}

/** Trains one member (its own seed: initial weights and sampling order) on the windows, yielding after each epoch; returns its weights and last-epoch loss. */
function* trainMemberSteps(prepared: readonly Series[], windows: readonly TrainWindow[], o: GlobalOptions, L: Layout, period: number, seed: number, passOffset: number, passTotal: number, built?: (Window | undefined)[]): Generator<GlobalTrainingPass, { params: Float64Array; finalLoss: number }> {
  const random = seededRandom(seed);
  const params = initialParams(o, L, random);
  let finalLoss = NaN;
  const sc = scratch(o, L);
  const grad = new Float64Array(L.size);
  const m1 = new Float64Array(L.size);
  const m2 = new Float64Array(L.size);
  const order = windows.map((_, i) => i);
  const stepsPerEpoch = Math.ceil(windows.length / o.batch);
  const totalSteps = o.epochs * stepsPerEpoch;
  let adamStep = 0;
  const steps: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let epochLoss = 0;
    let epochTargets = 0;
    for (let b = 0; b < order.length; b += o.batch) {
      grad.fill(0);
      let targets = 0;
      for (let k = b; k < Math.min(order.length, b + o.batch); k++) {
        const tw = windows[order[k]!]!;
        const s = prepared[tw.series]!;
        const available = Math.min(o.horizon, s.y.length - tw.origin);
        steps.length = 0;
        if (available <= o.stepsPerWindow) for (let h = 1; h <= available; h++) steps.push(h);
        else for (let h = 0; h < o.stepsPerWindow; h++) steps.push(1 + Math.floor(random() * available));
        const index = order[k]!;
        const w = built?.[index] ?? buildWindow(s, tw.origin, o, period, tw.scale);
        if (built) built[index] = w;
        let maxStep = 1;
        for (const h of steps) if (h > maxStep) maxStep = h;
        computeKeys(params, o, L, w, sc, maxStep);
        sc.dKeys.fill(0, 0, o.heads * w.count * o.keyDim);
        for (const h of steps) {
          forwardStep(params, o, L, period, s, tw.origin, w, h, sc);
          epochLoss += backwardStep(params, grad, o, L, w, s.y[tw.origin + h - 1]! / tw.scale, tw.weight, sc);
          targets++;
        }
        addKeyGradient(grad, o, L, w, sc);
      }
      epochTargets += targets;
      // Mean gradient, clipped to norm 5, then Adam with a learning rate decaying to a tenth.
      let norm = 0;
      for (let i = 0; i < L.size; i++) norm += (grad[i]! /= targets) ** 2;
      norm = Math.sqrt(norm);
      const clip = norm > 5 ? 5 / norm : 1;
      adamStep++;
      const lr = o.learningRate * (1 - (0.9 * (adamStep - 1)) / Math.max(1, totalSteps - 1));
      const c1 = 1 - 0.9 ** adamStep;
      const c2 = 1 - 0.999 ** adamStep;
      for (let i = 0; i < L.size; i++) {
        const g = grad[i]! * clip;
        m1[i] = 0.9 * m1[i]! + 0.1 * g;
        m2[i] = 0.999 * m2[i]! + 0.001 * g * g;
        params[i]! -= (lr * (m1[i]! / c1)) / (Math.sqrt(m2[i]! / c2) + 1e-8);
      }
    }
    finalLoss = epochLoss / Math.max(1, epochTargets);
    yield { done: passOffset + epoch + 1, total: passTotal };
  }
  return { params, finalLoss };
}

/** Forecast that repeats one value, with all quantiles equal to it. */
function flat(value: number, horizon: number, notes: CoreMessage[]): GlobalForecast {
  const point = new Float64Array(horizon).fill(value);
  return { point, quantiles: GLOBAL_QUANTILES.map(() => point.slice()), notes };
}

/**
 * Forecasts `horizon` periods after `y` with a trained global model (`offset`: where y starts on
 * the set's time line). Never returns NaN: when the model cannot be used (untrained, empty or
 * non-finite history, constant or all-zero recent values) it falls back to a flat forecast and
 * says why in `notes`.
 */
export function globalForecast(model: GlobalModel, y: ArrayLike<number>, horizon: number, offset = 0, lead?: ArrayLike<number>): GlobalForecast {
  const notes: CoreMessage[] = [];
  const n = y.length;
  const values = Float64Array.from(y);
  if (n === 0) return flat(0, horizon, [coreMessage('global.forecast-empty')]);
  if (!values.every(Number.isFinite)) {
    let last = 0;
    for (const v of values) if (Number.isFinite(v)) last = v;
    return flat(last, horizon, [coreMessage('global.forecast-gaps')]);
  }
  const o = model.options;
  const recentFrom = Math.max(0, n - Math.max(model.period, 13));
  // Divided before summing, so values near the largest number do not overflow the mean.
  const recentLevel = values.subarray(recentFrom).reduce((a, b) => a + b / (n - recentFrom), 0);
  if (model.windows === 0) return flat(recentLevel, horizon, [coreMessage('global.forecast-untrained')]);
  if (values.every((v) => v === values[0])) return flat(values[0]!, horizon, [coreMessage('global.forecast-constant')]);
  const s = toSeries(values, offset, lead);
  const start = Math.max(0, n - o.context);
  const scale = windowScale(s, start, n, model.period);
  if (!Number.isFinite(scale)) return flat(values[n - 1]!, horizon, [coreMessage('global.forecast-too-large')]);
  if (!(scale > 0)) return flat(0, horizon, [coreMessage('global.forecast-zero')]);
  if (n < o.minHistory) notes.push(coreMessage('global.forecast-short', { n, min: o.minHistory }));
  const L = layout(o);
  const sc = scratch(o, L);
  const w = buildWindow(s, n, o, model.period, scale);
  const quantiles = GLOBAL_QUANTILES.map(() => new Float64Array(horizon));
  const widen = [o.widen95, o.widen80, 1, o.widen80, o.widen95];
  for (const params of model.members) {
    computeKeys(params, o, L, w, sc, horizon);
    for (let h = 1; h <= horizon; h++) {
      forwardStep(params, o, L, model.period, s, n, w, h, sc, false);
      const median = sc.quant[2]!;
      for (let k = 0; k < NQ; k++) quantiles[k]![h - 1]! += ((median + widen[k]! * (sc.quant[k]! - median)) * scale) / model.members.length;
    }
  }
  if (!quantiles.every((q) => q.every(Number.isFinite))) return flat(recentLevel, horizon, [...notes, coreMessage('global.forecast-out-of-range')]);
  return { point: quantiles[2]!.slice(), quantiles, notes };
}

/** Attention weights of every head for target `step` (1-based) after `y`: one array per head, oldest period first. */
export function globalAttention(model: GlobalModel, y: ArrayLike<number>, step: number, offset = 0): Float64Array[] {
  const o = model.options;
  const L = layout(o);
  const values = Float64Array.from(y);
  const s = toSeries(values, offset);
  const start = Math.max(0, values.length - o.context);
  const scale = windowScale(s, start, values.length, model.period) || 1;
  const sc = scratch(o, L);
  const w = buildWindow(s, values.length, o, model.period, scale);
  computeKeys(model.params, o, L, w, sc, step);
  forwardStep(model.params, o, L, model.period, s, values.length, w, step, sc, false);
  return Array.from({ length: o.heads }, (_, a) => sc.attn.slice(a * o.context, a * o.context + w.count));
}

/** Pinball (quantile) loss of one forecast quantile array against the actual values, averaged over steps. */
export function pinballLoss(actual: ArrayLike<number>, quantile: ArrayLike<number>, level: number): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const u = actual[i]! - quantile[i]!;
    sum += u >= 0 ? level * u : (level - 1) * u;
  }
  return sum / actual.length;
}

/** A copy of `model` with every head's time-decay weight α set to `alpha` (for tests and explanations). */
export function withAlpha(model: GlobalModel, alpha: number): GlobalModel {
  const L = layout(model.options);
  const members = model.members.map((p) => p.slice().fill(alpha, L.alpha, L.alpha + model.options.heads));
  return { ...model, params: members[0]!, members, notes: [...model.notes] };
}

/**
 * Weighted pinball loss (weight 1) of one window of `y` ending at `origin`, summed over the target
 * `steps`, and its gradient with respect to `model.params` — the quantities training uses, exposed
 * so that the hand-written gradient can be checked against finite differences.
 */
export function windowLossAndGradient(model: GlobalModel, y: ArrayLike<number>, origin: number, steps: readonly number[]): { loss: number; gradient: Float64Array } {
  const o = model.options;
  const L = layout(o);
  const s = toSeries(Float64Array.from(y), 0);
  const start = Math.max(0, origin - o.context);
  const scale = windowScale(s, start, origin, model.period);
  const sc = scratch(o, L);
  const gradient = new Float64Array(L.size);
  const w = buildWindow(s, origin, o, model.period, scale);
  computeKeys(model.params, o, L, w, sc, Math.max(1, ...steps));
  sc.dKeys.fill(0);
  let loss = 0;
  for (const h of steps) {
    forwardStep(model.params, o, L, model.period, s, origin, w, h, sc);
    loss += backwardStep(model.params, gradient, o, L, w, s.y[origin + h - 1]! / scale, 1, sc);
  }
  addKeyGradient(gradient, o, L, w, sc);
  return { loss, gradient };
}

/** Adds dWk = Σⱼ dKⱼ ⊗ key inputsⱼ (the key gradients gathered in sc.dKeys) to `grad`. */
function addKeyGradient(grad: Float64Array, o: GlobalOptions, L: Layout, w: Window, sc: Scratch): void {
  const D = o.keyDim;
  for (let a = 0; a < o.heads; a++)
    for (let c = 0; c < w.count; c++)
      for (let d = 0; d < D; d++) {
        const g = sc.dKeys[(a * w.count + c) * D + d]!;
        if (g === 0) continue;
        const row = L.wk + (a * D + d) * KF;
        for (let f = 0; f < KF; f++) grad[row + f]! += g * w.keyIn[c * KF + f]!;
      }
}

/**
 * Global models of one set trained at several cut-offs (each on the first `cut` periods of every
 * series), so that a forecast made from m periods of history uses only a model that never saw
 * period m or later: backtest folds are scored honestly.
 */
export interface GlobalModels {
  /** Training cut-offs, ascending (periods of the set's time line). */
  cuts: number[];
  /** The model trained at each cut-off. */
  models: GlobalModel[];
}

/**
 * Trains one global model per cut-off in `cuts` (series on one time line). Each series is first
 * repaired as for forecasting (leading gaps dropped, so it starts later on the time line; interior
 * gaps filled); a series without numbers before a cut-off is left out of that model.
 */
export function trainGlobalModels(series: readonly ArrayLike<number>[], period: number, cuts: readonly number[], options: Partial<GlobalOptions> = {}, leads?: readonly (ArrayLike<number> | undefined)[]): GlobalModels {
  return drain(trainGlobalModelsSteps(series, period, cuts, options, leads));
}

/** `trainGlobalModels` as a generator: yields after every epoch of every member of every cut-off's model (progress over all of them). */
export function* trainGlobalModelsSteps(series: readonly ArrayLike<number>[], period: number, cuts: readonly number[], options: Partial<GlobalOptions> = {}, leads?: readonly (ArrayLike<number> | undefined)[]): Generator<GlobalTrainingPass, GlobalModels> {
  const sorted = [...new Set(cuts)].filter((c) => c > 0).sort((a, b) => a - b);
  const o = { ...DEFAULT_GLOBAL, ...options };
  const perModel = Math.max(1, o.members) * o.epochs;
  const models: GlobalModel[] = [];
  for (const [k, cut] of sorted.entries()) {
    const values: Float64Array[] = [];
    const offsets: number[] = [];
    const cutLeads: (ArrayLike<number> | undefined)[] = [];
    for (const [j, y] of series.entries()) {
      try {
        const prepared = prepareSeries(Array.prototype.slice.call(y, 0, cut) as number[]);
        values.push(prepared.values);
        offsets.push(prepared.droppedLeading);
        // The lead on the repaired series' periods (from its first number), never past the cut-off.
        const lead = leads?.[j];
        cutLeads.push(lead ? Array.prototype.slice.call(lead, prepared.droppedLeading, cut) as number[] : undefined);
      } catch (error) {
        if (!(error instanceof ForecastInputError)) throw error;
      }
    }
    models.push(yield* trainGlobalSteps(values, period, options, offsets, leads ? cutLeads : undefined, k * perModel, sorted.length * perModel));
  }
  return { cuts: sorted, models };
}

/** The newest model trained on at most `end` periods of the time line (undefined if none). */
export function pickGlobal(models: GlobalModels, end: number): GlobalModel | undefined {
  let chosen: GlobalModel | undefined;
  models.cuts.forEach((cut, i) => {
    if (cut <= end) chosen = models.models[i];
  });
  return chosen;
}
