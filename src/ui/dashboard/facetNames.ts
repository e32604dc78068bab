import { describeFacet } from '../../core/dashboard/facets.ts';
import { facetName, translate, type Language } from '../../i18n/i18n.ts';

/** A column's name for people when it is a facet ("Usage (model)" for `pred_usage`), else its own name. */
export function facetTitle(language: Language, column: string, columns: readonly { name: string; role: string }[]): string {
  const info = columns.find((c) => c.name === column) ?? { name: column, role: 'label' };
  const facet = describeFacet(info);
  return facet ? facetName(language, facet) : column;
}

/** Prefixes of the columns the app adds beside a label column, and how their names read. */
const COMPANIONS: [RegExp, 'columnCertainty' | 'columnSure' | 'columnCorrection' | 'columnFilled'][] = [
  [/^ft_prob_(.+)$/, 'columnCertainty'],
  [/^ft_filled_(.+)$/, 'columnFilled'],
  [/^prob_(.+)$/, 'columnCertainty'],
  [/^sure_(.+)$/, 'columnSure'],
  [/^label_(.+)$/, 'columnCorrection'],
];

/**
 * A table column's header for people: the app's own columns get names ("Article type (model)",
 * "Article type (model): certainty", "Usage (model): your correction"); the file's columns keep theirs.
 */
export function columnTitle(language: Language, column: string): string {
  if (column === 'ood_distance') return translate(language, 'columnOodDistance');
  if (column.startsWith('pred_') || (column.startsWith('ft_') && !column.startsWith('ft_prob_') && !column.startsWith('ft_filled_'))) return facetTitle(language, column, []);
  for (const [pattern, key] of COMPANIONS) {
    const match = pattern.exec(column);
    if (!match) continue;
    const labelColumn = column.startsWith('ft_') ? `ft_${match[1]}` : `pred_${match[1]}`;
    return translate(language, key, { name: facetTitle(language, labelColumn, []) });
  }
  return column;
}
