import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * The pseudonym keys move from `<data>/keys/` into the store, so every server on a team database
 * has them and a copy of the store takes them along. A row holds what the key file held: the real
 * forms AES-256-GCM encrypted under a key derived from the pseudonym secret, never the database's
 * (store/pseudonymKey.ts); the database never sees a real form in plaintext. The key goes with its
 * project (`on delete cascade`): a key must never outlive the texts it unlocks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('pseudonym_keys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().unique().references('projects.id').onDelete('cascade'))
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pseudonym_keys').execute();
}
