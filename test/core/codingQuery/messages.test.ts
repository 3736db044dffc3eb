import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/core/codingQuery/parse.js';
import { errorMessage, translator } from '../../../src/i18n/index.js';

const message = (query: string, language: 'en' | 'sv') => {
  try {
    parseQuery(query);
  } catch (e) {
    return errorMessage(e, translator(language));
  }
  throw new Error(`"${query}" parsed`);
};

describe('coding query syntax errors, as people read them', () => {
  it('say where, what was expected after what, and what was found, in English', () => {
    expect(message('hinder AND ', 'en')).toBe(
      'The query does not read at character 12: expected a code name, smart:"name" or ( after “AND”, found the end of the query.',
    );
    expect(message('a FOLLOWED BY b', 'en')).toBe(
      'The query does not read at character 16: expected WITHIN n WORDS or IN SAME TURN after “b”, found the end of the query.',
    );
    expect(message('hinder media', 'en')).toContain(
      'expected an operator (AND, OR, OVERLAPS, WITHIN, ENCLOSES, FOLLOWED BY, NEAR) after “hinder”, found “media”.',
    );
  });

  it('and in Swedish', () => {
    expect(message('hinder OCH ', 'sv')).toBe(
      'Frågan går inte att läsa vid tecken 12: här väntades ett kodnamn, smart:"namn" eller ( efter ”OCH”, men det stod slutet av frågan.',
    );
    expect(message('(a ELLER b', 'sv')).toContain('en avslutande ) efter ”b”');
  });

  it('have a message for every expectation the parser can name', () => {
    for (const q of [
      'a)',
      'a & b',
      'a NEAR b',
      'a FOLLOWED b',
      'a FOLLOWED BY b WITHIN 2',
      'a FOLLOWED BY b IN x',
      'a FOLLOWED BY b IN SAME x',
      '"a',
      'smart:',
    ]) {
      for (const language of ['en', 'sv'] as const) expect(message(q, language)).not.toMatch(/query\.syntax|codingQuery\||\{\{/);
    }
  });
});
