import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import {
  COUNTED_SOURCES,
  findSegmentPage,
  findSegments,
  PageInput,
  RetrievalInput,
  segmentPageJson,
} from '../../src/commands/helpers/retrieval.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegmentPage, retrieveSegmentPageJson } from '../../src/commands/retrieveSegments.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { type RetrievedSegment, unpackSegments } from '../../src/core/segmentPage.js';
import { tempContext, utf8 } from '../helpers.js';
import { twoCoderStudy } from './agreementFixture.js';
import { codedInReadingOrder, kodaError, type Study, studyFixture } from './fixtures.js';

/**
 * Retrieval a page at a time (issue 17): the route's `limit` and `after`. Followed from the first
 * page to the last, the pages give the whole list, every segment once, in reading order, whatever
 * the page size and however the reads below are cut (`pageRows`).
 */
let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  // One span more: a page must not split the segments that start at one offset.
  await codedInReadingOrder(ctx, s, [['sju', 'åtta', 'plan']]);
});
afterEach(() => cleanup());

type Query = Partial<Parameters<typeof RetrievalInput.parse>[0]>;

const whole = async (query: Query, context = ctx) =>
  (await findSegments(context, RetrievalInput.parse({ project: s.p, ...query }))).map(({ createdAt, ...rest }) => rest);

/** Every page from the first, following `next`. */
async function allPages(query: Query, limit: number, pageRows?: number, context = ctx) {
  const pages: RetrievedSegment[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await findSegmentPage(
      context,
      PageInput.parse({ project: s.p, ...query, limit, after }),
      pageRows ? { pageRows } : {},
    );
    pages.push(unpackSegments(page));
    if (page.next === null) return pages;
    after = page.next;
  }
  throw new Error('the pages never end');
}

