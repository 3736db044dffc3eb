import type { Kysely } from 'kysely';
import { binaryType, textType } from './types.js';

/**
 * Recordings (issue 15): an interview's audio or video beside its transcript, in the database so
 * it lives in the data folder (encrypted when the store is), is shared by every server of a team
 * database and goes with `store copy`. The bytes are kept in chunks of 256 KiB, so an upload is
 * written and a range is read a chunk at a time, never the whole file at once.
 *
 * `source_id` is null while an upload is being written (a recording is attached in its last,
 * short transaction) and while a replaced or removed recording's chunks are being erased.
 * `size_bytes` is a bigint: a recording may pass PostgreSQL's 2 GiB integer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('recordings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('source_id', text, (c) => c.unique().references('sources.id'))
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('media_type', text, (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recordings_project').on('recordings').column('project_id').execute();
  await db.schema
    .createTable('recording_chunks')
    .addColumn('recording_id', text, (c) => c.notNull().references('recordings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', binaryType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_chunks_pk', ['recording_id', 'seq'])
    .execute();
  // Retention: the recording goes once the transcript is verified, beside the original's rule.
  await db.schema
    .alterTable('sources')
    .addColumn('delete_recording_when_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sources').addColumn('recording_deleted_at', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sources').dropColumn('recording_deleted_at').execute();
  await db.schema.alterTable('sources').dropColumn('delete_recording_when_verified').execute();
  await db.schema.dropTable('recording_chunks').execute();
  await db.schema.dropTable('recordings').execute();
}
