import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { buildServer } from '../../src/server/app.js';
import { signedIn, tempContext } from '../helpers.js';
import { SseClient } from './sseClient.js';

/**
 * Live updates on either engine: on SQLite told in-process as they commit, on PostgreSQL through
 * the database's feed (several servers: severalServers.pg.test.ts). Either way once each.
 */

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let url: string;
let cookie: string;
const clients: SseClient[] = [];

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await addCase(env.ctx, { project: 'Omega', name: 'Albin' });
  app = await buildServer(env.ctx, { language: 'en' });
  // Before listening: a listening server answers its own address only.
  ({ cookie } = await signedIn(app, env.store, 'Agnes', 'owner'));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await app.close();
  await env.cleanup();
});

async function watch() {
  const client = await SseClient.open(`${url}/api/projects/Omega/events`, undefined, { cookie });
  clients.push(client);
  return client;
}

const send = (method: string, path: string, body?: object) =>
  fetch(`${url}/api/projects/Omega/${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), 'x-koda-csrf': '1', cookie },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('live updates', () => {
  it('tells each committed change once, and nothing of a dry run', async () => {
    const tab = await watch();
    expect((await send('DELETE', 'cases/Albin?dryRun=true')).status).toBe(200);
    await send('POST', 'codes', { name: 'trygghet' });
    await send('POST', 'codes', { name: 'hinder' });
    await tab.until((events) => events.length >= 2);
    await send('POST', 'cases', { name: 'Kristin' }); // a last change: anything told twice came before it
    await tab.until((events) => events.some((e) => e.data.action === 'case.add'));
    expect(tab.events.map((e) => [e.type, e.data.action])).toEqual([
      ['change', 'code.add'],
      ['change', 'code.add'],
      ['change', 'case.add'],
    ]);
  });

  it('ends the streams when the server stops, so a browser is not left holding it open', async () => {
    const tab = await watch();
    await app.close();
    await tab.ended;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });
});
