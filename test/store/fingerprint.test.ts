import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { onPostgres } from '../engine.js';
import { fingerprintTables, rowCounts, storeTables, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
});
afterEach(() => env.cleanup());

/** The fingerprint that proves a refusal changed nothing (test/helpers.ts) covers every table of the store. */
describe('the "changed nothing" fingerprint', () => {
  it('covers every table but migrations, the audit log and the search index, privacy tables included', async () => {
    const covered = await fingerprintTables(env.store);
    expect(covered).toEqual(expect.arrayContaining(['attachments', 'consent_records', 'pseudonym_entries', 'pseudonym_uses']));
    const left = (await storeTables(env.store)).filter((name) => !covered.includes(name));
    // FTS5 keeps the index in shadow tables of its own; PostgreSQL's is one plain table.
    const fts5Shadows = ['config', 'content', 'data', 'docsize', 'idx'].map((t) => `search_paragraphs_${t}`);
    expect(left.sort()).toEqual(
      [
        'audit_events',
        'kysely_migration',
        'kysely_migration_lock',
        'search_paragraphs',
        ...(onPostgres ? [] : fts5Shadows),
        'search_sources',
      ].sort(),
    );
  });

  it('sees a row written to a privacy table', async () => {
    const project = await createProject(env.ctx, { name: 'P' });
    const before = await rowCounts(env.store);
    await env.store.db
      .insertInto('pseudonym_entries')
      .values({ id: newId(), project_id: project.id, kind: 'person', fictive: 'Lena', created_at: nowIso() })
      .execute();
    expect(await rowCounts(env.store)).not.toEqual(before);
  });
});
