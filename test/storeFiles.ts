import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../src/store/db.js';

/**
 * The files on disk that hold a test store's data, to prove that an erased word is gone from
 * them, not only from the answers. SQLite: the database file, its WAL and journal in the data
 * folder. PostgreSQL: the files of the test database's tables, indexes and TOAST tables in the
 * server's data directory, after a CHECKPOINT has written every changed page to them (the test
 * server runs on this computer; .ci/run starts it). PostgreSQL's own WAL is the server's, like
 * its backups, and is covered by the institution's disk encryption (README), not by this check.
 */
export async function storeFiles(store: Store, dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (store.engine === 'sqlite') {
    for (const f of readdirSync(dir).filter((f) => f.startsWith('koda.db'))) out.set(f, readFileSync(join(dir, f)));
    return out;
  }
  await sql`checkpoint`.execute(store.db);
  const { rows } = await sql<{ name: string; path: string; home: string }>`
    select c.relname as name, pg_relation_filepath(c.oid) as path, current_setting('data_directory') as home
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'pg_toast') and c.relkind in ('r', 't', 'i', 'm') and pg_relation_filepath(c.oid) is not null`.execute(
    store.db,
  );
  for (const r of rows) {
    // A relation over 1 GB continues in files `.1`, `.2`, …
    for (let k = 0, file = join(r.home, r.path); existsSync(file); k++, file = join(r.home, `${r.path}.${k}`)) {
      out.set(k === 0 ? r.name : `${r.name}.${k}`, readFileSync(file));
    }
  }
  return out;
}

/** The store's files holding `needle` as UTF-8. */
export async function storeFilesWith(store: Store, dir: string, needle: string): Promise<string[]> {
  const bytes = Buffer.from(needle, 'utf8');
  return [...(await storeFiles(store, dir))].filter(([, data]) => data.includes(bytes)).map(([name]) => name);
}
