import { useEffect } from 'react';
import { openDemo, openFile } from '../state/actions.ts';
import { useAppStore } from '../state/store.ts';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { SeriesDashboard } from './dashboard/SeriesDashboard.tsx';
import { DropZone } from './DropZone.tsx';
import { LabellingPanel } from './LabellingPanel.tsx';
import { MappingStep } from './MappingStep.tsx';
import { SavedDatasets } from './SavedDatasets.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { applyUpdate, watchForUpdates } from './serviceWorker.ts';
import { useT } from './useT.ts';
import { coreText } from '../i18n/i18n.ts';

/** The Trendloom single-page app: the journey from a file to trends. */
export function App() {
  const t = useT();
  const stage = useAppStore((s) => s.stage);
  const dataset = useAppStore((s) => s.dataset);
  const error = useAppStore((s) => s.error);
  const notice = useAppStore((s) => s.notice);
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const updateReady = useAppStore((s) => s.updateReady);
  const model = useAppStore((s) => s.model);
  const saveError = useAppStore((s) => s.saveError);
  const seriesFile = useAppStore((s) => s.seriesFile);
  const reset = useAppStore((s) => s.reset);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  useEffect(() => watchForUpdates(() => useAppStore.getState().setUpdateReady(true)), []);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <span>Trendloom</span>
        </h1>
        <p className="privacy">{t('privacy')}</p>
        {model && (
          <span className="backend-badge" title={coreText(language, model.reasonDetail, model.reason)} data-testid="backend-badge">
            {model.backend === 'webgpu' ? 'WebGPU' : `WASM ×${model.threads}`}
          </span>
        )}
        {(stage === 'ready' || stage === 'series') && (
          <button type="button" className="link" onClick={reset} data-testid="home">
            {t('startOver')}
          </button>
        )}
        <button type="button" className="link" onClick={() => setLanguage(language === 'en' ? 'zh' : 'en')} data-testid="language">
          {t('language')}
        </button>
      </header>
      {updateReady && (
        <div className="banner" role="status" data-testid="update-banner">
          {t('updateAvailable')}{' '}
          <button type="button" onClick={applyUpdate}>
            {t('reload')}
          </button>
        </div>
      )}
      <main>
        {error && (
          <div className="error" role="alert" data-testid="error">
            <strong>{error.title}</strong>
            <p>{coreText(language, error.detail, error.message)}</p>
          </div>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        {stage === 'start' && (
          <>
            <p className="tagline">{t('tagline')}</p>
            <DropZone onFile={(file) => void openFile(file)} onDemo={() => void openDemo()} />
            <SavedDatasets />
          </>
        )}
        {stage === 'reading' && <ProgressPanel title={t('reading')} />}
        {stage === 'mapping' && dataset && <MappingStep dataset={dataset} />}
        {stage === 'labelling' && <LabellingPanel />}
        {stage === 'ready' && dataset && <Dashboard dataset={dataset} />}
        {stage === 'series' && seriesFile && <SeriesDashboard file={seriesFile} />}
        {saveError && stage === 'ready' && (
          <p className="error" role="alert">
            {saveError}
          </p>
        )}
      </main>
    </div>
  );
}
