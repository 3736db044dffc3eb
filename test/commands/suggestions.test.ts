import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { applyPseudonyms } from '../../src/commands/applyPseudonyms.js';
import { buildReport } from '../../src/commands/buildReport.js';
import { decideSuggestion } from '../../src/commands/decideSuggestion.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { editTranscript } from '../../src/commands/editTranscript.js';
import { exportProject } from '../../src/commands/exportProject.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { suggestionProvenance } from '../../src/commands/helpers/suggestions.js';
import { redo, undo } from '../../src/commands/history.js';
import { mergeCodes } from '../../src/commands/mergeCodes.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { suggestForCode } from '../../src/commands/suggestForCode.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import { text, unzip, xsdErrors } from '../formats/refi/support.js';
import { tempContext } from '../helpers.js';
import { expectRefused, kodaError } from './fixtures.js';
import { suggestFixture } from './suggestFixture.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let store: Awaited<ReturnType<typeof tempContext>>['store'];
let f: Awaited<ReturnType<typeof suggestFixture>>;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext('anna'));
  f = await suggestFixture(ctx);
});
afterEach(() => cleanup());

const suggest = (limit = 10) => suggestForCode(ctx, { project: f.p, code: 'finansiering', limit });
const texts = async () => (await suggest()).suggestions.map((s) => s.text);

/** Decides the suggestion whose text is `text`, passing its provenance back as the UI does. */
async function decide(text: string, decision: 'accept' | 'reject', who: CommandContext = ctx) {
  const found = await suggestForCode(who, { project: f.p, code: 'finansiering', limit: 50 });
  const s = found.suggestions.find((x) => x.text === text);
  if (!s) throw new Error(`not suggested: ${text}`);
  const { method, parameters } = found;
  return decideSuggestion(who, {
    project: f.p,
    code: 'finansiering',
    source: s.sourceId,
    start: s.start,
    end: s.end,
    decision,
    method,
    parameters,
    words: s.words,
    score: s.score,
  });
}

const decisions = () => store.db.selectFrom('suggestion_decisions').selectAll().execute();

describe('suggestForCode', () => {
  it('ranks the participants’ uncoded sentences like the coded one, each with the words that made it similar', async () => {
    const r = await suggest();
    expect(r.method).toBe('bm25');
    expect(r.parameters).toMatchObject({ k1: 1.2, b: 0.75, unit: 'sentence', language: 'sv', examples: 1, terms: 30 });
    const top = r.suggestions.slice(0, 2).map((s) => s.text);
    expect(top).toContain('Finansieringen är kortsiktig och pengarna tar slut.');
    expect(top).toContain('Pengar styr allt 😀 vi gör.');
    const funding = r.suggestions.find((s) => s.text.startsWith('Finansieringen'));
    expect(funding).toMatchObject({ sourceName: 'albin', caseName: 'Albin' });
    expect(funding?.words).toEqual(expect.arrayContaining(['pengarna']));
    // Offsets are code points: the emoji before "vi" counts one.
    const money = r.suggestions.find((s) => s.text.startsWith('Pengar styr'));
    expect(money && [...f.text].slice(money.start, money.end).join('')).toBe('Pengar styr allt 😀 vi gör.');
    expect(r.suggestions.map((s) => s.score)).toEqual([...r.suggestions.map((s) => s.score)].sort((a, b) => b - a));
  });

  it('never offers the coded passage, the interviewer’s questions, or a sentence sharing no word', async () => {
    const all = await texts();
    expect(all).not.toContain('Vi saknar pengar till projekten.');
    expect(all).not.toContain('Hur ser finansieringen ut?');
    expect(all).not.toContain('Vädret var fint i somras.');
  });

  it('suggests whole turns when asked', async () => {
    const r = await suggestForCode(ctx, { project: f.p, code: 'finansiering', unit: 'turn' });
    expect(r.suggestions.map((s) => s.text)).toEqual([
      'Det finns ingen långsiktig finansiering. Skolan är en bra partner. Pengar styr allt 😀 vi gör.',
    ]);
  });

  it('refuses a code that codes nothing yet, in one line', async () => {
    const err = await kodaError(suggestForCode(ctx, { project: f.p, code: 'media' }));
    expect(err.code).toBe('suggest.no-examples');
  });
});

