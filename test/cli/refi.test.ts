import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFI_DIR, text, unzip, xsdErrors, zip } from '../formats/refi/support.js';
import { koda } from './run.js';

const TRANSCRIPT = 'I: Vad gör du?\n\nAlbin: Jag arbetar med 😀 trygghet.\n\nI: Och media?\n\nAlbin: Media ger en farlig bild.\n';

let dir: string;
let data: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-refi-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'albin.txt'), TRANSCRIPT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seeded() {
  expect((await koda(data, ['project', 'create', 'Omega'])).code).toBe(0);
  expect((await koda(data, ['case', 'add', '--project', 'Omega', 'Albin', '--attr', 'stadsdel=W'])).code).toBe(0);
  expect((await koda(data, ['source', 'import', '--project', 'Omega', '--case', 'Albin', join(dir, 'albin.txt')])).code).toBe(0);
  expect((await koda(data, ['codebook', 'template', '--project', 'Omega', 'traffic-light'])).code).toBe(0);
  const start = [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf('Media ger'))].length;
  const add = [
    'segment',
    'add',
    '--project',
    'Omega',
    '--source',
    'albin',
    '--start',
    String(start),
    '--end',
    String(start + 25),
    '--code',
    'media',
  ];
  expect((await koda(data, add)).code).toBe(0);
}

describe('koda export and koda import (REFI-QDA)', () => {
  it('exports a .qdpx and a .qdc that validate, and imports the .qdpx as a new project', async () => {
    await seeded();
    const out = join(dir, 'omega.qdpx');
    const exported = await koda(data, ['export', '--project', 'Omega', '--format', 'qdpx', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(
      `Exported "Omega" to ${out} (qdpx).\nNot in the file:\n  - speaker turns of 1 source: not part of REFI-QDA; Koda finds them again on import, other programs do not\n`,
    );
    expect(readdirSync(dir).sort()).toEqual(['albin.txt', 'data', 'omega.qdpx']);
    const files = unzip(new Uint8Array(readFileSync(out)));
    expect(await xsdErrors(text(files['project.qde']), 'Project.xsd')).toEqual([]);

    const qdc = join(dir, 'omega.qdc');
    const codebook = await koda(data, ['export', '--project', 'Omega', '--out', qdc, '--json']);
    expect(codebook.json()).toMatchObject({ format: 'qdc', file: qdc, counts: { codes: 23 }, summary: [] });
    expect(await xsdErrors(readFileSync(qdc, 'utf8'), 'Codebook.xsd')).toEqual([]);

    const imported = await koda(data, ['import', out, '--project', 'Omega 2', '--json']);
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({
      project: { name: 'Omega 2', created: true },
      format: 'qdpx',
      counts: { sources: 1, segments: 1, cases: 1 },
      summary: [],
    });
    const segments = (await koda(data, ['segments', '--project', 'Omega 2', '--json'])).json();
    expect(segments.map((s: { text: string; case: { name: string } }) => [s.text, s.case.name])).toEqual([
      ['Media ger en farlig bild.', 'Albin'],
    ]);
  });

  it('prints what did not come over, one line per kind, in Swedish too', async () => {
    const sample = join(REFI_DIR, 'samples', 'qc-1.3.2-demo.qdpx');
    const r = await koda(data, ['import', sample], { KODA_LANG: 'sv' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Importerade ${sample} som det nya projektet "qc project": 2 källor, 262 koder, 205 segment, 0 fall, 0 memon.`,
        'Kom inte över som det var:',
        '  - 262 koder utan färg; fick förälderns eller en ny färg ("rq1_definition", "competencies", "programming", "concepts", "abstraction")',
        '  - 158 markeringsnamn sparades inte (Koda visar segmentets egen text) ("line:6", "line:8", "line:23", "line:24", "line:25")',
        '',
      ].join('\n'),
    );
    const again = await koda(data, ['import', sample]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'koda: A project named "qc project" already exists; give the import another name with --project (only a .qdc codebook can go into an existing project).\n',
    );
  });

  it('refuses a hostile archive with one line and exit 1, writing nothing', async () => {
    const evil = join(dir, 'evil.qdpx');
    writeFileSync(
      evil,
      zip({ 'project.qde': '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', '../../escaped.txt': 'gotcha' }),
    );
    const r = await koda(data, ['import', evil]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('koda: evil.qdpx: the archive has an entry with an unsafe path ("../../escaped.txt"); refused.\n');
    expect(existsSync(join(dir, '..', 'escaped.txt'))).toBe(false);
    expect((await koda(data, ['project', 'list', '--json'])).json()).toEqual([]);
    const missing = await koda(data, ['import', join(dir, 'nope.qdpx')]);
    expect(missing.stderr).toBe(`koda: Cannot read ${join(dir, 'nope.qdpx')}: ENOENT\n`);
  });

  it('refuses an export to a folder that does not exist, leaving no partial file', async () => {
    await seeded();
    const r = await koda(data, ['export', '--project', 'Omega', '--out', join(dir, 'no', 'such', 'x.qdpx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`koda: Cannot write ${join(dir, 'no', 'such', 'x.qdpx')}: ENOENT\n`);
  });
});
