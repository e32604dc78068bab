import { describeFacet } from '../../core/dashboard/facets.ts';
import { facetName, type Language } from '../i18n.ts';

/** A column's name for people when it is a facet ("Usage (model)" for `pred_usage`), else its own name. */
export function facetTitle(language: Language, column: string, columns: readonly { name: string; role: string }[]): string {
  const info = columns.find((c) => c.name === column) ?? { name: column, role: 'label' };
  const facet = describeFacet(info);
  return facet ? facetName(language, facet) : column;
}
