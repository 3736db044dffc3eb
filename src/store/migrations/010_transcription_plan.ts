import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * The transcription plan (issue 15): who transcribes which interview, or which part of one.
 *
 * - `transcription_plans`: a project's current plan (one; planning again replaces it), with the
 *   tolerance it was balanced to.
 * - `transcription_transcribers`: its transcribers in the order given, each with a share of the
 *   minutes (a number; equal shares when none was given).
 * - `transcription_parts`: a stretch `[start_ms, end_ms)` of an interview's recording given to one
 *   transcriber: a whole interview, or one of the two parts of a split one. `done_at` is when it
 *   was marked transcribed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('transcription_plans')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().unique().references('projects.id'))
    .addColumn('tolerance_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('transcription_transcribers')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('plan_id', text, (c) => c.notNull().references('transcription_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addUniqueConstraint('transcription_transcribers_plan_name', ['plan_id', 'name'])
    .execute();
  await db.schema
    .createTable('transcription_parts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('plan_id', text, (c) => c.notNull().references('transcription_plans.id'))
    .addColumn('transcriber_id', text, (c) => c.notNull().references('transcription_transcribers.id'))
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('start_ms', 'integer', (c) => c.notNull())
    .addColumn('end_ms', 'integer', (c) => c.notNull())
    .addColumn('done_at', text)
    .addUniqueConstraint('transcription_parts_source_transcriber', ['source_id', 'transcriber_id'])
    .execute();
  await db.schema.createIndex('transcription_parts_plan').on('transcription_parts').column('plan_id').execute();
  await db.schema.createIndex('transcription_parts_transcriber').on('transcription_parts').column('transcriber_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transcription_parts').execute();
  await db.schema.dropTable('transcription_transcribers').execute();
  await db.schema.dropTable('transcription_plans').execute();
}
