import type { Kysely } from 'kysely';
import { binaryType, textType } from './types.js';

/** The first schema: everything the foundation needs, on both engines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  const bytes = binaryType(db);
  await db.schema
    .createTable('projects')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull().unique())
    .addColumn('language', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coders')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('coders_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('cases_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('case_id', text, (c) => c.references('cases.id'))
    .addColumn('text', text, (c) => c.notNull())
    .addColumn('text_length', 'integer', (c) => c.notNull())
    .addColumn('text_hash', text, (c) => c.notNull())
    .addColumn('original_name', text, (c) => c.notNull())
    .addColumn('original_media_type', text, (c) => c.notNull())
    .addColumn('original_bytes', bytes)
    .addColumn('original_hash', text, (c) => c.notNull())
    .addColumn('metadata', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('sources_project_name', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('sources_text_hash').on('sources').columns(['project_id', 'text_hash']).execute();
  await db.schema.createIndex('sources_case').on('sources').column('case_id').execute();

  await db.schema
    .createTable('turns')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('speaker', text)
    .addColumn('case_id', text, (c) => c.references('cases.id'))
    .addColumn('start_ms', 'integer')
    .addColumn('end_ms', 'integer')
    .execute();
  await db.schema.createIndex('turns_source_start').on('turns').columns(['source_id', 'start_offset']).execute();
  await db.schema.createIndex('turns_case').on('turns').column('case_id').execute();

  await db.schema
    .createTable('attributes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('choices', text, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('attributes_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('attribute_values')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('cases.id'))
    .addColumn('attribute_id', text, (c) => c.notNull().references('attributes.id'))
    .addColumn('value', text, (c) => c.notNull())
    .addUniqueConstraint('attribute_values_case_attribute', ['case_id', 'attribute_id'])
    .execute();
  await db.schema.createIndex('attribute_values_attribute').on('attribute_values').column('attribute_id').execute();

  await db.schema
    .createTable('codes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('parent_id', text, (c) => c.references('codes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('color', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('codes_project_parent').on('codes').columns(['project_id', 'parent_id', 'position']).execute();
  await db.schema.createIndex('codes_parent').on('codes').column('parent_id').execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('code_id', text, (c) => c.notNull().references('codes.id'))
    .addColumn('coder_id', text, (c) => c.notNull().references('coders.id'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('turn_id', text, (c) => c.references('turns.id'))
    .addColumn('memo', text, (c) => c.notNull())
    .addColumn('exact', text, (c) => c.notNull())
    .addColumn('prefix', text, (c) => c.notNull())
    .addColumn('suffix', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('segments_one_per_span', ['source_id', 'code_id', 'coder_id', 'start_offset', 'end_offset'])
    .execute();
  await db.schema.createIndex('segments_code').on('segments').columns(['code_id', 'source_id', 'start_offset']).execute();
  await db.schema.createIndex('segments_source').on('segments').columns(['source_id', 'start_offset']).execute();
  await db.schema.createIndex('segments_coder').on('segments').column('coder_id').execute();
  await db.schema.createIndex('segments_turn').on('segments').column('turn_id').execute();

  await db.schema
    .createTable('memos')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('target_kind', text, (c) => c.notNull())
    .addColumn('target_id', text)
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('memos_target').on('memos').columns(['project_id', 'target_kind', 'target_id']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('object_ids', text, (c) => c.notNull())
    .addColumn('details', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_project_at').on('audit_events').columns(['project_id', 'at']).execute();

  await db.schema
    .createTable('history_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('changes', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('actor', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('history_entries_project_seq', ['project_id', 'seq'])
    .execute();
  // Finds the redo branch (state 'undone') without reading the whole history.
  await db.schema.createIndex('history_entries_state').on('history_entries').columns(['project_id', 'state', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'history_entries',
    'audit_events',
    'memos',
    'segments',
    'codes',
    'attribute_values',
    'attributes',
    'turns',
    'sources',
    'cases',
    'coders',
    'projects',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
