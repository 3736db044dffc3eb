import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { parseDatabaseUrl } from '../../src/store/databaseUrl.js';
import type { Db } from '../../src/store/db.js';
import { connectPostgres } from '../../src/store/postgres.js';
import type { Database } from '../../src/store/schema.js';
import { statementTemplate } from '../../src/store/statementTemplate.js';
import { tempContext } from '../helpers.js';

/** A statement compiled once is kept prepared by PostgreSQL, on each connection that sends it. */

let ctx: CommandContext;
let database: string;
let cleanup: () => Promise<void>;
let id: string;

beforeEach(async () => {
  const made = await tempContext();
  ({ ctx, cleanup } = made);
  database = made.database as string;
  id = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

const projectName = statementTemplate((db, v: { id: string }) => db.selectFrom('projects').select('name').where('id', '=', v.id));
const prepared = (db: Db) =>
  sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db).then((r) => r.rows);

describe('statements kept prepared', () => {
  it('prepares a compiled-once statement under one name on the connection, and sends a built one unnamed', async () => {
    const seen = await ctx.store.db.transaction().execute(async (trx) => {
      expect(await projectName(trx, { id })).toEqual([{ name: 'Omega' }]);
      expect(await projectName(trx, { id: 'none' })).toEqual([]);
      await trx.selectFrom('projects').select('language').where('name', '=', 'Omega').execute();
      return prepared(trx);
    });
    const ours = seen.filter((s) => s.statement.includes('from "projects"'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.name).toMatch(/^koda_[0-9a-f]{24}$/);
    expect(ours[0]?.statement).toMatch(/^select "name" from "projects" where "id" = \$1$/);
  });

  it('after the database forgot it, fails that statement once and sends the rest unnamed on that connection', async () => {
    // One connection, so every statement meets the one whose prepared statement is gone.
    const db: Kysely<Database> = await connectPostgres(parseDatabaseUrl(database), { poolSize: 1 });
    try {
      expect(await projectName(db, { id })).toEqual([{ name: 'Omega' }]);
      expect((await prepared(db)).some((s) => s.statement.includes('from "projects"'))).toBe(true);
      await sql`deallocate all`.execute(db);
      await expect(projectName(db, { id })).rejects.toMatchObject({ code: '26000' });
      expect(await projectName(db, { id })).toEqual([{ name: 'Omega' }]);
      expect(await projectName(db, { id: 'none' })).toEqual([]);
      expect(await prepared(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
