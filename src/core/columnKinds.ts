/**
 * The columns Trendloom derives beside a catalogue's own, in one place (issue 19, item 4): what
 * each kind is called, and what a column's name says it is. The app and the `trendloom` CLI name
 * them the same way:
 *
 * | kind | name | what it holds |
 * | --- | --- | --- |
 * | `label` | `pred_<head>`, `pred_<head>_<k>` (k ≥ 2, top-k) | the shipped model's label of a head |
 * | `probability` | `prob_<head>`, `prob_<head>_<k>` | its calibrated probability |
 * | `sure` | `sure_<head>` | true/false: the label passes the model's unsure rule |
 * | `head-label` | `pred_<label>` (`pred_<label>_head`, `_head2`… when taken) | a fine-tuned head's label (`trendloom train-head`, "Train a head", "Learn this column") |
 * | `head-probability` | `prob_<label>` (same suffix) | that head's probability |
 * | `filled` | `filled_<column>` | true where "Learn this column" filled the file's empty cell |
 * | `correction` | `label_<head>` | a label the designer typed in the item details |
 * | `kept` | `model_pred_<head>`, `model_prob_<head>`, `model_sure_<head>` | the model's own columns, kept while the teach loop rewrites `pred_/prob_/sure_<head>` |
 * | `ood-distance` | `ood_distance` | how far an item's text is from the model's training data |
 *
 * A fine-tuned head is named as the CLI has always named it (`pred_<label>` / `prob_<label>`,
 * the meaning of `trendloom classify --head` output unchanged); the app named it `ft_<label>` /
 * `ft_prob_<label>` (and `ft_filled_<column>`) before, which `parseColumn` still reads for
 * datasets saved then. `pred_<x>` is a model head when `x` is one of the model's heads (the
 * shipped model's unless given), else a fine-tuned head's: a head whose label is a model head's
 * name gets the `_head` suffix, so the two never share a name. Pure strings; no Arrow, no DOM.
 */

/** The heads of the shipped classifier (`public/models/trendloom-classifier/config.json`), in model order. */
export const SHIPPED_MODEL_HEADS: readonly string[] = ['articleType', 'subCategory', 'masterCategory', 'baseColour', 'usage', 'gender', 'season'];

/** What a derived column is (see the table above); file columns are none of these. */
export type DerivedColumn =
  | { kind: 'label'; head: string; rank: number }
  | { kind: 'probability'; head: string; rank: number }
  | { kind: 'sure'; head: string }
  | { kind: 'head-label'; label: string }
  | { kind: 'head-probability'; label: string }
  | { kind: 'filled'; column: string }
  | { kind: 'correction'; head: string }
  | { kind: 'kept'; part: 'label' | 'probability' | 'sure'; head: string }
  | { kind: 'ood-distance' };

/** The kinds of derived columns. */
export type DerivedKind = DerivedColumn['kind'];

const PART_PREFIX = { label: 'pred_', probability: 'prob_', sure: 'sure_' } as const;

/** The name of a derived column. */
export function columnName(column: DerivedColumn): string {
  switch (column.kind) {
    case 'label':
    case 'probability':
      return `${PART_PREFIX[column.kind]}${column.head}${column.rank > 1 ? `_${column.rank}` : ''}`;
    case 'sure':
      return `sure_${column.head}`;
    case 'head-label':
      return `pred_${column.label}`;
    case 'head-probability':
      return `prob_${column.label}`;
    case 'filled':
      return `filled_${column.column}`;
    case 'correction':
      return `label_${column.head}`;
    case 'kept':
      return `model_${PART_PREFIX[column.part]}${column.head}`;
    case 'ood-distance':
      return 'ood_distance';
  }
}

/** The probability column written beside a label column: `pred_<x>` → `prob_<x>` (undefined for any other name, e.g. the old `ft_<x>`). */
export function probabilityColumnBeside(labelColumn: string): string | undefined {
  return labelColumn.startsWith(PART_PREFIX.label) ? PART_PREFIX.probability + labelColumn.slice(PART_PREFIX.label.length) : undefined;
}

/** `pred_<head>`: the model's label column of a head. */
export const modelLabelColumn = (head: string): string => columnName({ kind: 'label', head, rank: 1 });
/** `prob_<head>`: the model's probability column of a head. */
export const modelProbabilityColumn = (head: string): string => columnName({ kind: 'probability', head, rank: 1 });
/** `sure_<head>`: the model's sure/unsure flags of a head. */
export const sureColumn = (head: string): string => columnName({ kind: 'sure', head });
/** `label_<head>`: the designer's corrections of a head. */
export const correctionColumn = (head: string): string => columnName({ kind: 'correction', head });
/** `model_pred_<head>` / `model_prob_<head>` / `model_sure_<head>`: the model's own columns kept by the teach loop. */
export const keptColumn = (part: 'label' | 'probability' | 'sure', head: string): string => columnName({ kind: 'kept', part, head });
/** `filled_<column>`: the items whose empty cell of `column` a taught head filled in. */
export const filledColumn = (column: string): string => columnName({ kind: 'filled', column });

