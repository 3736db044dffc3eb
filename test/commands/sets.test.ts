import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addSet } from '../../src/commands/addSet.js';
import { deleteCase } from '../../src/commands/deleteCase.js';
import { deleteSet } from '../../src/commands/deleteSet.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { editSet } from '../../src/commands/editSet.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listSets } from '../../src/commands/listSets.js';
import { setCaseAttributes } from '../../src/commands/setCaseAttributes.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;
let bo: string;
let boSource: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  bo = (await addCase(ctx, { project: s.p, name: 'Bo', attributes: { stadsdel: 'Z' } })).id;
  boSource = (await importSource(ctx, { project: s.p, fileName: 'bo.txt', bytes: utf8('I: Fråga?\n\nBo: Svar.\n'), case: 'Bo' }))
    .id;
});
afterEach(() => cleanup());

const listed = async () =>
  (await listSets(ctx, { project: s.p })).sets.map((x) => ({
    name: x.name,
    kind: x.kind,
    rule: x.rule,
    members: x.members.map((m) => m.name),
  }));

describe('addSet and listSets', () => {
  it('makes a set by hand from names and ids, each member once, and lists it with its members by name', async () => {
    const made = await addSet(ctx, {
      project: s.p,
      kind: 'case',
      name: 'Intervjuade',
      description: 'De vi talat med',
      members: ['Kristin', s.cases.albin, 'Albin'],
    });
    expect(made).toMatchObject({ name: 'Intervjuade', kind: 'case', rule: null, members: 2 });
    const [set] = (await listSets(ctx, { project: s.p })).sets;
    expect(set).toEqual({
      id: made.id,
      name: 'Intervjuade',
      kind: 'case',
      description: 'De vi talat med',
      rule: null,
      members: [
        { id: s.cases.albin, name: 'Albin' },
        { id: s.cases.kristin, name: 'Kristin' },
      ],
      count: 2,
    });
  });

  it('a case set from an attribute follows the attribute as values change', async () => {
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Z', fromAttribute: { attribute: 'Stadsdel', value: 'z' } });
    expect(await listed()).toEqual([
      { name: 'Z', kind: 'case', rule: { attribute: 'stadsdel', value: 'Z' }, members: ['Bo', 'Kristin'] },
    ]);
    await setCaseAttributes(ctx, { project: s.p, case: 'Albin', attributes: { stadsdel: 'Z' } });
    await setCaseAttributes(ctx, { project: s.p, case: 'Bo', attributes: { stadsdel: 'Y' } });
    expect((await listed())[0]?.members).toEqual(['Albin', 'Kristin']);
  });

  it('a snapshot keeps the members the attribute picks now', async () => {
    await addSet(ctx, {
      project: s.p,
      kind: 'case',
      name: 'Z då',
      fromAttribute: { attribute: 'stadsdel', value: 'Z' },
      snapshot: true,
    });
    await setCaseAttributes(ctx, { project: s.p, case: 'Bo', attributes: { stadsdel: 'Y' } });
    expect(await listed()).toEqual([{ name: 'Z då', kind: 'case', rule: null, members: ['Bo', 'Kristin'] }]);
  });

  it('a source set from an attribute holds the sources of the cases with that value', async () => {
    await addSet(ctx, {
      project: s.p,
      kind: 'source',
      name: 'Y-intervjuer',
      fromAttribute: { attribute: 'stadsdel', value: 'Y' },
    });
    await addSet(ctx, { project: s.p, kind: 'source', name: 'Bo', members: ['bo'] });
    // Source sets first, then by name; a case set may share a source set's name.
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Bo', members: ['Bo'] });
    expect(await listed()).toEqual([
      { name: 'Bo', kind: 'source', rule: null, members: ['bo'] },
      { name: 'Y-intervjuer', kind: 'source', rule: { attribute: 'stadsdel', value: 'Y' }, members: ['grupp'] },
      { name: 'Bo', kind: 'case', rule: null, members: ['Bo'] },
    ]);
    expect((await listSets(ctx, { project: s.p, kind: 'case' })).sets.map((x) => x.name)).toEqual(['Bo']);
  });

  it('refuses, changing nothing: a taken name, members with a rule, unknown members, attributes and values', async () => {
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Norr' });
    await expectRefused(store, () => addSet(ctx, { project: s.p, kind: 'case', name: 'Norr' }), 'set.case-exists');
    await expectRefused(
      store,
      () =>
        addSet(ctx, {
          project: s.p,
          kind: 'case',
          name: 'X',
          members: ['Bo'],
          fromAttribute: { attribute: 'stadsdel', value: 'Z' },
        }),
      'set.members-and-rule',
    );
    await expectRefused(
      store,
      () => addSet(ctx, { project: s.p, kind: 'case', name: 'X', members: ['Bo', 'Nils'] }),
      'case.not-found',
    );
    await expectRefused(
      store,
      () => addSet(ctx, { project: s.p, kind: 'source', name: 'X', members: ['Bo'] }),
      'source.not-found',
    );
    await expectRefused(
      store,
      () => addSet(ctx, { project: s.p, kind: 'case', name: 'X', fromAttribute: { attribute: 'ort', value: 'Z' } }),
      'attribute.not-found',
    );
    await expectRefused(
      store,
      () => addSet(ctx, { project: s.p, kind: 'case', name: 'X', fromAttribute: { attribute: 'stadsdel', value: 'Q' } }),
      'attribute.choice',
    );
    await expectRefused(store, () => addSet(ctx, { project: s.p, kind: 'case', name: ' ' }), 'input.invalid');
  });
});

