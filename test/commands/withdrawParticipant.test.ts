import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { applyPseudonyms } from '../../src/commands/applyPseudonyms.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { listConsent } from '../../src/commands/listConsent.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { searchText } from '../../src/commands/searchText.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { PseudonymKey } from '../../src/store/pseudonymKey.js';
import { rowCounts, tempContext, utf8 } from '../helpers.js';
import { storeFilesWith } from '../storeFiles.js';

const SECRET = 'Quokkaparaply-4411';
const GROUP_SECRET = 'Tapirvinter-2290';
let env: Awaited<ReturnType<typeof tempContext>>;

/** Every file of the store (database, WAL, journal; a PostgreSQL database's tables) that holds `needle` as UTF-8. */
const filesWith = (needle: string) => storeFilesWith(env.store, env.dir, needle);

const offsetsOf = (text: string, words: string) => {
  const index = new CodePointIndex(text);
  const at = index.toCodePoint(text.indexOf(words));
  return { start: at, end: at + [...words].length };
};

beforeEach(async () => {
  env = await tempContext();
  const { ctx } = env;
  await createProject(ctx, { name: 'Omega' });
  for (const name of ['Albin', 'Kristin']) await addCase(ctx, { project: 'Omega', name, attributes: { stadsdel: 'W' } });
  await recordConsent(ctx, {
    project: 'Omega',
    case: 'Albin',
    letterVersion: 'v1',
    consentedOn: '2024-03-01',
    form: { fileName: 'samtycke.pdf', bytes: utf8(`signed ${SECRET}`) },
  });
  await addCode(ctx, { project: 'Omega', name: 'media' });
  await importSource(ctx, {
    project: 'Omega',
    fileName: 'albin.txt',
    case: 'Albin',
    bytes: utf8(`I: Hej\n\nAlbin: Jag heter 😀 ${SECRET} och bor i W.`),
  });
  await importSource(ctx, {
    project: 'Omega',
    fileName: 'grupp.txt',
    bytes: utf8(
      `I: Vad tycker ni?\n\nAlbin: Om ${GROUP_SECRET} vet jag mycket.\n\nKristin: Media ger en farlig bild.\n\nI: Tack.`,
    ),
  });
  await linkTurnsToCase(ctx, { project: 'Omega', source: 'grupp', speaker: 'Albin', case: 'Albin' });
  await linkTurnsToCase(ctx, { project: 'Omega', source: 'grupp', speaker: 'Kristin', case: 'Kristin' });
  const albin = (await getSource(ctx, { project: 'Omega', source: 'albin' })).text;
  await applyCoding(ctx, {
    project: 'Omega',
    source: 'albin',
    code: 'media',
    ...offsetsOf(albin, SECRET),
    memo: `about ${SECRET}`,
  });
  const group = (await getSource(ctx, { project: 'Omega', source: 'grupp' })).text;
  await applyCoding(ctx, { project: 'Omega', source: 'grupp', code: 'media', ...offsetsOf(group, GROUP_SECRET) });
  await applyCoding(ctx, { project: 'Omega', source: 'grupp', code: 'media', ...offsetsOf(group, 'Media ger en farlig bild.') });
  await writeMemo(ctx, { project: 'Omega', target: 'case', on: 'Albin', title: 'Albin', body: `Notes on ${SECRET}` });
});
afterEach(() => env.cleanup());

