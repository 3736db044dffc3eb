import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { studyFixture } from '../commands/fixtures.js';
import { onPostgres } from '../engine.js';
import { tempContext, utf8 } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
});
afterEach(() => cleanup());

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(ctx.store.db)).rows;
const columns = async () => (await rows(sql<{ name: string }>`select name from pragma_table_info('sources')`)).map((c) => c.name);
/**
 * Every row with its rowid, each column by name (sorted: a `select *` prepared before the table
 * was made anew would keep its old columns' names), the long text shortened for a readable diff.
 */
async function sources(): Promise<Record<string, unknown>[]> {
  const names = [...(await columns())].sort();
  const all = await rows(
    sql<
      Record<string, unknown>
    >`select rowid as row_number, ${sql.join(names.map((c) => sql.ref(c)))} from sources order by rowid`,
  );
  return all.map((r) => ({ ...r, text: `${String(r.text).length} ${String(r.text).slice(0, 40)}` }));
}

/** Each index of `sources` with its columns and whether it is unique, by name. */
async function indexes(): Promise<string[]> {
  const list = await rows(sql<{ name: string; unique: number }>`select name, "unique" from pragma_index_list('sources')`);
  const out: string[] = [];
  for (const index of list) {
    const info = await rows(sql<{ name: string }>`select name from pragma_index_info(${index.name}) order by seqno`);
    out.push(`${index.unique ? 'unique ' : ''}(${info.map((c) => c.name).join(', ')})`);
  }
  return out.sort();
}

// SQLite keeps a row's columns in order, and a long text's overflow pages lie between the row's
// start and any column after it (migration 019). PostgreSQL keeps long text apart: no change.
describe.skipIf(onPostgres)("a source's text, last in its row on SQLite", () => {
  it('comes after every other column; the migration moves it both ways and keeps every row, index and reference', async () => {
    const s = await studyFixture(ctx);
    await importSource(ctx, { project: s.p, fileName: 'lång.txt', bytes: utf8('Ett långt svar. '.repeat(20_000)) });
    const before = await sources();
    const keys = await indexes();
    const coded = await retrieveSegments(ctx, { project: s.p, code: 'Hinder' });
    expect((await columns()).at(-1)).toBe('text');

    const migrator = new Migrator({ db: ctx.store.db, provider: migrationProvider });
    expect((await migrator.migrateTo('018_source_measures_index')).error).toBeUndefined();
    expect((await columns()).slice(4, 7)).toEqual(['case_id', 'text', 'text_length']);
    expect(await sources()).toEqual(before);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await columns()).at(-1)).toBe('text');
    expect(await columns()).toHaveLength(Object.keys(before[0] ?? {}).length - 1);
    expect(await sources()).toEqual(before);
    expect(await indexes()).toEqual(keys);
    expect(await rows(sql`pragma foreign_key_check`)).toEqual([]);
    expect(await rows(sql<{ foreign_keys: number }>`pragma foreign_keys`)).toEqual([{ foreign_keys: 1 }]);
    expect(await retrieveSegments(ctx, { project: s.p, code: 'Hinder' })).toEqual(coded);
  });
});
