import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { tempContext } from '../helpers.js';
import { kodaError, QUOTES, type Study, spanOf, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await applyCoding(ctx, { project: s.p, source: s.source, code: 'plan', ...spanOf(s.text, QUOTES.media), coder: 'Kodare 2' });
});
afterEach(() => cleanup());

type Node = Awaited<ReturnType<typeof getCodebook>>[number];
const outline = (nodes: Node[]): unknown[] => nodes.map((n) => [n.name, n.segments, n.branchSegments, outline(n.children)]);

describe('getCodebook', () => {
  it('gives the tree in position order with own and branch segment counts', async () => {
    expect(outline(await getCodebook(ctx, { project: s.p }))).toEqual([
      [
        'Hinder',
        0,
        3,
        [
          ['media', 1, 1, []],
          ['tidsbrist', 2, 2, [['personal', 0, 0, []]]],
        ],
      ],
      ['Strategier', 0, 1, [['plan', 1, 1, []]]],
    ]);
  });

  it('gives each node its colour, description and position', async () => {
    const [hinder] = await getCodebook(ctx, { project: s.p });
    expect(hinder).toMatchObject({ id: s.codes.hinder, name: 'Hinder', color: '#d64541', description: '', position: 0 });
    expect(hinder!.children[1]).toMatchObject({ id: s.codes.tidsbrist, position: 1, color: '#d64541' });
  });

  it("counts one coder's segments only", async () => {
    expect(outline(await getCodebook(ctx, { project: s.p, coder: 'Kodare 2' }))).toEqual([
      [
        'Hinder',
        0,
        0,
        [
          ['media', 0, 0, []],
          ['tidsbrist', 0, 0, [['personal', 0, 0, []]]],
        ],
      ],
      ['Strategier', 0, 1, [['plan', 1, 1, []]]],
    ]);
  });

  it('refuses an unknown project', async () => {
    expect((await kodaError(getCodebook(ctx, { project: 'Okänt' }))).code).toBe('project.not-found');
  });
});
