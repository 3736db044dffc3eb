import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

// 49 characters; sentences [0,10) [11,23) [25,38) [39,49) (see test/commands/agreementFixture.ts).
const TEXT = 'Alfa beta. Gamma delta.\n\nEpsilon zeta. Eta theta.';

let dir: string;
let data: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-agreement-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'intervju.txt'), TEXT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Project "Studie" created by anna (the owner); media coded by anna [0,10) and bo [5,23); plan by both [25,38). */
async function seeded(name = 'Studie') {
  const ok = async (args: string[], coder = 'anna') => expect((await koda(data, args, { KODA_CODER: coder })).code).toBe(0);
  await ok(['project', 'create', name]);
  await ok(['source', 'import', '--project', name, join(dir, 'intervju.txt')]);
  await ok(['code', 'add', '--project', name, 'media']);
  await ok(['code', 'add', '--project', name, 'plan']);
  const seg = (coder: string, code: string, start: number, end: number) =>
    ok(
      [
        'segment',
        'add',
        '--project',
        name,
        '--source',
        'intervju',
        '--code',
        code,
        '--start',
        String(start),
        '--end',
        String(end),
      ],
      coder,
    );
  await seg('anna', 'media', 0, 10);
  await seg('bo', 'media', 5, 23);
  await seg('anna', 'plan', 25, 38);
  await seg('bo', 'plan', 25, 38);
}

