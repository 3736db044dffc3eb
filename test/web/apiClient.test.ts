import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchFile, request, setIdentity } from '../../web/src/api.js';

/** Records what the one fetch wrapper sends and answers with `answer`. */
function stubFetch(answer: Response): { calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer;
  });
  return { calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setIdentity({ coder: '', lang: 'en' });
});

const failure = () =>
  new Response(JSON.stringify({ error: { code: 'code.not-found', message: 'No code named x.' } }), { status: 404 });

describe('the one fetch wrapper', () => {
  it('sends the language and the CSRF header, and no coder: the session cookie says who acts', async () => {
    setIdentity({ coder: 'Åsa', lang: 'sv' });
    const json = stubFetch(new Response('{"ok":true}'));
    expect(await request('POST', '/api/x', { a: 1 })).toEqual({ ok: true });
    expect(json.calls[0]?.init.headers).toEqual({ 'x-koda-lang': 'sv', 'x-koda-csrf': '1', 'content-type': 'application/json' });
    const file = stubFetch(new Response('bytes'));
    await fetchFile('/api/projects/P/export?format=qdpx', 'en');
    expect(file.calls[0]?.init.headers).toEqual({ 'x-koda-lang': 'en', 'x-koda-csrf': '1' });
  });

  it("turns an error answer into an ApiError with the API's message, for calls and downloads", async () => {
    stubFetch(failure());
    await expect(request('GET', '/api/x')).rejects.toMatchObject({
      code: 'code.not-found',
      status: 404,
      message: 'No code named x.',
    });
    stubFetch(failure());
    const error = await fetchFile('/api/x', 'en').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'code.not-found', status: 404, message: 'No code named x.' });
  });

  it('keeps the status when an error answer is not JSON', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(fetchFile('/api/x', 'en')).rejects.toMatchObject({ code: 'http', status: 502 });
  });
});
