import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { computeAgreement } from '../../src/commands/computeAgreement.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { onPostgres } from '../engine.js';
import { recording, tempContext, utf8 } from '../helpers.js';
import { TEXT, type TwoCoderStudy, twoCoderStudy } from './agreementFixture.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: TwoCoderStudy;
let store: Awaited<ReturnType<typeof tempContext>>['store'];

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await twoCoderStudy(ctx);
});
afterEach(() => cleanup());

const agreement = (input: Partial<Parameters<typeof computeAgreement>[1]> = {}) =>
  computeAgreement(ctx, { project: s.p, coders: ['anna', 'bo'], ...input });
const byPath = (r: Awaited<ReturnType<typeof agreement>>, path: string) =>
  r.codes.find((c) => c.code.path === path) as (typeof r.codes)[number];

describe('computeAgreement at character level (worked by hand)', () => {
  it('media: both 5, anna only 5, bo only 13, neither 26 of 49 characters', async () => {
    const r = await agreement();
    expect(r.sources).toEqual([expect.objectContaining({ name: 'intervju', length: 49, units: 49, codedBy: ['anna', 'bo'] })]);
    const media = byPath(r, 'Hinder/media');
    expect(media.cells).toEqual({ '11': 5, '10': 5, '01': 13, '00': 26 });
    expect(media.units).toBe(49);
    // Percent: (5 + 26)/49.
    expect(media.percent.value).toBeCloseTo(31 / 49, 12);
    // Kappa: p_o = 31/49; anna coded 10, bo 18; p_e = (10·18 + 39·31)/49² = 1389/2401;
    // κ = (31·49 − 1389)/(2401 − 1389) = 130/1012.
    expect(media.kappa.value).toBeCloseTo(130 / 1012, 12);
    // Alpha: o11 = 10, o10 = o01 = 18, o00 = 52; n = 98, n1 = 28, n0 = 70; α = 1 − 97·36/(2·70·28) = 428/3920.
    expect(media.alpha.value).toBeCloseTo(428 / 3920, 12);
    // uα: units anna [0,10), bo [5,23); l_c∅ = (10 − 5) + (18 − 5) = 18; l.. = 98, l_c· = 28, l_∅· = 70;
    // Σ ℓ² = 100 + 324 = 424; e_c∅ = 98·28·70/(98² − 424 − 70) = 192080/9110; uα = 1 − 18·9110/192080 = 28100/192080.
    expect(media.unitizedAlpha.value).toBeCloseTo(28100 / 192080, 12);
    expect(media.unitizedAlpha.observed[0][1]).toBe(18);
  });

  it('plan: both coded the same sentence: every figure 1', async () => {
    const plan = byPath(await agreement(), 'plan');
    expect(plan.cells).toEqual({ '11': 13, '00': 36 });
    expect([plan.percent.value, plan.kappa.value, plan.alpha.value, plan.unitizedAlpha.value]).toEqual([1, 1, 1, 1]);
  });

  it('a code nobody used: reported, undefined for lack of variation, and left out of the overall figures', async () => {
    const r = await agreement();
    const tom = byPath(r, 'tom');
    expect(tom.used).toBe(false);
    expect(tom.percent.value).toBe(1);
    expect(tom.kappa).toMatchObject({ value: null, reason: 'no-variation' });
    expect(tom.alpha).toMatchObject({ value: null, reason: 'no-variation' });
    expect(tom.unitizedAlpha).toMatchObject({ value: null, reason: 'no-variation' });
    expect(r.unusedCodes).toEqual(['Hinder', 'tom']);
    // Overall: media + plan added up: 11 18, 10 5, 01 13, 00 62 (98 decisions).
    // p_o = 80/98; anna coded 23, bo 31; p_e = (23·31 + 75·67)/98² = 5738/9604; κ = (7840 − 5738)/(9604 − 5738).
    expect(r.overall.codes).toBe(2);
    expect(r.overall.cells).toEqual({ '11': 18, '10': 5, '01': 13, '00': 62 });
    expect(r.overall.kappa.value).toBeCloseTo(2102 / 3866, 12);
    expect(r.overall.percent.value).toBeCloseTo(80 / 98, 12);
  });

  it('only the codes asked for, each alone (not its branch)', async () => {
    const r = await agreement({ codes: ['Hinder'] });
    expect(r.codes.map((c) => c.code.path)).toEqual(['Hinder']);
    expect(r.overall).toMatchObject({ codes: 0, kappa: { value: null } });
  });
});