describe('koda agreement', () => {
  it('gives the figures per code and overall with their inputs (--json)', async () => {
    await seeded();
    const r = await koda(data, ['agreement', '--project', 'Studie', '--coders', 'anna,bo', '--json']);
    expect(r.code).toBe(0);
    const report = r.json();
    const media = report.codes.find((c: { code: { name: string } }) => c.code.name === 'media');
    expect(media.cells).toEqual({ '11': 5, '10': 5, '01': 13, '00': 26 });
    expect(media.kappa.value).toBeCloseTo(130 / 1012, 12);
    expect(media.kappa.table).toEqual([
      [5, 5],
      [13, 26],
    ]);
    expect(report.overall.codes).toBe(2);
  });

  it('prints a table, and says in words why a figure is undefined', async () => {
    await seeded();
    await koda(data, ['code', 'add', '--project', 'Studie', 'tom']);
    const r = await koda(data, ['agreement', '--project', 'Studie', '--coders', 'anna,bo', '--code', 'media', '--code', 'tom']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Agreement between anna, bo, unit: char, 1 source/);
    expect(lines).toContain(['media', '49', '63.3', '0.128', '0.109', '0.146'].join('\t'));
    expect(r.stdout).toContain('Nobody used: tom (left out of the overall figures).');
  });

  it('counts at sentence level', async () => {
    await seeded();
    const r = await koda(data, [
      'agreement',
      '--project',
      'Studie',
      '--coders',
      'anna,bo',
      '--unit',
      'sentence',
      '--code',
      'media',
      '--json',
    ]);
    expect(r.json().codes[0]).toMatchObject({ cells: { '11': 1, '01': 1, '00': 2 }, kappa: { value: 0.5 } });
  });

  it('fails with one line for an unknown coder', async () => {
    await seeded();
    const r = await koda(data, ['agreement', '--project', 'Studie', '--coders', 'anna,nobody']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('koda: No coder named "nobody" in this project.\n');
  });
});

describe('koda agreement alpha', () => {
  const csv = ['1,2,3,3,2,1,4,1,2,,,', '1,2,3,3,2,2,4,1,2,5,,3', ',3,3,3,2,3,4,2,2,5,1,', '1,2,3,3,2,4,4,1,2,5,1,'].join('\n');

  it('reads rows of coders and columns of units from a CSV file, empty cells missing', async () => {
    writeFileSync(join(dir, 'data.csv'), csv);
    const nominal = await koda(data, ['agreement', 'alpha', '--data', join(dir, 'data.csv'), '--json']);
    expect(nominal.code).toBe(0);
    expect(Number(nominal.json().value.toFixed(3))).toBe(0.743);
    // D_o = Σ o_ck (c−k)²/n = 2·[(4/3)·1 + (1/3)·4 + (1/3)·9 + (4/3)·1 + (1/3)·4 + (1/3)·1]/40 = (52/3)/40 = 0.4333.
    const interval = await koda(data, ['agreement', 'alpha', '--data', join(dir, 'data.csv'), '--level', 'interval']);
    expect(interval.stdout).toBe(
      'Krippendorff’s alpha (interval): 0.849 (4 coders, 12 units, 11 with two or more values, 7 missing values; D_o = 0.4333, D_e = 2.8718)\n',
    );
  });

  it('needs no data folder (and does not create one)', async () => {
    writeFileSync(join(dir, 'data.csv'), 'a,b\na,b\n');
    const r = await koda(join(dir, 'nowhere'), ['agreement', 'alpha', '--data', join(dir, 'data.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Krippendorff’s alpha \(nominal\): 1\.000/);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('says plainly when alpha is undefined, and fails on a missing file', async () => {
    writeFileSync(join(dir, 'same.csv'), '0,0,0\n0,0,0\n');
    const same = await koda(data, ['agreement', 'alpha', '--data', join(dir, 'same.csv')]);
    expect(same.stdout).toMatch(/alpha \(nominal\) is undefined: every coder gave every unit the same value/);
    const missing = await koda(data, ['agreement', 'alpha', '--data', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^koda: Cannot read .*nope\.csv: ENOENT/);
  });
});

describe('koda agreement compare, koda consensus accept', () => {
  it('shows where the coders differ and takes a side into the consensus layer', async () => {
    await seeded();
    const view = await koda(data, ['agreement', 'compare', '--project', 'Studie', '--source', 'intervju']);
    expect(view.stdout).toBe('media 0–23: anna 0–5; bo 10–23 | Alfa beta. Gamma delta.\n');
    const accepted = await koda(data, [
      'consensus',
      'accept',
      '--project',
      'Studie',
      '--source',
      'intervju',
      '--code',
      'media',
      '--start',
      '0',
      '--end',
      '23',
      '--from',
      'anna,bo',
    ]);
    expect(accepted.stdout).toBe('Consensus "consensus": 1 segment accepted, 0 replaced.\n');
    const rows = (await koda(data, ['segments', '--project', 'Studie', '--by', 'consensus', '--json'])).json();
    expect(rows).toMatchObject([{ start: 0, end: 23, code: { name: 'media' }, coder: 'consensus' }]);
    const span = await koda(data, [
      'consensus',
      'accept',
      '--project',
      'Studie',
      '--source',
      'intervju',
      '--code',
      'media',
      '--start',
      '0',
      '--end',
      '23',
      '--span',
      '5-10',
      '--json',
    ]);
    expect(span.json()).toMatchObject({ removed: 1, added: [{ start: 5, end: 10, text: 'beta.' }] });
  });
});

describe('koda coders', () => {
  it('blind mode: a coder sees only their own segments until the owner reveals them', async () => {
    await seeded();
    expect((await koda(data, ['coders', 'blind', 'on', '--project', 'Studie'], { KODA_CODER: 'bo' })).code).toBe(1);
    const on = await koda(data, ['coders', 'blind', 'on', '--project', 'Studie']);
    expect(on.stdout).toBe('Blind mode is on: each coder sees only their own segments until anna reveals them.\n');
    const seen = (await koda(data, ['segments', '--project', 'Studie', '--json', '--coder', 'bo'])).json();
    expect(new Set(seen.map((s: { coder: string }) => s.coder))).toEqual(new Set(['bo']));
    const list = await koda(data, ['coders', 'list', '--project', 'Studie', '--coder', 'bo']);
    // While blind, bo learns nothing of anna: not her layer, not that she owns the project.
    expect(list.stdout).toBe('bo\tcoder\t2\n');
    const revealed = await koda(data, ['coders', 'reveal', '--project', 'Studie']);
    expect(revealed.stdout).toBe('Layers revealed: anna (2), bo (2).\n');
    expect((await koda(data, ['segments', '--project', 'Studie', '--json', '--coder', 'bo'])).json()).toHaveLength(4);
  });

  it('merges the layers of another copy', async () => {
    await seeded('Hemma');
    await seeded('Borta');
    await koda(
      data,
      ['segment', 'add', '--project', 'Borta', '--source', 'intervju', '--code', 'plan', '--start', '0', '--end', '4'],
      { KODA_CODER: 'cilla' },
    );
    const r = await koda(data, ['coders', 'merge', '--project', 'Hemma', '--from', 'Borta']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Merged from "Borta": 1 segment copied, 4 duplicates skipped, 0 without a matching source (of 5).\nCoders created: cilla.\n',
    );
  });
});
