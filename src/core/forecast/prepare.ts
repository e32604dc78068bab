/** Checks and repairs one series before forecasting, and says in plain words what it did. */

import { coreMessage, englishText, type CoreMessage, type MessageParam } from '../messages.ts';

/** A series ready for the models, with what was found in it. */
export interface PreparedSeries {
  /** Values with gaps filled; leading missing values dropped. */
  values: Float64Array;
  /** How many leading missing values were dropped (the series starts later). */
  droppedLeading: number;
  /** Every value is the same (forecasts are flat, intervals have zero width). */
  constant: boolean;
  /** Every value is zero. */
  allZero: boolean;
  /** No value is negative, so forecasts and interval bounds are kept at or above zero. */
  nonNegative: boolean;
  /** Every value is above zero (multiplicative models are allowed). */
  positive: boolean;
  /** Notes for the user, as message codes with parameters. */
  notes: CoreMessage[];
}

/** Thrown when a series cannot be forecast at all (e.g. no numbers in it). */
export class ForecastInputError extends Error {
  override name = 'ForecastInputError';
  /** The reason as a message code and parameters, when it is one users see (else undefined). */
  readonly detail?: CoreMessage;
  constructor(message: string | CoreMessage) {
    super(typeof message === 'string' ? message : englishText(message));
    if (typeof message !== 'string') this.detail = message;
  }
}

/** Fills interior gaps linearly, carries the last value over trailing gaps, drops leading gaps. */
export function prepareSeries(raw: ArrayLike<number>, name: MessageParam = coreMessage('forecast.this-series')): PreparedSeries {
  const notes: CoreMessage[] = [];
  let start = 0;
  while (start < raw.length && !Number.isFinite(raw[start]!)) start++;
  if (start === raw.length) throw new ForecastInputError(coreMessage('forecast.no-numbers', { name }));
  const values = new Float64Array(raw.length - start);
  let filled = 0;
  let lastKnown = -1;
  for (let t = 0; t < values.length; t++) {
    const v = raw[start + t]!;
    if (Number.isFinite(v)) {
      if (lastKnown >= 0 && t - lastKnown > 1) {
        const from = values[lastKnown]!;
        for (let g = lastKnown + 1; g < t; g++) values[g] = from + ((v - from) * (g - lastKnown)) / (t - lastKnown);
      }
      values[t] = v;
      lastKnown = t;
    } else filled++;
  }
  for (let t = lastKnown + 1; t < values.length; t++) values[t] = values[lastKnown]!;
  if (start > 0) notes.push(coreMessage('forecast.empty-start', { n: start, name }));
  if (filled > 0) notes.push(coreMessage('forecast.filled', { n: filled, name }));
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const constant = min === max;
  const allZero = constant && min === 0;
  if (allZero) notes.push(coreMessage('forecast.all-zero', { name }));
  else if (constant) notes.push(coreMessage('forecast.constant', { name }));
  if (min < 0) notes.push(coreMessage('forecast.negative', { name }));
  return { values, droppedLeading: start, constant, allZero, nonNegative: min >= 0, positive: min > 0, notes };
}
