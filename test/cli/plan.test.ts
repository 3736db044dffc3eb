import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koda } from './run.js';

let dir: string;
let data: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-plan-'));
  data = join(dir, 'data');
  await koda(data, ['project', 'create', 'Omega']);
  for (const [name, length] of [
    ['albin', '40:00'],
    ['kristin', '20:00'],
  ] as const) {
    writeFileSync(join(dir, `${name}.txt`), `I: Hur ser dagen ut?\n\n${name}: Lugn.`);
    await koda(data, ['source', 'import', '--project', 'Omega', join(dir, `${name}.txt`)]);
    await koda(data, ['interview', 'set', name, '--project', 'Omega', '--length', length]);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('koda plan', () => {
  it('plans by shares, prints the table, and marks a part done', async () => {
    const planned = await koda(data, [
      'plan',
      'transcription',
      '--project',
      'Omega',
      '--transcriber',
      'Yaman',
      '--transcriber',
      'Zozan=2',
    ]);
    expect(planned.code).toBe(0);
    // 60 minutes at 1:2: Yaman takes kristin whole (20), Zozan albin whole (40).
    expect(planned.stdout).toBe(
      [
        'Planned 2 interviews for 2 transcribers, 0 of them split.',
        'albin\tZozan\twhole\t40:00\t-',
        'kristin\tYaman\twhole\t20:00\t-',
        '',
        'Yaman: 20:00 planned of a share of 20:00 (1 interviews), 0:00 done',
        'Zozan: 40:00 planned of a share of 40:00 (1 interviews), 0:00 done',
        '',
      ].join('\n'),
    );
    const done = await koda(data, ['plan', 'done', '--project', 'Omega', '--source', 'albin', '--transcriber', 'Zozan']);
    expect(done.stdout).toBe('Marked Zozan’s part of "albin" transcribed.\n');
    const shown = await koda(data, ['plan', 'show', '--project', 'Omega', '--json']);
    expect(shown.json().transcribers.map((t: { doneMs: number }) => t.doneMs)).toEqual([0, 2_400_000]);
  });

  it('refuses a share that is no number in one line', async () => {
    const bad = await koda(data, ['plan', 'transcription', '--project', 'Omega', '--transcriber', 'Yaman=lots']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('koda: "Yaman=lots" is not a transcriber; write NAME or NAME=SHARE, e.g. Anna=2.\n');
  });
});
