import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addSet } from '../../src/commands/addSet.js';
import { exportProject } from '../../src/commands/exportProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importRefi } from '../../src/commands/importRefi.js';
import { importSource } from '../../src/commands/importSource.js';
import { listSets } from '../../src/commands/listSets.js';
import { readSetMarker } from '../../src/formats/refi/setMarker.js';
import { childOf, childrenOf, parseXml } from '../../src/formats/refi/xml.js';
import type { Store } from '../../src/store/db.js';
import { text, unzip, xsdErrors, zip } from '../formats/refi/support.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused, type Study, studyFixture } from './fixtures.js';

/**
 * Sets in .qdpx (REFI-QDA `<Sets>`): source sets as Sets of their sources, case sets as Sets of
 * their cases' sources with Koda's marker line naming the cases (and a rule), back again on import.
 */
let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;
let boSource: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await addCase(ctx, { project: s.p, name: 'Bo', attributes: { stadsdel: 'Z' } });
  boSource = (await importSource(ctx, { project: s.p, fileName: 'bo.txt', bytes: utf8('I: Fråga?\n\nBo: Svar.\n'), case: 'Bo' }))
    .id;
  await addSet(ctx, { project: s.p, kind: 'source', name: 'Gruppen', description: 'Gruppintervjuer', members: ['grupp'] });
  await addSet(ctx, { project: s.p, kind: 'case', name: 'Intervjuade', description: 'De vi talat med', members: ['Bo'] });
  await addSet(ctx, { project: s.p, kind: 'case', name: 'Stadsdel Z', fromAttribute: { attribute: 'stadsdel', value: 'Z' } });
  await addSet(ctx, { project: s.p, kind: 'source', name: 'Y-källor', fromAttribute: { attribute: 'stadsdel', value: 'Y' } });
});
afterEach(() => cleanup());

