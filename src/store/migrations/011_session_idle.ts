import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * Sessions end after a while without use (ASVS V3.3.2: 30 minutes idle, beside the absolute 12
 * hours): `last_seen_at` is when the session last made a request, kept to the minute. A session
 * from before this migration counts as seen when it started.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_seen_at', textType(db)).execute();
  await (db as Kysely<{ sessions: { created_at: string; last_seen_at: string | null } }>)
    .updateTable('sessions')
    .set((eb) => ({ last_seen_at: eb.ref('created_at') }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
}