describe('withdrawParticipant', () => {
  it('control: before withdrawal the phrases are in the store files', async () => {
    expect((await filesWith(SECRET)).length).toBeGreaterThan(0);
    expect((await filesWith(GROUP_SECRET)).length).toBeGreaterThan(0);
  });

  it('erases the participant everywhere: no raw database or WAL file holds their words', async () => {
    const result = await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' });
    expect(result).toMatchObject({ sources: 1, segments: 2, attachments: 1, consentRecords: 1, attributeValues: 1 });
    expect(await filesWith(SECRET)).toEqual([]);
    expect(await filesWith(GROUP_SECRET)).toEqual([]);
    expect(await filesWith('Jag heter')).toEqual([]);
  });

  it('erases their words from the search index too: after a search, no store file holds them or their stems', async () => {
    expect((await searchText(env.ctx, { project: 'Omega', query: 'Quokkaparaply' })).hits).toHaveLength(1);
    expect((await searchText(env.ctx, { project: 'Omega', query: 'Tapirvinter' })).hits).toHaveLength(1);
    // The index holds the words lower-cased and stemmed: these are what it would keep.
    expect((await filesWith('quokkaparaply')).length).toBeGreaterThan(0);
    await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' });
    for (const needle of [SECRET, GROUP_SECRET, 'quokkaparaply', 'tapirvinter', 'Jag heter'])
      expect(await filesWith(needle)).toEqual([]);
    expect((await searchText(env.ctx, { project: 'Omega', query: 'Tapirvinter' })).hits).toEqual([]);
    expect((await searchText(env.ctx, { project: 'Omega', query: 'farlig' })).hits.map((h) => h.case?.name)).toEqual(['Kristin']);
  });

  it('keeps the others: the group interview loses only Albin’s turn, and Kristin’s coding stays on her words', async () => {
    await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' });
    const group = await getSource(env.ctx, { project: 'Omega', source: 'grupp' });
    expect(group.text).toBe('I: Vad tycker ni?\n\nKristin: Media ger en farlig bild.\n\nI: Tack.');
    expect(group.turns.map((t) => [t.speaker, group.text.slice(t.start, t.end)])).toEqual([
      ['I', 'I: Vad tycker ni?'],
      ['Kristin', 'Kristin: Media ger en farlig bild.'],
      ['I', 'I: Tack.'],
    ]);
    const left = await retrieveSegments(env.ctx, { project: 'Omega' });
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ text: 'Media ger en farlig bild.', case: { name: 'Kristin' } });
    expect(group.text.slice(left[0]!.start, left[0]!.end)).toBe('Media ger en farlig bild.');
    expect((await listConsent(env.ctx, { project: 'Omega' })).cases.map((c) => c.name)).toEqual(['Kristin']);
  });

  it('audits the withdrawal with ids and counts only, and cannot be undone', async () => {
    const { id } = await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' });
    const [event] = await listAudit(env.ctx, { project: 'Omega', action: 'case.withdraw' });
    expect(event?.objectIds).toContain(id);
    expect(JSON.stringify(event)).not.toMatch(/Albin|Quokka|Tapir/);
    await expect(undo(env.ctx, { project: 'Omega' })).rejects.toMatchObject({ code: 'history.nothing-to-undo' });
    expect((await listConsent(env.ctx, { project: 'Omega' })).withdrawn).toBe(1);
  });

  it('a dry run names what would go and changes nothing', async () => {
    const before = await rowCounts(env.store);
    const preview = await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin', dryRun: true });
    expect(preview).toMatchObject({ name: 'Albin', sources: 1, segments: 2, memos: 1, attachments: 1 });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});

describe('withdrawal and the pseudonym key', () => {
  const PSEUDONYM_SECRET = 'Okapiregn-3308';
  const unlocked = () => ({ ...env.ctx, pseudonymSecret: PSEUDONYM_SECRET });
  const projectId = async () => (await env.store.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
  const sealedKey = async () => (await env.store.db.selectFrom('pseudonym_keys').select('key').executeTakeFirstOrThrow()).key;

  beforeEach(async () => {
    // Albin's name for himself is used in his own interview only; Kristin's in the group interview.
    await addPseudonym(unlocked(), { project: 'Omega', real: SECRET, fictive: 'Zebu', kind: 'person' });
    await addPseudonym(unlocked(), { project: 'Omega', real: 'Kristin', fictive: 'Lena', kind: 'person' });
    await applyPseudonyms(unlocked(), { project: 'Omega' });
  });

  it('rewrites the key without the entries only their material used; no store file keeps the key as it was', async () => {
    const before = JSON.parse(await sealedKey()).data as string;
    expect((await filesWith(before)).length).toBeGreaterThan(0);
    const result = await withdrawParticipant(unlocked(), { project: 'Omega', case: 'Albin' });
    expect(result.pseudonymEntries).toBe(1);
    const key = await PseudonymKey.open(env.store.db, await projectId(), PSEUDONYM_SECRET);
    expect(key.entries.map((e) => e.real)).toEqual([['Kristin']]);
    expect((await env.store.db.selectFrom('pseudonym_entries').select('fictive').execute()).map((r) => r.fictive)).toEqual([
      'Lena',
    ]);
    expect(await filesWith(before)).toEqual([]);
    expect(await filesWith(SECRET)).toEqual([]);
  });

  it('needs the key’s secret when their material used entries, and changes nothing without it', async () => {
    const counts = await rowCounts(env.store);
    const key = await sealedKey();
    await expect(withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' })).rejects.toMatchObject({
      code: 'pseudonym.secret-required',
    });
    expect(await rowCounts(env.store)).toEqual(counts);
    expect(await sealedKey()).toBe(key);
  });
});

describe('consent warnings', () => {
  it('warns when coding the words of a case without recorded consent', async () => {
    const group = (await getSource(env.ctx, { project: 'Omega', source: 'grupp' })).text;
    const kristin = await applyCoding(env.ctx, {
      project: 'Omega',
      source: 'grupp',
      code: 'media',
      ...offsetsOf(group, 'farlig'),
    });
    expect(kristin.warnings).toEqual([{ code: 'consent.missing', params: { case: 'Kristin' } }]);
    const albin = (await getSource(env.ctx, { project: 'Omega', source: 'albin' })).text;
    const ok = await applyCoding(env.ctx, { project: 'Omega', source: 'albin', code: 'media', ...offsetsOf(albin, 'bor i W') });
    expect(ok.warnings).toEqual([]);
  });
});
