import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import {
  type Change,
  ChangeRecorder,
  LARGE_VALUE,
  parseChanges,
  replayChanges,
  revertChanges,
  serializeChanges,
} from '../../src/store/changes.js';
import type { Store } from '../../src/store/db.js';
import type { CodeRow } from '../../src/store/schema.js';
import { tempContext } from '../helpers.js';

let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ store, cleanup } = await tempContext());
  await store.db
    .insertInto('projects')
    .values({ id: 'p', name: 'Omega', language: 'sv', description: '', created_at: 't0' })
    .execute();
});
afterEach(() => cleanup());

const code = (id: string, position: number, parent_id: string | null = null): CodeRow => ({
  id,
  project_id: 'p',
  parent_id,
  position,
  name: `kod ${id}`,
  color: '#000000',
  description: '',
  created_at: 't0',
});

/** Runs `body` with a recorder in one transaction and returns what it recorded. */
const record = (body: (w: ChangeRecorder) => Promise<void>) =>
  store.db.transaction().execute(async (trx) => {
    const w = new ChangeRecorder(trx);
    await body(w);
    return w.changes;
  });
const revert = (changes: Change[]) => store.db.transaction().execute((trx) => revertChanges(trx, changes));
const replay = (changes: Change[]) => store.db.transaction().execute((trx) => replayChanges(trx, changes));
const codes = () => store.db.selectFrom('codes').selectAll().orderBy('id').execute();
const codeOf = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof KodaError ? err.code : String(err);
};

describe('ChangeRecorder', () => {
  it('records inserts by id and a fingerprint of the stored row, not the row itself', async () => {
    const changes = await record((w) => w.insert('codes', [code('a', 0), code('b', 1)]));
    expect(changes).toEqual([
      { op: 'insert', table: 'codes', id: 'a', fingerprint: expect.stringMatching(/^[\w+/]{22}$/) },
      { op: 'insert', table: 'codes', id: 'b', fingerprint: expect.stringMatching(/^[\w+/]{22}$/) },
    ]);
  });

  it('inserts a row unless its place is taken, recording only the row it stored', async () => {
    const coder = (id: string) => ({ id, project_id: 'p', name: 'Kristin', created_at: 't0' });
    const stored: boolean[] = [];
    const changes = await record(async (w) => {
      stored.push(await w.insertUnlessTaken('coders', coder('k1')));
      stored.push(await w.insertUnlessTaken('coders', coder('k2')));
    });
    expect(stored).toEqual([true, false]);
    expect(changes).toEqual([{ op: 'insert', table: 'coders', id: 'k1', fingerprint: expect.any(String) }]);
    expect(await store.db.selectFrom('coders').select('id').execute()).toEqual([{ id: 'k1' }]);
  });

  it('inserts one row at a time with its own values, and leaves out a column given as undefined', async () => {
    // One row's insert is compiled once per table and set of columns (statementTemplate).
    await record(async (w) => {
      await w.insert('codes', code('a', 0));
      await w.insert('codes', { ...code('b', 1, 'a'), parent_id: undefined } as unknown as CodeRow);
      await w.insert('codes', code('c', 2, 'a'));
    });
    const stored = await codes();
    expect(stored.map((c) => [c.id, c.position, c.parent_id, c.name])).toEqual([
      ['a', 0, null, 'kod a'],
      ['b', 1, null, 'kod b'],
      ['c', 2, 'a', 'kod c'],
    ]);
  });

  it('records the replaced values of an update, and nothing for an empty patch', async () => {
    await store.db.insertInto('codes').values(code('a', 0)).execute();
    const changes = await record(async (w) => {
      await w.update('codes', 'a', { name: 'ny', position: 3 });
      await w.update('codes', 'a', {});
    });
    expect(changes).toEqual([
      { op: 'update', table: 'codes', id: 'a', before: { name: 'kod a', position: 0 }, after: { name: 'ny', position: 3 } },
    ]);
  });

  it('refuses to update a missing row', async () => {
    expect(await codeOf(record((w) => w.update('codes', 'saknas', { name: 'x' })))).toBe('history.row-missing');
  });

  it("records whole deleted rows in the caller's order and skips unknown ids", async () => {
    await store.db
      .insertInto('codes')
      .values([code('a', 0), code('b', 0, 'a')])
      .execute();
    const changes = await record((w) => w.delete('codes', ['b', 'saknas', 'a']));
    expect(changes).toEqual([
      { op: 'delete', table: 'codes', row: code('b', 0, 'a') },
      { op: 'delete', table: 'codes', row: code('a', 0) },
    ]);
    expect(await codes()).toEqual([]);
  });

  it('records the children of a new parent as one change, however many there are', async () => {
    const kids = Array.from({ length: 901 }, (_, i) => code(`k${String(i).padStart(4, '0')}`, i, 'a'));
    const changes = await record(async (w) => {
      await w.insert('codes', code('a', 0));
      await w.insertChildren('codes', { column: 'parent_id', id: 'a' }, kids);
    });
    expect(changes[1]).toEqual({
      op: 'insert-children',
      table: 'codes',
      parent: { column: 'parent_id', id: 'a' },
      count: 901,
      fingerprint: expect.stringMatching(/^[\w+/]{22}$/),
    });
    expect(serializeChanges(changes).length).toBeLessThan(400);
    const after = await codes();
    const captured = await revert(changes);
    expect(await codes()).toEqual([]);
    await replay(captured);
    expect(await codes()).toEqual(after);
  });

  it('refuses to add children to a parent that has some, or a row of another parent', async () => {
    await store.db
      .insertInto('codes')
      .values([code('a', 0), code('k', 0, 'a')])
      .execute();
    expect(await codeOf(record((w) => w.insertChildren('codes', { column: 'parent_id', id: 'a' }, [code('m', 1, 'a')])))).toMatch(
      /has children already/,
    );
    expect(await codeOf(record((w) => w.insertChildren('codes', { column: 'parent_id', id: 'b' }, [code('m', 1, 'a')])))).toMatch(
      /another parent/,
    );
  });

  it('fingerprints a large text in pieces as the whole: undo takes it back, and refuses once it is edited', async () => {
    // Emoji straddle the edges of the pieces the text is hashed in: a split pair would hash as U+FFFD.
    const long = (n: number) => `${'ä'.repeat(LARGE_VALUE - 1)}😀`.repeat(n);
    const row = (id: string) => ({ ...code(id, 0), description: long(3) });
    expect(row('a').description.charCodeAt(LARGE_VALUE - 1)).toBe(0xd83d);
    const inserted = await record((w) => w.insert('codes', row('a')));
    await revert(inserted);
    expect(await codes()).toEqual([]);

    const again = await record((w) => w.insert('codes', row('b')));
    await store.db
      .updateTable('codes')
      .set({ description: `${long(3).slice(0, -1)}x` })
      .execute();
    expect(await codeOf(revert(again))).toBe('history.changed-since');
  });

  it('writes more rows than one statement takes', async () => {
    const rows = Array.from({ length: 901 }, (_, i) => code(`c${String(i).padStart(4, '0')}`, i));
    const changes = await record((w) => w.insert('codes', rows));
    expect(changes).toHaveLength(901);
    await revert(changes);
    expect(await codes()).toEqual([]);
  });
});

