import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { editTranscript } from '../../src/commands/editTranscript.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { redo, undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { searchText } from '../../src/commands/searchText.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { dumpTables, expectRefused, spanOf } from './fixtures.js';

const TEXT = [
  '[00:00:05] I: Hur beskriver media området?',
  '[00:00:12] Albin: Media ger en skev bild 😀 av området. Vi hinner inte svara.',
  '[00:00:30] Kristin: Jag håller med, det är tidsbrist.',
].join('\n');

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;
let source: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega', language: 'sv' })).id;
  source = (await importSource(ctx, { project: p, fileName: 'albin.txt', bytes: utf8(TEXT) })).id;
  await addCode(ctx, { project: p, name: 'media' });
  await addCode(ctx, { project: p, name: 'tid' });
  await applyCoding(ctx, { project: p, source, code: 'media', ...spanOf(TEXT, 'skev bild') });
  await applyCoding(ctx, { project: p, source, code: 'tid', ...spanOf(TEXT, 'tidsbrist') });
  await addCase(ctx, { project: p, name: 'Kristin' });
  await linkTurnsToCase(ctx, { project: p, source, speaker: 'Kristin', case: 'Kristin' });
});
afterEach(() => cleanup());

const current = () => getSource(ctx, { project: p, source });
const edit = async (change: (text: string) => string) => {
  const { text, textHash } = await current();
  return editTranscript(ctx, { project: p, source, text: change(text), baseHash: textHash });
};
/** Each segment's code and the words it covers in the source's text now. */
const coded = async () => {
  const { text } = await current();
  const chars = [...text];
  return (await retrieveSegments(ctx, { project: p, source })).map((s) => [s.code.name, chars.slice(s.start, s.end).join('')]);
};
const tables = () => dumpTables(store, ['sources', 'turns', 'segments']);

