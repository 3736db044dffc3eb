import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koda } from './run.js';

let dir: string;
let data: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-interviews-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'albin.txt'), 'I: Kan du presentera dig själv?\n\nAlbin: Jag leder arbetet.');
  writeFileSync(join(dir, 'guide.txt'), '● Kan du presentera dig själv?\n● Hur ser du på mediernas påverkan?\n');
  await koda(data, ['project', 'create', 'Omega']);
  await koda(data, ['source', 'import', '--project', 'Omega', join(dir, 'albin.txt')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('koda guide and koda interview', () => {
  it('adds guide versions from options and from a file, and lists them', async () => {
    const first = await koda(data, [
      'guide',
      'add',
      '--project',
      'Omega',
      '--version',
      '1',
      '--from',
      '2021-02-01',
      '--question',
      'Kan du presentera dig själv?',
    ]);
    expect(first.stdout).toBe('Added guide version 1 (from 2021-02-01): 1 question (1 new).\n');
    await koda(data, [
      'guide',
      'add',
      '--project',
      'Omega',
      '--version',
      '2',
      '--from',
      '2021-03-01',
      '--file',
      join(dir, 'guide.txt'),
    ]);
    const list = await koda(data, ['guide', 'list', '--project', 'Omega']);
    expect(list.stdout).toBe(
      'Version 1, from 2021-02-01:\n  1. Kan du presentera dig själv?\nVersion 2, from 2021-03-01:\n  1. Kan du presentera dig själv?\n  2. Hur ser du på mediernas påverkan?\n',
    );
    const places = await koda(data, ['guide', 'places', '--project', 'Omega', '--source', 'albin', '--json']);
    expect(places.json().questions.map((q: { asked: boolean }) => q.asked)).toEqual([true, false]);
  });

  it('logs an interview, prints the log and writes it as xlsx; a bad length is one line and exit 1', async () => {
    const set = await koda(data, [
      'interview',
      'set',
      'albin',
      '--project',
      'Omega',
      '--date',
      '2021-03-04',
      '--length',
      '67',
      '--interviewer',
      'Yaman',
      '--interviewer',
      'Zozan',
    ]);
    expect(set.code).toBe(0);
    const log = await koda(data, ['interview', 'log', '--project', 'Omega']);
    expect(log.stdout).toBe('albin\t2021-03-04\t1:07:00\t-\tYaman, Zozan\t2 (by date)\tmissing\t-\tno\n');
    const out = join(dir, 'log.xlsx');
    expect((await koda(data, ['interview', 'log', '--project', 'Omega', '--out', out])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const bad = await koda(data, ['interview', 'set', 'albin', '--project', 'Omega', '--length', 'an hour']);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toBe('koda: "an hour" is not a length; write minutes (45), mm:ss (45:30) or h:mm:ss (1:07:00).\n');
  });
});
