import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { compareLayers } from '../../src/commands/compareLayers.js';
import type { CommandContext } from '../../src/commands/context.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { undo } from '../../src/commands/history.js';
import { listCoders } from '../../src/commands/listCoders.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { revealLayers } from '../../src/commands/revealLayers.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { tempContext } from '../helpers.js';
import { type TwoCoderStudy, twoCoderStudy } from './agreementFixture.js';
import { expectRefused } from './fixtures.js';

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
    expect(err.params).toEqual({ owner: 'lead' });
    await setBlindMode(ctx, { project: s.p, blind: true });
    await expectRefused(store, () => revealLayers(as('bo'), { project: s.p }), 'coders.not-owner');
    await expectRefused(store, () => setBlindMode(as('bo'), { project: s.p, blind: false }), 'coders.not-owner');
  });

  it('the disagreement view is the owner’s while the project is blind', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    await expectRefused(store, () => compareLayers(as('anna'), { project: s.p, source: s.source }), 'coders.blind');
    await expect(compareLayers(ctx, { project: s.p, source: s.source })).resolves.toBeTruthy();
  });

  it('the coder list hides other layers’ counts from coders while blind', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    const seen = await listCoders(as('anna'), { project: s.p });
    expect(seen).toMatchObject({ blind: true, owner: 'lead' });
    expect(seen.coders.map((c) => [c.name, c.segments])).toEqual([
      ['anna', 2],
      ['bo', null],
    ]);
    expect((await listCoders(ctx, { project: s.p })).coders.map((c) => c.segments)).toEqual([2, 2]);
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
