import { useState } from 'react';
import type { DashboardSpec, LoadedDataset } from '../../state/store.ts';
import { useT } from '../useT.ts';
import { BriefPanel } from './BriefPanel.tsx';
import { ConceptPanel } from './ConceptPanel.tsx';
import { SimilarPanel, type SimilarQuery } from './SimilarPanel.tsx';

/**
 * The Studio tab (issue 14): design briefs from rising trends, the concept check, similar items
 * and what they are worn with — all against the dataset and the dashboard's grain and filters.
 */
export function StudioView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const [similar, setSimilar] = useState<SimilarQuery | null>(null);
  // Similar items of a concept or of a draft: the catalogue items nearest to its text.
  const showSimilar = (text: string, category: string | undefined) => setSimilar({ text, ...(category ? { category } : {}) });
  return (
    <section className="studio" data-testid="studio">
      <p className="muted">{t('studioIntro')}</p>
      <BriefPanel dataset={dataset} onSimilar={showSimilar} />
      <ConceptPanel dataset={dataset} spec={spec} onSimilar={showSimilar} />
      {similar && <SimilarPanel dataset={dataset} spec={spec} query={similar} onClose={() => setSimilar(null)} />}
    </section>
  );
}