describe('decideSuggestion', () => {
  it('accepting codes the passage in the suggestions layer with its provenance; it is not offered again', async () => {
    const accepted = await decide('Finansieringen är kortsiktig och pengarna tar slut.', 'accept');
    const layer = await store.db.selectFrom('coders').selectAll().where('name', '=', 'suggestions').executeTakeFirstOrThrow();
    expect(layer.kind).toBe('suggestions');
    const coded = await retrieveSegments(ctx, { project: f.p, code: 'finansiering', coder: 'suggestions' });
    expect(coded.map((s) => s.text)).toEqual(['Finansieringen är kortsiktig och pengarna tar slut.']);
    expect(coded[0]?.id).toBe(accepted.segmentId);
    const [row] = await decisions();
    expect(row).toMatchObject({ decision: 'accepted', segment_id: accepted.segmentId, method: 'bm25', decided_by: 'anna' });
    expect(JSON.parse(row?.parameters ?? '{}')).toMatchObject({ k1: 1.2, b: 0.75, unit: 'sentence' });
    expect(JSON.parse(row?.words ?? '[]')).toContain('pengarna');
    expect(row?.score).toBeGreaterThan(0);
    expect(await texts()).not.toContain('Finansieringen är kortsiktig och pengarna tar slut.');
    const [summary] = await suggestionProvenance(store.db, f.p);
    expect(summary).toMatchObject({ method: 'bm25', accepted: 1, rejected: 0, by: ['anna'], codes: ['finansiering'] });
  });

  it('an accepted suggestion is no example for the next ones (the machine does not learn from itself)', async () => {
    const before = (await suggest()).parameters.examples;
    await decide('Finansieringen är kortsiktig och pengarna tar slut.', 'accept');
    expect((await suggest()).parameters.examples).toBe(before);
  });

  it('rejecting hides the passage next time and codes nothing', async () => {
    await decide('Pengar styr allt 😀 vi gör.', 'reject');
    expect(await texts()).not.toContain('Pengar styr allt 😀 vi gör.');
    expect(await retrieveSegments(ctx, { project: f.p, coder: 'suggestions' })).toEqual([]);
    expect((await decisions()).map((d) => d.decision)).toEqual(['rejected']);
  });

  it('a rejected passage stays rejected where an edit of the text moves it, and undo moves it back', async () => {
    const passage = 'Pengar styr allt 😀 vi gör.';
    await decide(passage, 'reject');
    const { text, textHash } = await getSource(ctx, { project: f.p, source: f.source });
    await editTranscript(ctx, { project: f.p, source: f.source, text: `Inledning, tillagd.\n${text}`, baseHash: textHash });
    const [row] = await decisions();
    const now = [...(await getSource(ctx, { project: f.p, source: f.source })).text];
    expect(now.slice(row?.start_offset, row?.end_offset).join('')).toBe(passage);
    expect(await texts()).not.toContain(passage);
    await undo(ctx, { project: f.p });
    const [back] = await decisions();
    expect([...text].slice(back?.start_offset, back?.end_offset).join('')).toBe(passage);
  });

  it('undo takes back the segment and the decision; redo brings both', async () => {
    await decide('Finansieringen är kortsiktig och pengarna tar slut.', 'accept');
    await undo(ctx, { project: f.p });
    expect(await decisions()).toEqual([]);
    expect(await retrieveSegments(ctx, { project: f.p, coder: 'suggestions' })).toEqual([]);
    expect(await texts()).toContain('Finansieringen är kortsiktig och pengarna tar slut.');
    await redo(ctx, { project: f.p });
    expect(await decisions()).toHaveLength(1);
    expect(await retrieveSegments(ctx, { project: f.p, coder: 'suggestions' })).toHaveLength(1);
  });

  it('a passage is decided once per code; bad input changes nothing', async () => {
    const s = f.span('Pengar styr allt 😀 vi gör.');
    const base = {
      project: f.p,
      code: 'finansiering',
      source: f.source,
      ...s,
      method: 'bm25' as const,
      parameters: { k1: 1.2 },
      score: 1,
    };
    await decideSuggestion(ctx, { ...base, decision: 'reject' });
    await expectRefused(store, () => decideSuggestion(ctx, { ...base, decision: 'accept' }), 'suggestion.decided');
    await expectRefused(store, () => decideSuggestion(ctx, { ...base, end: 10_000, decision: 'accept' }), 'range.past-end');
    await expectRefused(
      store,
      () => decideSuggestion(ctx, { ...base, method: 'cloud' as 'bm25', decision: 'accept' }),
      'input.invalid',
    );
    await expectRefused(store, () => decideSuggestion(ctx, { ...base, code: 'nej', decision: 'accept' }), 'code.not-found');
  });

  it('while blind, only the owner may accept into the shared layer', async () => {
    await setBlindMode(ctx, { project: f.p, blind: true });
    const bo = { ...ctx, actor: 'bo' };
    await applyCoding(bo, { project: f.p, source: f.source, code: 'finansiering', ...f.span('Skolan är en bra partner.') });
    const s = f.span('Pengar styr allt 😀 vi gör.');
    await expectRefused(
      store,
      () =>
        decideSuggestion(bo, {
          project: f.p,
          code: 'finansiering',
          source: f.source,
          ...s,
          decision: 'accept',
          method: 'bm25',
          parameters: {},
          score: 1,
        }),
      'coders.blind',
    );
    // Bo's examples are his own segments only.
    expect((await suggestForCode(bo, { project: f.p, code: 'finansiering' })).parameters.examples).toBe(1);
    await decide('Pengar styr allt 😀 vi gör.', 'accept');
  });
});

