/**
 * Predictions → Arrow columns beside the catalogue: `pred_<head>` (dictionary of the head's labels,
 * null where the item had no text), `prob_<head>` (Float32 probability), and when given
 * `sure_<head>` (Bool: the label passes the model's unsure rule) and `ood_distance` (Float32: the
 * item's distance to the training data). Every derived column's name and kind (these, fine-tuned
 * heads, corrections, filled-in flags) comes from core/columnKinds.ts, shared with the CLI. Pure; no DOM.
 */
import { columnName, modelLabelColumn, modelProbabilityColumn, sureColumn } from '../core/columnKinds.ts';
import { joinNameAndDescription, splitTextColumns } from './inputText.ts';
import { Bool, Dictionary, Float32, Int32, Table, Utf8, makeData, makeVector, type Data, type Vector } from 'apache-arrow';
import { maxOf } from '../core/extent.ts';

/**
 * A Utf8 column built directly from bytes. Arrow's builders (vectorFromArray) compile a validity
 * function with `new Function`, which the app's Content-Security-Policy (no eval) forbids.
 */
export function utf8Data(strings: readonly string[]): Data<Utf8> {
  const encoder = new TextEncoder();
  const parts = strings.map((s) => encoder.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  parts.forEach((part, i) => (offsets[i + 1] = offsets[i]! + part.length));
  const bytes = new Uint8Array(offsets[strings.length]!);
  parts.forEach((part, i) => bytes.set(part, offsets[i]!));
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets: offsets, data: bytes });
}

/** A dictionary-encoded label column from codes into `labels` (-1 = null); `dictionaryId` must be unique in its table. */
export function labelVector(codes: Int32Array, labels: string[], dictionaryId?: number): Vector {
  const n = codes.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    if (code >= 0 && code < labels.length) {
      bitmap[i >> 3]! |= 1 << (i & 7);
      indices[i] = code;
    } else nullCount++;
  }
  const dictionary = makeVector(utf8Data(labels));
  return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32(), dictionaryId), length: n, nullCount, nullBitmap: nullCount ? bitmap : undefined, data: indices, dictionary }));
}

/** A Float32 probability column, null where the label is null. */
export function probabilityVector(probabilities: Float32Array, codes: Int32Array): Vector {
  const n = probabilities.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i]! >= 0) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return makeVector(makeData({ type: new Float32(), length: n, nullCount, nullBitmap: nullCount ? bitmap : undefined, data: probabilities }));
}

/** A Bool column from one byte per row (non-zero = true), null where the label is null (code -1). */
export function sureVector(sure: Uint8Array, codes: Int32Array): Vector {
  const n = sure.length;
  const bits = new Uint8Array((n + 7) >> 3);
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i]! < 0) {
      nullCount++;
      continue;
    }
    bitmap[i >> 3]! |= 1 << (i & 7);
    if (sure[i]) bits[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(makeData({ type: new Bool(), length: n, nullCount, nullBitmap: nullCount ? bitmap : undefined, data: bits }));
}

/** A Float32 column of OOD distances, null where the distance is NaN (items without text). */
export function oodDistanceVector(distances: Float32Array): Vector {
  const n = distances.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(distances[i]!)) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(makeData({ type: new Float32(), length: n, nullCount, nullBitmap: nullCount ? bitmap : undefined, data: distances }));
}

/** The optional derived columns of `withPredictionColumns`. */
export interface PredictionExtras {
  /** Per head: 1 = sure, 0 = unsure, one byte per row → `sure_<head>`. */
  sure?: Record<string, Uint8Array>;
  /** Per row: OOD distance (NaN = none) → `ood_distance`. */
  oodDistances?: Float32Array;
}

/**
 * Returns the table with `pred_<head>` and `prob_<head>` columns added, plus `sure_<head>` per head
 * when `extras.sure` is given and `ood_distance` when `extras.oodDistances` is (replacing earlier ones).
 */
export function withPredictionColumns(table: Table, heads: string[], labels: Record<string, string[]>, codes: Record<string, Int32Array>, probabilities: Record<string, Float32Array>, extras: PredictionExtras = {}): Table {
  const columns: Record<string, Vector> = {};
  // Dictionary ids must not collide with the table's own (from the file's IPC) in one schema.
  let nextId = Math.max(-1, maxOf(table.schema.dictionaries.keys())) + 1;
  for (const head of heads) {
    columns[modelLabelColumn(head)] = labelVector(codes[head]!, labels[head]!, nextId++);
    columns[modelProbabilityColumn(head)] = probabilityVector(probabilities[head]!, codes[head]!);
    if (extras.sure) columns[sureColumn(head)] = sureVector(extras.sure[head]!, codes[head]!);
  }
  if (extras.oodDistances) columns[columnName({ kind: 'ood-distance' })] = oodDistanceVector(extras.oodDistances);
  return table.assign(new Table(columns));
}

