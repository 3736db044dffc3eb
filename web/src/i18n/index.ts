import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { sv } from './sv.js';

export type Language = 'sv' | 'en';
export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'sv', label: 'Svenska' },
  { id: 'en', label: 'English' },
];

const STORAGE_KEY = 'koda.lang';

/** The remembered language, else the browser's (Swedish for any sv locale), else English. */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'sv' || stored === 'en') return stored;
  return (globalThis.navigator?.language ?? '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export function rememberLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  if (globalThis.document) document.documentElement.lang = lang;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, sv: { translation: sv } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});
