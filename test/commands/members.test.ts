import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import type { CommandContext, SignedInAccount } from '../../src/commands/helpers/context.js';
import { projectRole } from '../../src/commands/helpers/members.js';
import { undo } from '../../src/commands/history.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { addMember } from '../../src/commands/members/addMember.js';
import { listMembers } from '../../src/commands/members/listMembers.js';
import { removeMember } from '../../src/commands/members/removeMember.js';
import { setMemberRole } from '../../src/commands/members/setMemberRole.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { account } from '../people.js';
import { expectRefused, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;

const as = (person: SignedInAccount): CommandContext => ({ ...ctx, actor: person.name, account: person });

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext('operator'));
});
afterEach(() => cleanup());

describe('members of a project', () => {
  it('makes the signed-in creator the owner, and the operator (CLI) adds, re-roles, lists and removes members', async () => {
    const eva = await account(store, 'eva');
    const olle = await account(store, 'olle');
    const p = (await createProject(as(eva), { name: 'Omega' })).id;
    expect(await projectRole(store.db, p, eva)).toBe('owner');
    expect(await projectRole(store.db, p, olle)).toBeNull();

    expect(await addMember(ctx, { project: 'Omega', name: 'olle', role: 'viewer' })).toEqual({
      project: 'Omega',
      name: 'olle',
      role: 'viewer',
    });
    expect(await projectRole(store.db, p, olle)).toBe('viewer');
    await setMemberRole(ctx, { project: p, name: 'olle', role: 'coder' });
    expect((await listMembers(ctx, { project: p })).members.map((m) => [m.name, m.role])).toEqual([
      ['eva', 'owner'],
      ['olle', 'coder'],
    ]);
    await removeMember(ctx, { project: p, name: 'olle' });
    expect(await projectRole(store.db, p, olle)).toBeNull();
  });

  it('audits each change with the account id and the role, never more', async () => {
    const eva = await account(store, 'eva');
    const olle = await account(store, 'olle');
    await createProject(as(eva), { name: 'Omega' });
    await addMember(as(eva), { project: 'Omega', name: 'olle', role: 'coder' });
    await setMemberRole(as(eva), { project: 'Omega', name: 'olle', role: 'viewer' });
    const events = await listAudit(ctx, { project: 'Omega' });
    const roleChange = events.find((e) => e.action === 'member.role');
    expect(roleChange?.objectIds).toEqual([olle.id]);
    expect(roleChange?.details).toEqual({ role: 'viewer', previous: 'coder' });
    // The log names the person who acted: their account's id and name, nothing else of it.
    expect(roleChange?.account).toEqual({ id: eva.id, name: 'eva' });
    const row = await store.db
      .selectFrom('audit_events')
      .select('actor_id')
      .where('action', '=', 'member.add')
      .executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(eva.id);
  });

  it('refuses an unknown account, a second membership, a bad role and losing the last owner, changing nothing', async () => {
    const eva = await account(store, 'eva');
    await account(store, 'olle');
    await createProject(as(eva), { name: 'Omega' });
    await addMember(ctx, { project: 'Omega', name: 'olle', role: 'coder' });
    await expectRefused(store, () => addMember(ctx, { project: 'Omega', name: 'nobody', role: 'coder' }), 'member.no-account');
    await expectRefused(store, () => addMember(ctx, { project: 'Omega', name: 'olle', role: 'owner' }), 'member.exists');
    await expectRefused(
      store,
      () => addMember(ctx, { project: 'Omega', name: 'eva', role: 'admin' as 'owner' }),
      'input.invalid',
    );
    await expectRefused(store, () => removeMember(ctx, { project: 'Omega', name: 'eva' }), 'member.last-owner');
    await expectRefused(store, () => setMemberRole(ctx, { project: 'Omega', name: 'eva', role: 'coder' }), 'member.last-owner');
    await expectRefused(store, () => removeMember(ctx, { project: 'Omega', name: 'kim' }), 'member.not-found');
    // With a second owner the first may step down.
    await setMemberRole(ctx, { project: 'Omega', name: 'olle', role: 'owner' });
    await setMemberRole(ctx, { project: 'Omega', name: 'eva', role: 'coder' });
  });

  it('keeps a signed-in coder in their own layer even when the project is not blind; the owner may write into any', async () => {
    const eva = await account(store, 'eva');
    const olle = await account(store, 'olle');
    const s = await studyFixture(as(eva));
    await addMember(ctx, { project: s.p, name: 'olle', role: 'coder' });
    const span = { project: s.p, source: s.source, code: s.codes.plan, start: 0, end: 4 };
    await expectRefused(store, () => applyCoding(as(olle), { ...span, coder: 'eva' }), 'auth.role');
    await applyCoding(as(olle), span);
    await applyCoding(as(eva), { ...span, coder: 'kim' });
  });

  it('lets a coder undo their own coding but not an owner’s deletion of a source', async () => {
    const eva = await account(store, 'eva');
    const olle = await account(store, 'olle');
    const s = await studyFixture(as(eva));
    await addMember(ctx, { project: s.p, name: 'olle', role: 'coder' });
    await deleteSource(as(eva), { project: s.p, source: s.source });
    await expectRefused(store, () => undo(as(olle), { project: s.p }), 'auth.role');
    await undo(as(eva), { project: s.p });
    await applyCoding(as(olle), { project: s.p, source: s.source, code: s.codes.plan, start: 0, end: 4 });
    await undo(as(olle), { project: s.p });
  });

  it('lists only the projects a person is a member of, with their role; a local account owns them all', async () => {
    const eva = await account(store, 'eva');
    const olle = await account(store, 'olle');
    const laptop = await account(store, 'maja', 'local');
    await createProject(as(eva), { name: 'Omega' });
    await createProject(ctx, { name: 'Beta' });
    expect((await listProjects(as(eva))).map((p) => [p.name, p.role])).toEqual([['Omega', 'owner']]);
    expect(await listProjects(as(olle))).toEqual([]);
    expect((await listProjects(as(laptop))).map((p) => [p.name, p.role])).toEqual([
      ['Beta', 'owner'],
      ['Omega', 'owner'],
    ]);
    expect((await listProjects(ctx)).map((p) => p.name)).toEqual(['Beta', 'Omega']);
  });
});
