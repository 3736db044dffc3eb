import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

const TRANSCRIPT =
  'I: Vad gör du?\n\nAlbin: Jag arbetar med 😀 trygghet i [stadsdel Y].\n\nI: Och media?\n\nAlbin: Media ger en farlig bild.\n';

let dir: string;
let data: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'albin.txt'), TRANSCRIPT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seeded() {
  expect((await koda(data, ['project', 'create', 'Omega'])).code).toBe(0);
  expect(
    (await koda(data, ['case', 'add', '--project', 'Omega', 'Albin', '--attr', 'stadsdel=W', '--attr', 'roll=ledning'])).code,
  ).toBe(0);
  expect((await koda(data, ['source', 'import', '--project', 'Omega', '--case', 'Albin', join(dir, 'albin.txt')])).code).toBe(0);
  expect((await koda(data, ['codebook', 'template', '--project', 'Omega', 'traffic-light'])).code).toBe(0);
}

describe('koda CLI, end to end on a temporary data folder', () => {
  it('creates and lists projects as JSON', async () => {
    await koda(data, ['project', 'create', 'Omega', '--language', 'en']);
    const list = await koda(data, ['--json', 'project', 'list']);
    expect(list.code).toBe(0);
    expect(list.json()).toMatchObject([{ name: 'Omega', language: 'en', sources: 0, cases: 0 }]);
  });

  it('imports a transcript for a case and shows its canonical text and turns', async () => {
    await seeded();
    const shown = await koda(data, ['source', 'show', '--project', 'Omega', 'albin', '--json']);
    const source = shown.json();
    expect(source.text).toBe(TRANSCRIPT);
    expect(source.case.name).toBe('Albin');
    expect(source.turns.map((t: { speaker: string }) => t.speaker)).toEqual(['I', 'Albin', 'I', 'Albin']);
  });

  it('codes a span by code points and retrieves it with source, case, offsets and text', async () => {
    await seeded();
    // "Media ger en farlig bild." — offsets counted in code points: the emoji before it is one.
    const text = (await koda(data, ['source', 'show', '--project', 'Omega', 'albin', '--json'])).json().text as string;
    const startUnits = text.indexOf('Media ger');
    const start = [...text.slice(0, startUnits)].length;
    const end = start + 'Media ger en farlig bild.'.length;
    const added = await koda(data, [
      'segment',
      'add',
      '--project',
      'Omega',
      '--source',
      'albin',
      '--start',
      String(start),
      '--end',
      String(end),
      '--code',
      'media',
      '--json',
    ]);
    expect(added.code).toBe(0);
    expect(added.json().text).toBe('Media ger en farlig bild.');
    const rows = (await koda(data, ['segments', '--project', 'Omega', '--code', 'Hinder', '--json'])).json();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: { name: 'albin' },
      case: { name: 'Albin' },
      start,
      end,
      text: 'Media ger en farlig bild.',
      code: { name: 'media' },
      coder: 'anna',
    });
    const byCase = (await koda(data, ['segments', '--project', 'Omega', '--case', 'Albin', '--json'])).json();
    expect(byCase).toHaveLength(1);
  });

  it('undoes and redoes the last change', async () => {
    await seeded();
    await koda(data, ['code', 'add', '--project', 'Omega', 'nytt', '--parent', 'Hinder']);
    expect((await koda(data, ['undo', '--project', 'Omega'])).stdout).toContain('code.add');
    const afterUndo = await koda(data, ['code', 'list', '--project', 'Omega', '--json']);
    expect(JSON.stringify(afterUndo.json())).not.toContain('"nytt"');
    await koda(data, ['redo', '--project', 'Omega']);
    const afterRedo = await koda(data, ['code', 'list', '--project', 'Omega', '--json']);
    expect(JSON.stringify(afterRedo.json())).toContain('"nytt"');
  });

  it('fails with exit 1 and one line for refused actions, changing nothing', async () => {
    await seeded();
    const missing = await koda(data, ['segments', '--project', 'Nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('koda: No project named or with id "Nope".\n');
    const past = await koda(data, [
      'segment',
      'add',
      '--project',
      'Omega',
      '--source',
      'albin',
      '--start',
      '0',
      '--end',
      '99999',
      '--code',
      'media',
    ]);
    expect(past.code).toBe(1);
    expect(past.stderr.trim().split('\n')).toHaveLength(1);
    expect(past.stderr).toMatch(/End 99999 is past the end of "albin", which has \d+ characters/);
    const bad = join(dir, 'latin1.txt');
    writeFileSync(bad, Buffer.from([0x48, 0xe4, 0x6c, 0x73, 0x61]));
    const refused = await koda(data, ['source', 'import', '--project', 'Omega', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('koda: latin1.txt: not UTF-8 or UTF-16 text; save it as UTF-8 and import again.\n');
    const sources = (await koda(data, ['source', 'list', '--project', 'Omega', '--json'])).json();
    expect(sources).toHaveLength(1);
  });

  it('refuses a destructive command without a terminal unless --yes is given', async () => {
    await seeded();
    const refused = await koda(data, ['case', 'delete', '--project', 'Omega', 'Albin', '--with-sources']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect((await koda(data, ['source', 'list', '--project', 'Omega', '--json'])).json()).toHaveLength(1);
    const done = await koda(data, ['case', 'delete', '--project', 'Omega', 'Albin', '--with-sources', '--yes']);
    expect(done.code).toBe(0);
    expect((await koda(data, ['source', 'list', '--project', 'Omega', '--json'])).json()).toHaveLength(0);
  });

  it('exits 2 on usage errors and 0 on --help for every subcommand', async () => {
    expect((await koda(data, ['segment', 'add', '--project', 'x'])).code).toBe(2);
    expect((await koda(data, ['frobnicate'])).code).toBe(2);
    const paths = [
      ['project', 'create'],
      ['project', 'list'],
      ['demo'],
      ['case', 'add'],
      ['case', 'set'],
      ['case', 'list'],
      ['case', 'delete'],
      ['attribute', 'add'],
      ['source', 'import'],
      ['source', 'list'],
      ['source', 'show'],
      ['source', 'delete'],
      ['source', 'link'],
      ['turn', 'link'],
      ['code', 'add'],
      ['code', 'edit'],
      ['code', 'move'],
      ['code', 'merge'],
      ['code', 'delete'],
      ['code', 'list'],
      ['codebook', 'template'],
      ['segment', 'add'],
      ['segment', 'remove'],
      ['segment', 'memo'],
      ['segments'],
      ['undo'],
      ['redo'],
      ['history'],
      ['serve'],
    ];
    for (const path of paths) {
      const help = await koda(data, [...path, '--help']);
      expect(help.code, path.join(' ')).toBe(0);
      expect(help.stdout, path.join(' ')).toContain(`Usage: koda ${path.join(' ')}`);
    }
  });

  it('refuses to serve an address other computers can reach without accounts, in one line, and creates no store', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5']) {
      const r = await koda(data, ['serve', '--host', host, '--port', '0']);
      expect(r.code, host).toBe(1);
      expect(r.stderr).toBe(
        `koda: Koda serves "${host}" only with accounts, else anyone on the network could read every study: add one with koda user add NAME, or serve 127.0.0.1.\n`,
      );
    }
    expect(existsSync(join(data, 'koda.db'))).toBe(false);
    // A store with only the laptop's people (local accounts) has no accounts either.
    await koda(data, ['project', 'create', 'Omega']);
    const r = await koda(data, ['serve', '--host', '0.0.0.0', '--port', '0']);
    expect([r.code, r.stderr.split('\n').length]).toEqual([1, 2]);
  });

  it('speaks Swedish when asked', async () => {
    const r = await koda(data, ['--lang', 'sv', 'segments', '--project', 'Nope']);
    expect(r.stderr).toBe('koda: Inget projekt heter eller har id "Nope".\n');
    const env = await koda(data, ['segments', '--project', 'Nope'], { KODA_LANG: 'sv' });
    expect(env.stderr).toBe(r.stderr);
  });

  it('runs as the installed binary (bin/koda.js)', () => {
    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['bin/koda.js', ...args], {
        env: { ...process.env, KODA_DATA: data, KODA_LANG: 'en' },
        encoding: 'utf8',
      });
    run('project', 'create', 'Binär');
    expect(JSON.parse(run('project', 'list', '--json'))[0].name).toBe('Binär');
    let failed: { status: number; stderr: string } | null = null;
    try {
      run('source', 'show', '--project', 'Binär', 'nothing');
    } catch (e) {
      failed = e as { status: number; stderr: string };
    }
    expect(failed?.status).toBe(1);
    expect(failed?.stderr).toBe('koda: No source named or with id "nothing" in this project.\n');
  });
});
