import { useRef } from 'react';
import { useAppStore } from '../state/store.ts';
import { formatNumber } from './i18n.ts';
import { ProgressPanel } from './ProgressPanel.tsx';

/** Progress of labelling: the bar and cancel, plus the backend in use, items per second and time left. */
export function LabellingPanel() {
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const progress = useAppStore((s) => s.progress);
  const start = useRef<{ at: number; done: number } | null>(null);
  let rate = '';
  if (progress?.stage === 'classify') {
    const now = performance.now();
    start.current ??= { at: now, done: progress.done };
    const seconds = (now - start.current.at) / 1000;
    const perSecond = seconds > 0.5 ? (progress.done - start.current.done) / seconds : 0;
    if (perSecond > 0 && progress.total) {
      const left = (progress.total - progress.done) / perSecond;
      rate = ` · ${formatNumber(language, perSecond)} texts/s · ${left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left`;
    }
  }
  return (
    <>
      <ProgressPanel title={progress?.stage === 'classify' ? 'Labelling items' : 'Preparing the model'} />
      <p className="muted" data-testid="backend">
        {model ? `Model on ${model.backend === 'webgpu' ? 'WebGPU' : `WebAssembly (${model.threads} thread${model.threads === 1 ? '' : 's'})`}: ${model.reason}` : 'Checking for a GPU…'}
        {rate}
      </p>
    </>
  );
}
