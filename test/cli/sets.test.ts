import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { type Study, studyFixture } from '../commands/fixtures.js';
import { tempContext } from '../helpers.js';
import { koda } from './run.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let s: Study;
const run = (...args: string[]) => koda(env, args, { KODA_CODER: 'tester' });

beforeEach(async () => {
  env = await tempContext();
  s = await studyFixture(env.ctx);
  await linkTurnsToCase(env.ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
});
afterEach(() => env.cleanup());

describe('koda set', () => {
  it('makes sets by hand and from an attribute, lists, edits and removes them', async () => {
    expect(
      (await run('set', 'add', '--project', 'Omega', '--kind', 'case', '--name', 'Båda', '--case', 'Albin', '--case', 'Kristin'))
        .stdout,
    ).toBe('Made the set "Båda" with 2 members.\n');
    expect(
      (await run('set', 'add', '--project', 'Omega', '--kind', 'case', '--name', 'Z', '--from-attribute', 'stadsdel=z')).code,
    ).toBe(0);
    expect((await run('set', 'list', '--project', 'Omega')).stdout).toBe(
      ['case\tBåda\t-\tAlbin, Kristin', 'case\tZ\tstadsdel=Z\tKristin', ''].join('\n'),
    );
    expect((await run('set', 'members', 'Båda', '--project', 'Omega', '--remove', 'Kristin', '--rename', 'Albin')).stdout).toBe(
      'Set "Albin": 0 added, 1 taken out.\n',
    );
    const listed = (await run('--json', 'set', 'list', '--project', 'Omega', '--kind', 'case')).json();
    expect(listed.sets.map((x: { name: string; count: number }) => [x.name, x.count])).toEqual([
      ['Albin', 1],
      ['Z', 1],
    ]);
    expect((await run('set', 'remove', 'Albin', '--project', 'Omega')).stdout).toBe('Deleted the set "Albin".\n');
  });

  it('says in one line what is wrong, and exits 1', async () => {
    const bad = await run('set', 'add', '--project', 'Omega', '--kind', 'case', '--name', 'X', '--from-attribute', 'stadsdel');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('attribute=value');
  });

  it('filters the matrix, the segments and the report by a case set or an attribute', async () => {
    await run('set', 'add', '--project', 'Omega', '--kind', 'case', '--name', 'Z', '--from-attribute', 'stadsdel=Z');
    const m = (await run('--json', 'matrix', '--project', 'Omega', '--case-set', 'Z')).json();
    expect(m.columns.map((c: { label: string }) => c.label)).toEqual(['Kristin']);
    expect(m.filter.caseSets).toEqual(['Z']);
    const tidsbrist = m.rows.findIndex((r: { name: string }) => r.name === 'tidsbrist');
    expect(m.cells[tidsbrist]).toEqual([1]);
    const segs = (await run('--json', 'segments', '--project', 'Omega', '--where', 'stadsdel=Y')).json();
    expect(segs.map((x: { case: { name: string } }) => x.case.name)).toEqual(['Albin', 'Albin']);
    const freq = (await run('--json', 'frequencies', '--project', 'Omega', '--speaker', 'interviewer')).json();
    expect(freq.every((f: { segments: number }) => f.segments === 0)).toBe(true);
  });
});
