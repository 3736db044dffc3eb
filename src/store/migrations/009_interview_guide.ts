import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * The interview guide and the interview log (issue 15).
 *
 * - `guide_versions`: a version of a project's guide, named ("1", "v2") and dated by the day it
 *   took effect (`YYYY-MM-DD`).
 * - `guide_questions`: a question of the project's guide, one row per wording: a version that
 *   keeps a question refers to the same row, so "asked in 5 of 8 interviews" counts one question
 *   across versions.
 * - `guide_entries`: the questions of a version, in order.
 * - `interviews`: the log of one interview (a source): date, place, a typed length (a
 *   recording's own length wins), interviewers (JSON array), the guide version used, transcriber.
 * - `question_places`: the turn where a person confirmed a question was asked. No foreign key to
 *   `turns`: an edited transcript gets new turns, and a confirmation whose turn is gone counts
 *   as unconfirmed (the question is located again) rather than blocking the edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('guide_versions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('effective_from', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('guide_versions_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('guide_questions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('text', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guide_questions_project').on('guide_questions').column('project_id').execute();
  await db.schema
    .createTable('guide_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('version_id', text, (c) => c.notNull().references('guide_versions.id'))
    .addColumn('question_id', text, (c) => c.notNull().references('guide_questions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('guide_entries_version_position', ['version_id', 'position'])
    .execute();
  await db.schema.createIndex('guide_entries_question').on('guide_entries').column('question_id').execute();
  await db.schema
    .createTable('interviews')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('source_id', text, (c) => c.notNull().unique().references('sources.id'))
    .addColumn('held_on', text)
    .addColumn('place', text, (c) => c.notNull())
    .addColumn('length_ms', 'integer')
    .addColumn('interviewers', text, (c) => c.notNull())
    .addColumn('guide_version_id', text, (c) => c.references('guide_versions.id'))
    .addColumn('transcriber', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interviews_project').on('interviews').column('project_id').execute();
  await db.schema.createIndex('interviews_guide_version').on('interviews').column('guide_version_id').execute();
  await db.schema
    .createTable('question_places')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('question_id', text, (c) => c.notNull().references('guide_questions.id'))
    .addColumn('turn_id', text, (c) => c.notNull())
    .addColumn('confirmed_by', text, (c) => c.notNull())
    .addColumn('confirmed_at', text, (c) => c.notNull())
    .addUniqueConstraint('question_places_source_question', ['source_id', 'question_id'])
    .execute();
  await db.schema.createIndex('question_places_question').on('question_places').column('question_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('question_places').execute();
  await db.schema.dropTable('interviews').execute();
  await db.schema.dropTable('guide_entries').execute();
  await db.schema.dropTable('guide_questions').execute();
  await db.schema.dropTable('guide_versions').execute();
}
