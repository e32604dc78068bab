import { useAppStore } from '../state/store.ts';
import { translate, translateCount, type MessageKey, type MessageValues } from '../i18n/i18n.ts';

/**
 * The translate function for the current interface language (placeholders filled from values);
 * given a count, it picks the form that count needs ("1 period", "2 periods").
 */
export function useT(): (key: MessageKey, values?: MessageValues, count?: number) => string {
  const language = useAppStore((s) => s.language);
  return (key, values, count) => (count === undefined ? translate(language, key, values) : translateCount(language, key, count, values));
}
