import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { codeMatrix } from '../../src/commands/codeMatrix.js';
import { deleteCase } from '../../src/commands/deleteCase.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { deleteSmartCode } from '../../src/commands/deleteSmartCode.js';
import { editCode } from '../../src/commands/editCode.js';
import { editSmartCode } from '../../src/commands/editSmartCode.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { listSmartCodes } from '../../src/commands/listSmartCodes.js';
import { mergeCodes } from '../../src/commands/mergeCodes.js';
import { runCodingQuery } from '../../src/commands/runCodingQuery.js';
import { saveSmartCode } from '../../src/commands/saveSmartCode.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { smartCodeHits } from '../../src/commands/smartCodeHits.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused, QUOTES, type Study, spanOf, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

// The group interview of the fixture: media and tidsbrist both code Albin's "Media ger en skev
// bild", tidsbrist also Kristin's "det är tidsbrist"; here plan codes Albin's "Vi hinner inte svara".
beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await applyCoding(ctx, { project: s.p, source: s.source, code: 'plan', ...spanOf(s.text, QUOTES.tidsbrist) });
});
afterEach(() => cleanup());

const as = (actor: string): CommandContext => ({ ...ctx, actor });
const texts = async (expression: string, filter?: Parameters<typeof runCodingQuery>[1]['filter'], who = ctx) =>
  (await runCodingQuery(who, { project: s.p, expression, ...(filter && { filter }) })).hits.map((h) => h.text);

describe('runCodingQuery', () => {
  it('gives each passage with its source, case, speaker, code point offsets and the codes that made it', async () => {
    const r = await runCodingQuery(ctx, { project: s.p, expression: 'media och tidsbrist' });
    expect(r).toEqual({
      expression: '"media" AND "tidsbrist"',
      total: 1,
      hits: [
        {
          sourceId: s.source,
          sourceName: 'grupp',
          caseId: s.cases.albin,
          caseName: 'Albin',
          ...spanOf(s.text, QUOTES.media),
          text: QUOTES.media,
          speaker: 'Albin',
          codes: ['media', 'tidsbrist'],
        },
      ],
    });
  });

  it('reads a category as its codes, and runs every operator over the stored coding', async () => {
    expect(await texts('Hinder')).toEqual([QUOTES.media, QUOTES.kristin]);
    expect(await texts('Hinder AND NOT media')).toEqual([QUOTES.kristin]);
    expect(await texts('tidsbrist OVERLAPS media')).toEqual([QUOTES.media]);
    expect(await texts('media WITHIN tidsbrist')).toEqual([QUOTES.media]);
    expect(await texts('plan ENCLOSES media')).toEqual([]);
    const albin = s.text.slice(s.text.indexOf(QUOTES.media), s.text.indexOf(QUOTES.tidsbrist) + QUOTES.tidsbrist.length);
    expect(await texts('media FOLLOWED BY plan IN SAME TURN')).toEqual([albin]);
    expect(await texts('plan FOLLOWED BY tidsbrist IN SAME TURN')).toEqual([]);
    // "svara. Kristin: Jag håller med Albin, det är tidsbrist": five words between.
    expect(await texts('plan FOLLOWED BY tidsbrist WITHIN 5 WORDS')).toHaveLength(1);
    expect(await texts('plan FOLLOWED BY tidsbrist WITHIN 4 WORDS')).toEqual([]);
    expect(await texts('tidsbrist NEAR 5 plan')).toEqual([QUOTES.media, QUOTES.kristin]);
  });

  it('narrows to the turns the filter lets through: a case, a speaker role, an attribute', async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    expect(await texts('tidsbrist', { cases: ['Kristin'] })).toEqual([QUOTES.kristin]);
    expect(await texts('tidsbrist', { attributes: [{ attribute: 'stadsdel', value: 'Y' }] })).toEqual([QUOTES.media]);
    const kristin = s.turns.find((t) => t.speaker === 'Kristin');
    const notCoded = await runCodingQuery(ctx, { project: s.p, expression: 'NOT Hinder', filter: { cases: ['Kristin'] } });
    expect(notCoded.hits.length).toBeGreaterThan(0);
    for (const h of notCoded.hits) {
      expect(h.start).toBeGreaterThanOrEqual(kristin?.start as number);
      expect(h.end).toBeLessThanOrEqual(kristin?.end as number);
      expect(h.caseName).toBe('Kristin');
      expect(h.codes).toEqual([]);
    }
    // The interviewer's turn holds no participant's words: NOT over participants leaves it out.
    const question = 'Hur beskriver media området?';
    expect((await texts('NOT Hinder')).join('')).toContain(question);
    expect((await texts('NOT Hinder', { speaker: 'participant' })).join('')).not.toContain(question);
  });

  it('pages through the passages in reading order and counts them all', async () => {
    const page = await runCodingQuery(ctx, { project: s.p, expression: 'Hinder OR plan', limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.hits.map((h) => h.text)).toEqual([QUOTES.tidsbrist]);
  });

  it('in blind mode counts only the layers the person may see', async () => {
    await applyCoding(as('anna'), { project: s.p, source: s.source, code: 'media', ...spanOf(s.text, QUOTES.kristin) });
    await setBlindMode(ctx, { project: s.p, blind: true });
    expect(await texts('media', undefined, as('anna'))).toEqual([QUOTES.kristin]);
    expect(await texts('media')).toEqual([QUOTES.media, QUOTES.kristin]);
    expect(await texts('media', { coders: ['anna'] })).toEqual([QUOTES.kristin]);
  });

  it('refuses a query that does not parse or names an unknown code, changing nothing', async () => {
    const err = await expectRefused(store, () => runCodingQuery(ctx, { project: s.p, expression: 'media AND' }), 'query.syntax');
    expect(err.params).toMatchObject({ position: 10, expected: 'operand', after: 'AND' });
    await expectRefused(store, () => runCodingQuery(ctx, { project: s.p, expression: 'media OR okänd' }), 'code.not-found');
    await expectRefused(store, () => runCodingQuery(ctx, { project: s.p, expression: 'smart:okänd' }), 'smart-code.not-found');
  });
});