describe('decisions go with what they point at', () => {
  beforeEach(async () => {
    await decide('Finansieringen är kortsiktig och pengarna tar slut.', 'accept');
    await decide('Pengar styr allt 😀 vi gör.', 'reject');
  });

  it('deleting the source erases them (they quote its words)', async () => {
    await deleteSource(ctx, { project: f.p, source: f.source });
    expect(await decisions()).toEqual([]);
  });

  it('deleting the code erases them', async () => {
    await deleteCode(ctx, { project: f.p, code: 'finansiering', withSegments: true });
    expect(await decisions()).toEqual([]);
  });

  it('merging the code moves them to the code merged into', async () => {
    const into = await addCode(ctx, { project: f.p, name: 'pengar' });
    await mergeCodes(ctx, { project: f.p, from: 'finansiering', into: 'pengar' });
    expect((await decisions()).map((d) => d.code_id)).toEqual([into.id, into.id]);
  });

  it('pseudonymising the source gives their words the fictive forms and moves their places with the text', async () => {
    ctx.pseudonymSecret = 'hemligt-nog-för-ett-test';
    await addPseudonym(ctx, { project: f.p, real: 'pengarna', fictive: 'slantarna-alla' });
    await applyPseudonyms(ctx, { project: f.p });
    const rows = await decisions();
    expect(rows.map((r) => r.words).join(' ')).not.toContain('pengarna');
    const accepted = rows.find((r) => r.decision === 'accepted');
    expect(JSON.parse(accepted?.words ?? '[]')).toContain('slantarna-alla');
    const text = (await store.db.selectFrom('sources').select('text').executeTakeFirstOrThrow()).text;
    const rejected = rows.find((r) => r.decision === 'rejected');
    expect([...text].slice(rejected?.start_offset, rejected?.end_offset).join('')).toBe('Pengar styr allt 😀 vi gör.');
  });

  it('a withdrawn participant takes them along', async () => {
    await withdrawParticipant(ctx, { project: f.p, case: 'Albin' });
    expect(await decisions()).toEqual([]);
  });
});

describe('the provenance travels', () => {
  beforeEach(async () => {
    await decide('Finansieringen är kortsiktig och pengarna tar slut.', 'accept');
    await decide('Pengar styr allt 😀 vi gör.', 'reject');
  });

  it('the results draft’s method section says what the machine did, with its parameters and who decided', async () => {
    const report = await buildReport(ctx, { project: f.p, format: 'md', charts: false });
    const md = new TextDecoder().decode(report.bytes);
    expect(md).toContain('Okapi BM25 över Snowball-ordstammar, k1 = 1.2, b = 0.75');
    expect(md).toContain('anna godtog 1 och avböjde 1');
    expect(md).toContain('ingen text skickades någonstans');
    expect(md).toContain('lagret ”suggestions”');
  });

  it('a .qdpx carries it as a note on the project, and the suggestions layer as a user', async () => {
    const { bytes } = await exportProject(ctx, { project: f.p, format: 'qdpx' });
    const qde = text(unzip(bytes)['project.qde']);
    expect(qde).toContain('Förslag: vad maskinen gjorde (proveniens)');
    expect(qde).toContain('k1 = 1.2, b = 0.75');
    expect(qde).toMatch(/<User [^>]*name="suggestions"/u);
    expect(await xsdErrors(qde, 'Project.xsd')).toEqual([]);
    // The same decisions give the same file.
    const again = text(unzip((await exportProject(ctx, { project: f.p, format: 'qdpx' })).bytes)['project.qde']);
    expect(again).toBe(qde);
  });
});