/** Names of the columns `withPredictionColumns` adds, in its order, with their ColumnInfo type. */
export function predictionColumnNames(heads: readonly string[], extras: { sure?: boolean; oodDistances?: boolean } = {}): { name: string; type: 'category' | 'number' | 'boolean' }[] {
  const names: { name: string; type: 'category' | 'number' | 'boolean' }[] = [];
  for (const head of heads) {
    names.push({ name: modelLabelColumn(head), type: 'category' }, { name: modelProbabilityColumn(head), type: 'number' });
    if (extras.sure) names.push({ name: sureColumn(head), type: 'boolean' });
  }
  if (extras.oodDistances) names.push({ name: columnName({ kind: 'ood-distance' }), type: 'number' });
  return names;
}

/** One cell as text: list cells (materials, colours) are joined with commas; missing cells are ''. */
function cellText(vector: Vector, row: number): string {
  const value: unknown = vector.get(row);
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' && 'toArray' in value ? Array.from((value as { toArray(): ArrayLike<unknown> }).toArray()).join(', ') : String(value);
  return text.trim();
}

/** Rows sampled to measure a text column's typical cell length. */
const SHAPE_SAMPLE_ROWS = 2000;

/** The names of the columns mapped as item text (role `text`), in mapping order. */
export function textColumnNames(columns: readonly { name: string; role: string }[]): string[] {
  return columns.filter((c) => c.role === 'text').map((c) => c.name);
}

const datasetTexts = new WeakMap<Table, WeakMap<readonly object[], string[]>>();

/**
 * `itemTexts` of a dataset's text columns, built once per table and column mapping and shared by
 * every reader (the unsure panel, the teach loop); the array must not be changed.
 */
export function datasetItemTexts(dataset: { table: Table; columns: readonly { name: string; role: string }[] }): string[] {
  let byColumns = datasetTexts.get(dataset.table);
  if (!byColumns) datasetTexts.set(dataset.table, (byColumns = new WeakMap()));
  let texts = byColumns.get(dataset.columns);
  if (!texts) byColumns.set(dataset.columns, (texts = itemTexts(dataset.table, textColumnNames(dataset.columns))));
  return texts;
}

/**
 * Joins an item's text columns into the one text the model reads (empty when all are missing):
 * name columns first, then `Details:` and the description columns (`splitTextColumns` tells them
 * apart by header and cell length), as the model was trained to read them.
 */
export function itemTexts(table: Table, textColumns: string[]): string[] {
  const present = textColumns.filter((c) => table.getChild(c) !== null);
  const shapes = present.map((name) => {
    const vector = table.getChild(name)!;
    let chars = 0;
    let cells = 0;
    for (let i = 0; i < Math.min(table.numRows, SHAPE_SAMPLE_ROWS); i++) {
      const text = cellText(vector, i);
      if (text) (chars += text.length), cells++;
    }
    return { name, meanChars: cells ? chars / cells : 0 };
  });
  const { names, descriptions } = splitTextColumns(shapes);
  const nameVectors = names.map((c) => table.getChild(c)!);
  const descriptionVectors = descriptions.map((c) => table.getChild(c)!);
  const joined = (vectors: Vector[], row: number) => vectors.map((v) => cellText(v, row)).filter(Boolean).join(' ');
  const out = new Array<string>(table.numRows);
  for (let i = 0; i < table.numRows; i++) out[i] = joinNameAndDescription(joined(nameVectors, i), joined(descriptionVectors, i));
  return out;
}

/** A nullable Utf8 column of n rows holding the given values (user corrections, typed labels). */
export function sparseTextVector(n: number, values: ReadonlyMap<number, string>): Vector {
  const strings: string[] = new Array(n).fill('');
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (const [row, value] of values) {
    if (row < 0 || row >= n) continue;
    strings[row] = value;
    bitmap[row >> 3]! |= 1 << (row & 7);
  }
  const data = utf8Data(strings);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: n - values.size, nullBitmap: bitmap, valueOffsets: data.valueOffsets, data: data.values }));
}
