import { invalid } from '../errors.js';

/** The types a case attribute can have. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export function parseAttributeType(input: string): AttributeType {
  const type = input.trim().toLowerCase();
  if ((ATTRIBUTE_TYPES as readonly string[]).includes(type)) return type as AttributeType;
  throw invalid('attribute.type', { type: input, types: ATTRIBUTE_TYPES.join(', ') });
}

const TRUE_WORDS = ['true', 'yes', 'ja', 'sant', '1'];
const FALSE_WORDS = ['false', 'no', 'nej', 'falskt', '0'];

/**
 * Checks a value against its attribute's type and returns its stored form: numbers in JS
 * notation, dates as `YYYY-MM-DD`, booleans as `true`/`false`, choices spelled as defined.
 * The empty string clears a value and is handled by the caller.
 */
export function normalizeAttributeValue(
  attribute: { name: string; type: AttributeType; choices: string[] },
  raw: string,
): string {
  const value = raw.trim();
  const fail = () => invalid('attribute.value', { attribute: attribute.name, value: raw, type: attribute.type });
  switch (attribute.type) {
    case 'text':
      return value;
    case 'number': {
      // Plain decimal notation only (a Swedish decimal comma is fine): no hex, no exponents.
      if (!/^[-+]?\d+(?:[.,]\d+)?$/.test(value)) throw fail();
      const n = Number(value.replace(',', '.'));
      return String(n);
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!d || d.toISOString().slice(0, 10) !== value) throw fail();
      return value;
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE_WORDS.includes(lower)) return 'true';
      if (FALSE_WORDS.includes(lower)) return 'false';
      throw fail();
    }
    case 'choice': {
      const match = attribute.choices.find((c) => c.toLowerCase() === value.toLowerCase());
      if (match === undefined) {
        throw invalid('attribute.choice', { attribute: attribute.name, value: raw, choices: attribute.choices.join(', ') });
      }
      return match;
    }
  }
}
