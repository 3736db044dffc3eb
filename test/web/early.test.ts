import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, request } from '../../web/src/api.js';
import { askEarly, earlyPaths } from '../../web/src/early.js';

/** Each fetch is recorded and answered by `answer` (a fresh Response per call). */
function stubFetch(answer: (url: string) => Response): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return answer(url);
  });
  return urls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the answers asked for before the workbench has loaded', () => {
  it('are the very requests the workbench makes first on a document, a project page and the projects page', async () => {
    const project = 'Studie å/1';
    const source = 'intervju #2';
    const made = stubFetch(() => json([]));
    await Promise.all([
      api.session(),
      api.projects(),
      api.source(project, source),
      api.codebook(project),
      api.sources(project),
      api.cases(project),
    ]);
    await api.sourceSegments(project, source).catch(() => undefined); // [] is no coding; only the path counts
    const hash = `#/p/${encodeURIComponent(project)}/s/${encodeURIComponent(source)}?segment=x`;
    expect(new Set(earlyPaths(hash))).toEqual(new Set(made));
    expect(earlyPaths(hash)).toHaveLength(7);
    expect(earlyPaths(`#/p/${encodeURIComponent(project)}`)).toEqual(['/api/session', '/api/projects', ...made.slice(3, 6)]);
    expect(earlyPaths('#/')).toEqual(['/api/session', '/api/projects']);
  });

  it('hands an early 200 to the first GET of its path, once, without asking again', async () => {
    const sent = stubFetch((url) => json({ url, n: sent.length }));
    askEarly(['/api/x']);
    expect(await request('GET', '/api/x')).toEqual({ url: '/api/x', n: 1 });
    expect(await request('GET', '/api/x')).toEqual({ url: '/api/x', n: 2 });
    expect(sent).toEqual(['/api/x', '/api/x']);
  });

  it('asks again, with the workbench’s headers, when the early answer was not a 200 or the network failed', async () => {
    let early = true;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url === '/api/down' && early) throw new TypeError('network');
      return early ? json({ error: { code: 'session.none', message: 'x' } }, 401) : json({ again: init?.headers });
    });
    askEarly(['/api/gone', '/api/down']);
    await new Promise((r) => setTimeout(r, 0));
    early = false;
    expect(await request('GET', '/api/gone')).toMatchObject({ again: { 'x-koda-csrf': '1' } });
    expect(await request('GET', '/api/down')).toMatchObject({ again: { 'x-koda-csrf': '1' } });
  });

  it('never answers a change, and drops what no one took within ten seconds', async () => {
    vi.useFakeTimers();
    const sent = stubFetch(() => json({ n: sent.length }));
    askEarly(['/api/y', '/api/z']);
    expect(await request('POST', '/api/y', {})).toEqual({ n: 3 });
    vi.advanceTimersByTime(10_001);
    expect(await request('GET', '/api/z')).toEqual({ n: 4 });
    expect(sent).toEqual(['/api/y', '/api/z', '/api/y', '/api/z']);
  });
});
