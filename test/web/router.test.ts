import { describe, expect, it } from 'vitest';
import { href, pageOf, parseRoute } from '../../web/src/router.js';

describe('pageOf: which page a URL shows (notices are cleared when it changes)', () => {
  const page = (hash: string) => pageOf(parseRoute(hash));

  it('stays the same page when only the place within a document changes', () => {
    expect(page('#/p/Studie/s/albin?segment=s1')).toBe(page('#/p/Studie/s/albin'));
    expect(page('#/p/Studie/s/albin?at=10-20')).toBe(page('#/p/Studie/s/albin?segment=s2'));
  });

  it('is another page for another source, view, tab or project', () => {
    const pages = [
      '#/',
      '#/p/Studie',
      '#/p/Studie/s/albin',
      '#/p/Studie/s/kristin',
      '#/p/Studie/s/kristin/transcribe',
      '#/p/Studie/queries/matrix',
      '#/p/Studie/queries/autocode',
      '#/p/Studie/coders',
      '#/p/Annan',
    ].map(page);
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('round-trips transcription mode of a source', () => {
    const route = parseRoute('#/p/Studie/s/kristin/transcribe');
    expect(route).toMatchObject({ view: 'document', source: 'kristin', transcribe: true });
    expect(href(route)).toBe('#/p/Studie/s/kristin/transcribe');
    expect(parseRoute('#/p/Studie/s/kristin')).not.toHaveProperty('transcribe');
  });
});
