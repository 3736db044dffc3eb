import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../src/core/errors.js';
import { en } from '../src/i18n/en.js';
import { errorMessage, languageFromEnv, translator } from '../src/i18n/index.js';
import { sv } from '../src/i18n/sv.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}|`) : [`${prefix}${k}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('i18n', () => {
  it('has the same keys in Swedish and English', () => {
    expect(keys(sv).sort()).toEqual(keys(en).sort());
  });

  it('has a message in both languages for every error code the code can raise', () => {
    const pattern = /(?:invalid|notFound|conflict|new KodaError)\(\s*'([a-z][\w.-]*)'/g;
    const codes = new Set(
      sourceFiles('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(pattern)].map((m) => m[1] as string)),
    );
    expect(codes.size).toBeGreaterThan(30);
    // A counted message has its plural forms instead (`code_one`, `code_other`).
    const missing = [...codes].filter((c) => !(c in en.errors) && !(`${c}_one` in en.errors));
    expect(missing).toEqual([]);
  });

  it('renders an error with its parameters in either language', () => {
    const error = new KodaError('range.past-end', { source: 'Albin', end: 120, length: 100 });
    expect(errorMessage(error, translator('en'))).toBe('End 120 is past the end of "Albin", which has 100 characters.');
    expect(errorMessage(error, translator('sv'))).toBe('Slut 120 ligger efter slutet av "Albin", som har 100 tecken.');
  });

  it('picks the language from KODA_LANG, then the locale', () => {
    expect(languageFromEnv({ KODA_LANG: 'sv' })).toBe('sv');
    expect(languageFromEnv({ LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(languageFromEnv({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(languageFromEnv({})).toBe('en');
  });
});
