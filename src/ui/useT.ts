import { useAppStore } from '../state/store.ts';
import { translate, type MessageKey } from './i18n.ts';

/** The translate function for the current interface language. */
export function useT(): (key: MessageKey) => string {
  const language = useAppStore((s) => s.language);
  return (key) => translate(language, key);
}
