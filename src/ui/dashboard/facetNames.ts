import { parseColumn } from '../../core/columnKinds.ts';
import { describeFacet, humaniseName, MODEL_HEAD_NAMES } from '../../core/dashboard/facets.ts';
import { facetName, translate, type Language } from '../../i18n/i18n.ts';

/** A column's name for people when it is a facet ("Usage (model)" for `pred_usage`), else its own name. */
export function facetTitle(language: Language, column: string, columns: readonly { name: string; role: string }[]): string {
  const info = columns.find((c) => c.name === column) ?? { name: column, role: 'label' };
  const facet = describeFacet(info);
  return facet ? facetName(language, facet) : column;
}

/** How the columns the app adds beside a label column read, by kind (core/columnKinds.ts). */
const COMPANION_KEYS = { probability: 'columnCertainty', 'head-probability': 'columnCertainty', sure: 'columnSure', correction: 'columnCorrection', filled: 'columnFilled' } as const;

/**
 * A table column's header for people: the app's own columns get names ("Article type (model)",
 * "Article type (model): certainty", "Usage (model): your correction"); the file's columns keep theirs.
 */
export function columnTitle(language: Language, column: string): string {
  const derived = parseColumn(column);
  if (!derived) return column;
  // The name of the label column a companion column belongs to.
  const model = (head: string) => facetName(language, { source: 'model', base: MODEL_HEAD_NAMES[head] ?? humaniseName(head), head });
  const taught = (label: string) => facetName(language, { source: 'taught', base: humaniseName(label) });
  switch (derived.kind) {
    case 'ood-distance':
      return translate(language, 'columnOodDistance');
    case 'label':
    case 'head-label':
      return facetTitle(language, column, []);
    case 'probability':
      return derived.rank > 1 ? column : translate(language, COMPANION_KEYS.probability, { name: model(derived.head) });
    case 'sure':
    case 'correction':
      return translate(language, COMPANION_KEYS[derived.kind], { name: model(derived.head) });
    case 'head-probability':
      return translate(language, COMPANION_KEYS[derived.kind], { name: taught(derived.label) });
    case 'filled':
      return translate(language, COMPANION_KEYS.filled, { name: taught(derived.column) });
    case 'kept':
      return column;
  }
}