describe('smart codes', () => {
  const list = async () => (await listSmartCodes(ctx, { project: s.p })).smartCodes;

  it('are saved, listed with their live hit count, and usable in queries', async () => {
    const { id } = await saveSmartCode(ctx, { project: s.p, name: 'Medier och tid', expression: 'media AND tidsbrist' });
    expect(await list()).toEqual([
      {
        id,
        name: 'Medier och tid',
        expression: '"media" AND "tidsbrist"',
        filter: {},
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        description: '',
        hits: 1,
        problem: null,
      },
    ]);
    expect(await texts('smart:"Medier och tid" OR plan')).toEqual([QUOTES.media, QUOTES.tidsbrist]);
    const hits = await smartCodeHits(ctx, { project: s.p, smartCode: 'Medier och tid' });
    expect(hits.hits.map((h) => [h.text, h.codes])).toEqual([[QUOTES.media, ['media', 'tidsbrist']]]);
    // Live: new coding shows at once.
    await applyCoding(ctx, { project: s.p, source: s.source, code: 'media', ...spanOf(s.text, QUOTES.kristin) });
    expect((await list())[0]?.hits).toBe(2);
  });

  it('survive a code rename, keeping the query by the codes themselves', async () => {
    await saveSmartCode(ctx, { project: s.p, name: 'M', expression: 'media AND tidsbrist' });
    await editCode(ctx, { project: s.p, code: 'media', name: 'medier' });
    expect(await list()).toMatchObject([{ expression: '"medier" AND "tidsbrist"', hits: 1 }]);
  });

  it('keep their filter and show it by name', async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    await saveSmartCode(ctx, { project: s.p, name: 'Kristins tid', expression: 'tidsbrist', filter: { cases: ['Kristin'] } });
    expect(await list()).toMatchObject([{ filter: { cases: ['Kristin'] }, hits: 1 }]);
    expect((await smartCodeHits(ctx, { project: s.p, smartCode: 'Kristins tid' })).hits.map((h) => h.text)).toEqual([
      QUOTES.kristin,
    ]);
  });

  it('are edited, refused when a name is taken or a query would refer to itself, and undone', async () => {
    await saveSmartCode(ctx, { project: s.p, name: 'A', expression: 'media' });
    await saveSmartCode(ctx, { project: s.p, name: 'B', expression: 'smart:A OR plan' });
    await expectRefused(store, () => saveSmartCode(ctx, { project: s.p, name: 'a', expression: 'plan' }), 'smart-code.exists');
    await expectRefused(
      store,
      () => editSmartCode(ctx, { project: s.p, smartCode: 'A', expression: 'smart:B' }),
      'query.smart-cycle',
    );
    await expectRefused(store, () => editSmartCode(ctx, { project: s.p, smartCode: 'A', expression: 'media (' }), 'query.syntax');
    await expectRefused(store, () => deleteSmartCode(ctx, { project: s.p, smartCode: 'A' }), 'smart-code.in-use');
    await editSmartCode(ctx, { project: s.p, smartCode: 'A', name: 'Alfa', expression: 'tidsbrist' });
    expect((await list()).map((c) => [c.name, c.expression, c.hits])).toEqual([
      ['Alfa', '"tidsbrist"', 2],
      ['B', 'smart:"Alfa" OR "plan"', 3],
    ]);
    await deleteSmartCode(ctx, { project: s.p, smartCode: 'B' });
    expect((await list()).map((c) => c.name)).toEqual(['Alfa']);
    await undo(ctx, { project: s.p });
    await undo(ctx, { project: s.p });
    expect((await list()).map((c) => [c.name, c.expression])).toEqual([
      ['A', '"media"'],
      ['B', 'smart:"A" OR "plan"'],
    ]);
  });

  it('follow a merge: a smart code naming the merged code names the code it went into', async () => {
    await saveSmartCode(ctx, { project: s.p, name: 'M', expression: 'media OR plan' });
    await mergeCodes(ctx, { project: s.p, from: 'media', into: 'tidsbrist' });
    expect(await list()).toMatchObject([{ expression: '"tidsbrist" OR "plan"', hits: 3, problem: null }]);
    await undo(ctx, { project: s.p });
    expect(await list()).toMatchObject([{ expression: '"media" OR "plan"', hits: 2 }]);
  });

  it('report a case gone from their filter, keeping only its id, rather than widen the filter', async () => {
    const { id: caseId } = await addCase(ctx, { project: s.p, name: 'Cilla' });
    await saveSmartCode(ctx, { project: s.p, name: 'C', expression: 'media', filter: { cases: ['Cilla'] } });
    await deleteCase(ctx, { project: s.p, case: 'Cilla' });
    const [c] = await list();
    expect(c).toMatchObject({ hits: null, problem: 'case.not-found', filter: { cases: [caseId] } });
    expect(JSON.stringify(await store.db.selectFrom('smart_codes').selectAll().execute())).not.toContain('Cilla');
  });

  it('report a deleted code they name rather than fail the list', async () => {
    await saveSmartCode(ctx, { project: s.p, name: 'P', expression: 'plan OR media' });
    await deleteCode(ctx, { project: s.p, code: 'plan', withSegments: true });
    expect(await list()).toMatchObject([{ name: 'P', hits: null, problem: 'smart-code.code-missing' }]);
  });
});

