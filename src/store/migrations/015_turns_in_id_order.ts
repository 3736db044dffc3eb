import type { Kysely } from 'kysely';

/**
 * An import's turns are fingerprinted in id order, as the history records them (ChangeRecorder's
 * insertChildren, and undo checking them again): without an index in that order the database
 * sorted a big subtitle file's 230,000 turns before giving the first, 180 ms in one step on the
 * server's event loop (issue 13).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('turns_source_id').on('turns').columns(['source_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('turns_source_id').execute();
}
