import { useAppStore } from './store.ts';

const KEY = 'trendloom-settings';

/** The settings kept in this browser. */
interface SavedSettings {
  language?: 'en' | 'zh';
  /** Fewest items a period needs before its shares count as enough (issue 17, item 1). */
  minSupport?: number;
}

/** Restores the interface settings (language, fewest items per period) saved in this browser and keeps them saved. */
export function restoreSettings(): void {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as SavedSettings;
    if (saved.language === 'en' || saved.language === 'zh') useAppStore.setState({ language: saved.language });
    else if (navigator.language.toLowerCase().startsWith('zh')) useAppStore.setState({ language: 'zh' });
    if (typeof saved.minSupport === 'number' && Number.isInteger(saved.minSupport) && saved.minSupport >= 1) useAppStore.setState({ minSupport: saved.minSupport });
  } catch {
    // Unreadable settings are ignored; defaults apply.
  }
  useAppStore.subscribe((state, previous) => {
    if (state.language !== previous.language || state.minSupport !== previous.minSupport) {
      localStorage.setItem(KEY, JSON.stringify({ language: state.language, minSupport: state.minSupport } satisfies SavedSettings));
    }
  });
}
