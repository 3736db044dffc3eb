import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * Deeper analysis (issue 16): sets, smart codes, theory and suggestions.
 *
 * - `sets`: a named set of sources (`kind` 'source') or cases (`kind` 'case'), REFI-QDA's Sets.
 *   `rule` is null for a set made by hand (its members in `set_members`), or JSON
 *   `{"attribute": name, "value": value}` for a case set that follows a case attribute: its
 *   members are the cases holding that value now, so the set stays right as attributes change.
 * - `set_members`: the members of a hand-made set, a source or case id by `set_members.member_id`.
 * - `smart_codes`: a saved coding query (core/codingQuery): its expression in the query language
 *   and its filter (JSON). It is evaluated whenever it is read, so it stays live as coding changes.
 * - `theory_concepts`: a concept of a theory the analysis leans on, with its definition and the
 *   reference it comes from ("handlingsutrymme — Lipsky 2010").
 * - `theory_links`: a concept linked to a code, a segment or a memo (`target_kind`).
 * - `suggestion_decisions`: a "find more like this" suggestion someone accepted or rejected: the
 *   passage `[start_offset, end_offset)` in code points of the source's text, the method and its
 *   parameters (JSON), the words that made it similar (JSON), the score, who decided and when, and
 *   for an accepted one the segment it became (in a layer of kind 'suggestions'). Kept so that a
 *   methods section can say exactly what the machine did, and so a rejected passage is not
 *   offered again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('sets')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('rule', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('sets_project_kind_name', ['project_id', 'kind', 'name'])
    .execute();
  await db.schema
    .createTable('set_members')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('set_id', text, (c) => c.notNull().references('sets.id'))
    .addColumn('member_id', text, (c) => c.notNull())
    .addUniqueConstraint('set_members_set_member', ['set_id', 'member_id'])
    .execute();
  await db.schema.createIndex('set_members_member').on('set_members').column('member_id').execute();
  await db.schema
    .createTable('smart_codes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('expression', text, (c) => c.notNull())
    .addColumn('filter', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('color', text, (c) => c.notNull().defaultTo(''))
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('smart_codes_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('theory_concepts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('definition', text, (c) => c.notNull().defaultTo(''))
    .addColumn('reference', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('theory_concepts_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('theory_links')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('concept_id', text, (c) => c.notNull().references('theory_concepts.id'))
    .addColumn('target_kind', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('theory_links_concept_target', ['concept_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('theory_links_target').on('theory_links').columns(['target_kind', 'target_id']).execute();
  await db.schema
    .createTable('suggestion_decisions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id'))
    .addColumn('code_id', text, (c) => c.notNull())
    .addColumn('source_id', text, (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('decision', text, (c) => c.notNull())
    .addColumn('segment_id', text)
    .addColumn('method', text, (c) => c.notNull())
    .addColumn('parameters', text, (c) => c.notNull())
    .addColumn('words', text, (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('decided_by', text, (c) => c.notNull())
    .addColumn('decided_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('suggestion_decisions_code')
    .on('suggestion_decisions')
    .columns(['project_id', 'code_id', 'source_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['suggestion_decisions', 'theory_links', 'theory_concepts', 'smart_codes', 'set_members', 'sets']) {
    await db.schema.dropTable(table).execute();
  }
}