describe('revertChanges and replayChanges', () => {
  it('restores every row exactly after a mix of changes, and replays them', async () => {
    await store.db
      .insertInto('codes')
      .values([code('a', 0), code('b', 1), code('c', 0, 'b')])
      .execute();
    const before = await codes();
    const changes = await record(async (w) => {
      await w.insert('codes', code('d', 2));
      await w.update('codes', 'a', { position: 1 });
      await w.update('codes', 'a', { position: 5, name: 'A' });
      await w.delete('codes', ['c', 'b']);
    });
    const after = await codes();
    const captured = await revert(changes);
    expect(await codes()).toEqual(before);
    expect(captured[0]).toEqual({ op: 'insert', table: 'codes', id: 'd', row: code('d', 2), fingerprint: expect.any(String) });
    await replay(captured);
    expect(await codes()).toEqual(after);
  });

  it('refuses to revert an update over a value changed since, changing nothing', async () => {
    await store.db
      .insertInto('codes')
      .values([code('a', 0), code('b', 1)])
      .execute();
    const changes = await record(async (w) => {
      await w.update('codes', 'b', { name: 'B' });
      await w.update('codes', 'a', { name: 'A' });
    });
    await store.db.updateTable('codes').set({ name: 'någon annan' }).where('id', '=', 'b').execute();
    const before = await codes();
    expect(await codeOf(revert(changes))).toBe('history.changed-since');
    expect(await codes()).toEqual(before);
  });

  it('refuses to revert an insert whose row was edited since, changing nothing', async () => {
    const changes = await record((w) => w.insert('codes', code('a', 0)));
    await store.db.updateTable('codes').set({ name: 'någon annan' }).where('id', '=', 'a').execute();
    const before = await codes();
    expect(await codeOf(revert(changes))).toBe('history.changed-since');
    expect(await codes()).toEqual(before);
  });

  it('refuses to revert children edited, added or removed since, changing nothing', async () => {
    const insert = () =>
      record(async (w) => {
        await w.insert('codes', code('a', 0));
        await w.insertChildren('codes', { column: 'parent_id', id: 'a' }, [code('k1', 0, 'a'), code('k2', 1, 'a')]);
      });
    const tamper = [
      () => store.db.updateTable('codes').set({ name: 'någon annan' }).where('id', '=', 'k2').execute(),
      () =>
        store.db
          .insertInto('codes')
          .values(code('k3', 2, 'a'))
          .execute(),
      () => store.db.deleteFrom('codes').where('id', '=', 'k1').execute(),
    ];
    for (const change of tamper) {
      await store.db.deleteFrom('codes').where('parent_id', 'is not', null).execute();
      await store.db.deleteFrom('codes').execute();
      const changes = await insert();
      await change();
      const before = await codes();
      expect(await codeOf(revert(changes))).toBe('history.changed-since');
      expect(await codes()).toEqual(before);
    }
  });

  it('refuses to revert an insert whose row is gone', async () => {
    const changes = await record((w) => w.insert('codes', code('a', 0)));
    await store.db.deleteFrom('codes').execute();
    expect(await codeOf(revert(changes))).toBe('history.changed-since');
  });

  it('refuses to replay an insert that was never captured, or a delete of a row that is gone', async () => {
    expect(await codeOf(replay([{ op: 'insert', table: 'codes', id: 'a' }]))).toBe('history.changed-since');
    const parent = { column: 'parent_id', id: 'a' };
    expect(await codeOf(replay([{ op: 'insert-children', table: 'codes', parent, count: 1, fingerprint: 'x' }]))).toBe(
      'history.changed-since',
    );
    expect(await codeOf(replay([{ op: 'delete', table: 'codes', row: { ...code('a', 0) } }]))).toBe('history.changed-since');
  });

  it('refuses to replay an update over a value changed since', async () => {
    await store.db.insertInto('codes').values(code('a', 0)).execute();
    const changes = await record((w) => w.update('codes', 'a', { name: 'A' }));
    await revert(changes);
    await store.db.updateTable('codes').set({ name: 'annat' }).where('id', '=', 'a').execute();
    expect(await codeOf(replay(changes))).toBe('history.changed-since');
    expect((await codes())[0]!.name).toBe('annat');
  });
});

