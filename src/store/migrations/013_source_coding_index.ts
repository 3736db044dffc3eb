import { type Kysely, sql } from 'kysely';

/**
 * The document view reads a source's coding from its index alone (issue 17): `segments_source`
 * now holds, after the source and start it always had, the id (the keyset's tie-break, so pages
 * need no sort) and the end, code and coder, so 10,000 segments are read without visiting their
 * wide rows (quote, context). `segments_memo` finds the few segments with a memo, whose text the
 * view shows. The wider index replaces the narrow one: still one index per source to update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('segments_source').execute();
  await db.schema
    .createIndex('segments_source')
    .on('segments')
    .columns(['source_id', 'start_offset', 'id', 'end_offset', 'code_id', 'coder_id'])
    .execute();
  await db.schema.createIndex('segments_memo').on('segments').column('source_id').where(sql.ref('memo'), '<>', '').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('segments_memo').execute();
  await db.schema.dropIndex('segments_source').execute();
  await db.schema.createIndex('segments_source').on('segments').columns(['source_id', 'start_offset']).execute();
}
