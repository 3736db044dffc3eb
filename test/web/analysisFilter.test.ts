import { describe, expect, it } from 'vitest';
import { type ReportOptions, reportQuery } from '../../web/src/queriesApi.js';
import { filterParams, settledFilter } from '../../web/src/setsApi.js';

describe('the analysis filter as the query views send it', () => {
  it('sends each set and attribute value as its own parameter, names with commas intact', () => {
    expect(
      filterParams({
        sourceSets: ['Norr, söder'],
        caseSets: ['Distrikt Y', 'Chefer'],
        attributes: [{ attribute: 'stadsdel', value: 'Y' }],
        speaker: 'participant',
      }),
    ).toBe('&sourceSet=Norr%2C%20s%C3%B6der&caseSet=Distrikt%20Y&caseSet=Chefer&where=stadsdel%3DY&speaker=participant');
    expect(filterParams({})).toBe('');
    expect(filterParams(undefined)).toBe('');
  });

  it('lets everything through while an attribute is chosen without its value', () => {
    const halfMade = { caseSets: ['Distrikt Y'], attributes: [{ attribute: 'stadsdel', value: '' }] };
    expect(filterParams(halfMade)).toBe('&caseSet=Distrikt%20Y');
    expect(settledFilter(halfMade)).toEqual({ caseSets: ['Distrikt Y'] });
    expect(settledFilter({ attributes: [{ attribute: 'stadsdel', value: 'Y' }] })).toEqual({
      attributes: [{ attribute: 'stadsdel', value: 'Y' }],
    });
    expect(settledFilter(undefined)).toEqual({});
  });

  it('puts the report view’s filter into the draft’s download', () => {
    const options: ReportOptions = { format: 'md', attributes: [], casesTable: false, memos: false, charts: false, coder: '' };
    expect(reportQuery(options)).not.toContain('sourceSet');
    expect(reportQuery({ ...options, filter: { sourceSets: ['Bara Albin'], speaker: 'participant' } })).toMatch(
      /&sourceSet=Bara%20Albin&speaker=participant$/,
    );
  });
});
