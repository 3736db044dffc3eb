import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

let dir: string;
let data: string;
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-speakers-'));
  data = join(dir, 'data');
  expect((await koda(data, ['project', 'create', 'Studie'])).code).toBe(0);
  // An f4 transcript of a group interview: the time where each paragraph ends.
  file = join(dir, 'grupp.txt');
  writeFileSync(file, 'I: Hur började det? #00:00:04-2#\n\nB1: Med en plan. #00:00:09-0#\n\nB2: Och ett team. #00:00:12-5#\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda source import --speaker', () => {
  it('links each speaker’s turns to a case, making the cases it names', async () => {
    const speakers = ['--speaker', 'B1=Albin', '--speaker', 'B2=Kristin'];
    const run = await koda(data, ['source', 'import', '--project', 'Studie', ...speakers, file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('B1 → new case "Albin"');
    const shown = (await koda(data, ['source', 'show', 'grupp', '--project', 'Studie', '--json'])).json();
    expect(shown.kind).toBe('f4');
    expect(shown.turns.map((t: { case: string | null; startMs: number }) => [t.case, t.startMs])).toEqual([
      [null, 0],
      ['Albin', 4200],
      ['Kristin', 9000],
    ]);
  });

  it('refuses a mapping without `=` or a speaker the file lacks in one line, importing nothing', async () => {
    const bad = await koda(data, ['source', 'import', '--project', 'Studie', '--speaker', 'Albin', file]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      1,
      'koda: "Albin" is not a speaker mapping; write SPEAKER=CASE, for example SPEAKER_00=Albin.',
    ]);
    const unknown = await koda(data, ['source', 'import', '--project', 'Studie', '--speaker', 'B3=Albin', file]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      1,
      'koda: grupp.txt: there is no speaker "B3"; its speakers are: I, B1, B2.',
    ]);
    expect((await koda(data, ['source', 'list', '--project', 'Studie', '--json'])).json()).toEqual([]);
  });
});