describe('serializeChanges and parseChanges', () => {
  it("encodes bytes from the row that holds them, never through Buffer's toJSON (a number per byte)", () => {
    const toJSON = vi.spyOn(Buffer.prototype, 'toJSON');
    try {
      const json = serializeChanges([{ op: 'delete', table: 'sources', row: { id: 's', original_bytes: Buffer.alloc(3000) } }]);
      expect(json).toContain('"$bytes":"AAAA');
      expect(toJSON).not.toHaveBeenCalled();
    } finally {
      toJSON.mockRestore();
    }
  });

  it('round-trips rows with binary columns as bytes', async () => {
    const bytes = new Uint8Array([0, 1, 2, 0xff, 0xfe]);
    const changes: Change[] = [
      { op: 'delete', table: 'sources', row: { id: 's', original_bytes: Buffer.from(bytes), text: 'Hej 😀', case_id: null } },
      { op: 'delete', table: 'sources', row: { id: 't', original_bytes: bytes } },
      { op: 'update', table: 'codes', id: 'a', before: { position: 0 }, after: { position: 1 } },
    ];
    const json = serializeChanges(changes);
    expect(json).toContain('"$bytes":"AAEC//4="');
    const parsed = parseChanges(json);
    expect(parsed[2]).toEqual(changes[2]);
    const [first, second] = parsed as [Extract<Change, { op: 'delete' }>, Extract<Change, { op: 'delete' }>];
    expect(first.row).toEqual({ id: 's', original_bytes: Buffer.from(bytes), text: 'Hej 😀', case_id: null });
    expect(Buffer.isBuffer(second.row.original_bytes)).toBe(true);
    expect([...(second.row.original_bytes as Buffer)]).toEqual([0, 1, 2, 0xff, 0xfe]);
  });
});
