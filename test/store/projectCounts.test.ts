import { CompiledQuery as Compiled } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCodebook } from '../../src/commands/getCodebook.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { listSources } from '../../src/commands/listSources.js';
import { studyFixture } from '../commands/fixtures.js';
import { onPostgres } from '../engine.js';
import { recording, tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
});
afterEach(() => cleanup());

describe("a project's segment counts", () => {
  // SQLite says plainly how it reads a table; PostgreSQL's plan depends on its statistics.
  it.skipIf(onPostgres)('are read from an index alone, in its order, within the project when one is named', async () => {
    const s = await studyFixture(ctx);
    const watched = recording(ctx);
    await getCodebook(watched.ctx, { project: s.p });
    await listSources(watched.ctx, { project: s.p });
    await listProjects(watched.ctx);
    const counts = watched.statements.filter((q) => /from "segments"/.test(q.sql) && /count\(\*\)/.test(q.sql));
    expect(counts.length).toBeGreaterThanOrEqual(3);
    for (const q of counts) {
      const plan = await ctx.store.db.executeQuery<{ detail: string }>(
        Compiled.raw(`explain query plan ${q.sql}`, [...q.parameters]),
      );
      const details = plan.rows.map((r) => r.detail).join('; ');
      // From an index alone, never a row; grouped in the index's own order, with no temporary
      // tree to sort every segment into (the source list's took 54 of 62 ms for 200,000).
      expect(details, q.sql).toMatch(/^(SEARCH|SCAN) (s|segments) USING COVERING INDEX/);
      expect(details, q.sql).not.toMatch(/TEMP B-TREE/);
      // Within the project when one is named; the project list counts every project's.
      if (/"project_id" = \?/.test(q.sql)) expect(details, q.sql).not.toMatch(/SCAN (s|segments)\b/);
    }
  });
});
