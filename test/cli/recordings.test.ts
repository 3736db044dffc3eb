import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speech } from '../audio.js';
import { koda } from './run.js';

let dir: string;
let data: string;
let wav: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-recordings-'));
  data = join(dir, 'data');
  wav = join(dir, 'albin.wav');
  writeFileSync(wav, speech(dir, 2, 'wav').bytes);
  writeFileSync(join(dir, 'albin.txt'), 'I: Hej\n\nAlbin: Hej');
  await koda(data, ['project', 'create', 'Omega']);
  await koda(data, ['case', 'add', '--project', 'Omega', 'Albin']);
  await koda(data, ['source', 'import', '--project', 'Omega', join(dir, 'albin.txt')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('koda recording', () => {
  it('attaches, imports alone, lists and removes recordings', async () => {
    const attached = await koda(data, ['recording', 'attach', '--project', 'Omega', '--source', 'albin', wav]);
    expect(attached).toMatchObject({ code: 0, stdout: 'Attached albin.wav (audio/wav, 2.0 s) to "albin".\n' });
    const imported = await koda(data, ['--json', 'recording', 'import', '--project', 'Omega', '--case', 'Albin', wav]);
    expect(imported.json()).toMatchObject({ name: 'albin (2)', kind: 'recording', mediaType: 'audio/wav', durationMs: 2000 });
    const list = await koda(data, ['--json', 'recording', 'list', '--project', 'Omega']);
    expect(list.json().map((r: { source: { name: string } }) => r.source.name)).toEqual(['albin', 'albin (2)']);
    const removed = await koda(data, ['recording', 'remove', '--project', 'Omega', '--source', 'albin (2)', '--yes']);
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed the recording of "albin (2)".\n' });
  });

  it('deletes a recording when the transcript is verified under the retention rule', async () => {
    await koda(data, ['source', 'retention', '--project', 'Omega', 'albin', '--delete-recording']);
    const verified = await koda(data, ['source', 'verify', '--project', 'Omega', 'albin']);
    expect(verified).toMatchObject({ code: 0, stdout: 'The recording of "albin" was deleted (retention rule).\n' });
    expect((await koda(data, ['--json', 'recording', 'list', '--project', 'Omega'])).json()).toEqual([]);
  });

  it('refuses a file that is no recording with one line', async () => {
    const r = await koda(data, ['recording', 'attach', '--project', 'Omega', '--source', 'albin', join(dir, 'albin.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('koda: albin.txt: not a recording Koda can keep; give a wav, mp3, ogg/opus, m4a, webm or mp4 file.\n');
  });
});
