import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { CSRF_HEADER } from '../../src/server/requestGuard.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { inject, signedIn, tempContext } from '../helpers.js';

/**
 * The live-update stream of a blind project tells a coder that something changed, never which
 * segment of another coder's: the ids would show what was coded where.
 */

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let url: string;
let s: TwoCoderStudy;
const people: Record<'lead' | 'anna' | 'bo' | 'stranger', string> = { lead: '', anna: '', bo: '', stranger: '' };

beforeEach(async () => {
  url = '';
  env = await tempContext('lead');
  s = await twoCoderStudy(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
  people.lead = (await signedIn(app, env.store, 'lead', 'owner')).cookie;
  people.anna = (await signedIn(app, env.store, 'anna', 'coder')).cookie;
  people.bo = (await signedIn(app, env.store, 'bo', 'coder')).cookie;
  people.stranger = (await signedIn(app, env.store, 'stranger')).cookie;
  await as('lead', 'PUT', 'blind', { blind: true });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

/** A request as `who`: injected before the server listens, over HTTP after (its Host is then its port). */
async function as(who: keyof typeof people, method: 'PUT' | 'POST', path: string, payload: object) {
  const at = `/api/projects/${s.name}/${path}`;
  if (!url) return (await inject(app, { method, url: at, headers: { cookie: people[who] }, payload })).json();
  const res = await fetch(`${url}${at}`, {
    method,
    headers: { cookie: people[who], 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(payload),
  });
  return res.json();
}

/** A browser's stream as `who`: the next change event it is told. */
async function watch(who: keyof typeof people) {
  const res = await fetch(`${url}/api/projects/${s.name}/events`, { headers: { cookie: people[who] } });
  if (res.status !== 200) return { status: res.status, next: async () => null };
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let buffer = '';
  const next = async (): Promise<{ action: string; objectIds: string[]; objectIdsOmitted?: true } | null> => {
    for (;;) {
      const block = buffer.split('\n\n').find((b) => b.startsWith('event: change'));
      if (block) {
        buffer = buffer.slice(buffer.indexOf(block) + block.length + 2);
        return JSON.parse(block.split('data: ')[1] as string);
      }
      buffer += new TextDecoder().decode((await reader.read()).value);
    }
  };
  return { status: 200, next, close: () => reader.cancel() };
}

describe('live updates of a blind project', () => {
  it('tell a coder that bo coded, without the segment’s id; the owner gets the id', async () => {
    const anna = await watch('anna');
    const lead = await watch('lead');
    const coded = await as('bo', 'POST', 'segments', { source: s.source, code: 'plan', start: 0, end: 4 });
    expect(coded).toMatchObject({ id: expect.any(String) });
    const id = coded.id as string;
    expect((await lead.next())?.objectIds).toContain(id);
    const told = await anna.next();
    expect(told).toMatchObject({ action: 'segment.apply', objectIds: [], objectIdsOmitted: true });
    expect(JSON.stringify(told)).not.toContain(id);
  });

  it('tell the coder ids again once the owner reveals the layers', async () => {
    const anna = await watch('anna');
    expect(await as('lead', 'POST', 'reveal', {})).toMatchObject({ wasBlind: true });
    await anna.next(); // the reveal itself
    const coded = await as('bo', 'POST', 'segments', { source: s.source, code: 'plan', start: 0, end: 4 });
    expect((await anna.next())?.objectIds).toContain(coded.id);
  });

  it('are no one’s but the project’s members: 404 for another account, 401 without a session', async () => {
    expect((await watch('stranger')).status).toBe(404);
    expect((await fetch(`${url}/api/projects/${s.name}/events`)).status).toBe(401);
  });
});
