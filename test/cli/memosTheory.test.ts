import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

const TRANSCRIPT = 'I: Vad hindrar dig?\n\nKerstin: Vi har inte tid att svara media.\n';

let dir: string;
let data: string;
const P = ['--project', 'Studie'];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-memos-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'kerstin.txt'), TRANSCRIPT);
  expect((await koda(data, ['project', 'create', 'Studie'])).code).toBe(0);
  expect((await koda(data, ['source', 'import', ...P, join(dir, 'kerstin.txt')])).code).toBe(0);
  expect((await koda(data, ['code', 'add', ...P, 'hinder'])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeSegment(): Promise<string> {
  const quote = 'Vi har inte tid';
  const start = [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf(quote))].length;
  const r = await koda(data, [
    'segment',
    'add',
    ...P,
    '--source',
    'kerstin',
    '--code',
    'hinder',
    '--start',
    String(start),
    '--end',
    String(start + quote.length),
    '--json',
  ]);
  expect(r.code).toBe(0);
  return r.json().id;
}

describe('koda memo', () => {
  it('adds memos on the project, a code and a segment, lists and searches them, edits and removes one', async () => {
    const segment = await codeSegment();
    const project = await koda(data, ['memo', 'add', ...P, 'Metodval\n\nInnehållsanalys i två steg.']);
    expect(project.stdout).toMatch(/^Wrote the memo "Metodval" \(/);
    const code = await koda(data, [
      'memo',
      'add',
      ...P,
      '--on',
      'code:hinder',
      '--title',
      'Om hinder',
      'Tiden saknas.',
      '--json',
    ]);
    expect(code.json()).toMatchObject({ target: 'code' });
    expect((await koda(data, ['memo', 'add', ...P, '--on', `segment:${segment}`, 'Tidsbrist igen'])).code).toBe(0);

    const all = (await koda(data, ['memo', 'list', ...P, '--json'])).json();
    expect(all.map((m: { title: string; targetName: string }) => [m.title, m.targetName]).sort()).toEqual([
      ['Metodval', 'Studie'],
      ['Om hinder', 'hinder'],
      ['Tidsbrist igen', 'kerstin'],
    ]);
    const found = await koda(data, ['memo', 'list', ...P, '--search', 'TIDEN']);
    expect(found.stdout).toContain('code:hinder\tOm hinder');
    expect(found.stdout.trim().split('\n')).toHaveLength(1);
    expect((await koda(data, ['memo', 'list', ...P, '--on', 'segment', '--json'])).json()).toHaveLength(1);

    const id = code.json().id;
    expect((await koda(data, ['memo', 'edit', id, ...P, 'Ingen tid över.'])).stdout).toBe('Saved the memo "Om hinder".\n');
    const edited = (await koda(data, ['memo', 'list', ...P, '--on', 'code:hinder', '--json'])).json();
    expect(edited).toMatchObject([{ title: 'Om hinder', body: 'Ingen tid över.' }]);
    expect((await koda(data, ['memo', 'remove', id, ...P])).stdout).toBe('Deleted the memo "Om hinder".\n');
    expect((await koda(data, ['memo', 'list', ...P, '--on', 'code', '--json'])).json()).toEqual([]);
  });

  it('says in one line what is wrong with a target', async () => {
    const r = await koda(data, ['memo', 'add', ...P, '--on', 'kod:hinder', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('koda: Unknown target "kod:hinder": use project, source:NAME, case:NAME, code:NAME or segment:ID.\n');
    const missing = await koda(data, ['memo', 'add', ...P, '--on', 'code:okänd', 'x']);
    expect(missing.stderr).toBe('koda: No code named or with id "okänd" in this project.\n');
  });
});

describe('koda theory', () => {
  it('adds a concept, links it to a code and a segment, lists it, unlinks and removes it', async () => {
    const segment = await codeSegment();
    const add = await koda(data, [
      'theory',
      'add',
      ...P,
      'handlingsutrymme',
      '--reference',
      'Lipsky 2010',
      '--definition',
      'Frihet',
    ]);
    expect(add.stdout).toBe('Added the theory concept "handlingsutrymme".\n');
    expect((await koda(data, ['theory', 'link', ...P, 'handlingsutrymme', 'code:hinder'])).stdout).toBe(
      'Linked "handlingsutrymme" to the code hinder.\n',
    );
    expect((await koda(data, ['theory', 'link', ...P, 'handlingsutrymme', 'code:hinder'])).stdout).toBe(
      '"handlingsutrymme" was already linked to the code hinder.\n',
    );
    expect((await koda(data, ['theory', 'link', ...P, 'handlingsutrymme', `segment:${segment}`])).code).toBe(0);
    const list = await koda(data, ['theory', 'list', ...P]);
    expect(list.stdout).toBe(
      [
        'handlingsutrymme — Lipsky 2010 — Frihet',
        '  code\thinder\t1 segment',
        `  segment\t${segment}\tkerstin\t“Vi har inte tid”`,
        '',
      ].join('\n'),
    );
    expect((await koda(data, ['theory', 'unlink', ...P, 'handlingsutrymme', 'code:hinder'])).code).toBe(0);
    const json = (await koda(data, ['theory', 'list', ...P, '--json'])).json();
    expect(json.concepts[0]).toMatchObject({ codes: [], segments: [{ id: segment }] });
    expect((await koda(data, ['theory', 'remove', ...P, 'handlingsutrymme'])).stdout).toBe(
      'Deleted the theory concept "handlingsutrymme" and 1 link.\n',
    );
  });

  it('refuses an unknown concept and a bad target in one line', async () => {
    const r = await koda(data, ['theory', 'link', ...P, 'nej', 'code:hinder']);
    expect(r.stderr).toBe('koda: No theory concept named or with id "nej" in this project.\n');
    const bad = await koda(data, ['theory', 'link', ...P, 'nej', 'case:Kerstin']);
    expect(bad.stderr).toBe('koda: Unknown target "case:Kerstin": use code:NAME, segment:ID or memo:ID.\n');
  });
});
