/**
 * Trend facets as people see them: which columns can be "the trend of", what they are called
 * ("Category (your file)", "Article type (model)", never `pred_articleType`), in which order they
 * are offered (the file's own columns first), and which one the dashboard opens on (the most
 * informative, not the first: a facet where 95 % of items say "Casual" shows no trend worth a look).
 */
import type { LabelCodes } from './cube.ts';
import { modelHeadsIn, parseColumn, SHIPPED_MODEL_HEADS } from '../columnKinds.ts';
import { ATTRIBUTE_KINDS, type AttributeKind } from '../text/attributes.ts';

/** Where a facet's values come from: the file itself, the shipped model, a head taught in the app, or words found in the item text. */
export type FacetSource = 'file' | 'model' | 'taught' | 'text';

/** A column as facets see it. */
export interface FacetColumnInfo {
  /** The column's name in the table. */
  readonly name: string;
  /** Its confirmed role (category, colours, label…). */
  readonly role: string;
}

/** A facet: the column behind it, its source and its name for people. */
export interface Facet {
  /** The column's name in the table (`pred_usage`, `Category`). */
  readonly column: string;
  /** Where the values come from. */
  readonly source: FacetSource;
  /** The name without its source: "Article type", "Category". */
  readonly base: string;
  /** The model head behind a model facet (`articleType`), for translations. */
  readonly head?: string;
  /** The English name shown: "Article type (model)", "Category (your file)". */
  readonly label: string;
}

/** Roles of the file's own columns that can be trend facets, in the order they are offered. */
export const OWN_FACET_ROLES = ['category', 'styles', 'colours', 'materials', 'label', 'season', 'gender', 'region'] as const;

/** Names for people of the shipped model's heads. */
export const MODEL_HEAD_NAMES: Readonly<Record<string, string>> = {
  articleType: 'Article type',
  subCategory: 'Sub-category',
  masterCategory: 'Category',
  baseColour: 'Colour',
  usage: 'Usage',
  gender: 'Gender',
  season: 'Season',
};

/** "baseColour" → "Base colour", "fabric_type" → "Fabric type": a machine name made readable. */
export function humaniseName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

const SUFFIX: Record<FacetSource, string> = { file: 'your file', model: 'model', taught: 'taught', text: 'found in item text' };

/** The English name of a facet: "Article type (model)". */
export function facetLabel(base: string, source: FacetSource): string {
  return `${base} (${SUFFIX[source]})`;
}

/**
 * The facet a column makes, or undefined when it is none: the model's label columns
 * (`pred_<head>` of one of `modelHeads`), a fine-tuned head's labels (`pred_<label>`, taught),
 * and the file's own columns whose role is one of OWN_FACET_ROLES. Probabilities, sure flags,
 * filled-in flags, corrections and the rest of core/columnKinds.ts are no facets.
 */
export function describeFacet(column: FacetColumnInfo, modelHeads: readonly string[] = SHIPPED_MODEL_HEADS): Facet | undefined {
  const { name } = column;
  const kind = foundKindOf(name);
  if (kind) return { column: name, source: 'text', base: FOUND_NAMES[kind], head: kind, label: facetLabel(FOUND_NAMES[kind], 'text') };
  const derived = parseColumn(name, modelHeads);
  if (derived?.kind === 'label') {
    if (derived.rank > 1) return undefined;
    const base = MODEL_HEAD_NAMES[derived.head] ?? humaniseName(derived.head);
    return { column: name, source: 'model', base, head: derived.head, label: facetLabel(base, 'model') };
  }
  if (derived?.kind === 'head-label') {
    const base = humaniseName(derived.label);
    return { column: name, source: 'taught', base, label: facetLabel(base, 'taught') };
  }
  if (derived) return undefined;
  if (!(OWN_FACET_ROLES as readonly string[]).includes(column.role)) return undefined;
  const base = name.trim() || 'Unnamed column';
  return { column: name, source: 'file', base, label: facetLabel(base, 'file') };
}

const SOURCE_ORDER: Record<FacetSource, number> = { file: 0, taught: 1, model: 2, text: 3 };

/** The name of the column of materials, colours or patterns found in the item text (no file column is named so). */
export function foundColumnName(kind: AttributeKind): string {
  return `${FOUND_PREFIX}${kind}`;
}

/** The kind of a found-in-text column (`found_in_text:materials` → materials), or undefined for any other column. */
export function foundKindOf(column: string): AttributeKind | undefined {
  if (!column.startsWith(FOUND_PREFIX)) return undefined;
  const kind = column.slice(FOUND_PREFIX.length) as AttributeKind;
  return ATTRIBUTE_KINDS.includes(kind) ? kind : undefined;
}

const FOUND_PREFIX = 'found_in_text:';
const FOUND_NAMES: Record<AttributeKind, string> = { materials: 'Materials', colours: 'Colours', patterns: 'Patterns' };

