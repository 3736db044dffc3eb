import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

// CRLF line ends, an emoji and an emoji sequence, an NFD é and a mark without a precomposed form.
const RAW = 'Intervju 😀\r\nI: Cafe\u0301 👩🏽‍🔬 och q\u0307 här\r\nIP: Ja, media ljuger om oss.\r\n';
const CANONICAL = 'Intervju 😀\nI: Café 👩🏽‍🔬 och q\u0307 här\nIP: Ja, media ljuger om oss.\n';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;
let sourceId: string;
let text: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
  await addCode(ctx, { project: p, name: 'Hinder' });
  await addCode(ctx, { project: p, name: 'media', parent: 'Hinder' });
  await addCode(ctx, { project: p, name: 'plan' });
  sourceId = (await importSource(ctx, { project: p, fileName: 'intervju.txt', bytes: utf8(RAW) })).id;
  text = (await getSource(ctx, { project: p, source: sourceId })).text;
});
afterEach(() => cleanup());

const code = (input: { start: number; end: number; code?: string; coder?: string; memo?: string }) =>
  applyCoding(ctx, { project: p, source: sourceId, code: 'media', ...input });

describe('applyCoding: offsets are code points of the canonical text', () => {
  it('stores the canonical text', () => {
    expect(text).toBe(CANONICAL);
  });

  it('cuts the segment text after an emoji and a combining mark at code-point offsets', async () => {
    // 'media' starts at code point 43 but UTF-16 index 47: the astral characters took four extra units.
    expect(text.indexOf('media')).toBe(47);
    const segment = await code({ start: 43, end: 48 });
    expect(segment.text).toBe('media');
    expect(segment).toMatchObject({ start: 43, end: 48, sourceId });
  });

  it('covers an emoji sequence and a combining mark exactly', async () => {
    const segment = await code({ start: 14, end: 30 });
    expect(segment.text).toBe('Café 👩🏽‍🔬 och q\u0307');
    expect(segment.text).toBe(new CodePointIndex(text).slice(14, 30));
  });

  it('agrees with the code-point slice for every one-character segment', async () => {
    const index = new CodePointIndex(text);
    for (let i = 0; i < index.length; i += 3) {
      const segment = await code({ start: i, end: i + 1, coder: `k${i}` });
      expect(segment.text).toBe(index.slice(i, i + 1));
    }
  });

  it('accepts a segment that ends at the end of the text', async () => {
    const length = new CodePointIndex(text).length;
    const segment = await code({ start: length - 4, end: length });
    expect(segment.text).toBe('ss.\n');
  });
});

describe('applyCoding: quote selector', () => {
  const context = async (start: number, end: number) =>
    store.db
      .selectFrom('segments')
      .select(['exact', 'prefix', 'suffix'])
      .where('id', '=', (await code({ start, end })).id)
      .executeTakeFirstOrThrow();

  it('keeps 32 code points either side', async () => {
    const index = new CodePointIndex(text);
    const row = await context(43, 48);
    expect(row).toEqual({ exact: 'media', prefix: index.slice(11, 43), suffix: index.slice(48, 80) });
    expect(Array.from(row.prefix).length).toBe(32);
    expect(row.prefix.startsWith('I: Café 👩🏽‍🔬')).toBe(true);
  });

  it('clips the prefix at the start of the text', async () => {
    expect(await context(2, 4)).toMatchObject({ exact: 'te', prefix: 'In' });
    expect(await context(0, 2)).toMatchObject({ exact: 'In', prefix: '' });
  });

  it('clips the suffix at the end of the text', async () => {
    const length = new CodePointIndex(text).length;
    expect(await context(length - 5, length - 1)).toMatchObject({ exact: 'oss.', suffix: '\n' });
    expect(await context(length - 1, length)).toMatchObject({ exact: '\n', suffix: '' });
  });
});

describe('applyCoding: speaker turns', () => {
  it('links a segment to the turn it starts in, and none before the first turn', async () => {
    const { turns } = await getSource(ctx, { project: p, source: sourceId });
    expect(turns.map((t) => [t.speaker, t.start, t.end])).toEqual([
      ['I', 11, 34],
      ['IP', 35, 63],
    ]);
    const inTurn = await code({ start: 43, end: 48 });
    const beforeTurns = await code({ start: 0, end: 8 });
    const onLineEnd = await code({ start: 34, end: 36 });
    const rows = await store.db.selectFrom('segments').select(['id', 'turn_id']).execute();
    const turnOf = (id: string) => rows.find((r) => r.id === id)?.turn_id;
    expect(turnOf(inTurn.id)).toBe(turns[1]!.id);
    expect(turnOf(beforeTurns.id)).toBeNull();
    expect(turnOf(onLineEnd.id)).toBeNull();
  });
});

