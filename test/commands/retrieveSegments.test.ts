import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused, QUOTES, type Study, spanOf, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

const texts = async (input: Omit<Parameters<typeof retrieveSegments>[1], 'project'>) =>
  (await retrieveSegments(ctx, { project: s.p, ...input })).map((r) => `${r.code.name}: ${r.text}`);

describe('retrieveSegments: output', () => {
  it('gives source, case, offsets, text, code, coder, memo and speaker', async () => {
    const [first] = await retrieveSegments(ctx, { project: s.p, code: 'media' });
    expect(first).toEqual({
      id: s.segments.media,
      source: { id: s.source, name: 'grupp' },
      case: { id: s.cases.albin, name: 'Albin' },
      code: { id: s.codes.media, name: 'media', color: '#d64541' },
      coder: 'tester',
      ...spanOf(s.text, QUOTES.media),
      text: QUOTES.media,
      memo: 'tydligt exempel',
      speaker: 'Albin',
      startMs: null,
      span: null,
      broken: false,
      createdAt: expect.any(String),
    });
  });

  it('lists in reading order: source name, then start, then end', async () => {
    expect(await texts({})).toEqual([`media: ${QUOTES.media}`, `tidsbrist: ${QUOTES.media}`, `tidsbrist: ${QUOTES.kristin}`]);
  });
});

describe('retrieveSegments: by code', () => {
  beforeEach(async () => {
    await applyCoding(ctx, { project: s.p, source: s.source, code: 'Hinder', ...spanOf(s.text, QUOTES.tidsbrist) });
  });

  it('includes the codes below by default', async () => {
    expect(await texts({ code: 'Hinder' })).toEqual([
      `media: ${QUOTES.media}`,
      `tidsbrist: ${QUOTES.media}`,
      `Hinder: ${QUOTES.tidsbrist}`,
      `tidsbrist: ${QUOTES.kristin}`,
    ]);
  });

  it('gives only the code itself without descendants', async () => {
    expect(await texts({ code: 'Hinder', includeDescendants: false })).toEqual([`Hinder: ${QUOTES.tidsbrist}`]);
  });

  it('finds a code by path and gives nothing for an unused code', async () => {
    expect(await texts({ code: 'Hinder/media' })).toEqual([`media: ${QUOTES.media}`]);
    expect(await texts({ code: 'Strategier' })).toEqual([]);
  });

  it('refuses an unknown code', async () => {
    await expectRefused(store, () => retrieveSegments(ctx, { project: s.p, code: 'okänd' }), 'code.not-found');
  });
});

describe('retrieveSegments: by case', () => {
  it("takes the source's case", async () => {
    expect(await texts({ case: 'Albin' })).toHaveLength(3);
    expect(await texts({ case: 'Kristin' })).toEqual([]);
  });

  it("lets a turn linked to another case override the source's case", async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    expect(await texts({ case: 'Kristin' })).toEqual([`tidsbrist: ${QUOTES.kristin}`]);
    expect(await texts({ case: 'Albin' })).toEqual([`media: ${QUOTES.media}`, `tidsbrist: ${QUOTES.media}`]);
    const kristin = (await retrieveSegments(ctx, { project: s.p, case: s.cases.kristin }))[0]!;
    expect(kristin.case).toEqual({ id: s.cases.kristin, name: 'Kristin' });
    expect(kristin.speaker).toBe('Kristin');
  });

  it('refuses an unknown case', async () => {
    await expectRefused(store, () => retrieveSegments(ctx, { project: s.p, case: 'Okänd' }), 'case.not-found');
  });
});

describe('retrieveSegments: by source and by coder', () => {
  let other: string;

  beforeEach(async () => {
    other = (await importSource(ctx, { project: s.p, fileName: 'anteckningar.txt', bytes: utf8('Möte om media och tidsbrist.') }))
      .id;
    await applyCoding(ctx, { project: s.p, source: other, code: 'media', start: 8, end: 13, coder: 'Kodare 2' });
  });

  it('filters by source, by name or id', async () => {
    expect(await texts({ source: 'anteckningar' })).toEqual(['media: media']);
    expect(await texts({ source: s.source })).toHaveLength(3);
    const [row] = await retrieveSegments(ctx, { project: s.p, source: other });
    expect(row).toMatchObject({ source: { id: other, name: 'anteckningar' }, case: null, speaker: null, start: 8, end: 13 });
  });

  it('filters by coder', async () => {
    expect(await texts({ coder: 'Kodare 2' })).toEqual(['media: media']);
    expect(await texts({ coder: 'tester' })).toHaveLength(3);
    expect(await texts({ coder: 'ingen' })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await texts({ code: 'media', coder: 'tester' })).toEqual([`media: ${QUOTES.media}`]);
    expect(await texts({ code: 'media', source: 'anteckningar', coder: 'tester' })).toEqual([]);
  });
});