describe('computeAgreement at other units', () => {
  it('sentences: media codes sentence 1 (both) and 2 (bo only) → kappa 0.5, alpha 8/15', async () => {
    // Patterns 11, 01, 00, 00. p_o = 3/4; p_e = (1/4)(2/4) + (3/4)(2/4) = 1/2; κ = 0.5.
    // o11 = 2, o10 = o01 = 1, o00 = 4: α = 1 − 7·2/(2·5·3) = 8/15.
    const media = byPath(await agreement({ unit: 'sentence' }), 'Hinder/media');
    expect(media.cells).toEqual({ '11': 1, '01': 1, '00': 2 });
    expect(media.kappa.value).toBeCloseTo(0.5, 12);
    expect(media.alpha.value).toBeCloseTo(8 / 15, 12);
  });

  it('paragraphs: media touches paragraph 1 for both coders → all agree', async () => {
    const r = await agreement({ unit: 'paragraph' });
    expect(r.sources[0]?.units).toBe(2);
    expect(byPath(r, 'Hinder/media').cells).toEqual({ '11': 1, '00': 1 });
  });

  it('turns: a source without speaker turns has no turn units, and says so', async () => {
    const media = byPath(await agreement({ unit: 'turn' }), 'Hinder/media');
    expect(media.units).toBe(0);
    expect(media.kappa).toMatchObject({ value: null, reason: 'no-units' });
    expect(media.alpha).toMatchObject({ value: null, reason: 'no-pairable-values' });
  });
});