describe('applyCoding: refusals change nothing', () => {
  it('refuses a negative start', async () => {
    await expectRefused(store, () => code({ start: -1, end: 3 }), 'range.negative');
  });

  it('refuses an empty or reversed range', async () => {
    await expectRefused(store, () => code({ start: 5, end: 5 }), 'range.empty');
    await expectRefused(store, () => code({ start: 6, end: 5 }), 'range.empty');
  });

  it('refuses an end past the text, counted in code points', async () => {
    const length = new CodePointIndex(text).length;
    expect(length).toBe(64);
    expect(text.length).toBe(68);
    const err = await expectRefused(store, () => code({ start: 39, end: length + 1 }), 'range.past-end');
    expect(err.params).toMatchObject({ end: length + 1, length });
  });

  it('refuses non-integer offsets', async () => {
    await expectRefused(store, () => code({ start: 1.5, end: 4 }), 'range.not-integer');
  });

  it('refuses a bad range sent with ids, as the workbench sends them, in the same words', async () => {
    const media = (await store.db.selectFrom('codes').select('id').where('name', '=', 'media').executeTakeFirstOrThrow()).id;
    const byIds = (start: number, end: number) => applyCoding(ctx, { project: p, source: sourceId, code: media, start, end });
    await expectRefused(store, () => byIds(-1, 3), 'range.negative');
    await expectRefused(store, () => byIds(6, 5), 'range.empty');
    await expectRefused(store, () => byIds(1.5, 4), 'range.not-integer');
    await expectRefused(store, () => byIds(39, 65), 'range.past-end');
    await expectRefused(store, () => byIds(2 ** 40, 2 ** 41), 'range.past-end');
  });

  it('refuses an unknown code, source or project', async () => {
    await expectRefused(store, () => code({ start: 0, end: 4, code: 'okänd' }), 'code.not-found');
    await expectRefused(
      store,
      () => applyCoding(ctx, { project: p, source: 'okänd', code: 'media', start: 0, end: 4 }),
      'source.not-found',
    );
    await expectRefused(
      store,
      () => applyCoding(ctx, { project: 'Okänt', source: sourceId, code: 'media', start: 0, end: 4 }),
      'project.not-found',
    );
  });

  it('refuses the same code on the same span by the same coder', async () => {
    await code({ start: 43, end: 48 });
    await expectRefused(store, () => code({ start: 43, end: 48 }), 'segment.exists');
  });
});

