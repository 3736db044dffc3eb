import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { rowCounts, tempContext } from '../helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/subtitles/${name}`, import.meta.url));

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'P' });
});
afterEach(() => env.cleanup());

describe('importing subtitles with bad cue timings', () => {
  it.each([
    ['malformed-timings.vtt', 'import.cue-timing', { line: 8 }],
    ['reversed-cue.vtt', 'import.cue-reversed', { line: 8, start: '00:00:12.000', end: '00:00:10.000' }],
    ['reversed-cue.srt', 'import.cue-reversed', { line: 6 }],
  ])('refuses %s with the line number and stores nothing', async (file, code, params) => {
    const before = await rowCounts(env.store);
    await expect(importSource(env.ctx, { project: 'P', fileName: file, bytes: fixture(file) })).rejects.toMatchObject({
      code,
      params: { file, ...params },
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
