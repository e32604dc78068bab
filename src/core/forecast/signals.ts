/**
 * Trend signals a designer can read at a glance: a label, a velocity from −3 to +3, when the
 * forecast peaks, and the change against the same period last year — or an honest
 * "not enough history" when the series is too short to say.
 */
import { seasonalStrength } from './decompose.ts';
import { overflowSafeMean } from './metrics.ts';
import { coreMessage, type CoreMessage, type MessageCode } from '../messages.ts';

/** The kind of movement a series shows. */
export type TrendLabel = 'emerging' | 'growing' | 'steady' | 'declining' | 'seasonal';

/** Signals for one series. */
export interface TrendSignal {
  /** The movement; undefined when there is not enough history. */
  label?: TrendLabel;
  /** −3 (falling fast) … 0 (flat) … +3 (rising fast); undefined when there is not enough history. */
  velocity?: number;
  /** Periods from the last observed one to the forecast peak within the next season or horizon (1 = next period); undefined if the forecast still rises at its end. */
  periodsToPeak?: number;
  /** Relative change of the latest periods against the same periods one season earlier (0.25 = +25%); undefined without a full season of history or from a zero base. */
  changeVsLastYear?: number;
  /** True when the history is too short for a label and velocity. */
  notEnoughHistory: boolean;
  /** One sentence explaining the signal, as a message code and parameters (`englishText` words it in English). */
  explanation: CoreMessage;
  /** Set when the forecast's next period goes against the label: 'falls' for a rising label, 'rises' for a declining one. */
  forecastDisagrees?: 'falls' | 'rises';
  /** Relative change from the recent level to the next period's forecast (−0.83 = −83 %), when the forecast disagrees. */
  forecastChange?: number;
  /** Why label and forecast differ, in plain words (English), when they do. */
  forecastNote?: string;
}

/** Settings that define the signal thresholds. */
export interface SignalOptions {
  /** Season length in periods (52 for weekly data). */
  period: number;
  /** Periods averaged for "recent level" (13 weeks = a quarter for weekly data). */
  window: number;
}

/** Velocity from a relative change: |r| < 5% → 0, < 15% → 1, < 40% → 2, otherwise 3, with r's sign. */
export function velocityFromChange(change: number): number {
  const size = Math.abs(change);
  const step = size < 0.05 ? 0 : size < 0.15 ? 1 : size < 0.4 ? 2 : 3;
  return Math.sign(change) * step;
}

function mean(y: ArrayLike<number>, from: number, to: number): number {
  return overflowSafeMean(to - from, (i) => y[from + i]!);
}

// The code of each label's sentence.
const WHAT: Record<TrendLabel, MessageCode> = {
  emerging: 'signal.what-emerging',
  growing: 'signal.what-growing',
  declining: 'signal.what-declining',
  seasonal: 'signal.what-seasonal',
  steady: 'signal.what-steady',
};

/** Computes the signals of one series from its history and its point forecast. */
export function trendSignal(history: Float64Array, forecast: Float64Array, options: SignalOptions): TrendSignal {
  const n = history.length;
  const { period } = options;
  const window = Math.max(1, Math.min(options.window, period > 1 ? period : options.window));
  const signal: TrendSignal = { notEnoughHistory: false, explanation: coreMessage('signal.no-activity') };
  // Peak: the forecast's highest point, unless it is still climbing at the end of the horizon.
  if (forecast.length > 0) {
    let peak = 0;
    for (let h = 1; h < forecast.length; h++) if (forecast[h]! > forecast[peak]!) peak = h;
    if (peak < forecast.length - 1 || forecast.length === 1) signal.periodsToPeak = peak + 1;
  }
  const yearly = period > 1 && n >= period + window;
  if (yearly) {
    const before = mean(history, n - period - window, n - period);
    const now = mean(history, n - window, n);
    if (before > 0) signal.changeVsLastYear = now / before - 1;
  }
  if (n < 2 * window) {
    signal.notEnoughHistory = true;
    signal.explanation = coreMessage('signal.not-enough-history', { n, needed: 2 * window });
    return signal;
  }
  const now = mean(history, n - window, n);
  // With a year of history compare with the same time last year (no seasonal bias); otherwise with the previous window.
  const base = yearly ? mean(history, n - period - window, n - period) : mean(history, n - 2 * window, n - window);
  const allZero = now === 0 && base === 0;
  const change = allZero ? 0 : base > 0 ? now / base - 1 : now > 0 ? Infinity : 0;
  signal.velocity = velocityFromChange(Number.isFinite(change) ? change : 1);
  // 'seasonal' when at least half of the detrended movement is the yearly pattern.
  const seasonal = seasonalStrength(history, period) >= 0.5;
  const emerging = now > 0 && (base <= 0 || base < 0.4 * now) && signal.velocity >= 2;
  signal.label = emerging ? 'emerging' : signal.velocity >= 1 ? 'growing' : signal.velocity <= -1 ? 'declining' : seasonal ? 'seasonal' : 'steady';
  const compared = coreMessage(yearly ? 'signal.vs-last-year' : 'signal.vs-just-before');
  const pct = Number.isFinite(change) ? `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%` : coreMessage('signal.from-nothing');
  const what = coreMessage(WHAT[signal.label]);
  const explanation = allZero ? coreMessage('signal.no-activity') : coreMessage('signal.explained', { what, change: pct, window, compared });
  signal.explanation = !yearly && period > 1 ? coreMessage('signal.short-history', { explanation }) : explanation;
  reconcileWithForecast(signal, now, forecast[0], window);
  return signal;
}

/**
 * The label looks back (recent periods against earlier ones); the forecast looks ahead and also
 * weighs the whole history and the time of year, so the two can point different ways ("Growing"
 * while the next period is forecast to fall). When they do, the signal says so and why, using the
 * same steps as the velocity (a move of 5 % or more counts).
 */
function reconcileWithForecast(signal: TrendSignal, now: number, next: number | undefined, window: number): void {
  if (next === undefined || !Number.isFinite(next) || !Number.isFinite(now)) return;
  const rising = signal.label === 'growing' || signal.label === 'emerging';
  const falling = signal.label === 'declining';
  if (!rising && !falling) return;
  const change = now > 0 ? next / now - 1 : next > 0 ? Infinity : 0;
  const step = velocityFromChange(Number.isFinite(change) ? change : 1);
  if (!((rising && step <= -1) || (falling && step >= 1))) return;
  signal.forecastDisagrees = rising ? 'falls' : 'rises';
  signal.forecastChange = change;
  const pct = Number.isFinite(change) ? `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%` : 'from nothing';
  signal.forecastNote =
    `But the forecast expects it to ${rising ? 'fall' : 'rise'} next period (${pct} against the last ${window} period${window === 1 ? '' : 's'}): ` +
    `the label compares the recent periods with earlier ones, while the forecast also weighs the whole history and the time of year.`;
}
