import { describe, expect, it } from 'vitest';
import { KodaError } from '../src/core/errors.js';
import { en } from '../src/i18n/en.js';
import { errorMessage, translator } from '../src/i18n/index.js';
import { sv } from '../src/i18n/sv.js';

const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v as string]));

/** A CLI message for 1 and for 2. */
function both(lang: 'sv' | 'en', key: string, params: (n: number) => Record<string, unknown> = (count) => ({ count })) {
  const t = translator(lang);
  return [t(key, params(1)), t(key, params(2))];
}

describe('counts in CLI and server messages are singular for 1 and plural otherwise', () => {
  it('in a message with one count', () => {
    expect(both('en', 'cli|turns.linked', (count) => ({ count, case: 'Albin' }))).toEqual([
      'Linked 1 turn to Albin.',
      'Linked 2 turns to Albin.',
    ]);
    expect(both('sv', 'cli|turns.linked', (count) => ({ count, case: 'Albin' }))).toEqual([
      'Kopplade 1 tur till Albin.',
      'Kopplade 2 turer till Albin.',
    ]);
    expect(both('en', 'cli|source.imported', (n) => ({ name: 'albin', length: n, turns: n }))).toEqual([
      'Imported "albin": 1 character, 1 turn.',
      'Imported "albin": 2 characters, 2 turns.',
    ]);
    expect(both('en', 'refi|summary.export-pseudonyms')).toEqual([
      '1 pseudonym map entry: kept in Koda, never exported',
      '2 pseudonym map entries: kept in Koda, never exported',
    ]);
    expect(both('sv', 'refi|summary.sources-without-text')).toEqual([
      '1 källa utan text importerades tom',
      '2 källor utan text importerades tomma',
    ]);
    const broken = (count: number) => errorMessage(new KodaError('pseudonym.broken-segments', { count }), translator('sv'));
    expect(broken(1)).toMatch(/^1 segment har en kant .* Visa det med --dry-run/);
    expect(broken(2)).toMatch(/^2 segment har en kant .* Visa dem med --dry-run/);
  });

  it('in a message with several counts, each its own', () => {
    const autocode = (n: number) => ({ segments: n, code: 'media', sources: n, hits: n, already: n, coder: 'anna' });
    expect(both('en', 'cli|autocode.preview', autocode)).toEqual([
      'Would code 1 segment with "media" in 1 source (1 hit; 1 already coded in the layer of anna). Nothing was written.',
      'Would code 2 segments with "media" in 2 sources (2 hits; 2 already coded in the layer of anna). Nothing was written.',
    ]);
    expect(both('sv', 'cli|autocode.preview', autocode)).toEqual([
      'Skulle koda 1 segment med "media" i 1 källa (1 träff; 1 redan kodat i annas lager). Inget skrevs.',
      'Skulle koda 2 segment med "media" i 2 källor (2 träffar; 2 redan kodade i annas lager). Inget skrevs.',
    ]);
    const imported = (n: number) => ({ file: 'x.qdpx', project: 'P', sources: n, codes: n, segments: n, cases: n, memos: n });
    expect(both('sv', 'cli|refi.imported', imported)).toEqual([
      'Importerade x.qdpx som det nya projektet "P": 1 källa, 1 kod, 1 segment, 1 fall, 1 memo.',
      'Importerade x.qdpx som det nya projektet "P": 2 källor, 2 koder, 2 segment, 2 fall, 2 memon.',
    ]);
    expect(both('en', 'cli|shares.header', (n) => ({ code: 'media', count: n, total: n }))).toEqual([
      '"media" is shared by 1 of 1 case.',
      '"media" is shared by 2 of 2 cases.',
    ]);
  });

  it('leaves no “(s)”, “(er)” or “källa/källor” for the reader to sort out', () => {
    const hedged = /\((s|er|n|ar|e|r|a|y\/ies)\)|\b(\w+)\/\2|källa\/källor|variabel\/variabler/;
    expect(values(en).filter((v) => hedged.test(v))).toEqual([]);
    expect(values(sv).filter((v) => hedged.test(v) || /\w\/\w+or\b/.test(v))).toEqual([]);
  });
});