describe('applyCoding: source and code named by id, as the workbench names them', () => {
  const codeId = async (name: string) =>
    (
      await store.db
        .selectFrom('codes')
        .select('id')
        .where('project_id', '=', p)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  it('codes as by name, and adds a coder new to the project', async () => {
    const media = await codeId('media');
    const byId = await applyCoding(ctx, { project: p, source: sourceId, code: media, start: 43, end: 48, coder: 'Kristin' });
    const byName = await code({ start: 43, end: 48 });
    expect(byId).toMatchObject({ sourceId, codeId: media, text: 'media', warnings: [] });
    expect(byName.codeId).toBe(media);
    const coders = await store.db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', p).execute();
    expect(coders.find((c) => c.id === byId.coderId)?.name).toBe('Kristin');
    await expectRefused(
      store,
      () => applyCoding(ctx, { project: p, source: sourceId, code: media, start: 43, end: 48, coder: 'Kristin' }),
      'segment.exists',
    );
  });

  it("refuses another project's source or code by id", async () => {
    const other = (await createProject(ctx, { name: 'Annan' })).id;
    const otherCode = (await addCode(ctx, { project: other, name: 'media' })).id;
    const otherSource = (await importSource(ctx, { project: other, fileName: 'b.txt', bytes: utf8(RAW) })).id;
    await expectRefused(
      store,
      () => applyCoding(ctx, { project: p, source: sourceId, code: otherCode, start: 0, end: 4 }),
      'code.not-found',
    );
    await expectRefused(
      store,
      () => applyCoding(ctx, { project: p, source: otherSource, code: 'media', start: 0, end: 4 }),
      'source.not-found',
    );
  });
});

describe('applyCoding: what is allowed', () => {
  it('allows overlapping segments, the same span by another coder, and another code on the same span', async () => {
    await code({ start: 39, end: 48 });
    await code({ start: 43, end: 55 });
    await code({ start: 43, end: 48 });
    await code({ start: 43, end: 48, coder: 'Kristin' });
    await code({ start: 43, end: 48, code: 'plan' });
    const rows = await store.db
      .selectFrom('segments as s')
      .innerJoin('coders as k', 'k.id', 's.coder_id')
      .innerJoin('codes as c', 'c.id', 's.code_id')
      .select(['s.start_offset', 's.end_offset', 'k.name as coder', 'c.name as code', 's.exact'])
      .orderBy('s.id')
      .execute();
    expect(rows.map((r) => [r.start_offset, r.end_offset, r.coder, r.code, r.exact])).toEqual([
      [39, 48, 'tester', 'media', 'Ja, media'],
      [43, 55, 'tester', 'media', 'media ljuger'],
      [43, 48, 'tester', 'media', 'media'],
      [43, 48, 'Kristin', 'media', 'media'],
      [43, 48, 'tester', 'plan', 'media'],
    ]);
  });

  it('keeps the memo and creates the coder once', async () => {
    await code({ start: 43, end: 48, memo: 'Bilden utåt', coder: 'Kristin' });
    await code({ start: 0, end: 8, coder: 'Kristin' });
    const coders = await store.db.selectFrom('coders').select('name').where('project_id', '=', p).execute();
    expect(coders.map((c) => c.name)).toEqual(['Kristin']);
    const memo = await store.db.selectFrom('segments').select('memo').where('start_offset', '=', 43).executeTakeFirstOrThrow();
    expect(memo.memo).toBe('Bilden utåt');
  });
});

describe('applyCoding: the code and the consent warning', () => {
  it('finds the code by id, by name and by path alike', async () => {
    const media = await getCodebook(ctx, { project: p }).then((nodes) => nodes.flatMap(flatten).find((n) => n.name === 'media'));
    const byId = await code({ start: 0, end: 3, code: media?.id as string });
    const byPath = await code({ start: 3, end: 6, code: 'hinder/MEDIA' });
    expect([byId.codeId, byPath.codeId]).toEqual([media?.id, media?.id]);
    await expectRefused(store, () => code({ start: 6, end: 9, code: 'ingen' }), 'code.not-found');
  });

  it('warns of the turn’s case without consent, else of the source’s, and not once consent is recorded', async () => {
    const id = (
      await importSource(ctx, {
        project: p,
        fileName: 'grupp.txt',
        bytes: utf8(RAW),
        newCase: 'Albin',
        speakers: [{ speaker: 'IP', case: 'Nermin' }],
      })
    ).id;
    const at = (word: string) => {
      const index = new CodePointIndex(text);
      const start = index.toCodePoint(text.indexOf(word) as never);
      return { start, end: start + [...word].length };
    };
    const warnings = async (word: string) =>
      (await applyCoding(ctx, { project: p, source: id, code: 'plan', ...at(word) })).warnings;
    expect(await warnings('media')).toEqual([{ code: 'consent.missing', params: { case: 'Nermin' } }]);
    expect(await warnings('Café')).toEqual([{ code: 'consent.missing', params: { case: 'Albin' } }]);
    await recordConsent(ctx, { project: p, case: 'Nermin', letterVersion: 'v1', consentedOn: '2024-03-01' });
    expect(await warnings('ljuger')).toEqual([]);
    expect(await warnings('här')).toEqual([{ code: 'consent.missing', params: { case: 'Albin' } }]);
    await recordConsent(ctx, { project: p, case: 'Albin', letterVersion: 'v1', consentedOn: '2024-03-01' });
    expect(await warnings('och')).toEqual([]);
    // The first source has no case: no warning.
    expect((await code({ start: 0, end: 8 })).warnings).toEqual([]);
  });
});

const flatten = (n: { id: string; name: string; children?: unknown[] }): { id: string; name: string }[] => [
  n,
  ...((n.children ?? []) as (typeof n)[]).flatMap(flatten),
];
