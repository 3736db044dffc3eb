import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { exportProject } from '../../src/commands/exportProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importRefi } from '../../src/commands/importRefi.js';
import { importSource } from '../../src/commands/importSource.js';
import { mergeLayers } from '../../src/commands/mergeLayers.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { tempContext, utf8 } from '../helpers.js';

const TEXT = 'I: Hur ser media på området?\n\nAlbin: Media ger 😀 en farlig bild av [stadsdel Y], men det bor många här.';
const span = (words: string) => {
  const at = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start: at, end: at + [...words].length };
};

// Two researchers on two machines: Anna codes in her store, Bo codes a copy made from her export.
let anna: Awaited<ReturnType<typeof tempContext>>;
let bo: Awaited<ReturnType<typeof tempContext>>;
const as = (ctx: CommandContext, actor: string): CommandContext => ({ ...ctx, actor });

beforeEach(async () => {
  anna = await tempContext('anna');
  bo = await tempContext('bo');
  await createProject(anna.ctx, { name: 'Omega' });
  await importSource(anna.ctx, { project: 'Omega', fileName: 'albin.txt', bytes: utf8(TEXT) });
  await addCode(anna.ctx, { project: 'Omega', name: 'media' });
  await applyCoding(anna.ctx, { project: 'Omega', source: 'albin', code: 'media', ...span('Media ger 😀 en farlig bild') });
  const copy = await exportProject(anna.ctx, { project: 'Omega', format: 'qdpx' });
  await importRefi(bo.ctx, { fileName: copy.fileName, bytes: copy.bytes, project: 'Omega' });
  await addCode(bo.ctx, { project: 'Omega', name: 'trygghet' });
  await applyCoding(bo.ctx, { project: 'Omega', source: 'albin', code: 'media', ...span('Media ger 😀 en farlig bild') });
  await applyCoding(bo.ctx, { project: 'Omega', source: 'albin', code: 'trygghet', ...span('det bor många här') });
});
afterEach(async () => {
  await anna.cleanup();
  await bo.cleanup();
});

describe('merging a copy coded apart, through .qdpx', () => {
  it('keeps each coder’s segments, never duplicating or losing one', async () => {
    const back = await exportProject(bo.ctx, { project: 'Omega', format: 'qdpx' });
    await importRefi(anna.ctx, { fileName: back.fileName, bytes: back.bytes, project: 'Omega från Bo' });
    const merged = await mergeLayers(anna.ctx, { project: 'Omega', from: 'Omega från Bo' });
    // Bo's copy holds Anna's segment (came with the copy) and Bo's two.
    expect(merged).toMatchObject({ copied: 2, duplicates: 1, unmatched: 0 });
    const rows = await retrieveSegments(as(anna.ctx, 'anna'), { project: 'Omega' });
    expect(rows.map((r) => [r.coder, r.code.name, r.text]).sort()).toEqual([
      ['anna', 'media', 'Media ger 😀 en farlig bild'],
      ['bo', 'media', 'Media ger 😀 en farlig bild'],
      ['bo', 'trygghet', 'det bor många här'],
    ]);
    const again = await mergeLayers(anna.ctx, { project: 'Omega', from: 'Omega från Bo' });
    expect(again).toMatchObject({ copied: 0, duplicates: 3 });
  });
});
