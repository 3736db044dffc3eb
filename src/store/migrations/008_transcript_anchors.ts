import type { Kysely } from 'kysely';

/**
 * A segment whose words an edit of its transcript removed or made ambiguous (issue 15):
 * `anchor_broken` 1 keeps it where it was, with its old quote selector, so a later edit that
 * brings the words back finds it again; the next edit tries it again either way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('segments')
    .addColumn('anchor_broken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('segments').dropColumn('anchor_broken').execute();
}
