import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptConsensus } from '../../src/commands/acceptConsensus.js';
import { compareLayers } from '../../src/commands/compareLayers.js';
import { computeAgreement } from '../../src/commands/computeAgreement.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { redo, undo } from '../../src/commands/history.js';
import { listCoders } from '../../src/commands/listCoders.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { tempContext } from '../helpers.js';
import { type TwoCoderStudy, twoCoderStudy } from './agreementFixture.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let store: Awaited<ReturnType<typeof tempContext>>['store'];
let s: TwoCoderStudy;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await twoCoderStudy(ctx);
});
afterEach(() => cleanup());

const consensus = async () =>
  (await retrieveSegments(ctx, { project: s.p, coder: 'consensus' })).map((r) => `${r.code.name} ${r.start}-${r.end} ${r.text}`);
const accept = (input: Omit<Parameters<typeof acceptConsensus>[1], 'project' | 'source' | 'code' | 'start' | 'end'>) =>
  acceptConsensus(ctx, { project: s.p, source: s.source, code: 'media', start: 0, end: 23, ...input });

describe('compareLayers: the disagreement view', () => {
  it('gives, per code, the regions where the coders differ and who coded what', async () => {
    const view = await compareLayers(ctx, { project: s.p, source: s.source });
    expect(view.coders).toEqual(['anna', 'bo']);
    expect(view.codes).toEqual([
      {
        code: expect.objectContaining({ name: 'media' }),
        regions: [
          {
            start: 0,
            end: 23,
            text: 'Alfa beta. Gamma delta.',
            span: null,
            agreed: false,
            coders: {
              anna: [{ id: s.segments.annaMedia.id, start: 0, end: 10 }],
              bo: [{ id: s.segments.boMedia.id, start: 5, end: 23 }],
            },
            differences: [
              { start: 0, end: 5, codedBy: ['anna'] },
              { start: 10, end: 23, codedBy: ['bo'] },
            ],
            consensus: [],
          },
        ],
      },
    ]);
  });

  it('lists agreed regions on request', async () => {
    const view = await compareLayers(ctx, { project: s.p, source: s.source, includeAgreed: true, codes: ['plan'] });
    expect(view.codes[0]?.regions).toEqual([expect.objectContaining({ start: 25, end: 38, agreed: true, differences: [] })]);
  });
});

describe('acceptConsensus', () => {
  it('accepts one side, then both (their union), then a new span, each replacing the last decision', async () => {
    const one = await accept({ from: ['anna'] });
    expect(one).toMatchObject({ layer: 'consensus', removed: 0, added: [{ start: 0, end: 10, text: 'Alfa beta.' }] });
    expect(await consensus()).toEqual(['media 0-10 Alfa beta.']);
    const both = await accept({ from: ['anna', 'bo'] });
    expect(both.removed).toBe(1);
    expect(await consensus()).toEqual(['media 0-23 Alfa beta. Gamma delta.']);
    await accept({ span: { start: 11, end: 23 } });
    expect(await consensus()).toEqual(['media 11-23 Gamma delta.']);
    // The consensus layer is a layer of its own kind, shown in the view alongside the coders.
    const layers = await listCoders(ctx, { project: s.p });
    expect(layers.coders.map((c) => [c.name, c.kind])).toEqual([
      ['anna', 'coder'],
      ['bo', 'coder'],
      ['consensus', 'consensus'],
    ]);
    const view = await compareLayers(ctx, { project: s.p, source: s.source });
    expect(view.coders).toEqual(['anna', 'bo']);
    expect(view.codes[0]?.regions[0]?.consensus).toEqual([expect.objectContaining({ start: 11, end: 23 })]);
  });

  it('accepting the side that coded nothing there leaves the region uncoded in the consensus', async () => {
    await accept({ from: ['anna'] });
    // cilla coded plan, but no media in this region: her side of the media disagreement is "not coded".
    await s.code('cilla', 'plan', 25, 38);
    const r = await accept({ from: ['cilla'] });
    expect(r).toMatchObject({ removed: 1, added: [] });
    expect(await consensus()).toEqual([]);
  });

  it('is undone and redone like any change', async () => {
    await accept({ from: ['anna'] });
    await accept({ from: ['bo'] });
    expect(await consensus()).toEqual(['media 5-23 beta. Gamma delta.']);
    await undo(ctx, { project: s.p });
    expect(await consensus()).toEqual(['media 0-10 Alfa beta.']);
    await undo(ctx, { project: s.p });
    expect(await consensus()).toEqual([]);
    await redo(ctx, { project: s.p });
    expect(await consensus()).toEqual(['media 0-10 Alfa beta.']);
  });

  it('can be compared with a coder like any layer', async () => {
    await accept({ from: ['anna'] });
    await acceptConsensus(ctx, { project: s.p, source: s.source, code: 'plan', start: 25, end: 38, from: ['anna', 'bo'] });
    const r = await computeAgreement(ctx, { project: s.p, coders: ['anna', 'consensus'] });
    expect(r.overall.kappa.value).toBe(1);
  });

  it('refuses: neither or both of from and span, a coder’s name as the consensus layer, the layer as its own side', async () => {
    await expectRefused(store, () => accept({}), 'consensus.choose-one');
    await expectRefused(store, () => accept({ from: ['anna'], span: { start: 0, end: 3 } }), 'consensus.choose-one');
    await expectRefused(store, () => accept({ from: ['bo'], layer: 'anna' }), 'consensus.name-taken');
    await accept({ from: ['anna'] });
    await expectRefused(store, () => accept({ from: ['consensus'] }), 'consensus.from-itself');
    await expectRefused(store, () => accept({ span: { start: 40, end: 99 } }), 'range.past-end');
  });
});
