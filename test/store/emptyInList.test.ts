import { createQueryId, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { Store } from '../../src/store/db.js';
import { EmptyInListPlugin } from '../../src/store/emptyInList.js';
import { tempContext } from '../helpers.js';

let store: Store;
let id: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const made = await tempContext();
  ({ store, cleanup } = made);
  id = (await createProject(made.ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('an empty in list', () => {
  it('reads as SQLite reads it on both engines: in () is false, not in () is true, wherever it sits', async () => {
    const { db } = store;
    const projects = db.selectFrom('projects').select('name');
    expect(names(await projects.where('id', 'in', []).execute())).toEqual([]);
    expect(names(await projects.where('id', 'not in', []).execute())).toEqual(['Omega']);
    // Inside an or, a subquery and a raw fragment: the rewrite reaches all of them.
    expect(names(await projects.where((eb) => eb.or([eb('id', 'in', []), eb('name', '=', 'Omega')])).execute())).toEqual([
      'Omega',
    ]);
    const inner = db.selectFrom('projects as q').select('q.id').where('q.id', 'in', []);
    expect(names(await projects.where('id', 'in', inner).execute())).toEqual([]);
    expect(names(await projects.where((eb) => sql<boolean>`not (${eb('id', 'in', [])})`).execute())).toEqual(['Omega']);
    expect(names(await projects.where('id', 'in', [id, 'p2']).execute())).toEqual(['Omega']);
  });

  it('leaves a statement without one as it is, not copied', () => {
    const plugin = new EmptyInListPlugin();
    // Built without the store's plugins, which a builder applies when it makes its node.
    const db = store.db.withoutPlugins();
    const node = db.selectFrom('projects').select('name').where('id', 'in', [id]).where('name', '=', 'x').toOperationNode();
    expect(plugin.transformQuery({ node, queryId: createQueryId() })).toBe(node);
    const empty = db.selectFrom('projects').select('name').where('id', 'in', []).toOperationNode();
    expect(plugin.transformQuery({ node: empty, queryId: createQueryId() })).not.toBe(empty);
  });
});
