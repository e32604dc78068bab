import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { registerServiceWorker } from './ui/serviceWorker.ts';
import { startAutosave } from './state/autosave.ts';
import { restoreSettings } from './state/settings.ts';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
restoreSettings();
startAutosave();