/** Every column the model writes for its heads: label, probability and sure flag per head, and labels 2…maxRank. */
export function modelColumnNames(heads: readonly string[], maxRank = 1): string[] {
  return heads.flatMap((head) => [
    modelLabelColumn(head),
    modelProbabilityColumn(head),
    sureColumn(head),
    ...Array.from({ length: Math.max(0, maxRank - 1) }, (_, k) => [columnName({ kind: 'label', head, rank: k + 2 }), columnName({ kind: 'probability', head, rank: k + 2 })]).flat(),
  ]);
}

/**
 * The label and probability column names of a fine-tuned head trained on `label`: `pred_<label>`
 * and `prob_<label>`, or with the first suffix (`_head`, `_head2`, …) that leaves both free of
 * `taken` (the table's columns, and the model's whatever the table holds) — a head never shadows
 * a column. Adds the two names to `taken`.
 */
export function headColumnNames(label: string, taken: Set<string>, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): { label: string; probability: string } {
  const reserved = (name: string) => taken.has(name) || parseColumn(name, modelHeads)?.kind === 'label' || parseColumn(name, modelHeads)?.kind === 'probability';
  for (let k = 0; ; k++) {
    const suffix = k === 0 ? '' : k === 1 ? '_head' : `_head${k}`;
    const names = { label: `pred_${label}${suffix}`, probability: `prob_${label}${suffix}` };
    if (!reserved(names.label) && !reserved(names.probability)) {
      taken.add(names.label);
      taken.add(names.probability);
      return names;
    }
  }
}

/**
 * What a column's name says it is, or undefined for a file's own column. `pred_<x>` / `prob_<x>`
 * are the model's when `x` (less a `_<k>` rank) is one of `modelHeads`, else a fine-tuned head's
 * (its `_head…` suffix dropped from `label`). Names the app used before (`ft_`, `ft_prob_`,
 * `ft_filled_`) read as the same kinds.
 */
export function parseColumn(name: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): DerivedColumn | undefined {
  if (name === 'ood_distance') return { kind: 'ood-distance' };
  const rest = (prefix: string) => (name.length > prefix.length && name.startsWith(prefix) ? name.slice(prefix.length) : undefined);
  let x: string | undefined;
  if ((x = rest('model_pred_')) !== undefined) return { kind: 'kept', part: 'label', head: x };
  if ((x = rest('model_prob_')) !== undefined) return { kind: 'kept', part: 'probability', head: x };
  if ((x = rest('model_sure_')) !== undefined) return { kind: 'kept', part: 'sure', head: x };
  if ((x = rest('ft_filled_')) !== undefined) return { kind: 'filled', column: x };
  if ((x = rest('ft_prob_')) !== undefined) return { kind: 'head-probability', label: x };
  if ((x = rest('ft_')) !== undefined) return { kind: 'head-label', label: x };
  if ((x = rest('filled_')) !== undefined) return { kind: 'filled', column: x };
  if ((x = rest('label_')) !== undefined) return { kind: 'correction', head: x };
  if ((x = rest('sure_')) !== undefined) return { kind: 'sure', head: x };
  for (const part of ['label', 'probability'] as const) {
    if ((x = rest(PART_PREFIX[part])) === undefined) continue;
    if (modelHeads.includes(x)) return { kind: part, head: x, rank: 1 };
    const ranked = /^(.+)_(\d+)$/.exec(x);
    if (ranked && modelHeads.includes(ranked[1]!) && Number(ranked[2]) >= 2) return { kind: part, head: ranked[1]!, rank: Number(ranked[2]) };
    const label = x.replace(/_head\d*$/, '') || x;
    return part === 'label' ? { kind: 'head-label', label } : { kind: 'head-probability', label };
  }
  return undefined;
}

/** Whether a column is one Trendloom derived (any kind above), not the file's own. */
export function isDerivedColumn(name: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): boolean {
  return parseColumn(name, modelHeads) !== undefined;
}

/** The model head of a model label column (`pred_<head>`, rank 1), or undefined for any other column. */
export function headOfLabelColumn(name: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): string | undefined {
  const parsed = parseColumn(name, modelHeads);
  return parsed?.kind === 'label' && parsed.rank === 1 ? parsed.head : undefined;
}

/** Whether a column holds labels a model or a head wrote (a model head's, top-k included, or a fine-tuned head's). */
export function isLabelColumn(name: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): boolean {
  const kind = parseColumn(name, modelHeads)?.kind;
  return kind === 'label' || kind === 'head-label';
}

/** Whether a column holds a probability (a model head's or a fine-tuned head's). */
export function isProbabilityColumn(name: string, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): boolean {
  const kind = parseColumn(name, modelHeads)?.kind;
  return kind === 'probability' || kind === 'head-probability';
}

/**
 * The model heads a table's columns show: the shipped model's, and any head with a `sure_<head>`
 * column (only a model writes sure flags; a fine-tuned head never does), so another model's
 * `pred_<head>` reads as the model's too.
 */
export function modelHeadsIn(columnNames: Iterable<string>): string[] {
  const heads = [...SHIPPED_MODEL_HEADS];
  for (const name of columnNames) {
    const parsed = parseColumn(name);
    if (parsed?.kind === 'sure' && !heads.includes(parsed.head)) heads.push(parsed.head);
  }
  return heads;
}

/** Whether the columns hold any of the model's label columns (`pred_<head>`, a model head's). */
export function hasModelLabels(columnNames: readonly string[]): boolean {
  const heads = modelHeadsIn(columnNames);
  return columnNames.some((name) => parseColumn(name, heads)?.kind === 'label');
}
