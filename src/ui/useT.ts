import { useAppStore } from '../state/store.ts';
import { translate, type MessageKey, type MessageValues } from './i18n.ts';

/** The translate function for the current interface language (placeholders filled from values). */
export function useT(): (key: MessageKey, values?: MessageValues) => string {
  const language = useAppStore((s) => s.language);
  return (key, values) => translate(language, key, values);
}
