import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/commands/exportProject.js';
import { readOriginal } from '../../src/store/originals.js';
import { unzip } from '../formats/refi/support.js';
import { tempContext } from '../helpers.js';
import { refiStudy } from './refiFixtures.js';

/**
 * The export reads sources, segments and turns in pages (issue 13: no long hold of the event
 * loop). With pages of one or two rows every boundary is crossed: the file must hold what a
 * single page gives.
 */
let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
});
afterEach(() => env.cleanup());

describe('exportProject in pages', () => {
  it('writes the same project.qde, files and counts whatever the page size', async () => {
    const s = await refiStudy(env.ctx);
    const whole = await exportProject(env.ctx, { project: s.p, format: 'qdpx' });
    expect(whole.counts.selections).toBeGreaterThan(2);
    for (const pageRows of [1, 2]) {
      const paged = await exportProject(env.ctx, { project: s.p, format: 'qdpx' }, { pageRows });
      expect(unzip(paged.bytes)).toEqual(unzip(whole.bytes));
      expect({ ...paged, bytes: null }).toEqual({ ...whole, bytes: null });
    }
  });

  it('carries each original file whole', async () => {
    const s = await refiStudy(env.ctx);
    const docx = await env.ctx.store.db.selectFrom('sources').select('id').where('name', '=', 'möte').executeTakeFirstOrThrow();
    const original = (await readOriginal(env.ctx.store.db, docx.id)) as Uint8Array;
    expect(original.byteLength).toBeGreaterThan(1000);
    const files = unzip((await exportProject(env.ctx, { project: s.p, format: 'qdpx' })).bytes);
    const kept = Object.values(files).filter((f) => Buffer.from(f).equals(Buffer.from(original)));
    expect(kept).toHaveLength(1);
  });
});
