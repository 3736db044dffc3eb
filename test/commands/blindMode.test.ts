import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { compareLayers } from '../../src/commands/compareLayers.js';
import { computeAgreement } from '../../src/commands/computeAgreement.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listHistory, redo, undo } from '../../src/commands/history.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { listCoders } from '../../src/commands/listCoders.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { listSources } from '../../src/commands/listSources.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { revealLayers } from '../../src/commands/revealLayers.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { errorMessage, LANGUAGES, translator } from '../../src/i18n/index.js';
import { tempContext } from '../helpers.js';
import { type TwoCoderStudy, twoCoderStudy } from './agreementFixture.js';
import { expectRefused, kodaError } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let store: Awaited<ReturnType<typeof tempContext>>['store'];
let s: TwoCoderStudy;

beforeEach(async () => {
  // `lead` creates the project, so `lead` is its owner; anna and bo code.
  ({ ctx, store, cleanup } = await tempContext('lead'));
  s = await twoCoderStudy(ctx);
});
afterEach(() => cleanup());

const as = (actor: string): CommandContext => ({ ...ctx, actor });
const coders = async (actor: string) =>
  [...new Set((await retrieveSegments(as(actor), { project: s.p })).map((r) => r.coder))].sort();

describe('blind mode', () => {
  it('each coder sees only their own segments until the owner reveals them; the owner sees all', async () => {
    expect(await coders('anna')).toEqual(['anna', 'bo']);
    const on = await setBlindMode(ctx, { project: s.p, blind: true });
    expect(on).toMatchObject({ blind: true, owner: 'lead' });
    expect(await coders('anna')).toEqual(['anna']);
    expect(await coders('bo')).toEqual(['bo']);
    expect(await coders('lead')).toEqual(['anna', 'bo']);
    // Asking for another coder's layer by name gives nothing, not their segments.
    expect(await retrieveSegments(as('anna'), { project: s.p, coder: 'bo' })).toEqual([]);
    // A coder who has not coded yet sees nothing.
    expect(await coders('cilla')).toEqual([]);

    const revealed = await revealLayers(ctx, { project: s.p });
    expect(revealed).toMatchObject({
      wasBlind: true,
      layers: [
        { coder: 'anna', kind: 'coder', segments: 2 },
        { coder: 'bo', kind: 'coder', segments: 2 },
      ],
    });
    expect(await coders('anna')).toEqual(['anna', 'bo']);
  });

  it('only the owner may switch it or reveal; a refused switch changes nothing', async () => {
    const err = await expectRefused(store, () => setBlindMode(as('anna'), { project: s.p, blind: true }), 'coders.not-owner');
    expect(err.kind).toBe('forbidden');
    // The refusal names nobody: while blind, even the owner is another coder.
    expect(err.params).toEqual({});
    await setBlindMode(ctx, { project: s.p, blind: true });
    await expectRefused(store, () => revealLayers(as('bo'), { project: s.p }), 'coders.not-owner');
    await expectRefused(store, () => setBlindMode(as('bo'), { project: s.p, blind: false }), 'coders.not-owner');
  });

  it('the disagreement view is the owner’s while the project is blind', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    await expectRefused(store, () => compareLayers(as('anna'), { project: s.p, source: s.source }), 'coders.blind');
    await expect(compareLayers(ctx, { project: s.p, source: s.source })).resolves.toBeTruthy();
  });

  it('the coder list names no one but the acting coder while blind; the owner sees every layer', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    const seen = await listCoders(as('anna'), { project: s.p });
    expect(seen).toMatchObject({ blind: true, owner: null, mayManage: false });
    expect(seen.coders.map((c) => [c.name, c.segments])).toEqual([['anna', 2]]);
    expect(JSON.stringify(seen)).not.toMatch(/lead|bo/);
    const owner = await listCoders(ctx, { project: s.p });
    expect(owner).toMatchObject({ owner: 'lead', mayManage: true });
    expect(owner.coders.map((c) => [c.name, c.segments])).toEqual([
      ['anna', 2],
      ['bo', 2],
    ]);
  });

  it('a coder may neither write into another layer nor count it in the codebook while blind', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    const segment = (await retrieveSegments(ctx, { project: s.p }))[0]!;
    const code = segment.code.name;
    await expectRefused(
      store,
      () => applyCoding(as('anna'), { project: s.p, source: s.source, code, start: 0, end: 1, coder: 'bo' }),
      'coders.blind',
    );
    const count = async (actor: string) =>
      (await getCodebook(as(actor), { project: s.p })).reduce((sum, n) => sum + n.branchSegments, 0);
    expect(await count('anna')).toBe(2);
    expect(await count('lead')).toBe(4);
  });

  it('switching is undoable', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    expect(await coders('anna')).toEqual(['anna']);
    await undo(ctx, { project: s.p });
    expect(await coders('anna')).toEqual(['anna', 'bo']);
  });
});

