import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../src/commands/context.js';
import { openStore, type Store } from '../src/store/db.js';

/** A store in a fresh temporary folder, and a context acting as `actor`. */
export async function tempContext(
  actor = 'tester',
): Promise<{ ctx: CommandContext; store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'koda-test-'));
  const store = await openStore(dir);
  return {
    ctx: { store, actor },
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** Counts rows of every table: a fingerprint to prove that a refused command changed nothing. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const tables = [
    'projects',
    'coders',
    'sources',
    'turns',
    'cases',
    'attributes',
    'attribute_values',
    'codes',
    'segments',
    'memos',
    'history_entries',
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
