import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import type { Db } from '../../src/store/db.js';
import { shapedTemplate, statementTemplate } from '../../src/store/statementTemplate.js';
import { tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
});
afterEach(() => cleanup());

const projectStatement = (db: Db, v: { id: string; described: string }) =>
  db.selectFrom('projects').select(['name', 'description']).where('id', '=', v.id).where('description', '<>', v.described);

describe('a statement template', () => {
  it('answers each run for its own values, as the statement built anew would, and is built once', async () => {
    const { db } = ctx.store;
    const omega = await createProject(ctx, { name: 'Omega', description: 'Stockholm' });
    const alfa = await createProject(ctx, { name: 'Alfa' });
    let builds = 0;
    const template = statementTemplate((db, v: { id: string; described: string }) => {
      builds++;
      return projectStatement(db, v);
    });
    for (const values of [
      { id: omega.id, described: '' },
      { id: alfa.id, described: 'x' },
      { id: alfa.id, described: '' },
      { id: 'none', described: '' },
    ]) {
      expect(await template(db, values)).toEqual(await projectStatement(db, values).execute());
    }
    expect(await template(db, { id: omega.id, described: '' })).toEqual([{ name: 'Omega', description: 'Stockholm' }]);
    expect(builds).toBe(1);
  });

  it('runs in the transaction it is given', async () => {
    const { db } = ctx.store;
    const omega = await createProject(ctx, { name: 'Omega' });
    const template = statementTemplate(projectStatement);
    const values = { id: omega.id, described: '' };
    const seen = await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('projects').set({ description: 'in the transaction' }).where('id', '=', omega.id).execute();
        const rows = await template(trx, values);
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((e: { rows?: unknown }) => e.rows);
    expect(seen).toEqual([{ name: 'Omega', description: 'in the transaction' }]);
    expect(await template(db, values)).toEqual([]);
  });

  it('refuses a value that the statement would not send as a parameter, naming it', async () => {
    const inlined = statementTemplate((db, v: { name: string }) =>
      db
        .selectFrom('projects')
        .select('id')
        .where(sql.raw<boolean>(`name = '${v.name}'`)),
    );
    await expect(inlined(ctx.store.db, { name: 'Omega' })).rejects.toThrow('statement template: name not sent as parameters');
  });

  it('of a few shapes: one template per shape, each built once and answering for its own values', async () => {
    const { db } = ctx.store;
    const omega = await createProject(ctx, { name: 'Omega', description: 'Stockholm' });
    await createProject(ctx, { name: 'Alfa' });
    const builds: string[] = [];
    const named = shapedTemplate((db, v: { name: string }, shape: { exact: boolean }) => {
      builds.push(shape.exact ? 'exact' : 'prefix');
      const projects = db.selectFrom('projects').select('id').orderBy('name');
      return shape.exact ? projects.where('name', '=', v.name) : projects.where('name', '>=', v.name);
    });
    expect(await named(db, { exact: true }, { name: 'Omega' })).toEqual([{ id: omega.id }]);
    expect(await named(db, { exact: false }, { name: 'B' })).toEqual([{ id: omega.id }]);
    expect(await named(db, { exact: false }, { name: 'A' })).toHaveLength(2);
    expect(await named(db, { exact: true }, { name: 'Alfa' })).toHaveLength(1);
    expect(builds).toEqual(['exact', 'prefix']);
  });
});
