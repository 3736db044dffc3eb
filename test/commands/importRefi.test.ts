import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { createProject } from '../../src/commands/createProject.js';
import { exportProject } from '../../src/commands/exportProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { undo } from '../../src/commands/history.js';
import { importRefi } from '../../src/commands/importRefi.js';
import { listMemos } from '../../src/commands/listMemos.js';
import { listSets } from '../../src/commands/listSets.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { readOriginal } from '../../src/store/originals.js';
import { G, patch, qde, sample, text, unzip, xsdErrors, zip } from '../formats/refi/support.js';
import { rowCounts, tempContext } from '../helpers.js';
import { expectRefused } from './fixtures.js';
import { projectPicture, refiStudy } from './refiFixtures.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
});
afterEach(() => env.cleanup());

const bytes = (s: string) => new TextEncoder().encode(s);
const summaryOf = (r: { summary: { kind: string; count: number }[] }) =>
  Object.fromEntries(r.summary.map((i) => [i.kind, i.count]));

/** Code points of `quote` in `text` (first occurrence): how a REFI exporter counts. */
function cps(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`not found: ${quote}`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...quote].length };
}

describe('importRefi: the samples from other programs', () => {
  it('imports ATLAS.ti 23 (users and nested codes, no colours)', async () => {
    const r = await importRefi(env.ctx, {
      fileName: 'atlasti-23.2-codes-only.qdpx',
      bytes: sample('atlasti-23.2-codes-only.qdpx'),
    });
    expect(r.project).toMatchObject({ name: 'target-atlas-project', created: true });
    expect(r.origin).toBe('ATLAS.ti for Windows 23.2.3.27778');
    expect(r.counts).toEqual({ users: 2, codes: 3, attributes: 0, cases: 0, sources: 0, segments: 0, memos: 0, sets: 0 });
    expect(r.summary).toEqual([
      {
        kind: 'codes-without-colour',
        count: 3,
        examples: ['Commits', '2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92'],
      },
    ]);
    const tree = await getCodebook(env.ctx, { project: r.project.id });
    expect(tree.map((c) => [c.id, c.name, c.children.map((k) => k.name)])).toEqual([
      ['a182cd3a-d83c-4d8c-bc80-26d9103ec6d6', 'Commits', ['2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92']],
    ]);
    const coders = await env.store.db
      .selectFrom('coders')
      .select('name')
      .where('project_id', '=', r.project.id)
      .orderBy('name')
      .execute();
    expect(coders.map((c) => c.name)).toEqual(['ATLAS.ti', 'Enric Llagostera']);
  });

  it('imports NVivo 15 (docx sources whose plain text is empty, hidden .root entry)', async () => {
    const r = await importRefi(env.ctx, { fileName: 'nvivo-mac-15.qdpx', bytes: sample('nvivo-mac-15.qdpx') });
    expect(r.counts).toEqual({ users: 2, codes: 262, attributes: 0, cases: 0, sources: 2, segments: 0, memos: 0, sets: 0 });
    expect(summaryOf(r)).toEqual({ 'codes-without-colour': 262, 'sources-without-text': 2 });
    const sources = await env.store.db
      .selectFrom('sources')
      .select(['kind', 'text', 'original_media_type'])
      .where('project_id', '=', r.project.id)
      .execute();
    expect(sources).toEqual([
      {
        kind: 'docx',
        text: '\n',
        original_media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      {
        kind: 'docx',
        text: '\n',
        original_media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ]);
  });

  it('imports qc 1.3.2 (paths without internal://, 158 selections with 205 codings)', async () => {
    const r = await importRefi(env.ctx, { fileName: 'qc-1.3.2-demo.qdpx', bytes: sample('qc-1.3.2-demo.qdpx') });
    expect(r.counts).toEqual({ users: 1, codes: 262, attributes: 0, cases: 0, sources: 2, segments: 205, memos: 0, sets: 0 });
    expect(summaryOf(r)).toEqual({ 'codes-without-colour': 262, 'selection-names': 158 });
    const sources = await env.store.db
      .selectFrom('sources')
      .select(['name', 'text_length'])
      .where('project_id', '=', r.project.id)
      .orderBy('name')
      .execute();
    expect(sources).toEqual([
      { name: 'admin-1', text_length: 31906 },
      { name: 'board_2017', text_length: 52543 },
    ]);
    const segments = await retrieveSegments(env.ctx, { project: r.project.id, source: 'board_2017' });
    const first = segments[0];
    expect([first?.start, first?.end, first?.coder]).toEqual([320, 400, 'cp']);
    const raw = text(unzip(sample('qc-1.3.2-demo.qdpx'))['sources/board_2017.txt']);
    expect(first?.text).toBe([...raw].slice(320, 400).join(''));
  });
});

/** An ATLAS.ti-like export: inner file named after the project, BOM and \r\n, no colours, memos as Description. */
const RAW = '\uFEFFI: Hur ser det ut?\r\nIP: Cafe\u0301et är stängt 😀 sedan i våras.\r\nI: Varför?\r\nIP: Personalbrist.\r\n';
const ATLAS_TEXT = RAW.slice(1).replace(/\r\n/g, '\n');

function atlasLike(namespace = 'urn:QDA-XML:project:1.0') {
  const cafe = cps(ATLAS_TEXT, 'Cafe\u0301et är stängt');
  const brist = cps(ATLAS_TEXT, 'Personalbrist');
  const body = `
  <Users><User guid="${G(1)}" name="Eva"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(2)}" name="Hinder" isCodable="true"><Description>Det som står i vägen</Description>
      <Code guid="${G(3)}" name="Personal" isCodable="true"/></Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(10)}" name="Intervju Eva" plainTextPath="intervju.txt" creatingUser="${G(1)}">
      <PlainTextSelection guid="${G(11)}" startPosition="${cafe.start}" endPosition="${cafe.end}" creatingUser="${G(1)}">
        <Coding guid="${G(12)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(13)}" startPosition="${brist.start}" endPosition="${brist.end}" creatingUser="${G(1)}">
        <Description>Återkommer hos alla</Description>
        <Coding guid="${G(14)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(3)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(15)}" startPosition="5" endPosition="5" creatingUser="${G(1)}">
        <Coding guid="${G(16)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(3)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(17)}" startPosition="60" endPosition="500" creatingUser="${G(1)}">
        <Coding guid="${G(18)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(19)}" startPosition="0" endPosition="18" creatingUser="${G(1)}">
        <Description>Inledande fråga</Description>
      </PlainTextSelection>
    </TextSource>
  </Sources>`;
  return zip({ 'Min studie.qde': qde(body, 'name="Min studie" origin="ATLAS.ti 23"', namespace), 'sources/intervju.txt': RAW });
}

describe('importRefi: quirks of other exporters', () => {
  it('handles ATLAS.ti: inner file not named project.qde, BOM, \\r\\n as one character, bare paths, no colours, memos as Description', async () => {
    const r = await importRefi(env.ctx, { fileName: 'Min studie.qdpx', bytes: atlasLike(), language: 'en' });
    expect(r.project.name).toBe('Min studie');
    expect(r.counts).toEqual({ users: 1, codes: 3, attributes: 0, cases: 0, sources: 1, segments: 3, memos: 0, sets: 0 });
    expect(r.summary).toEqual([
      { kind: 'codes-without-colour', count: 2, examples: ['Hinder', 'Personal'] },
      { kind: 'crlf-as-one', count: 1, examples: ['Intervju Eva'] },
      { kind: 'selections-zero-length', count: 1, examples: ['Intervju Eva 5–5'] },
      { kind: 'selections-not-fitting', count: 1, examples: ['Intervju Eva 60–500 (88)'] },
      { kind: 'selections-uncoded', count: 1, examples: ['I: Hur ser det ut?'] },
    ]);
    const source = await env.store.db
      .selectFrom('sources')
      .selectAll()
      .where('project_id', '=', r.project.id)
      .executeTakeFirstOrThrow();
    expect(source.text).toBe('I: Hur ser det ut?\nIP: Caféet är stängt 😀 sedan i våras.\nI: Varför?\nIP: Personalbrist.\n');
    expect(new TextDecoder().decode((await readOriginal(env.store.db, source.id)) as Uint8Array)).toBe(RAW.slice(1));
    const segments = await retrieveSegments(env.ctx, { project: r.project.id });
    expect(segments.map((s) => [s.code.name, s.text, s.memo, s.coder])).toEqual([
      ['Uncoded quotations (imported)', 'I: Hur ser det ut?', 'Inledande fråga', 'Eva'],
      ['Hinder', 'Caféet är stängt', '', 'Eva'],
      ['Personal', 'Personalbrist', 'Återkommer hos alla', 'Eva'],
    ]);
    // Offsets are canonical code points: the NFD é became one, so "Personalbrist" sits one earlier than in the file.
    expect(segments[2]?.start).toBe(cps(ATLAS_TEXT, 'Personalbrist').start - 1);
    const tree = await getCodebook(env.ctx, { project: r.project.id });
    expect(tree.map((c) => [c.name, c.color, c.description])).toEqual([
      ['Hinder', '#4e79a7', 'Det som står i vägen'],
      ['Uncoded quotations (imported)', '#9e9e9e', 'Selections that had no code in the imported file.'],
    ]);
    expect(tree[0]?.children[0]?.color).toBe('#4e79a7');
  });

  it('reads the Transana namespace urn:QDA-XML:project:0:10 like 1.0', async () => {
    const r = await importRefi(env.ctx, {
      fileName: 'transana.qdpx',
      bytes: atlasLike('urn:QDA-XML:project:0:10'),
      language: 'sv',
    });
    expect(r.counts.segments).toBe(3);
    const codes = await getCodebook(env.ctx, { project: r.project.id });
    expect(codes.map((c) => c.name)).toEqual(['Hinder', 'Okodade citat (importerade)']);
  });

  it('keeps QualCoder-style notes, sets and variables, and lists what it cannot hold', async () => {
    const body = `
      <Users><User guid="${G(1)}" name="Eva"/></Users>
      <CodeBook><Codes><Code guid="${G(2)}" name="Hinder" isCodable="false" color="#F00"/><Code guid="${G(3)}" name="hinder" isCodable="true" color="#00ff00"/></Codes></CodeBook>
      <Variables>
        <Variable guid="${G(4)}" name="Ålder" typeOfVariable="Integer"/>
        <Variable guid="${G(5)}" name="Start" typeOfVariable="DateTime"/>
        <Variable guid="${G(6)}" name="Roll" typeOfVariable="Boolean"><Description>Chef eller inte</Description></Variable>
      </Variables>
      <Cases>
        <Case guid="${G(7)}" name="Eva"><Description>Deltagare 1</Description><CodeRef targetGUID="${G(2)}"/>
          <VariableValue><VariableRef targetGUID="${G(4)}"/><IntegerValue>44</IntegerValue></VariableValue>
          <VariableValue><VariableRef targetGUID="${G(5)}"/><DateTimeValue>2019-03-14T10:00:00Z</DateTimeValue></VariableValue>
          <VariableValue><VariableRef targetGUID="${G(6)}"/><BooleanValue>kanske</BooleanValue></VariableValue>
          <SourceRef targetGUID="${G(10)}"/>
        </Case>
      </Cases>
      <Sources>
        <TextSource guid="${G(10)}" name="Eva 1"><PlainTextContent>Hej hej. Vi ses.</PlainTextContent>
          <PlainTextSelection guid="${G(11)}" startPosition="0" endPosition="8"><Coding guid="${G(12)}"><CodeRef targetGUID="${G(3)}"/></Coding><NoteRef targetGUID="${G(20)}"/></PlainTextSelection>
          <Coding guid="${G(13)}"><CodeRef targetGUID="${G(2)}"/></Coding>
          <NoteRef targetGUID="${G(21)}"/>
          <VariableValue><VariableRef targetGUID="${G(4)}"/><IntegerValue>1</IntegerValue></VariableValue>
        </TextSource>
        <AudioSource guid="${G(30)}" name="Eva.m4a" path="relative:///Eva.m4a"><AudioSelection guid="${G(31)}" begin="0" end="10"><Coding guid="${G(32)}"><CodeRef targetGUID="${G(2)}"/></Coding></AudioSelection></AudioSource>
      </Sources>
      <Notes>
        <Note guid="${G(20)}" name="Hälsning"><PlainTextContent>Artig</PlainTextContent></Note>
        <Note guid="${G(21)}" name="Om källan" creationDateTime="2020-01-02T03:04:05Z"><Description>Kort</Description><PlainTextContent>Bara en rad</PlainTextContent></Note>
        <Note guid="${G(22)}" name="Fri"><PlainTextContent>Lös tanke</PlainTextContent></Note>
      </Notes>
      <Links><Link guid="${G(40)}" name="relaterad" originGUID="${G(2)}" targetGUID="${G(3)}"/></Links>
      <Sets><Set guid="${G(50)}" name="Chefer"><MemberSource targetGUID="${G(10)}"/><MemberCode targetGUID="${G(3)}"/></Set></Sets>
      <Description>Pilotstudie</Description>
      <NoteRef targetGUID="${G(22)}"/>`;
    const r = await importRefi(env.ctx, { fileName: 'qc.qdpx', bytes: zip({ 'project.qde': qde(body) }), language: 'sv' });
    expect(summaryOf(r)).toEqual({
      'codes-renamed': 1,
      'codes-not-codable': 1,
      'variables-datetime-as-text': 1,
      'variable-descriptions': 1,
      'case-codes': 1,
      'variables-as-text': 1,
      'source-variables': 1,
      'source-codings': 1,
      'audio-sources': 1,
      'media-codings': 1,
      links: 1,
      // A Set with a source is a source set now; its code member cannot come with it.
      'set-members-skipped': 1,
    });
    const project = await env.store.db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', r.project.id)
      .executeTakeFirstOrThrow();
    expect(project.description).toBe('Pilotstudie');
    const codes = await getCodebook(env.ctx, { project: r.project.id });
    expect(codes.map((c) => [c.name, c.color])).toEqual([
      ['Hinder', '#ff0000'],
      ['hinder (2)', '#00ff00'],
    ]);
    const attributes = await env.store.db
      .selectFrom('attributes')
      .select(['name', 'type'])
      .where('project_id', '=', r.project.id)
      .orderBy('position')
      .execute();
    expect(attributes).toEqual([
      { name: 'Ålder', type: 'number' },
      { name: 'Start', type: 'text' },
      { name: 'Roll', type: 'text' },
    ]);
    const values = await env.store.db.selectFrom('attribute_values').select('value').orderBy('value').execute();
    expect(values.map((v) => v.value)).toEqual(['2019-03-14T10:00:00Z', '44', 'kanske']);
    const segments = await retrieveSegments(env.ctx, { project: r.project.id });
    expect(segments.map((s) => [s.code.name, s.text, s.case?.name])).toEqual([
      ['hinder (2)', 'Hej hej.', 'Eva'],
      ['Hinder', 'Hej hej. Vi ses.', 'Eva'],
    ]);
    const memos = await listMemos(env.ctx, { project: r.project.id });
    expect(memos.map((m) => [m.target, m.title, m.body]).sort()).toEqual([
      ['project', 'Fri', 'Lös tanke'],
      ['segment', 'Hälsning', 'Artig'],
      ['source', 'Om källan', 'Kort\n\nBara en rad'],
    ]);
    const [set] = (await listSets(env.ctx, { project: r.project.id })).sets;
    expect(set).toMatchObject({ name: 'Chefer', kind: 'source', rule: null, members: [{ name: 'Eva 1' }] });
  });

  it('reports selections that do not fit the text, and never moves them', async () => {
    const body = `<CodeBook><Codes><Code guid="${G(2)}" name="k" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="${G(10)}" name="kort"><PlainTextContent>Tio tecken</PlainTextContent>
        <PlainTextSelection guid="${G(11)}" startPosition="4" endPosition="11"><Coding guid="${G(12)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="${G(13)}" startPosition="-1" endPosition="3"><Coding guid="${G(14)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="${G(15)}" startPosition="6" endPosition="2"><Coding guid="${G(16)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="${G(17)}" startPosition="x" endPosition="2"><Coding guid="${G(18)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="${G(19)}" startPosition="4" endPosition="10"><Coding guid="${G(20)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
      </TextSource></Sources>`;
    const r = await importRefi(env.ctx, { fileName: 't.qdpx', bytes: zip({ 'project.qde': qde(body) }) });
    expect(r.summary).toEqual([
      { kind: 'codes-without-colour', count: 1, examples: ['k'] },
      { kind: 'selections-not-fitting', count: 4, examples: ['kort 4–11 (10)', 'kort -1–3 (10)', 'kort 6–2 (10)', 'kort x–2'] },
    ]);
    const segments = await retrieveSegments(env.ctx, { project: r.project.id });
    expect(segments.map((s) => [s.start, s.end, s.text, s.coder])).toEqual([[4, 10, 'tecken', 'anna']]);
  });

  it('imports a PDF source by its text representation, and a .qdc codebook on its own', async () => {
    const body = `<CodeBook><Codes><Code guid="${G(2)}" name="k" isCodable="true"/></Codes></CodeBook>
      <Sources><PDFSource guid="${G(10)}" name="rapport.pdf" path="internal://${G(30)}.pdf">
        <PDFSelection guid="${G(11)}" page="0" firstX="1" firstY="1" secondX="9" secondY="9"><Coding guid="${G(12)}"><CodeRef targetGUID="${G(2)}"/></Coding></PDFSelection>
        <Representation guid="${G(13)}" plainTextPath="internal://${G(31)}.txt">
          <PlainTextSelection guid="${G(11)}" startPosition="0" endPosition="7"><Coding guid="${G(14)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
        </Representation></PDFSource></Sources>`;
    const r = await importRefi(env.ctx, {
      fileName: 'pdf.qdpx',
      bytes: zip({
        'project.qde': qde(body),
        [`sources/${G(30)}.pdf`]: '%PDF-1.4 fake',
        [`sources/${G(31)}.txt`]: 'Rapport om området',
      }),
    });
    expect(summaryOf(r)).toEqual({ 'codes-without-colour': 1, 'pdf-area-selections': 1 });
    const source = await env.store.db
      .selectFrom('sources')
      .selectAll()
      .where('project_id', '=', r.project.id)
      .executeTakeFirstOrThrow();
    expect([
      source.kind,
      source.text,
      source.original_media_type,
      new TextDecoder().decode((await readOriginal(env.store.db, source.id)) as Uint8Array),
    ]).toEqual(['pdf', 'Rapport om området', 'application/pdf', '%PDF-1.4 fake']);
    expect((await retrieveSegments(env.ctx, { project: r.project.id })).map((s) => s.text)).toEqual(['Rapport']);

    const codebook = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{${G(2).toUpperCase()}}" name="A" isCodable="true" color="#123456"><Description>a</Description><Code guid="${G(3)}" name="B" isCodable="true"/></Code></Codes><Sets><Set guid="${G(4)}" name="S"><MemberCode guid="${G(3)}"/></Set></Sets></CodeBook>`;
    const c = await importRefi(env.ctx, { fileName: 'Kodbok.qdc', bytes: bytes(codebook) });
    expect(c).toMatchObject({ project: { name: 'Kodbok', created: true }, format: 'qdc', counts: { codes: 2, memos: 1 } });
    const tree = await getCodebook(env.ctx, { project: 'Kodbok' });
    // The braced, uppercase GUID of the first import was already taken: a new id; B's GUID was free.
    expect(tree[0]?.id).not.toBe(G(2));
    expect(tree[0]?.children[0]?.id).toBe(G(3));
    expect([tree[0]?.name, tree[0]?.color, tree[0]?.description, tree[0]?.children[0]?.color]).toEqual([
      'A',
      '#123456',
      'a',
      '#123456',
    ]);
  });
});

describe('importRefi: a codebook into an existing project', () => {
  it('adds the codes it lacks, reuses those at the same place, and can be undone', async () => {
    const s = await refiStudy(env.ctx);
    const qdc = await exportProject(env.ctx, { project: s.p, format: 'qdc' });
    await createProject(env.ctx, { name: 'Ny' });
    await addCode(env.ctx, { project: 'Ny', name: 'hinder', color: '#000000' });
    const before = await rowCounts(env.store);
    const r = await importRefi(env.ctx, { fileName: 'Omega.qdc', bytes: qdc.bytes, project: 'Ny' });
    expect(r).toMatchObject({ project: { name: 'Ny', created: false }, counts: { codes: 5, memos: 0 } });
    expect(r.summary).toEqual([{ kind: 'codes-already-present', count: 1, examples: [] }]);
    const tree = await getCodebook(env.ctx, { project: 'Ny' });
    expect(tree.map((c) => [c.name, c.color, c.children.map((k) => k.name)])).toEqual([
      ['hinder', '#000000', ['media', 'tidsbrist']],
      ['Strategier', '#f2c200', ['plan']],
    ]);
    await undo(env.ctx, { project: 'Ny' });
    expect({ ...(await rowCounts(env.store)), history_entries: 0 }).toEqual({ ...before, history_entries: 0 });
  });

  it('refuses a whole project into an existing one, and a name already taken', async () => {
    const s = await refiStudy(env.ctx);
    const qdpx = await exportProject(env.ctx, { project: s.p, format: 'qdpx' });
    await expectRefused(
      env.store,
      () => importRefi(env.ctx, { fileName: 'Omega.qdpx', bytes: qdpx.bytes }),
      'refi.project-exists',
    );
    await expectRefused(
      env.store,
      () => importRefi(env.ctx, { fileName: 'Omega.qdpx', bytes: qdpx.bytes, project: s.p }),
      'refi.project-exists',
    );
  });
});

describe('importRefi: hostile or broken files are refused with one error and nothing written', () => {
  const project = (body: string) => zip({ 'project.qde': qde(body) });
  const code = (n: number) => `<Code guid="${G(n)}" name="c${n}" isCodable="true"/>`;
  const cases: [string, () => Uint8Array, string][] = [
    [
      'a zip bomb',
      () => zip({ 'project.qde': qde(''), 'sources/zeros.txt': new Uint8Array(4 * 1024 * 1024) }),
      'import.too-large',
    ],
    ['an entry climbing out with ..', () => zip({ 'project.qde': qde(''), '../../.bashrc': 'x' }), 'zip.unsafe-path'],
    ['an absolute path', () => zip({ 'project.qde': qde(''), '/tmp/koda-evil': 'x' }), 'zip.unsafe-path'],
    ['a backslash path', () => zip({ 'project.qde': qde(''), 'sources\\..\\..\\x': 'x' }), 'zip.unsafe-path'],
    [
      'a symbolic link',
      () => zip({ 'project.qde': qde(''), 'sources/a.txt': ['/etc/passwd', { os: 3, attrs: (0o120777 << 16) >>> 0 }] }),
      'zip.symlink',
    ],
    [
      'two entries of one name',
      () => patch(zip({ 'project.qde': qde(''), 'project.qdX': qde('') }), 'project.qdX', 'project.qde'),
      'zip.duplicate-entry',
    ],
    [
      'an XML external entity',
      () =>
        zip({
          'project.qde':
            '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>',
        }),
      'refi.xml-doctype',
    ],
    [
      'entity expansion',
      () =>
        zip({
          'project.qde': `<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>`,
        }),
      'refi.xml-doctype',
    ],
    [
      'deeply nested XML',
      () =>
        project(
          `<CodeBook><Codes>${'<Code guid="x" name="n" isCodable="true">'.repeat(5000)}${'</Code>'.repeat(5000)}</Codes></CodeBook>`,
        ),
      'refi.xml-too-deep',
    ],
    ['a missing project.qde', () => zip({ 'sources/a.txt': 'x' }), 'refi.no-project-file'],
    ['a project.qde that is not XML', () => zip({ 'project.qde': 'PK\u0003\u0004 binary garbage <<<' }), 'refi.not-xml'],
    [
      'a project.qde that is not UTF-8',
      () => zip({ 'project.qde': new Uint8Array([0x3c, 0x50, 0xe4, 0xe4, 0x3e]) }),
      'refi.not-xml',
    ],
    ['XML that is not REFI-QDA', () => zip({ 'project.qde': '<html><body/></html>' }), 'refi.not-refi'],
    ['a duplicate GUID', () => project(`<CodeBook><Codes>${code(1)}${code(1)}</Codes></CodeBook>`), 'refi.duplicate-guid'],
    [
      'a GUID shared by a code and a source',
      () =>
        project(
          `<CodeBook><Codes>${code(1)}</Codes></CodeBook><Sources><TextSource guid="${G(1)}"><PlainTextContent>x</PlainTextContent></TextSource></Sources>`,
        ),
      'refi.duplicate-guid',
    ],
    [
      'a reference to an unknown GUID',
      () =>
        project(
          `<CodeBook><Codes>${code(1)}</Codes></CodeBook><Sources><TextSource guid="${G(2)}"><PlainTextContent>xyz</PlainTextContent><PlainTextSelection guid="${G(3)}" startPosition="0" endPosition="2"><Coding guid="${G(4)}"><CodeRef targetGUID="${G(99)}"/></Coding></PlainTextSelection></TextSource></Sources>`,
        ),
      'refi.unknown-guid',
    ],
    ['a NoteRef to a missing note', () => project(`<NoteRef targetGUID="${G(7)}"/>`), 'refi.unknown-guid'],
    [
      'a malformed GUID',
      () => project(`<CodeBook><Codes><Code guid="not-a-guid" name="c" isCodable="true"/></Codes></CodeBook>`),
      'refi.bad-guid',
    ],
    ['a .qdpx that is no zip', () => bytes(qde('')), 'import.corrupt'],
  ];
  for (const [what, make, errorCode] of cases) {
    it(`refuses ${what}`, async () => {
      await createProject(env.ctx, { name: 'Befintligt' });
      await expectRefused(env.store, () => importRefi(env.ctx, { fileName: 'hostile.qdpx', bytes: make() }), errorCode);
    });
  }

  it('refuses a file that is neither .qdpx nor .qdc', async () => {
    await expectRefused(env.store, () => importRefi(env.ctx, { fileName: 'notes.txt', bytes: bytes('hej') }), 'refi.unsupported');
  });
});

describe('round trip: export → import → export gives the same project', () => {
  async function roundTrip(build: (ctx: typeof env.ctx) => Promise<string>) {
    const p = await build(env.ctx);
    const first = await exportProject(env.ctx, { project: p, format: 'qdpx' });
    const other = await tempContext('anna');
    try {
      const language = (
        await env.store.db.selectFrom('projects').select('language').where('id', '=', p).executeTakeFirstOrThrow()
      ).language as 'sv' | 'en';
      const imported = await importRefi(other.ctx, { fileName: first.fileName, bytes: first.bytes, language });
      expect(imported.summary).toEqual([]);
      const second = await exportProject(other.ctx, { project: imported.project.id, format: 'qdpx' });
      expect(await projectPicture(other.store, imported.project.id)).toEqual(await projectPicture(env.store, p));
      const [a, b] = [unzip(first.bytes), unzip(second.bytes)];
      expect(text(b['project.qde'])).toBe(text(a['project.qde']));
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const name of Object.keys(a)) expect(b[name]).toEqual(a[name]);
      expect(await xsdErrors(text(b['project.qde']), 'Project.xsd')).toEqual([]);
      return imported;
    } finally {
      await other.cleanup();
    }
  }

  it('on the demo project', async () => {
    const imported = await roundTrip(async (ctx) => (await createDemoProject(ctx)).id);
    expect(imported.counts).toMatchObject({ cases: 8, sources: 8, segments: 52 });
  });

  it('on a project with emoji, combining marks, a docx, a PDF, group-interview turns and memos everywhere', async () => {
    const imported = await roundTrip(async (ctx) => (await refiStudy(ctx)).p);
    expect(imported.counts).toEqual({ users: 2, codes: 6, attributes: 4, cases: 2, sources: 4, segments: 7, memos: 5, sets: 0 });
  });

  it('into a store that has the project already: new ids, same content', async () => {
    const s = await refiStudy(env.ctx);
    const first = await exportProject(env.ctx, { project: s.p, format: 'qdpx' });
    const imported = await importRefi(env.ctx, { fileName: 'x.qdpx', bytes: first.bytes, project: 'Omega igen' });
    expect(imported.summary).toEqual([]);
    const [a, b] = [await projectPicture(env.store, s.p), await projectPicture(env.store, imported.project.id)];
    expect(b.codes.map((c) => c.id).some((id) => a.codes.some((x) => x.id === id))).toBe(false);
    expect(b.segments.map((x) => [x.exact, x.memo, x.start_offset, x.end_offset]).sort()).toEqual(
      a.segments.map((x) => [x.exact, x.memo, x.start_offset, x.end_offset]).sort(),
    );
    expect(b.memos.map((m) => [m.target_kind, m.title, m.body]).sort()).toEqual(
      a.memos.map((m) => [m.target_kind, m.title, m.body]).sort(),
    );
  });
});
