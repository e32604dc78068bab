import type { LoadedDataset } from '../../state/store.ts';
import { BriefPanel } from './BriefPanel.tsx';

/** The Studio tab: design briefs drafted from rising combinations (issue 14). */
export function StudioView({ dataset }: { dataset: LoadedDataset }) {
  return (
    <div className="studio" data-testid="studio">
      <BriefPanel dataset={dataset} />
    </div>
  );
}