describe('retrieval pages', () => {
  it.each([{}, { code: 'Hinder' }, { code: 'plan', includeDescendants: false }, { source: 'a-intervju' }])(
    'give every segment once, in reading order, across page and read boundaries: %j',
    async (query: Query) => {
      const expected = await whole(query);
      expect(expected.length).toBeGreaterThan(1);
      for (const limit of [1, 3, 1000]) {
        for (const pageRows of [1, 4, undefined]) {
          const pages = await allPages(query, limit, pageRows);
          const where = JSON.stringify({ limit, pageRows });
          expect(pages.flat(), where).toEqual(expected);
          expect(new Set(pages.flat().map((x) => x.id)).size, where).toBe(expected.length);
          for (const [i, page] of pages.entries()) {
            // A page holds `limit` segments (the last may hold fewer), more only to keep the
            // segments starting at its last offset together.
            if (i < pages.length - 1) expect(page.length, where).toBeGreaterThanOrEqual(limit);
            const last = page.at(-1) as RetrievedSegment;
            for (const extra of page.slice(limit))
              expect([extra.source.id, extra.start], where).toEqual([last.source.id, last.start]);
          }
        }
      }
    },
    // Many walks of many small pages: PostgreSQL on a busy machine needs the time.
    90_000,
  );

  it('cut between the segments starting at one offset only when they started on the page before', async () => {
    const pages = await allPages({ source: 'a-intervju' }, 1, 1);
    // At "ett" four segments start: one page of four, not four pages.
    expect(pages.map((p) => p.length)).toContain(4);
    const first = pages.find((p) => p.length === 4) as RetrievedSegment[];
    expect(new Set(first.map((x) => x.start)).size).toBe(1);
  });

  it('say how many there are when it is known, and nothing after the last page', async () => {
    const first = await retrieveSegmentPage(ctx, { project: s.p, code: 'Hinder', limit: 2 });
    expect(first.total).toBe((await whole({ code: 'Hinder' })).length);
    expect(first.next).toEqual(expect.any(String));
    const all = await retrieveSegmentPage(ctx, { project: s.p, code: 'Hinder' });
    expect(all.next).toBeNull();
    expect(unpackSegments(all)).toEqual(await whole({ code: 'Hinder' }));
    // A case filter is checked per segment: the count is not known until the list is read.
    const filtered = await retrieveSegmentPage(ctx, { project: s.p, code: 'Hinder', limit: 2, filter: { cases: ['Albin'] } });
    expect(filtered.total).toBeNull();
  });

  it('follow the analysis filter, a case and a coder the same way', async () => {
    const queries: Query[] = [
      { code: 'Hinder', filter: { cases: ['Kristin'] } },
      { filter: { sources: ['ö-intervju'] } },
      { filter: { speaker: 'participant' } },
      { case: 'Kristin' },
      { coder: 'tester' },
    ];
    for (const query of queries) {
      const expected = await whole(query);
      for (const limit of [1, 3]) expect((await allPages(query, limit, 2)).flat(), JSON.stringify(query)).toEqual(expected);
    }
    const kristin = (await allPages({ code: 'Hinder', filter: { cases: ['Kristin'] } }, 2, 1)).flat();
    expect(kristin.length).toBeGreaterThan(0);
    expect(kristin.every((x) => x.case?.name === 'Kristin')).toBe(true);
  });

  it('pack each source, code, coder and case once per page, and leave out what is empty', async () => {
    const page = await retrieveSegmentPage(ctx, { project: s.p, code: 'Hinder', limit: 1000 });
    expect(page.sources.map((x) => x.name).sort()).toEqual(['a-intervju', 'grupp', 'ö-intervju']);
    expect(new Set(page.codes.map((c) => c.id)).size).toBe(page.codes.length);
    expect(page.coders).toEqual(['tester']);
    for (const x of page.segments) {
      expect(
        Object.keys(x).every((k) =>
          [
            'id',
            'source',
            'code',
            'coder',
            'case',
            'start',
            'end',
            'text',
            'memo',
            'speaker',
            'startMs',
            'span',
            'broken',
          ].includes(k),
        ),
      ).toBe(true);
      expect(typeof x.source).toBe('number');
      expect(page.sources[x.source]).toBeDefined();
      expect(page.codes[x.code]).toBeDefined();
    }
    // The fixture's memo travels; a segment without one carries no memo field.
    expect(page.segments.some((x) => x.memo === 'tydligt exempel')).toBe(true);
    expect(page.segments.some((x) => !('memo' in x))).toBe(true);
  });

  it('refuse a page marker that is not one, with one clear error', async () => {
    const bad = [
      'not a cursor',
      Buffer.from('{"source":1}').toString('base64url'),
      Buffer.from('["x",-1]').toString('base64url'),
      Buffer.from(JSON.stringify(['no-such-source', 3])).toString('base64url'),
    ];
    for (const after of bad) {
      const err = await kodaError(retrieveSegmentPage(ctx, { project: s.p, code: 'Hinder', limit: 2, after }));
      expect(err.code, after).toBe('retrieval.after');
      expect(err.kind).toBe('invalid');
    }
    const tooMany = await kodaError(retrieveSegmentPage(ctx, { project: s.p, limit: 1001 }));
    expect(tooMany.code).toBe('input.invalid');
  });
});

