import { describe, expect, it } from 'vitest';
import { type AttributeType, normalizeAttributeValue, parseAttributeType } from '../../src/core/cases/attributeValue.js';
import { kodaErrorOf } from './support.js';

const attr = (type: AttributeType, choices: string[] = []) => ({ name: 'a', type, choices });
const norm = (type: AttributeType, raw: string, choices: string[] = []) => normalizeAttributeValue(attr(type, choices), raw);

describe('parseAttributeType', () => {
  it('accepts the five types, without case', () => {
    expect(['text', 'number', 'date', 'boolean', 'choice', ' Number '].map(parseAttributeType)).toEqual([
      'text',
      'number',
      'date',
      'boolean',
      'choice',
      'number',
    ]);
  });

  it('refuses another type with attribute.type', () => {
    const err = kodaErrorOf(() => parseAttributeType('integer'));
    expect(err.code).toBe('attribute.type');
    expect(err.params).toEqual({ type: 'integer', types: 'text, number, date, boolean, choice' });
  });
});

describe('normalizeAttributeValue', () => {
  it('trims text', () => {
    expect(norm('text', '  Rådgivning ')).toBe('Rådgivning');
  });

  it('reads numbers with a decimal comma or point', () => {
    expect(norm('number', '3,5')).toBe('3.5');
    expect(norm('number', ' 42 ')).toBe('42');
    expect(norm('number', '-0.25')).toBe('-0.25');
  });

  it.each(['tre', '3,5,1', '1/2', 'Infinity', '0x10', '1e3', ''])('refuses the number %j', (raw) => {
    const err = kodaErrorOf(() => norm('number', raw));
    expect(err.code).toBe('attribute.value');
    expect(err.params).toEqual({ attribute: 'a', value: raw, type: 'number' });
  });

  it('accepts real dates as YYYY-MM-DD', () => {
    expect(norm('date', '2023-04-12')).toBe('2023-04-12');
    expect(norm('date', '2024-02-29')).toBe('2024-02-29');
  });

  it.each(['2023-02-30', '2023-13-01', '12/04/2023', '2023-4-12', 'igår'])('refuses the date %j', (raw) => {
    expect(kodaErrorOf(() => norm('date', raw)).code).toBe('attribute.value');
  });

  it('reads Swedish and English booleans', () => {
    expect(['ja', 'Yes', 'SANT', 'true', '1'].map((v) => norm('boolean', v))).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(['nej', 'No', 'falskt', 'false', '0'].map((v) => norm('boolean', v))).toEqual([
      'false',
      'false',
      'false',
      'false',
      'false',
    ]);
    expect(kodaErrorOf(() => norm('boolean', 'kanske')).code).toBe('attribute.value');
  });

  it('matches a choice without case and stores it as defined', () => {
    expect(norm('choice', 'w och x', ['Y', 'W och X'])).toBe('W och X');
    const err = kodaErrorOf(() => norm('choice', 'Q', ['Y', 'Z']));
    expect(err.code).toBe('attribute.choice');
    expect(err.params).toEqual({ attribute: 'a', value: 'Q', choices: 'Y, Z' });
  });
});
