import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * Coding layers: a project can be blind (each coder sees only their own segments until the
 * owner reveals them), has an owner who may switch that, and a coder row is either a person's
 * layer (`coder`) or a consensus layer (`consensus`). Text and integer columns only, added with
 * defaults, so existing rows stay valid on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .alterTable('projects')
    .addColumn('blind', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('projects').addColumn('owner', text).execute();
  await db.schema
    .alterTable('coders')
    .addColumn('kind', text, (c) => c.notNull().defaultTo('coder'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('coders').dropColumn('kind').execute();
  await db.schema.alterTable('projects').dropColumn('owner').execute();
  await db.schema.alterTable('projects').dropColumn('blind').execute();
}
