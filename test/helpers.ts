import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { CommandContext } from '../src/commands/context.js';
import { CSRF_HEADER } from '../src/server/requestGuard.js';
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

/**
 * A request as Koda's own page sends it: with the header that proves a state change comes from
 * Koda, not from another website (src/server/requestGuard.ts). Tests of the guard itself call
 * `app.inject` directly.
 */
export function inject(app: FastifyInstance, options: InjectOptions) {
  return app.inject({ ...options, headers: { [CSRF_HEADER]: '1', ...options.headers } });
}
