import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { fingerprintTables, rowCounts, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
});
afterEach(() => env.cleanup());

/** The fingerprint that proves a refusal changed nothing (test/helpers.ts) covers every table of the store. */
describe('the "changed nothing" fingerprint', () => {
  it('covers every table but migrations, the audit log and the search index, privacy tables included', async () => {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(env.store.db);
    const covered = await fingerprintTables(env.store);
    expect(covered).toEqual(expect.arrayContaining(['attachments', 'consent_records', 'pseudonym_entries', 'pseudonym_uses']));
    const left = rows.map((r) => r.name).filter((name) => !covered.includes(name));
    expect(left.sort()).toEqual([
      'audit_events',
      'kysely_migration',
      'kysely_migration_lock',
      'search_paragraphs',
      'search_paragraphs_config',
      'search_paragraphs_content',
      'search_paragraphs_data',
      'search_paragraphs_docsize',
      'search_paragraphs_idx',
      'search_sources',
    ]);
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
