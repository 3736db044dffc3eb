import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { exportProject } from '../../src/commands/exportProject.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { derivedGuid } from '../../src/formats/refi/qdeWriter.js';
import { childOf, childrenOf, parseXml, type XmlElement } from '../../src/formats/refi/xml.js';
import { text, unzip, xsdErrors } from '../formats/refi/support.js';
import { rowCounts, tempContext } from '../helpers.js';
import { auditCount, expectRefused } from './fixtures.js';
import { NOTES_MD, refiStudy } from './refiFixtures.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
});
afterEach(() => env.cleanup());

/** Every element named `name` anywhere below `root`. */
function all(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((c) => all(c, name))];
}

async function exported(p: string) {
  const result = await exportProject(env.ctx, { project: p, format: 'qdpx' });
  const files = unzip(result.bytes);
  const qde = text(files['project.qde']);
  return { result, files, qde, root: parseXml(qde, 'project.qde') };
}

describe('exportProject (REFI-QDA)', () => {
  it('writes a .qdpx: project.qde valid against Project.xsd, texts as UTF-8 .txt named by GUID, originals kept', async () => {
    const s = await refiStudy(env.ctx);
    const { result, files, qde } = await exported(s.p);
    expect(await xsdErrors(qde, 'Project.xsd')).toEqual([]);
    expect(result.fileName).toBe('Omega.qdpx');
    expect(Object.keys(files).sort()).toEqual(
      [
        'project.qde',
        `sources/${s.notes}.original.md`,
        `sources/${s.notes}.txt`,
        `sources/${s.source}.txt`,
        `sources/${s.meeting}.txt`,
        `sources/${s.meeting}.docx`,
        `sources/${s.pdf}.txt`,
        `sources/${s.pdf}.pdf`,
      ].sort(),
    );
    expect(files[`sources/${s.pdf}.pdf`]).toEqual(s.pdfBytes);
    expect(files[`sources/${s.meeting}.docx`]).toEqual(s.docx);
    expect(text(files[`sources/${s.meeting}.txt`])).toBe('I: Och mötesplatsen?\n\nIP: Den är viktig.');
    expect(text(files[`sources/${s.source}.txt`])).toBe(s.text);
    expect(text(files[`sources/${s.notes}.txt`])).toBe(s.notesText);
    expect(text(files[`sources/${s.notes}.original.md`])).toBe(NOTES_MD);
    expect(result.counts).toEqual({ users: 2, codes: 6, variables: 4, cases: 2, sources: 4, selections: 7, notes: 8, sets: 0 });
    expect(result.summary).toEqual([
      { kind: 'export-originals-koda-only', count: 1, examples: ['anteckningar'] },
      { kind: 'export-turns', count: 2, examples: [] },
      { kind: 'export-turn-links', count: 1, examples: [] },
    ]);
    const sources = parseXml(qde, 'p').children.find((c) => c.name === 'Sources')?.children ?? [];
    const meeting = sources.find((c) => c.attrs.guid === s.meeting);
    expect(meeting?.attrs).toMatchObject({
      plainTextPath: `internal://${s.meeting}.txt`,
      richTextPath: `internal://${s.meeting}.docx`,
    });
    // A PDF is a PDFSource; its text, with the selections, is its Representation.
    const pdf = sources.find((c) => c.attrs.guid === s.pdf) as XmlElement;
    expect([pdf.name, pdf.attrs.path]).toEqual(['PDFSource', `internal://${s.pdf}.pdf`]);
    const representation = childOf(pdf, 'Representation') as XmlElement;
    expect(representation.attrs).toMatchObject({
      guid: derivedGuid(s.pdf, 'representation'),
      plainTextPath: `internal://${s.pdf}.txt`,
    });
    expect(childrenOf(representation, 'PlainTextSelection')).toHaveLength(1);
  });

  it('uses Koda ids as GUIDs, so two exports of the same project have the same GUIDs (and the same XML)', async () => {
    const s = await refiStudy(env.ctx);
    const first = await exported(s.p);
    const second = await exported(s.p);
    expect(second.qde).toBe(first.qde);
    const guids = all(first.root, 'Code').map((c) => c.attrs.guid);
    expect(guids.sort()).toEqual(Object.values(s.codes).sort());
    const coding = all(first.root, 'Coding').find((c) => childOf(c, 'CodeRef')?.attrs.targetGUID === s.codes.plan);
    expect(coding?.attrs.guid).toBe(derivedGuid(s.cafe, 'coding'));
  });

  it('maps segments to selections in code points, end exclusive, with one coding by their coder', async () => {
    const s = await refiStudy(env.ctx);
    const { root } = await exported(s.p);
    const cafe = all(root, 'PlainTextSelection').find((x) => x.attrs.guid === s.cafe) as XmlElement;
    const start = [...s.notesText.slice(0, s.notesText.indexOf('Caféet'))].length;
    expect(cafe.attrs).toMatchObject({
      startPosition: String(start),
      endPosition: String(start + 26),
      name: 'Caféet vid torget: q̇ 👩🏽‍🔬',
    });
    const users = Object.fromEntries(all(root, 'User').map((u) => [u.attrs.name, u.attrs.guid]));
    expect(cafe.attrs.creatingUser).toBe(users.bertil);
    expect(childrenOf(cafe, 'Coding')).toHaveLength(1);
    // The segment's memo is a Note without a title, referred to from the selection.
    const memoGuid = derivedGuid(s.cafe, 'memo');
    expect(childrenOf(cafe, 'NoteRef').map((r) => r.attrs.targetGUID)).toEqual([memoGuid]);
    const note = all(root, 'Note').find((n) => n.attrs.guid === memoGuid) as XmlElement;
    expect(note.attrs.name).toBeUndefined();
    expect(childOf(note, 'PlainTextContent')?.text).toBe('kombinerande tecken');
  });

  it('carries cases with typed variables, their sources and the turns they speak; memos as notes', async () => {
    const s = await refiStudy(env.ctx);
    const { root } = await exported(s.p);
    const variables = all(root, 'Variable').map((v) => [
      v.attrs.name,
      v.attrs.typeOfVariable,
      childOf(v, 'Description')?.text ?? '',
    ]);
    expect(variables).toEqual([
      ['stadsdel', 'Text', 'Koda choices: ["Y","Z"]'],
      ['år', 'Integer', ''],
      ['intervjudag', 'Date', ''],
      ['chef', 'Boolean', ''],
    ]);
    const albin = all(root, 'Case').find((c) => c.attrs.name === 'Albin') as XmlElement;
    expect(childrenOf(albin, 'VariableValue').map((v) => [v.children[1]?.name, v.children[1]?.text])).toEqual([
      ['TextValue', 'Y'],
      ['IntegerValue', '12'],
      ['DateValue', '2019-03-14'],
      ['BooleanValue', 'true'],
    ]);
    expect(childrenOf(albin, 'SourceRef').map((r) => r.attrs.targetGUID)).toEqual([s.source]);
    const kristin = all(root, 'Case').find((c) => c.attrs.name === 'Kristin') as XmlElement;
    const kristinTurn = s.turns.find((t) => t.speaker === 'Kristin');
    expect(childrenOf(kristin, 'SelectionRef').map((r) => r.attrs.targetGUID)).toEqual([kristinTurn?.id]);
    // The case memo hangs on its case by a Link (a Case has no NoteRef); the project memo by the Project's NoteRef.
    expect(all(root, 'Link').map((l) => [l.attrs.originGUID, l.attrs.targetGUID])).toEqual([[s.memos.case, s.cases.albin]]);
    expect(childrenOf(root, 'NoteRef')).toHaveLength(1);
    expect(all(root, 'Note')).toHaveLength(8);
  });

  it('writes a .qdc codebook valid against Codebook.xsd, saying code memos stay behind', async () => {
    const s = await refiStudy(env.ctx);
    const result = await exportProject(env.ctx, { project: s.p, format: 'qdc' });
    const qdc = text(result.bytes);
    expect(await xsdErrors(qdc, 'Codebook.xsd')).toEqual([]);
    const root = parseXml(qdc, 'x.qdc');
    expect(all(root, 'Code').map((c) => [c.attrs.name, c.attrs.color])).toEqual([
      ['Hinder', '#d64541'],
      ['media', '#d64541'],
      ['tidsbrist', '#d64541'],
      ['personal', '#d64541'],
      ['Strategier', '#f2c200'],
      ['plan', '#f2c200'],
    ]);
    expect(result.summary).toEqual([{ kind: 'export-code-memos', count: 1, examples: ['Definition'] }]);
  });

  it('changes no data, and records the export in the audit log', async () => {
    const s = await refiStudy(env.ctx);
    const counts = await rowCounts(env.store);
    const audits = await auditCount(env.store);
    await exportProject(env.ctx, { project: s.p, format: 'qdpx' });
    expect(await rowCounts(env.store)).toEqual(counts);
    expect(await auditCount(env.store)).toBe(audits + 1);
    const last = await env.store.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('project.export-qdpx');
    expect(JSON.parse(last.details)).toEqual({
      users: 2,
      codes: 6,
      variables: 4,
      cases: 2,
      sources: 4,
      selections: 7,
      notes: 8,
      sets: 0,
    });
  });

  it('lets only the owner export a project in blind mode (the file holds every coder’s segments)', async () => {
    const s = await refiStudy(env.ctx);
    await setBlindMode(env.ctx, { project: s.p, blind: true });
    const bertil = { ...env.ctx, actor: 'bertil' };
    await expectRefused(env.store, () => exportProject(bertil, { project: s.p, format: 'qdpx' }), 'coders.blind');
    expect((await exportProject(bertil, { project: s.p, format: 'qdc' })).counts).toEqual({ codes: 6 });
    const owner = await exportProject(env.ctx, { project: s.p, format: 'qdpx' });
    expect(owner.summary.map((i) => i.kind)).toEqual([
      'export-originals-koda-only',
      'export-turns',
      'export-turn-links',
      'export-blind',
    ]);
  });

  it('refuses a codebook export of a project without codes, writing nothing', async () => {
    await createProject(env.ctx, { name: 'Tom' });
    await expectRefused(env.store, () => exportProject(env.ctx, { project: 'Tom', format: 'qdc' }), 'refi.empty-codebook');
    const empty = await exported('Tom');
    expect(await xsdErrors(empty.qde, 'Project.xsd')).toEqual([]);
  });

  it('escapes names and texts, and names the file safely', async () => {
    const p = (await createProject(env.ctx, { name: 'A <"&"> / B' })).id;
    await env.store.db.updateTable('projects').set({ description: 'x < y & "z"\r\n' }).where('id', '=', p).execute();
    const { result, root, qde } = await exported(p);
    expect(result.fileName).toBe('A __&__ _ B.qdpx');
    expect(await xsdErrors(qde, 'Project.xsd')).toEqual([]);
    expect(root.attrs.name).toBe('A <"&"> / B');
    expect(childOf(root, 'Description')?.text).toBe('x < y & "z"\r\n');
  });
});