describe('blind mode keeps other coders’ work from a coder', () => {
  beforeEach(async () => {
    await applyCoding(as('anna'), { project: s.p, source: s.source, code: 'tom', start: 39, end: 49 });
    await applyCoding(as('bo'), { project: s.p, source: s.source, code: 'tom', start: 11, end: 23 });
    await setBlindMode(ctx, { project: s.p, blind: true });
  });

  it('agreement figures are the owner’s until revealed', async () => {
    const err = await expectRefused(
      store,
      () => computeAgreement(as('anna'), { project: s.p, coders: ['anna', 'bo'] }),
      'coders.blind',
    );
    expect(err.kind).toBe('forbidden');
    await expect(computeAgreement(ctx, { project: s.p, coders: ['anna', 'bo'] })).resolves.toMatchObject({
      coders: ['anna', 'bo'],
    });
    await revealLayers(ctx, { project: s.p });
    await expect(computeAgreement(as('anna'), { project: s.p, coders: ['anna', 'bo'] })).resolves.toBeTruthy();
  });

  it('the refusals name no one, in either language', async () => {
    const refusals = [
      await kodaError(computeAgreement(as('anna'), { project: s.p, coders: ['anna', 'bo'] })),
      await kodaError(revealLayers(as('anna'), { project: s.p })),
    ];
    for (const err of refusals)
      for (const language of LANGUAGES) expect(errorMessage(err, translator(language))).not.toMatch(/lead|bo\b/);
  });

  it('the history shows a coder only their own entries; the owner sees all', async () => {
    const seen = await listHistory(as('anna'), { project: s.p });
    expect(seen.map((e) => [e.actor, e.action])).toEqual([['anna', 'segment.apply']]);
    const all = await listHistory(ctx, { project: s.p });
    expect(new Set(all.map((e) => e.actor))).toEqual(new Set(['lead', 'anna', 'bo']));
  });

  it('a coder cannot undo another coder’s change, so neither learn it nor end blind mode by undoing it', async () => {
    // The newest entry is the owner switching blind mode on.
    await expectRefused(store, () => undo(as('anna'), { project: s.p }), 'history.blind-other');
    expect(await coders('anna')).toEqual(['anna']);
    // Their own newest change they may undo.
    await applyCoding(as('anna'), { project: s.p, source: s.source, code: 'tom', start: 0, end: 4 });
    await expect(undo(as('anna'), { project: s.p })).resolves.toMatchObject({ action: 'segment.apply' });
    await expectRefused(store, () => undo(as('anna'), { project: s.p }), 'history.blind-other');
    // Redoing it is anna's alone too.
    await expectRefused(store, () => redo(as('bo'), { project: s.p }), 'history.blind-other');
    await expect(redo(as('anna'), { project: s.p })).resolves.toMatchObject({ action: 'segment.apply' });
  });

  it('source and project lists count only the coder’s own segments; the owner’s count all', async () => {
    // anna has 3 segments (2 from the fixture, 1 here), bo 3; all in the one source.
    expect((await listSources(as('anna'), { project: s.p })).map((x) => x.segments)).toEqual([3]);
    expect((await listSources(ctx, { project: s.p })).map((x) => x.segments)).toEqual([6]);
    expect((await listProjects(as('cilla'))).map((p) => p.segments)).toEqual([0]);
    expect((await listProjects(as('anna'))).map((p) => p.segments)).toEqual([3]);
    expect((await listProjects(ctx)).map((p) => p.segments)).toEqual([6]);
  });

  it('the audit log shows a coder only their own events of the project, with or without the project filter', async () => {
    for (const input of [{ project: s.p }, {}]) {
      const seen = await listAudit(as('anna'), input);
      expect(seen.map((e) => e.actor)).toEqual(['anna']);
      expect(JSON.stringify(seen)).not.toMatch(/lead|"bo"/);
    }
    expect(new Set((await listAudit(ctx, { project: s.p })).map((e) => e.actor))).toEqual(new Set(['lead', 'anna', 'bo']));
    await revealLayers(ctx, { project: s.p });
    expect(new Set((await listAudit(as('anna'), { project: s.p })).map((e) => e.actor))).toEqual(new Set(['lead', 'anna', 'bo']));
  });
});
