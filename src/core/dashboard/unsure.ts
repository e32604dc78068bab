/**
 * "Unsure" labels on the dashboard: the model's per-item sure/unsure flags (`sure_<head>` columns)
 * as bytes for counting, how much of the catalogue is unsure, and which head a facet belongs to.
 * Pure; no DOM.
 */
import { DataType, type Vector } from 'apache-arrow';
import { headOfLabelColumn, modelHeadsIn, modelLabelColumn, SHIPPED_MODEL_HEADS, sureColumn } from '../columnKinds.ts';

/** Flag byte of an item the model is sure about. */
export const SURE = 1;
/** Flag byte of an item the model is unsure about. */
export const UNSURE = 0;
/** Flag byte of an item without a label (no text), neither sure nor unsure. */
export const NO_LABEL = 2;

/** A Bool column (`sure_<head>`) as one byte per item: SURE, UNSURE or NO_LABEL (null). */
export function sureFlagsOf(vector: Vector): Uint8Array {
  if (!DataType.isBool(vector.type)) throw new Error(`The column of sure/unsure flags must hold true/false values, not ${String(vector.type)}.`);
  const out = new Uint8Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value === true ? SURE : value === false ? UNSURE : NO_LABEL;
  }
  return out;
}

/** How many items have a label, how many of those are unsure, and the unsure share (NaN when none is labelled). */
export interface UnsureSummary {
  /** Items with a label (sure or unsure). */
  labelled: number;
  /** Items whose label is unsure. */
  unsure: number;
  /** unsure / labelled, 0…1 (NaN when nothing is labelled). */
  share: number;
}

/** Counts unsure labels among the labelled items of a flag array. */
export function unsureSummary(flags: ArrayLike<number>): UnsureSummary {
  let labelled = 0;
  let unsure = 0;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === SURE) labelled++;
    else if (flags[i] === UNSURE) labelled++, unsure++;
  }
  return { labelled, unsure, share: labelled > 0 ? unsure / labelled : Number.NaN };
}

/** The model head behind a label column (`pred_<head>` → head; core/columnKinds.ts), or undefined for other columns. */
export function headOfColumn(column: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): string | undefined {
  return headOfLabelColumn(column, modelHeads);
}

/**
 * The head the unsure message (and teaching) is about: the facet's own head when the facet is a
 * model label column with sure/unsure flags, else `preferred` (when flagged), else the first head
 * with flags in column order; undefined when no column has flags.
 */
export function unsureHeadFor(facet: string, columns: readonly string[], preferred = 'articleType'): string | undefined {
  const flagged = (head: string | undefined): head is string => head !== undefined && columns.includes(modelLabelColumn(head)) && columns.includes(sureColumn(head));
  const heads = modelHeadsIn(columns);
  const own = headOfColumn(facet, heads);
  if (flagged(own)) return own;
  if (flagged(preferred)) return preferred;
  return columns.map((c) => headOfColumn(c, heads)).find(flagged);
}

/**
 * A filter mask that also leaves out unsure labels (so the items behind a sure-only trend point
 * are exactly those counted): 1 where `mask` passes (or no mask) and the flag is SURE.
 */
export function sureOnlyMask(itemCount: number, sure: ArrayLike<number>, mask?: Uint8Array): Uint8Array {
  if (sure.length !== itemCount) throw new Error(`Got sure/unsure flags for ${sure.length} items but there are ${itemCount}.`);
  const out = new Uint8Array(itemCount);
  for (let i = 0; i < itemCount; i++) out[i] = (mask === undefined || mask[i] === 1) && sure[i] === SURE ? 1 : 0;
  return out;
}
