import { useRef } from 'react';
import { useAppStore } from '../state/store.ts';
import { coreText, formatDuration, formatNumber } from '../i18n/i18n.ts';
import { ProgressPanel } from './ProgressPanel.tsx';
import { useT } from './useT.ts';

/** Progress of labelling: the bar and cancel, plus the backend in use, items per second and time left. */
export function LabellingPanel() {
  const t = useT();
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
      rate = t('labellingRate', { rate: formatNumber(language, perSecond), left: formatDuration(language, left) });
    }
  }
  const backend = model?.backend === 'webgpu' ? 'WebGPU' : model?.threads === 1 ? t('wasmThreadsOne') : t('wasmThreads', { threads: model?.threads ?? 0 });
  return (
    <>
      <ProgressPanel title={progress?.stage === 'classify' ? t('labellingItems') : t('preparingModel')} />
      <p className="muted" data-testid="backend">
        {model ? t('modelOn', { backend, reason: coreText(language, model.reasonDetail, model.reason) }) : t('checkingGpu')}
        {rate}
      </p>
    </>
  );
}
