import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { exportProject } from '../../src/commands/exportProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { redo, undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import type { Store } from '../../src/store/db.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { ORIGINAL_PIECE_BYTES, readOriginal } from '../../src/store/originals.js';
import { kodaError } from '../commands/fixtures.js';
import { unzip } from '../formats/refi/support.js';
import { tempContext } from '../helpers.js';

/**
 * A source's original file is kept in pieces (migration 014) and its long text is written apart
 * and not read back (ChangeRecorder.insert): the file must come back byte for byte, and undo and
 * redo of the import, and erasure, must hold as for any row.
 */
let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

/**
 * A plain-text file over two pieces long, with characters of two to four bytes across the pieces'
 * edges, in a few long paragraphs (few turns, so the test stays quick).
 */
function longFile(): Uint8Array {
  const paragraph = `${'Vi pratar om möjligheter 😀 och hinder — igen. '.repeat(20_000)}\n\n`;
  const bytes = Buffer.from(paragraph.repeat(Math.ceil((2.3 * ORIGINAL_PIECE_BYTES) / Buffer.byteLength(paragraph))));
  expect(bytes.byteLength).toBeGreaterThan(2 * ORIGINAL_PIECE_BYTES);
  return bytes;
}

const pieces = async () =>
  (await store.db.selectFrom('original_pieces').select(['source_id', 'seq']).orderBy('source_id').orderBy('seq').execute()).map(
    (r) => [r.source_id, Number(r.seq)],
  );
const sourceCount = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from sources`.execute(store.db)).rows[0]?.n);
const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.compare(a, b) === 0;

describe('original files in pieces', () => {
  it('keeps a long file byte for byte in 1 MiB pieces, and exports it whole', async () => {
    const bytes = longFile();
    const { id } = await importSource(ctx, { project: p, fileName: 'lång.txt', bytes });
    expect(await pieces()).toEqual([
      [id, 0],
      [id, 1],
      [id, 2],
    ]);
    expect(same(await readOriginal(store.db, id), bytes)).toBe(true);
    const { text } = await store.db.selectFrom('sources').select('text').where('id', '=', id).executeTakeFirstOrThrow();
    expect(text).toBe(Buffer.from(bytes).toString('utf8'));
    const files = Object.values(unzip((await exportProject(ctx, { project: p, format: 'qdpx' })).bytes));
    expect(files.filter((f) => same(f, bytes))).toHaveLength(1);
  });

  it('undoes the import of a long file, text and every piece, and redoes it byte for byte', async () => {
    const bytes = longFile();
    const { id } = await importSource(ctx, { project: p, fileName: 'lång.txt', bytes });
    await undo(ctx, { project: p });
    expect([await sourceCount(), await pieces()]).toEqual([0, []]);
    await redo(ctx, { project: p });
    expect(same(await readOriginal(store.db, id), bytes)).toBe(true);
    const { text } = await store.db.selectFrom('sources').select('text').where('id', '=', id).executeTakeFirstOrThrow();
    expect(text).toBe(Buffer.from(bytes).toString('utf8'));
    await undo(ctx, { project: p });
    expect([await sourceCount(), await pieces()]).toEqual([0, []]);
  });

  it('refuses to undo the import once its long text or a piece of its file was changed since', async () => {
    const bytes = longFile();
    const { id } = await importSource(ctx, { project: p, fileName: 'lång.txt', bytes });
    const tamper = [
      () => sql`update sources set text = ${`${Buffer.from(bytes).toString('utf8')}x`} where id = ${id}`.execute(store.db),
      () =>
        sql`update original_pieces set bytes = ${Buffer.from('ändrad')} where source_id = ${id} and seq = 1`.execute(store.db),
    ];
    for (const change of tamper) {
      const saved = await store.db
        .selectFrom('original_pieces')
        .select(['id', 'bytes'])
        .where('seq', '=', 1)
        .executeTakeFirstOrThrow();
      const { text } = await store.db.selectFrom('sources').select('text').where('id', '=', id).executeTakeFirstOrThrow();
      await change();
      expect((await kodaError(undo(ctx, { project: p }))).code).toBe('history.changed-since');
      expect([await sourceCount(), (await pieces()).length]).toEqual([1, 3]);
      await store.db.updateTable('sources').set({ text }).where('id', '=', id).execute();
      await store.db.updateTable('original_pieces').set({ bytes: saved.bytes }).where('id', '=', saved.id).execute();
    }
    await undo(ctx, { project: p });
    expect(await sourceCount()).toBe(0);
  });

  it('erases the pieces with the source, and undo puts them back', async () => {
    const bytes = longFile();
    const { id } = await importSource(ctx, { project: p, fileName: 'lång.txt', bytes });
    await deleteSource(ctx, { project: p, source: id });
    expect([await sourceCount(), await pieces()]).toEqual([0, []]);
    await undo(ctx, { project: p });
    expect(same(await readOriginal(store.db, id), bytes)).toBe(true);
  });

  it('cuts an original stored whole before migration 014 into pieces, and joins them again going back', async () => {
    const bytes = longFile();
    const { id } = await importSource(ctx, { project: p, fileName: 'lång.txt', bytes });
    const migrator = new Migrator({ db: store.db, provider: migrationProvider });
    const down = await migrator.migrateTo('013_source_coding_index');
    expect(down.error).toBeUndefined();
    const whole = await sql<{ original_bytes: Uint8Array }>`select original_bytes from sources where id = ${id}`.execute(
      store.db,
    );
    expect(same(whole.rows[0]?.original_bytes ?? null, bytes)).toBe(true);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect((await pieces()).map(([, seq]) => seq)).toEqual([0, 1, 2]);
    expect(same(await readOriginal(store.db, id), bytes)).toBe(true);
    const columns = (await store.db.introspection.getTables()).find((t) => t.name === 'sources')?.columns.map((c) => c.name);
    expect(columns).not.toContain('original_bytes');
  });
});