const listed = async (project: string) =>
  (await listSets(ctx, { project })).sets
    .map((x) => ({
      name: x.name,
      kind: x.kind,
      description: x.description,
      rule: x.rule,
      members: x.members.map((m) => m.name).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

async function exportedQde() {
  const { bytes, summary, counts } = await exportProject(ctx, { project: s.p, format: 'qdpx' });
  const files = unzip(bytes);
  return { files, qde: text(files['project.qde']), summary, counts };
}

/** The export with its project.qde changed by `edit`, zipped again. */
async function edited(edit: (qde: string) => string): Promise<Uint8Array> {
  const { files, qde } = await exportedQde();
  return zip({ ...files, 'project.qde': edit(qde) });
}

describe('sets in a .qdpx export', () => {
  it('writes <Sets> valid against Project.xsd: source members, a case set’s sources and its cases and rule in a marker line', async () => {
    const { qde, summary, counts } = await exportedQde();
    expect(await xsdErrors(qde, 'Project.xsd')).toEqual([]);
    expect(counts.sets).toBe(4);
    expect(summary).toContainEqual({ kind: 'export-case-sets', count: 2, examples: ['Intervjuade', 'Stadsdel Z'] });
    const root = parseXml(qde, 'project.qde');
    // Sets sit after Links/Notes and before the project's Description, as the schema orders them.
    const order = root.children.map((c) => c.name);
    expect(order.indexOf('Sets')).toBeGreaterThan(order.indexOf('Notes'));
    const sets = childrenOf(childOf(root, 'Sets'), 'Set');
    const byName = new Map(sets.map((x) => [x.attrs.name, x]));
    const members = (name: string) => childrenOf(byName.get(name), 'MemberSource').map((m) => m.attrs.targetGUID);
    const marker = (name: string) => readSetMarker(childOf(byName.get(name), 'Description')?.text ?? '');

    expect(members('Gruppen')).toEqual([s.source]);
    expect(marker('Gruppen')).toEqual({ description: 'Gruppintervjuer', marker: null });
    // Bo's own source is in the case set; the group interview is not (Bo speaks no turn in it).
    expect(members('Intervjuade')).toEqual([boSource]);
    const bo = marker('Intervjuade');
    expect(bo.description).toBe('De vi talat med');
    expect(bo.marker?.kind).toBe('case');
    expect(bo.marker?.cases).toHaveLength(1);
    expect(marker('Stadsdel Z').marker).toEqual({
      kind: 'case',
      cases: [s.cases.kristin, bo.marker?.cases[0]].sort(),
      rule: { attribute: 'stadsdel', value: 'Z' },
    });
    expect(members('Stadsdel Z')).toEqual([boSource]);
    // A source set following an attribute: its sources now, and the rule.
    expect(members('Y-källor')).toEqual([s.source]);
    expect(marker('Y-källor').marker).toEqual({ kind: 'source', cases: [], rule: { attribute: 'stadsdel', value: 'Y' } });
  });
});

describe('sets in a .qdpx import', () => {
  it('round trip: the sets come back with their kind, description, members and rule', async () => {
    const { bytes } = await exportProject(ctx, { project: s.p, format: 'qdpx' });
    const result = await importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' });
    expect(result.counts.sets).toBe(4);
    const back = await listed(result.project.id);
    expect(back).toEqual(await listed(s.p));
    expect(back.find((x) => x.name === 'Stadsdel Z')).toMatchObject({
      kind: 'case',
      rule: { attribute: 'stadsdel', value: 'Z' },
      members: ['Bo', 'Kristin'],
    });
    expect(back.find((x) => x.name === 'Intervjuade')).toMatchObject({ kind: 'case', rule: null, members: ['Bo'] });
    // A followed rule stays live in the new project: no members are stored for it.
    const rows = await store.db
      .selectFrom('sets as t')
      .leftJoin('set_members as m', 'm.set_id', 't.id')
      .select(['t.name', 'm.member_id'])
      .where('t.project_id', '=', result.project.id)
      .where('t.rule', 'is not', null)
      .execute();
    expect(rows.map((r) => r.member_id)).toEqual([null, null]);
  });

  it('a Set of another program with sources becomes a source set; code members are left out with a warning', async () => {
    const bytes = await edited((qde) => {
      const code = /<Code guid="([^"]+)"/.exec(qde)?.[1] as string;
      const extra = `<Set guid="00000000-0000-4000-8000-00000000aaaa" name="Från MAXQDA"><MemberCode targetGUID="${code}"/><MemberSource targetGUID="${s.source}"/></Set>`;
      return qde.replace('<Sets>', `<Sets>${extra}`);
    });
    const result = await importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' });
    expect(result.summary).toContainEqual({ kind: 'set-members-skipped', count: 1, examples: ['Från MAXQDA'] });
    expect((await listed(result.project.id)).find((x) => x.name === 'Från MAXQDA')).toMatchObject({
      kind: 'source',
      members: ['grupp'],
    });
  });

  it('a Set of codes only is listed in a project memo, as before', async () => {
    const bytes = await edited((qde) => {
      const code = /<Code guid="([^"]+)"/.exec(qde)?.[1] as string;
      return qde.replace(
        '<Sets>',
        `<Sets><Set guid="00000000-0000-4000-8000-00000000bbbb" name="Kodset"><MemberCode targetGUID="${code}"/></Set>`,
      );
    });
    const result = await importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' });
    expect(result.summary).toContainEqual({ kind: 'sets', count: 1, examples: ['Kodset'] });
    expect(result.counts.sets).toBe(4);
  });

  it('an unnamed Set gets a name from its GUID; a repeated name is made unique', async () => {
    const bytes = await edited((qde) =>
      qde.replace(
        '<Sets>',
        `<Sets><Set guid="00000000-0000-4000-8000-00000000cccc" name=""><MemberSource targetGUID="${s.source}"/></Set><Set guid="00000000-0000-4000-8000-00000000dddd" name="Gruppen"/>`,
      ),
    );
    const result = await importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' });
    const names = (await listed(result.project.id)).map((x) => x.name);
    expect(names).toContain('Mängd 00000000');
    expect(names.filter((n) => n.startsWith('Gruppen'))).toEqual(['Gruppen', 'Gruppen (2)']);
    expect(result.summary.map((x) => x.kind)).toEqual(expect.arrayContaining(['sets-unnamed', 'sets-renamed']));
  });

  it('refuses a Set whose member is not in the file, and writes nothing', async () => {
    const bytes = await edited((qde) =>
      qde.replace(
        `<MemberSource targetGUID="${s.source}"/>`,
        `<MemberSource targetGUID="00000000-0000-4000-8000-00000000eeee"/>`,
      ),
    );
    const err = await expectRefused(
      store,
      () => importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' }),
      'refi.unknown-guid',
    );
    expect(err.params).toMatchObject({ element: 'MemberSource', guid: '00000000-0000-4000-8000-00000000eeee' });
  });

  it('refuses a case set whose marker names a case that is not in the file', async () => {
    // Only the marker's mention changes: the Case itself stays in the file.
    const bytes = await edited((qde) =>
      qde.replace(
        new RegExp(`(cases [^;\\]]*)${s.cases.kristin}`),
        (_, before) => `${before}00000000-0000-4000-8000-00000000ffff`,
      ),
    );
    const err = await expectRefused(
      store,
      () => importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' }),
      'refi.unknown-guid',
    );
    expect(err.params).toMatchObject({ element: 'Set' });
  });

  it('a rule on an attribute the file lacks is dropped with a warning; the set keeps the cases it had', async () => {
    const bytes = await edited((qde) => qde.replace('rule "stadsdel" = "Z"', 'rule "distrikt" = "Z"'));
    const result = await importRefi(ctx, { fileName: 'omega.qdpx', bytes, project: 'Omega igen' });
    expect(result.summary).toContainEqual({ kind: 'set-rules-dropped', count: 1, examples: ['Stadsdel Z'] });
    expect((await listed(result.project.id)).find((x) => x.name === 'Stadsdel Z')).toMatchObject({
      rule: null,
      members: ['Bo', 'Kristin'],
    });
  });
});
