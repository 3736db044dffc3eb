import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { searchText } from '../../src/commands/searchText.js';
import { studyFixture } from '../commands/fixtures.js';
import { onPostgres } from '../engine.js';
import { recording, tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
});
afterEach(() => cleanup());

/** The columns of `sources_text_hash`, in order, as the engine keeps them. */
async function indexColumns(): Promise<string[]> {
  if (onPostgres) {
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where indexname = 'sources_text_hash'`.execute(ctx.store.db);
    const inside = /\((.*)\)/.exec(rows[0]?.indexdef ?? '')?.[1] ?? '';
    return inside.split(',').map((c) => c.trim());
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_index_info('sources_text_hash')`.execute(ctx.store.db);
  return rows.map((r) => r.name);
}

describe("a project's sources with their lengths", () => {
  it('are in the index that finds a duplicate text, after the project and the hash', async () => {
    expect(await indexColumns()).toEqual(['project_id', 'text_hash', 'text_length']);
  });

  // SQLite keeps a row's columns in order, text_length after the text: read from the row, each
  // source's text would be walked through. PostgreSQL keeps long text apart and plans by statistics.
  it.skipIf(onPostgres)("are read through that index by the search index's check before a search", async () => {
    const s = await studyFixture(ctx);
    const watched = recording(ctx);
    await searchText(watched.ctx, { project: s.p, query: 'plan' });
    const lengths = watched.statements.filter((q) => /from "sources"/.test(q.sql) && /"text_length"/.test(q.sql));
    expect(lengths.length).toBeGreaterThan(0);
    for (const q of lengths) {
      const plan = await ctx.store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
      );
      expect(plan.rows.map((r) => r.detail).join('; '), q.sql).toMatch(/USING INDEX sources_text_hash \(project_id=\?\)/);
    }
  });
});
