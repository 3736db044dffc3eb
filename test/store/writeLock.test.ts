import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { errorMessage, LANGUAGES, translator } from '../../src/i18n/index.js';
import { buildServer } from '../../src/server/app.js';
import { compactStore } from '../../src/store/compact.js';
import { DATABASE_FILE, openStore, type Store } from '../../src/store/db.js';
import { kodaError } from '../commands/fixtures.js';
import { inject, localSession, tempContext } from '../helpers.js';

/**
 * Two processes writing to one store: this one, and a child holding the write lock (as the
 * server does during an import) — see src/store/writeLock.ts.
 */

let env: Awaited<ReturnType<typeof tempContext>>;
let holder: ChildProcess | undefined;
let impatient: Store | undefined;
let app: FastifyInstance | undefined;

beforeEach(async () => {
  env = await tempContext('anna');
  await createProject(env.ctx, { name: 'Studie' });
});
afterEach(async () => {
  await app?.close();
  if (holder && holder.exitCode === null && holder.signalCode === null) {
    holder.kill('SIGKILL');
    await once(holder, 'exit');
  }
  await impatient?.close();
  [holder, impatient, app] = [undefined, undefined, undefined];
  await env.cleanup();
});

/** Starts another process that holds the write lock for `holdMs`; resolves once it holds it. */
async function holdWriteLock(holdMs: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'fixtures/holdWriteLock.mjs'), env.database ?? join(env.dir, DATABASE_FILE), String(holdMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let said = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    said += chunk.toString();
    if (said.includes('locked')) break;
  }
  expect(said).toContain('locked');
  return child;
}

const codeNames = async (store: Store) => (await getCodebook({ store, actor: 'anna' }, { project: 'Studie' })).map((n) => n.name);

describe('writers share the store', () => {
  it('a command waits for another process’s writer and then succeeds', async () => {
    holder = await holdWriteLock(1000);
    // addCode reads (the codebook) before it writes: with a deferred BEGIN it failed with
    // "database is locked" once the other writer committed.
    await addCode(env.ctx, { project: 'Studie', name: 'hinder' });
    expect(await codeNames(env.store)).toEqual(['hinder']);
    const actions = await env.store.db.selectFrom('audit_events').select('action').orderBy('at').execute();
    expect(actions.map((a) => a.action)).toEqual(['project.create', 'test.hold', 'code.add']);
  });

  it('a statement outside a transaction (compaction after erasing data) waits too', async () => {
    holder = await holdWriteLock(1000);
    const exited = once(holder, 'exit');
    await compactStore(env.store);
    await exited;
    expect(holder.exitCode).toBe(0);
  });

  it('when the other writer outlasts the wait, the store says it is busy, in both languages, and nothing changes', async () => {
    impatient = await openStore(env.dir, { writeWaitMs: 300, database: env.database });
    holder = await holdWriteLock(60_000);
    const err = await kodaError(addCode({ store: impatient, actor: 'anna' }, { project: 'Studie', name: 'hinder' }));
    expect(err.code).toBe('store.busy');
    expect(err.kind).toBe('busy');
    for (const language of LANGUAGES) expect(errorMessage(err, translator(language))).not.toMatch(/internal|intern|locked/i);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await codeNames(env.store)).toEqual([]);
  });

  it('the HTTP API answers 503 with the message, not an internal error', async () => {
    impatient = await openStore(env.dir, { writeWaitMs: 300, database: env.database });
    app = await buildServer({ store: impatient, actor: 'anna' }, { language: 'sv' });
    await localSession(app); // signing in writes too: before the lock is taken
    holder = await holdWriteLock(60_000);
    const res = await inject(app, { method: 'PUT', url: '/api/projects/Studie/blind', payload: { blind: true } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({
      code: 'store.busy',
      message: 'Databasen är upptagen av en annan skrivare (servern eller ett annat koda-kommando); försök igen om en stund.',
    });
  });
});