describe('computeAgreement: missing data and edge cases', () => {
  it('a source only one coder coded counts as missing for the other: the figures do not change', async () => {
    const before = byPath(await agreement(), 'Hinder/media');
    const other = await importSource(ctx, { project: s.p, fileName: 'andra.txt', bytes: utf8('Något helt annat här.') });
    await applyCoding(ctx, { project: s.p, source: other.id, code: 'media', start: 0, end: 5, coder: 'anna' });
    const r = await agreement();
    expect(r.sources.map((x) => x.codedBy)).toEqual([['anna'], ['anna', 'bo']]);
    const after = byPath(r, 'Hinder/media');
    expect(after.cells).toMatchObject({ '1-': 5, '0-': 16 });
    expect(after.kappa.value).toBe(before.kappa.value);
    expect(after.alpha.value).toBeCloseTo(before.alpha.value as number, 12);
    // … unless an uncoded source is to count as coded-as-nothing: then bo disagrees on 5 more characters.
    const uncoded = byPath(await agreement({ emptySources: 'uncoded' }), 'Hinder/media');
    expect(uncoded.cells).toEqual({ '11': 5, '10': 10, '01': 13, '00': 42 });
  });

  it('one coder coded nothing: missing everywhere, so nothing to compare, said plainly', async () => {
    const other = await importSource(ctx, { project: s.p, fileName: 'andra.txt', bytes: utf8('Något helt annat.') });
    await applyCoding(ctx, { project: s.p, source: other.id, code: 'plan', start: 0, end: 5, coder: 'cilla' });
    const r = await agreement({ coders: ['anna', 'cilla'], sources: ['intervju'] });
    expect(r.sources[0]?.codedBy).toEqual(['anna']);
    expect(byPath(r, 'Hinder/media')).toMatchObject({
      units: 0,
      kappa: { value: null, reason: 'no-units' },
      alpha: { value: null, reason: 'no-pairable-values' },
    });
    // Counted as coding nothing instead: kappa 0 (anna varied, cilla did not), alpha below 0.
    const uncoded = byPath(
      await agreement({ coders: ['anna', 'cilla'], sources: ['intervju'], emptySources: 'uncoded' }),
      'Hinder/media',
    );
    expect(uncoded.cells).toEqual({ '10': 10, '00': 39 });
    expect(uncoded.kappa.value).toBeCloseTo(0, 12);
    expect(uncoded.alpha.value as number).toBeLessThan(0);
  });

  it('three coders: no kappa (needs two), alpha with every pair', async () => {
    await applyCoding(ctx, { project: s.p, source: s.source, code: 'media', start: 0, end: 10, coder: 'cilla' });
    const r = await agreement({ coders: ['anna', 'bo', 'cilla'] });
    const media = byPath(r, 'Hinder/media');
    expect(media.kappa).toEqual({ value: null, reason: 'needs-two-coders' });
    // cilla coded media only; plan and tom she did not: plan cells show her 0 where the others coded.
    expect(media.cells).toEqual({ '111': 5, '101': 5, '010': 13, '000': 26 });
    expect(media.alpha.value).not.toBeNull();
    expect(byPath(r, 'plan').cells).toEqual({ '110': 13, '000': 36 });
  });

  it('refuses fewer than two coders, a coder twice, an unknown coder', async () => {
    await expectRefused(store, () => agreement({ coders: ['anna'] }), 'input.invalid');
    await expectRefused(store, () => agreement({ coders: ['anna', 'anna'] }), 'agreement.coders-repeated');
    await expectRefused(store, () => agreement({ coders: ['anna', 'nobody'] }), 'coder.not-found');
  });

  it('gives each code’s counts per source when asked', async () => {
    const media = byPath(await agreement({ bySource: true }), 'Hinder/media');
    expect(media.bySource).toEqual([{ source: 'intervju', cells: { '00': 26, '10': 5, '11': 5, '01': 13 } }]);
  });

  it('reads the text it was given: offsets in code points', () => {
    expect([...TEXT].length).toBe(49);
  });

  it('gives the same figures whatever the rows read per round trip (the layers are streamed)', async () => {
    await importSource(ctx, { project: s.p, fileName: 'andra.txt', bytes: utf8('En andra intervju om media och plan.') });
    for (const [k, coder] of ['anna', 'bo', 'anna', 'cilla'].entries())
      await applyCoding(ctx, { project: s.p, source: 'andra', code: k % 2 ? 'plan' : 'media', start: k, end: 10 + k * 3, coder });
    for (const unit of ['char', 'sentence'] as const) {
      const input = { project: s.p, coders: ['anna', 'bo', 'cilla'], unit, bySource: true };
      const whole = await computeAgreement(ctx, input);
      expect(whole.sources.map((x) => x.codedBy)).toEqual([
        ['anna', 'bo', 'cilla'],
        ['anna', 'bo'],
      ]);
      for (const pageRows of [1, 2]) expect(await computeAgreement(ctx, input, { pageRows })).toEqual(whole);
    }
  });
});

describe('computeAgreement reads the two layers alone', () => {
  // SQLite says plainly how it reads a table; PostgreSQL's plan depends on its statistics.
  it.skipIf(onPostgres)("through the coders' index, not every segment of the project", async () => {
    const watched = recording(ctx);
    await computeAgreement(watched.ctx, { project: s.p, coders: ['anna', 'bo'] });
    const layers = watched.statements.filter((q) => /from "segments"/.test(q.sql));
    expect(layers.length).toBe(1);
    for (const q of layers) {
      const plan = await ctx.store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
      );
      expect(plan.rows.map((r) => r.detail).join('; '), q.sql).toMatch(/USING INDEX segments_coder \(coder_id=\?\)/);
    }
  });
});
