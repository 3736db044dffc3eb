import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { sv } from '../../web/src/i18n/sv.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v as string]));
const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web UI messages', () => {
  it('has the same keys in Swedish and English', () => {
    expect(keys(sv).sort()).toEqual(keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const flat = (o: object) =>
      Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<any>((x, p) => x[p], o) as string]));
    const e = flat(en);
    const s = flat(sv);
    for (const k of Object.keys(e)) expect([k, params(s[k] as string)]).toEqual([k, params(e[k] as string)]);
  });

  it('translates every message (none left empty)', () => {
    expect(values(sv).filter((v) => v.trim() === '')).toEqual([]);
  });
});