describe('a page as JSON text, written while it is read', () => {
  const text = async (pieces: AsyncIterable<Uint8Array>) => {
    const all: Uint8Array[] = [];
    for await (const piece of pieces) all.push(piece);
    return Buffer.concat(all).toString('utf8');
  };

  it('is the text of the page object, for a whole list and for pages, however the reads are cut', async () => {
    const queries: Query[] = [
      {},
      { code: 'Hinder' },
      { source: 'a-intervju' },
      { case: 'Kristin' },
      { code: 'Hinder', filter: { cases: ['Kristin'] } },
      { code: 'Hinder', filter: { cases: ['Albin'] } },
    ];
    for (const query of queries) {
      for (const limit of [undefined, 2]) {
        for (const pageRows of [1, 3, undefined]) {
          const input = PageInput.parse({ project: s.p, ...query, limit });
          const where = JSON.stringify({ query, limit, pageRows });
          const options = pageRows ? { pageRows } : {};
          const expected = JSON.stringify(await findSegmentPage(ctx, input, options));
          expect(await text(await segmentPageJson(ctx, input, options)), where).toBe(expected);
          // The next page too, from the first page's marker.
          const next = JSON.parse(expected).next as string | null;
          if (next) {
            const after = PageInput.parse({ project: s.p, ...query, limit, after: next });
            expect(await text(await segmentPageJson(ctx, after, options)), where).toBe(
              JSON.stringify(await findSegmentPage(ctx, after, options)),
            );
          }
        }
      }
    }
  });

  it('comes in several pieces for a long list, the segments before the tables', async () => {
    const pieces: string[] = [];
    for await (const piece of await segmentPageJson(ctx, PageInput.parse({ project: s.p }), { pageRows: 2 }))
      pieces.push(Buffer.from(piece).toString('utf8'));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.slice(0, 2).join('').startsWith('{"segments":[{')).toBe(true);
    expect(JSON.parse(pieces.join('')).segments).toHaveLength((await whole({})).length);
  });

  it('refuses a bad page marker or an unknown code before its first piece', async () => {
    const nowhere = Buffer.from(JSON.stringify(['no-such-source', 3])).toString('base64url');
    const bad = await kodaError(retrieveSegmentPageJson(ctx, { project: s.p, code: 'Hinder', after: nowhere }));
    expect(bad.code).toBe('retrieval.after');
    expect((await kodaError(retrieveSegmentPageJson(ctx, { project: s.p, code: 'no such code' }))).kind).toBe('not-found');
  });
});

describe('retrieval pages in blind mode', () => {
  it('show a coder only their own layer, page by page', async () => {
    const two = await twoCoderStudy(ctx);
    await setBlindMode(ctx, { project: two.p, blind: true });
    const anna = { ...ctx, actor: 'anna' };
    const pages: RetrievedSegment[][] = [];
    let after: string | undefined;
    do {
      const page = await retrieveSegmentPage(anna, { project: two.p, limit: 1, after });
      pages.push(unpackSegments(page));
      after = page.next ?? undefined;
    } while (after);
    const seen = pages.flat();
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((x) => x.coder))).toEqual(new Set(['anna']));
    expect(seen).toEqual((await findSegments(anna, RetrievalInput.parse({ project: two.p }))).map(({ createdAt, ...r }) => r));
  });
});

describe('retrieval of a project with more sources than are counted at once', () => {
  it('gives every source its segments, and the whole total, across the counting groups', async () => {
    const more = COUNTED_SOURCES + 3;
    const before = await findSegmentPage(ctx, PageInput.parse({ project: s.p }));
    for (let i = 0; i < more; i++) {
      const name = `x-${String(i).padStart(3, '0')}`;
      const source = await importSource(ctx, { project: s.p, fileName: `${name}.txt`, bytes: utf8(`I: ord ${i} här`) });
      // Sources at both ends of the groups hold two segments, the rest one.
      const twice = i === 0 || i === COUNTED_SOURCES - 1 || i === COUNTED_SOURCES || i === more - 1;
      for (const code of twice ? ['plan', 'media'] : ['plan'])
        await applyCoding(ctx, { project: s.p, source: source.id, code, start: 3, end: 6 });
    }
    const page = await findSegmentPage(ctx, PageInput.parse({ project: s.p }));
    expect(page.total).toBe((before.total ?? 0) + more + 4);
    const added = (await whole({})).filter((x) => x.source.name.startsWith('x-'));
    const perSource = new Map<string, number>();
    for (const x of added) perSource.set(x.source.name, (perSource.get(x.source.name) ?? 0) + 1);
    expect(perSource.size).toBe(more);
    expect(perSource.get(`x-${String(COUNTED_SOURCES).padStart(3, '0')}`)).toBe(2);
    expect(perSource.get(`x-${String(more - 1).padStart(3, '0')}`)).toBe(2);
    expect(added.map((x) => x.source.name)).toEqual([...added.map((x) => x.source.name)].sort());
  });
});