describe('editSet and deleteSet', () => {
  beforeEach(async () => {
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Norr', members: ['Albin'] });
  });

  it('renames, describes, adds (ignoring one already in) and takes out members', async () => {
    const r = await editSet(ctx, { project: s.p, set: 'Norr', name: 'Nord', description: 'Norra', add: ['Bo', 'Albin'] });
    expect(r).toMatchObject({ name: 'Nord', added: 1, removed: 0 });
    await editSet(ctx, { project: s.p, set: 'Nord', remove: ['Albin'] });
    const [set] = (await listSets(ctx, { project: s.p })).sets;
    expect(set).toMatchObject({ name: 'Nord', description: 'Norra', members: [{ id: bo, name: 'Bo' }] });
  });

  it('freezes a rule set into its members now', async () => {
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Z', fromAttribute: { attribute: 'stadsdel', value: 'Z' } });
    await expectRefused(store, () => editSet(ctx, { project: s.p, set: 'Z', add: ['Albin'] }), 'set.follows-rule');
    await editSet(ctx, { project: s.p, set: 'Z', freeze: true, add: ['Albin'] });
    await setCaseAttributes(ctx, { project: s.p, case: 'Bo', attributes: { stadsdel: 'Y' } });
    expect((await listed()).find((x) => x.name === 'Z')).toEqual({
      name: 'Z',
      kind: 'case',
      rule: null,
      members: ['Albin', 'Bo', 'Kristin'],
    });
  });

  it('refuses, changing nothing: a taken name, a member not in the set, an unknown or ambiguous set', async () => {
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Syd' });
    await expectRefused(store, () => editSet(ctx, { project: s.p, set: 'Norr', name: 'Syd' }), 'set.case-exists');
    await expectRefused(store, () => editSet(ctx, { project: s.p, set: 'Norr', remove: ['Bo'] }), 'set.member-not-in-set');
    await expectRefused(store, () => editSet(ctx, { project: s.p, set: 'Väst', name: 'X' }), 'set.not-found');
    await addSet(ctx, { project: s.p, kind: 'source', name: 'Norr' });
    await expectRefused(store, () => deleteSet(ctx, { project: s.p, set: 'Norr' }), 'set.ambiguous');
    await deleteSet(ctx, { project: s.p, set: 'Norr', kind: 'source' });
    expect(await listed()).toEqual([
      { name: 'Norr', kind: 'case', rule: null, members: ['Albin'] },
      { name: 'Syd', kind: 'case', rule: null, members: [] },
    ]);
  });

  it('deletes a set and its members; undo brings both back', async () => {
    await deleteSet(ctx, { project: s.p, set: 'Norr' });
    expect(await listed()).toEqual([]);
    expect(await store.db.selectFrom('set_members').selectAll().execute()).toEqual([]);
    await undo(ctx, { project: s.p });
    expect(await listed()).toEqual([{ name: 'Norr', kind: 'case', rule: null, members: ['Albin'] }]);
  });
});

describe('sets when sources and cases go', () => {
  const memberRows = async () => (await store.db.selectFrom('set_members').select('member_id').execute()).map((r) => r.member_id);

  beforeEach(async () => {
    await addSet(ctx, { project: s.p, kind: 'source', name: 'Alla', members: ['grupp', 'bo'] });
    await addSet(ctx, { project: s.p, kind: 'case', name: 'Alla', members: ['Albin', 'Kristin', 'Bo'] });
  });

  it('deleting a source takes it out of its sets', async () => {
    await deleteSource(ctx, { project: s.p, source: 'bo' });
    expect(await memberRows()).not.toContain(boSource);
    expect((await listed())[0]?.members).toEqual(['grupp']);
  });

  it('deleting a case takes it out of its sets; undo puts it back', async () => {
    await deleteCase(ctx, { project: s.p, case: 'Bo' });
    expect(await memberRows()).not.toContain(bo);
    await undo(ctx, { project: s.p });
    expect(await memberRows()).toContain(bo);
  });

  it('withdrawing a participant leaves no row of theirs in any set', async () => {
    await withdrawParticipant(ctx, { project: s.p, case: 'Bo' });
    const left = await memberRows();
    expect(left).not.toContain(bo);
    expect(left).not.toContain(boSource);
    expect(left).toHaveLength(3);
  });
});
