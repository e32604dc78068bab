import { saveDashboardSettings, saveDataset, savedIdFor, storageAvailable } from './persistence.ts';
import { useAppStore } from './store.ts';

let settingsTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Keeps the open dataset saved on this computer: the table (with labels) when it reaches the
 * dashboard, the dashboard and Plan view settings shortly after each change. Returns an unsubscribe.
 */
export function startAutosave(): () => void {
  if (!storageAvailable()) return () => {};
  return useAppStore.subscribe((state, previous) => {
    if (state.stage !== 'ready' || !state.dataset) return;
    if (state.dataset !== previous.dataset || (previous.stage !== 'ready' && !state.savedId)) {
      const id = state.savedId ?? savedIdFor(state.dataset);
      saveDataset(id, state.dataset, state.dashboard, state.language, state.plan).then(
        () => useAppStore.setState({ savedId: id, saveError: null }),
        (error: unknown) => useAppStore.setState({ saveError: (error as Error).message }),
      );
      return;
    }
    if (state.savedId && state.dashboard && (state.dashboard !== previous.dashboard || state.plan !== previous.plan)) {
      clearTimeout(settingsTimer);
      const { savedId, dashboard, plan } = state;
      settingsTimer = setTimeout(() => void saveDashboardSettings(savedId, dashboard, plan).catch(() => undefined), 300);
    }
  });
}
