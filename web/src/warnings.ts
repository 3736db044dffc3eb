import type { TFunction } from 'i18next';
import type { ApiWarning } from './api.js';

/**
 * A warning the API returned with a result (`{ code: 'consent.missing', params: { case } }`) in
 * plain words: the UI's own message when it has one, else the API's message, else the code.
 */
export function warningText(t: TFunction, warning: ApiWarning): string {
  const code = warning.code ?? '';
  const fallback = warning.message ?? code;
  if (!code) return fallback;
  return String(t(`warnings.${code.replace('.', '_')}`, { ...(warning.params ?? {}), defaultValue: fallback }));
}
