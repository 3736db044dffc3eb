import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.js';
import { binaryType, textType } from './types.js';

/** Bytes of an original file per piece, as this migration cut them (originals.ts cuts new ones alike). */
const PIECE_BYTES = 1024 * 1024;

/**
 * A source's uploaded original file is kept in pieces of 1 MiB (issue 13): an import writes, and
 * an export reads, one piece per statement with a turn of the event loop between, where one
 * `sources` row holding a 20 MB file took one statement of hundreds of milliseconds to write and
 * read back. Originals stored before are cut into pieces by the database itself (never whole in
 * memory), and the column goes. An empty file is one empty piece, so a kept original has a row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('original_pieces')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('source_id', text, (c) => c.notNull().references('sources.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', binaryType(db), (c) => c.notNull())
    .addUniqueConstraint('original_pieces_source_seq', ['source_id', 'seq'])
    .execute();
  const kept = await sql<{ id: string; size: number | string }>`
    select id, length(original_bytes) as size from sources where original_bytes is not null`.execute(db);
  for (const { id, size } of kept.rows) {
    for (let seq = 0; seq === 0 || seq * PIECE_BYTES < Number(size); seq++) {
      await sql`
        insert into original_pieces (id, source_id, seq, bytes)
        select ${newId()}, id, ${seq}, substr(original_bytes, ${seq * PIECE_BYTES + 1}, ${PIECE_BYTES})
        from sources where id = ${id}`.execute(db);
    }
  }
  await db.schema.alterTable('sources').dropColumn('original_bytes').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('original_bytes', binaryType(db)).execute();
  const pieces = await sql<{ source_id: string; bytes: Uint8Array }>`
    select source_id, bytes from original_pieces order by source_id, seq`.execute(db);
  const files = new Map<string, Uint8Array[]>();
  for (const p of pieces.rows) files.set(p.source_id, [...(files.get(p.source_id) ?? []), p.bytes]);
  for (const [id, parts] of files) {
    await sql`update sources set original_bytes = ${Buffer.concat(parts)} where id = ${id}`.execute(db);
  }
  await db.schema.dropTable('original_pieces').execute();
}