describe('smart codes as matrix rows', () => {
  it('count their passages per case like a code’s segments, after the codebook’s rows', async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    const { id } = await saveSmartCode(ctx, { project: s.p, name: 'Tid', expression: 'tidsbrist' });
    const m = await codeMatrix(ctx, { project: s.p, smartCodes: ['Tid'] });
    const at = m.rows.findIndex((r) => r.id === id);
    expect(at).toBe(m.rows.length - 1);
    const byCase = Object.fromEntries(m.columns.map((c, i) => [c.label, m.cells[at]?.[i]]));
    expect(byCase).toEqual({ Albin: 1, Kristin: 1 });
    // The same numbers as the code's own row.
    const code = m.rows.findIndex((r) => r.name === 'tidsbrist');
    expect(m.cells[at]).toEqual(m.cells[code]);
    const chars = await codeMatrix(ctx, { project: s.p, smartCodes: [id], measure: 'chars', filter: { cases: ['Kristin'] } });
    expect(chars.cells[chars.rows.length - 1]).toEqual([[...QUOTES.kristin].length]);
  });

  it('refuses an unknown smart code', async () => {
    await expectRefused(store, () => codeMatrix(ctx, { project: s.p, smartCodes: ['okänd'] }), 'smart-code.not-found');
  });
});
