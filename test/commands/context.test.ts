import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionName } from '../../src/commands/actions.js';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import {
  type CommandContext,
  type CommittedEvent,
  HISTORY_LIMIT,
  runCommand,
  writeAudit,
} from '../../src/commands/helpers/context.js';
import { redo, undo } from '../../src/commands/history.js';
import type { Store } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/ids.js';
import type { AuditEventRow } from '../../src/store/schema.js';
import { tempContext } from '../helpers.js';
import { CONTENT, dumpTables, QUOTES, type Study, studyFixture } from './fixtures.js';
import { mutations } from './mutations.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

/** Audit rows written while `run` ran. */
async function auditOf(run: () => Promise<unknown>): Promise<AuditEventRow[]> {
  const seen = new Set((await store.db.selectFrom('audit_events').select('id').execute()).map((r) => r.id));
  await run();
  const rows = await store.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
  return rows.filter((r) => !seen.has(r.id));
}

describe('audit: one event per command, ids only', () => {
  it.each(mutations.map((m) => [m.name, m] as const))('%s', async (_name, m) => {
    await m.setup?.(ctx, s);
    let result: unknown;
    const rows = await auditOf(async () => {
      result = await m.run(ctx, s);
    });
    expect(rows.length).toBe(1);
    const row = rows[0]!;
    expect(row.action).toBe(m.action);
    expect(row.project_id).toBe(s.p);
    expect(row.actor).toBe('tester');
    expect(JSON.parse(row.object_ids)).toEqual(await m.objectIds(s, result, ctx));
    const json = JSON.stringify(row);
    for (const content of CONTENT) expect(json).not.toContain(content);
  });

  it('keeps the coded text out of the audit row of applyCoding', async () => {
    const coding = mutations.find((m) => m.action === 'segment.apply')!;
    let text = '';
    const rows = await auditOf(async () => {
      text = (await coding.run(ctx, s)).text;
    });
    expect(text).toBe(QUOTES.tidsbrist);
    expect(JSON.stringify(rows)).not.toContain(text);
  });

  it('records project.create without a history entry', async () => {
    let id = '';
    const rows = await auditOf(async () => {
      id = (await createProject(ctx, { name: 'Ny' })).id;
    });
    expect(rows.map((r) => [r.action, r.project_id, JSON.parse(r.object_ids)])).toEqual([['project.create', id, [id]]]);
    const history = await store.db.selectFrom('history_entries').select('id').where('project_id', '=', id).execute();
    expect(history).toEqual([]);
  });

  it('records undo and redo as their own events', async () => {
    const added = await addCode(ctx, { project: s.p, name: 'ny' });
    const undone = await auditOf(() => undo(ctx, { project: s.p }));
    const redone = await auditOf(() => redo(ctx, { project: s.p }));
    expect([...undone, ...redone].map((r) => [r.action, JSON.parse(r.object_ids), JSON.parse(r.details)])).toEqual([
      ['history.undo', [added.id], { action: 'code.add', changes: 1 }],
      ['history.redo', [added.id], { action: 'code.add', changes: 1 }],
    ]);
  });
});

describe('runCommand', () => {
  it('writes nothing, not even an audit event, on a dry run', async () => {
    const before = await dumpTables(store);
    const rows = await auditOf(async () => {
      const preview = await deleteCode(ctx, { project: s.p, code: 'Hinder', withSegments: true, dryRun: true });
      expect(preview).toMatchObject({ codes: 4, segments: 3 });
    });
    expect(rows).toEqual([]);
    expect(await dumpTables(store)).toEqual(before);
  });

  it('tells onCommitted after a commit, not after a refusal', async () => {
    const events: CommittedEvent[] = [];
    const watched: CommandContext = { ...ctx, onCommitted: (e) => events.push(e) };
    const added = await addCode(watched, { project: s.p, name: 'ny' });
    await addCode(watched, { project: s.p, name: 'NY' }).catch(() => undefined);
    expect(events).toEqual([{ projectId: s.p, action: 'code.add', stale: ['codebook'], objectIds: [added.id] }]);
  });

  it('tells undo and redo with the stale set of the action they stepped over', async () => {
    const events: CommittedEvent[] = [];
    const watched: CommandContext = { ...ctx, onCommitted: (e) => events.push(e) };
    const coding = mutations.find((m) => m.action === 'segment.apply')!;
    const segment = (await coding.run(ctx, s)).id;
    await undo(watched, { project: s.p });
    await redo(watched, { project: s.p });
    expect(events).toEqual([
      { projectId: s.p, action: 'history.undo', stale: ['segments', 'coders'], objectIds: expect.arrayContaining([segment]) },
      { projectId: s.p, action: 'history.redo', stale: ['segments', 'coders'], objectIds: expect.arrayContaining([segment]) },
    ]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  it('refuses an undeclared action before writing anything', async () => {
    const before = await dumpTables(store);
    const spec = { action: 'segment.paint' as ActionName, projectId: s.p };
    await expect(runCommand(ctx, spec, async () => ({ result: null, objectIds: [] }))).rejects.toThrow(
      /Undeclared action "segment.paint"/,
    );
    await expect(
      writeAudit(store.db, { projectId: s.p, actor: 'tester', action: 'segment.paint' as ActionName, objectIds: [] }),
    ).rejects.toThrow(/Undeclared action/);
    expect(await dumpTables(store)).toEqual(before);
  });

  it('numbers each entry after every other, drops the redo branch and keeps the newest HISTORY_LIMIT entries', async () => {
    await store.db.deleteFrom('history_entries').execute();
    const entry = (seq: number, state: string) => ({
      id: newId(),
      project_id: s.p,
      seq,
      action: 'code.add',
      changes: '[]',
      state,
      actor: 'tester',
      created_at: nowIso(),
    });
    // A full history, and two undone steps after it.
    const done = Array.from({ length: HISTORY_LIMIT }, (_, i) => entry(i + 1, 'done'));
    await store.db.insertInto('history_entries').values(done).execute();
    await store.db
      .insertInto('history_entries')
      .values([entry(HISTORY_LIMIT + 1, 'undone'), entry(HISTORY_LIMIT + 2, 'undone')])
      .execute();
    await addCode(ctx, { project: s.p, name: 'Ny kod' });
    const rows = await store.db.selectFrom('history_entries').select(['seq', 'state']).orderBy('seq').execute();
    expect(rows.length).toBe(HISTORY_LIMIT);
    expect(rows[0]?.seq).toBe(2);
    // The dropped redo branch's numbers are not used again.
    expect(rows.at(-1)).toEqual({ seq: HISTORY_LIMIT + 3, state: 'done' });
    expect(rows.every((r) => r.state === 'done')).toBe(true);
    await addCode(ctx, { project: s.p, name: 'En kod till' });
    const next = await store.db.selectFrom('history_entries').select('seq').orderBy('seq').execute();
    expect(next.map((r) => r.seq)).toEqual([...rows.slice(1).map((r) => r.seq), HISTORY_LIMIT + 4]);
  });
});
