import type { Kysely } from 'kysely';
import { binaryType, textType } from './types.js';

/**
 * Privacy: the consent register with attached forms, retention of originals, and the fictive
 * side of the pseudonym map. The real forms of the map never enter the database: they live in
 * an encrypted key file of their own (see store/pseudonymKey.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  const bytes = binaryType(db);
  await db.schema
    .createTable('attachments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('case_id', text, (c) => c.references('cases.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('media_type', text, (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_case').on('attachments').column('case_id').execute();

  await db.schema
    .createTable('consent_records')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().unique().references('cases.id'))
    .addColumn('letter_version', text, (c) => c.notNull())
    .addColumn('consented_on', text, (c) => c.notNull())
    .addColumn('form_attachment_id', text, (c) => c.references('attachments.id'))
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pseudonym_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('fictive', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pseudonym_entries_project').on('pseudonym_entries').column('project_id').execute();

  // Which sources an entry was applied in: lets a withdrawal drop entries only its sources used.
  await db.schema
    .createTable('pseudonym_uses')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('entry_id', text, (c) => c.notNull().references('pseudonym_entries.id'))
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pseudonym_uses_source').on('pseudonym_uses').column('source_id').execute();
  await db.schema.createIndex('pseudonym_uses_entry').on('pseudonym_uses').column('entry_id').execute();

  await db.schema.alterTable('sources').addColumn('verified_at', text).execute();
  await db.schema
    .alterTable('sources')
    .addColumn('delete_original_when_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sources').addColumn('original_deleted_at', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['original_deleted_at', 'delete_original_when_verified', 'verified_at']) {
    await db.schema.alterTable('sources').dropColumn(column).execute();
  }
  for (const table of ['pseudonym_uses', 'pseudonym_entries', 'consent_records', 'attachments']) {
    await db.schema.dropTable(table).execute();
  }
}