describe('editTranscript', () => {
  it('keeps segments on their words and turns with their times, and undo brings all back', async () => {
    const before = await tables();
    const kristinTurn = (await current()).turns[2]?.id;
    const result = await edit((t) =>
      t.replace('Hur beskriver', 'Hur ser du på hur 🙂 man beskriver').replace('skev bild', 'mycket skev bild'),
    );
    expect(result.broken).toEqual([]);
    expect(await coded()).toEqual([
      ['media', 'skev bild'],
      ['tid', 'tidsbrist'],
    ]);
    const { turns, textHash } = await current();
    expect(result.textHash).toBe(textHash);
    expect(turns.map((t) => [t.speaker, t.startMs, t.endMs, t.case])).toEqual([
      ['I', 5000, 12000, null],
      ['Albin', 12000, 30000, null],
      ['Kristin', 30000, null, 'Kristin'],
    ]);
    expect(turns[2]?.id).toBe(kristinTurn);
    expect(result.turns).toEqual(turns);
    // The history keeps the changed stretch, not two copies of the whole text per save.
    const entry = await store.db.selectFrom('history_entries').select('changes').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry.changes).not.toContain('Kristin: Jag håller med');

    await undo(ctx, { project: p });
    expect(await tables()).toEqual(before);
    await redo(ctx, { project: p });
    expect(await coded()).toEqual([
      ['media', 'skev bild'],
      ['tid', 'tidsbrist'],
    ]);
  });

  it('reports a segment whose words were replaced as broken, keeps it on their place, and finds it when they return', async () => {
    const original = (await retrieveSegments(ctx, { project: p, source })).find((s) => s.code.name === 'media');
    const result = await edit((t) => t.replace('skev bild', 'annan'));
    expect(result.broken).toEqual([
      {
        id: original?.id,
        codeId: original?.code.id,
        coderId: expect.any(String),
        start: original?.start,
        end: (original?.end ?? 0) - 'skev bild'.length + 'annan'.length,
        exact: 'skev bild',
        reason: 'missing',
      },
    ]);
    const broken = await store.db
      .selectFrom('segments')
      .select(['start_offset', 'anchor_broken'])
      .where('id', '=', original?.id as string)
      .executeTakeFirstOrThrow();
    expect(broken).toEqual({ start_offset: original?.start, anchor_broken: 1 });

    expect((await edit((t) => t.replace('annan', 'skev bild'))).broken).toEqual([]);
    expect(await coded()).toEqual([
      ['media', 'skev bild'],
      ['tid', 'tidsbrist'],
    ]);
  });

  it('moves the segments and turns after the change together, twins a shift apart and a new turn included', async () => {
    // Two codings of "ja" three characters apart: shifted by three ("Ok, h" for "H"), one lands on the other's old place.
    const twins = `${TEXT} ja ja.`;
    const ja = (await importSource(ctx, { project: p, fileName: 'ja.txt', bytes: utf8(twins) })).id;
    const at = [...twins.slice(0, twins.lastIndexOf('ja ja'))].length;
    for (const start of [at, at + 3]) await applyCoding(ctx, { project: p, source: ja, code: 'tid', start, end: start + 2 });
    const before = await tables();
    const save = async (change: (text: string) => string) => {
      const { text, textHash } = await getSource(ctx, { project: p, source: ja });
      return editTranscript(ctx, { project: p, source: ja, text: change(text), baseHash: textHash });
    };
    await save((t) => t.replace('Hur', 'Ok, hur'));
    const inserted = await save((t) => t.replace('\n[00:00:30]', '\n[00:00:20] IP: Mitt emellan.\n[00:00:30]'));
    expect(inserted.turns.map((t) => [t.position, t.speaker, t.startMs, t.case])).toEqual([
      [0, 'I', 5000, null],
      [1, 'Albin', 12000, null],
      [2, 'IP', 20000, null],
      [3, 'Kristin', 30000, null],
    ]);
    const { text } = await getSource(ctx, { project: p, source: ja });
    const words = (await retrieveSegments(ctx, { project: p, source: ja })).map((s) => [...text].slice(s.start, s.end).join(''));
    expect(words).toEqual(['ja', 'ja']);
    await undo(ctx, { project: p });
    await undo(ctx, { project: p });
    expect(await tables()).toEqual(before);
  });

  it('lists to a coder in blind mode only the broken segments of their own layer', async () => {
    await setBlindMode(ctx, { project: p, blind: true });
    const kristin = { ...ctx, actor: 'Kristin' };
    await applyCoding(kristin, { project: p, source, code: 'tid', ...spanOf(TEXT, 'håller med') });
    const { text, textHash } = await current();
    const result = await editTranscript(kristin, {
      project: p,
      source,
      text: text.replace('skev bild', 'bild').replace('håller med', 'tycker'),
      baseHash: textHash,
    });
    expect(result.broken.map((b) => b.exact)).toEqual(['håller med']);
  });

  it('moves a subtitle’s turns, which its text does not mark, with their cue times', async () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:04.000',
      '<v anna>Hej och välkommen.',
      '',
      '00:00:05.000 --> 00:00:09.500',
      '<v bo>Tack, det är bra.',
      '',
    ];
    const sub = (await importSource(ctx, { project: p, fileName: 'möte.vtt', bytes: utf8(vtt.join('\n')) })).id;
    const { text, textHash, turns } = await getSource(ctx, { project: p, source: sub });
    const times = turns.map((t) => [t.speaker, t.startMs, t.endMs]);
    const result = await editTranscript(ctx, {
      project: p,
      source: sub,
      text: text.replace('Hej', 'Hej hej'),
      baseHash: textHash,
    });
    expect(result.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual(times);
    const edited = [...(await getSource(ctx, { project: p, source: sub })).text];
    expect(result.turns.map((t) => edited.slice(t.start, t.end).join(''))).toEqual([
      'anna: Hej hej och välkommen.',
      'bo: Tack, det är bra.',
    ]);
  });

  it('types a transcript into an empty recording source: turns and times from the typed labels', async () => {
    const typed = (await importSource(ctx, { project: p, fileName: 'tom.txt', bytes: utf8('x') })).id;
    const empty = await getSource(ctx, { project: p, source: typed });
    const first = await editTranscript(ctx, { project: p, source: typed, text: '', baseHash: empty.textHash });
    const result = await editTranscript(ctx, {
      project: p,
      source: typed,
      text: '[00:00:01] I: Hej.\r\n[00:00:04] IP: Hej hej.',
      baseHash: first.textHash,
    });
    expect(result.turns.map((t) => [t.speaker, t.start, t.startMs, t.endMs])).toEqual([
      ['I', 0, 1000, 4000],
      ['IP', 19, 4000, null],
    ]);
  });

  it('keeps the search index in step with the text', async () => {
    expect((await searchText(ctx, { project: p, query: 'tidsbrist' })).hits).toHaveLength(1);
    await edit((t) => t.replace('tidsbrist', 'personalbrist'));
    expect((await searchText(ctx, { project: p, query: 'tidsbrist' })).hits).toHaveLength(0);
    expect((await searchText(ctx, { project: p, query: 'personalbrist' })).hits).toHaveLength(1);
  });

  it('refuses an edit made on a text changed since, and one emptying a coded source, changing nothing', async () => {
    const { text, textHash } = await current();
    await edit((t) => `${t}\nI: Tack.`);
    await expectRefused(
      store,
      () => editTranscript(ctx, { project: p, source, text: `${text} Mer.`, baseHash: textHash }),
      'source.text-changed',
    );
    await expectRefused(store, () => edit(() => ''), 'source.edit-empties-coded');
  });
});
