import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeCooccurrence } from '../../src/commands/helpers/cooccurrence.js';
import { readEach } from '../../src/commands/helpers/pages.js';
import { type Tally, tallySegments } from '../../src/commands/helpers/queryData.js';
import { resolveProject } from '../../src/commands/helpers/resolve.js';
import { tempContext } from '../helpers.js';
import { buildStudy } from './fixture.js';

/**
 * The queries read segments a code and a page at a time (issue 13: no long hold of the event
 * loop). With pages of one or two rows every boundary is crossed: the answers must be the ones
 * a single page gives.
 */
let env: Awaited<ReturnType<typeof tempContext>>;
let projectId: string;
beforeEach(async () => {
  env = await tempContext();
  await buildStudy(env.ctx);
  projectId = (await resolveProject(env.store.db, 'Studie')).id;
});
afterEach(() => env.cleanup());

const sorted = (tallies: Tally[]) =>
  tallies.map((t) => JSON.stringify([t.codeId, t.sourceId, t.caseId, t.count, t.chars])).sort();

describe('queries in pages', () => {
  it('tallies the same per code, source and case', async () => {
    const coders = await env.store.db.selectFrom('coders').select('id').execute();
    for (const layers of [null, coders.map((c) => c.id)]) {
      const whole = await tallySegments(env.store.db, projectId, layers);
      expect(whole.length).toBeGreaterThan(3);
      for (const pageRows of [1, 2]) {
        expect(sorted(await tallySegments(env.store.db, projectId, layers, { pageRows }))).toEqual(sorted(whole));
      }
    }
  });

  it('reads each item once, answering in order, several at once on PostgreSQL only', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 12 }, (_, i) => i);
    const answers = await readEach(env.store.db, items, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Later items answer sooner: the order must come from the items, not from who finished first.
      await env.store.db.selectFrom('projects').select('id').execute();
      for (let k = 0; k < 12 - i; k++) await Promise.resolve();
      inFlight--;
      return i * 10;
    });
    expect(answers).toEqual(items.map((i) => i * 10));
    if (env.store.engine === 'sqlite') expect(most).toBe(1);
    else expect(most).toBeGreaterThan(1);
  });

  it('finds the same co-occurrences by overlap, turn and paragraph', async () => {
    for (const mode of ['overlap', 'turn', 'paragraph'] as const) {
      const whole = await computeCooccurrence(env.ctx, { project: 'Studie', mode });
      expect(whole.cells.flat().some((n) => n > 0)).toBe(true);
      for (const pageRows of [1, 2]) {
        expect(await computeCooccurrence(env.ctx, { project: 'Studie', mode }, { pageRows })).toEqual(whole);
      }
    }
  });
});
