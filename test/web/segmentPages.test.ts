import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SegmentPage } from '../../src/core/segmentPage.js';
import { queriesApi } from '../../web/src/queriesApi.js';

afterEach(() => vi.unstubAllGlobals());

const page = (ids: string[], next: string | null): SegmentPage => ({
  segments: ids.map((id, i) => ({ id, source: 0, code: 0, coder: 0, start: i, end: i + 1, text: id })),
  sources: [{ id: 's', name: 'intervju' }],
  codes: [{ id: 'c', name: 'hinder', color: '#000000' }],
  coders: ['anna'],
  cases: [],
  next,
  total: 5,
});

describe('retrieval pages in the web client', () => {
  it('follows next from the first page to the last and gives the segments unpacked, in order', async () => {
    const pages: Record<string, SegmentPage> = {
      '': page(['a', 'b'], 'P2'),
      P2: page(['c', 'd'], 'P3'),
      P3: page(['e'], null),
    };
    const urls: URL[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const u = new URL(url, 'http://koda.test');
      urls.push(u);
      return new Response(JSON.stringify(pages[u.searchParams.get('after') ?? '']));
    });
    const all = await queriesApi.segments('Studie', { code: 'hinder', only: true, coder: '' });
    expect(all.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(all[0]).toMatchObject({ source: { id: 's', name: 'intervju' }, code: { name: 'hinder' }, coder: 'anna', case: null });
    expect(urls.map((u) => u.searchParams.get('after'))).toEqual([null, 'P2', 'P3']);
    expect(urls.every((u) => u.searchParams.get('limit') === '1000' && u.searchParams.get('code') === 'hinder')).toBe(true);
  });

  it('asks for one page with its limit and after', async () => {
    const urls: URL[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(new URL(url, 'http://koda.test'));
      return new Response(JSON.stringify(page(['a'], 'next')));
    });
    const first = await queriesApi.segmentPage('Studie', { code: 'hinder', only: false, coder: '' }, { limit: 100 });
    expect(first.next).toBe('next');
    await queriesApi.segmentPage('Studie', { code: 'hinder', only: false, coder: '' }, { limit: 500, after: first.next ?? '' });
    expect(urls.map((u) => [u.searchParams.get('limit'), u.searchParams.get('after')])).toEqual([
      ['100', null],
      ['500', 'next'],
    ]);
  });
});