/**
 * Facets of what the item text names (core/text/attributes.ts), for a table with item text:
 * materials when no column holds materials, colours when none holds colours, and patterns. They
 * come after every other facet and are never the one the dashboard opens on.
 */
export function foundFacets(columns: readonly FacetColumnInfo[]): Facet[] {
  if (!columns.some((c) => c.role === 'text')) return [];
  const has = (role: string) => columns.some((c) => c.role === role);
  return ATTRIBUTE_KINDS.filter((kind) => kind === 'patterns' || !has(kind)).map((kind) => describeFacet({ name: foundColumnName(kind), role: kind })!);
}

/** Every facet of a table, in the order offered: the file's own (category, styles, colours…), then taught heads, then the model's. */
export function facetOptions(columns: readonly FacetColumnInfo[]): Facet[] {
  const roleRank = (c: FacetColumnInfo) => {
    const r = (OWN_FACET_ROLES as readonly string[]).indexOf(c.role);
    return r < 0 ? OWN_FACET_ROLES.length : r;
  };
  const modelHeads = modelHeadsIn(columns.map((c) => c.name));
  return columns
    .map((column, position) => ({ column, position, facet: describeFacet(column, modelHeads) }))
    .filter((x): x is { column: FacetColumnInfo; position: number; facet: Facet } => x.facet !== undefined)
    .sort((a, b) => SOURCE_ORDER[a.facet.source] - SOURCE_ORDER[b.facet.source] || (a.facet.source === 'file' ? roleRank(a.column) - roleRank(b.column) : 0) || a.position - b.position)
    .map((x) => x.facet);
}

/**
 * Items per value of a coded column (an item with several labels counts once for each); with `sure` flags
 * (1 sure, anything else not) only the items whose label is sure — what the trend views count by default.
 */
export function valueCounts(labels: LabelCodes, valueCount: number, sure?: Uint8Array): Uint32Array {
  const counts = new Uint32Array(valueCount);
  const items = labels.kind === 'single' ? labels.codes.length : labels.offsets.length - 1;
  for (let i = 0; i < items; i++) {
    if (sure && sure[i] !== 1) continue;
    const [from, to] = labels.kind === 'single' ? [i, i + 1] : [labels.offsets[i]!, labels.offsets[i + 1]!];
    for (let k = from; k < to; k++) {
      const code = labels.codes[k]!;
      if (code >= 0 && code < valueCount) counts[code]!++;
    }
  }
  return counts;
}

/** How informative a facet is, and why. */
export interface FacetInformation {
  /** Entropy in bits of the shares of its best-supported values (0 when one value is everything). */
  entropy: number;
  /** Share of the items (0–1) that carry one of those values. */
  coverage: number;
  /** entropy × coverage: what the default facet maximises. */
  score: number;
  /** How many values have enough support. */
  supported: number;
}

/**
 * How much a facet tells: the entropy of the shares of its `topN` most frequent values that have
 * at least `minSupport` items (the values a chart can show), times the share of the items they
 * cover. One dominant value ("Casual" on 95 % of items) gives little; several well-filled values
 * give much; values too rare to chart and missing labels give nothing.
 */
export function facetInformation(counts: ArrayLike<number>, items: number, minSupport: number, topN: number): FacetInformation {
  const kept = Array.from(counts)
    .filter((n) => n >= minSupport)
    .sort((a, b) => b - a)
    .slice(0, Math.max(1, topN));
  const sum = kept.reduce((a, b) => a + b, 0);
  if (sum === 0 || items <= 0) return { entropy: 0, coverage: 0, score: 0, supported: kept.length };
  let entropy = 0;
  for (const n of kept) entropy -= (n / sum) * Math.log2(n / sum);
  const coverage = Math.min(1, sum / items);
  return { entropy, coverage, score: entropy * coverage, supported: kept.length };
}

/**
 * A facet from the file is the shop's own word for every item it fills; a model facet carries
 * the model's mistakes. So a model or taught facet opens first only when it tells clearly more:
 * the file's scores are multiplied by this.
 */
export const OWN_FACET_PREFERENCE = 1.25;

/**
 * The facet the dashboard opens on: the highest score by `facetInformation` (the file's own
 * facets weighted by OWN_FACET_PREFERENCE; ties go to the earlier offered), or the first facet
 * when none has a value with enough support, or undefined without facets.
 */
export function chooseDefaultFacet(facets: readonly Facet[], information: (facet: Facet) => FacetInformation): Facet | undefined {
  let best: Facet | undefined;
  let bestScore = 0;
  for (const facet of facets) {
    const score = information(facet).score * (facet.source === 'file' ? OWN_FACET_PREFERENCE : 1);
    if (score > bestScore + 1e-12) (best = facet), (bestScore = score);
  }
  return best ?? facets[0];
}
