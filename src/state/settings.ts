import { useAppStore } from './store.ts';

const KEY = 'trendloom-settings';

/** Restores the interface settings (language) saved in this browser and keeps them saved. */
export function restoreSettings(): void {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { language?: 'en' | 'zh' };
    if (saved.language === 'en' || saved.language === 'zh') useAppStore.setState({ language: saved.language });
    else if (navigator.language.toLowerCase().startsWith('zh')) useAppStore.setState({ language: 'zh' });
  } catch {
    // Unreadable settings are ignored; defaults apply.
  }
  useAppStore.subscribe((state, previous) => {
    if (state.language !== previous.language) localStorage.setItem(KEY, JSON.stringify({ language: state.language }));
  });
}
