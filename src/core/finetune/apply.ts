/** Applies saved heads to a table's rows: adds pred_<label> and prob_<label> columns (named by core/columnKinds.ts). */
import { headColumnNames } from '../columnKinds.ts';
import { predictWithHead, type EmbedFn, type LoadedHead } from './head.ts';

/** A column to add: its name and one cell per row. */
export interface OutputColumn {
  /** Column name, e.g. 'pred_usage'. */
  name: string;
  /** One cell per row. */
  values: string[];
}

/** Options of applying heads. */
export interface ApplyHeadsOptions {
  /** Computes the model's embedding for heads that use it. */
  embed?: EmbedFn;
  /** Precomputed embeddings (one per text), used instead of `embed`. */
  embeddings?: Float32Array[];
  /** Decimals of the probability cells (default 4). */
  decimals?: number;
}

/**
 * The pred_/prob_ columns of each head for the given texts. A multi-label head writes its
 * labels (and their probabilities) joined by its separator. When a name is already in `existing`
 * (or used by an earlier head) the pair gets the suffix `_head`, then `_head2`, … so no column is
 * overwritten.
 */
export async function headOutputColumns(texts: readonly string[], heads: readonly LoadedHead[], options: ApplyHeadsOptions = {}, existing: readonly string[] = []): Promise<OutputColumn[]> {
  const taken = new Set(existing);
  const decimals = options.decimals ?? 4;
  const columns: OutputColumn[] = [];
  let embeddings = options.embeddings;
  if (!embeddings && options.embed && heads.some((h) => h.json.featureSpec.embedding)) embeddings = await options.embed([...texts]);
  for (const head of heads) {
    const predictions = await predictWithHead(head, texts, undefined, head.json.featureSpec.embedding ? embeddings : undefined);
    const sep = head.json.separator ?? '|';
    // `existing` holds every name to keep clear of (classifyHeadColumns adds the model's own columns).
    const names = headColumnNames(head.json.labelColumn, taken, []);
    columns.push({ name: names.label, values: predictions.map((p) => p.labels.join(sep)) });
    columns.push({ name: names.probability, values: predictions.map((p) => p.probabilities.map((x) => x.toFixed(decimals)).join(sep)) });
  }
  return columns;
}

/**
 * Adds every head's pred_/prob_ columns to rows of strings. Each item's text is its head's text
 * columns (or `textColumns` when given) joined with a space; a missing column is an error.
 */
export async function applyHeadsToRows(table: { columns: string[]; rows: string[][] }, heads: readonly LoadedHead[], options: ApplyHeadsOptions & { textColumns?: string[] } = {}): Promise<{ columns: string[]; rows: string[][] }> {
  const columns = [...table.columns];
  const rows = table.rows.map((r) => [...r]);
  const groups = new Map<string, LoadedHead[]>();
  for (const head of heads) {
    const textColumns = options.textColumns ?? head.json.textColumns;
    if (textColumns.length === 0) throw new Error(`The head for '${head.json.labelColumn}' does not say which text columns it reads; pass them (--text).`);
    const missing = textColumns.filter((c) => !table.columns.includes(c));
    if (missing.length > 0) throw new Error(`The file has no column ${missing.map((m) => `'${m}'`).join(', ')} (the head for '${head.json.labelColumn}' reads ${textColumns.join(', ')}).`);
    const key = JSON.stringify(textColumns);
    groups.set(key, [...(groups.get(key) ?? []), head]);
  }
  // Heads reading the same text columns share one pass of the embedding.
  const added: OutputColumn[] = [];
  for (const [key, group] of groups) {
    const textColumns = JSON.parse(key) as string[];
    const indices = textColumns.map((c) => table.columns.indexOf(c));
    const texts = table.rows.map((r) => indices.map((i) => r[i] ?? '').join(' '));
    const groupOptions = groups.size === 1 ? options : { ...options, embeddings: undefined };
    added.push(...(await headOutputColumns(texts, group, groupOptions, [...columns, ...added.map((c) => c.name)])));
  }
  for (const column of added) {
    columns.push(column.name);
    column.values.forEach((v, i) => rows[i]!.push(v));
  }
  return { columns, rows };
}

/** Something to tell the user before a head's labels are trusted on this file (codes; the page words them). */
export type HeadApplyNote =
  | { code: 'columnsStandIn'; missing: string[]; using: string[] }
  | { code: 'otherLanguage'; headChineseShare: number; fileChineseShare: number };

/**
 * The columns a head reads in a file: the ones it was trained on when the file has them all, else
 * the file's own text columns standing in for them (with a note naming both). Throws when the file
 * has neither.
 */
export function headColumnsFor(trained: readonly string[], fileColumns: readonly string[], mappedText: readonly string[]): { columns: string[]; notes: HeadApplyNote[] } {
  const missing = trained.filter((c) => !fileColumns.includes(c));
  if (trained.length > 0 && missing.length === 0) return { columns: [...trained], notes: [] };
  if (mappedText.length === 0) {
    throw new Error(`This head reads the text of ${trained.map((c) => `'${c}'`).join(', ') || 'the item text'}, and this file has no text column to read instead. Map a name or description column as item text first.`);
  }
  return { columns: [...mappedText], notes: trained.length > 0 ? [{ code: 'columnsStandIn', missing, using: [...mappedText] }] : [] };
}

/** A note when the head learnt from text in another language than most of this file's (Chinese vs not, ≥ 50 points apart); none for heads that did not record it. */
export function headLanguageNote(headChineseShare: number | undefined, fileChineseShare: number): HeadApplyNote | undefined {
  if (headChineseShare === undefined || Math.abs(headChineseShare - fileChineseShare) < 0.5) return undefined;
  return { code: 'otherLanguage', headChineseShare, fileChineseShare };
}
