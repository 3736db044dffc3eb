import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

const TRANSCRIPT = 'I: Var jobbar du?\n\nKerstin: I Hammarkullen 😀 med Albin. Kerstins team är litet.\n';
const KEY = { KODA_PSEUDONYM_KEY: 'rätt hemlighet' };

let dir: string;
let data: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-pseudonyms-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'kerstin.txt'), TRANSCRIPT);
  expect((await koda(data, ['project', 'create', 'Studie'])).code).toBe(0);
  expect((await koda(data, ['source', 'import', '--project', 'Studie', join(dir, 'kerstin.txt')])).code).toBe(0);
  expect((await koda(data, ['code', 'add', '--project', 'Studie', 'plats'])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `[start, end)` in code points of `quote` in the transcript. */
function span(quote: string) {
  const at = TRANSCRIPT.indexOf(quote);
  const start = [...TRANSCRIPT.slice(0, at)].length;
  return [String(start), String(start + [...quote].length)];
}

async function addMap() {
  const kerstin = await koda(
    data,
    ['pseudonyms', 'add', '--project', 'Studie', '--real', 'Kerstin', '--fictive', 'Lena', '--json'],
    KEY,
  );
  expect(kerstin.code).toBe(0);
  expect(kerstin.json()).toMatchObject({ fictive: 'Lena', kind: 'person', created: true, realForms: 1 });
  const place = await koda(
    data,
    ['pseudonyms', 'add', '--project', 'Studie', '--real', 'Hammarkullen', '--fictive', '[stadsdel Y]', '--kind', 'place'],
    KEY,
  );
  expect(place.stdout).toBe('Added "[stadsdel Y]" (place) for 1 real form.\n');
  const albin = await koda(
    data,
    ['pseudonyms', 'add', '--project', 'Studie', '--real', 'Albin', '--real', 'ALBIN', '--fictive', 'Nils'],
    KEY,
  );
  expect(albin.code).toBe(0);
}

describe('koda pseudonyms', () => {
  it('suggests names and places with counts and a context', async () => {
    const json = await koda(data, ['pseudonyms', 'suggest', '--project', 'Studie', '--json']);
    expect(json.code).toBe(0);
    const forms = json.json().candidates.map((c: { form: string; count: number }) => [c.form, c.count]);
    expect(forms).toEqual(
      expect.arrayContaining([
        ['Kerstin', 2],
        ['Hammarkullen', 1],
        ['Albin', 1],
      ]),
    );
    const human = await koda(data, ['pseudonyms', 'suggest', '--project', 'Studie']);
    expect(human.stdout).toContain('Kerstin (person, 2×): …I: Var jobbar du? [Kerstin]: I Hammarkullen 😀 med Albin. …');
  });

  it('adds entries with the secret only, and lists real forms only with it', async () => {
    const locked = await koda(data, ['pseudonyms', 'add', '--project', 'Studie', '--real', 'Kerstin', '--fictive', 'Lena']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toBe('koda: The pseudonym key is locked: give its secret in KODA_PSEUDONYM_KEY.\n');
    await addMap();
    const wrong = await koda(data, ['pseudonyms', 'list', '--project', 'Studie'], { KODA_PSEUDONYM_KEY: 'fel' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('secret is wrong');
    const hidden = await koda(data, ['pseudonyms', 'list', '--project', 'Studie']);
    expect(hidden.stdout).toBe('Lena\tperson\t0\n[stadsdel Y]\tplace\t0\nNils\tperson\t0\n');
    expect(hidden.stderr).toContain('Real forms are hidden');
    const shown = await koda(data, ['pseudonyms', 'list', '--project', 'Studie', '--json'], KEY);
    expect(shown.json().entries.map((e: { real: string[] }) => e.real)).toEqual([
      ['Kerstin'],
      ['Hammarkullen'],
      ['Albin', 'ALBIN'],
    ]);
    const taken = await koda(data, ['pseudonyms', 'add', '--project', 'Studie', '--real', 'Kerstin', '--fictive', 'Maja'], KEY);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe('koda: That real form already belongs to the entry "Lena"; nothing was changed.\n');
  });

  it('applies the map after confirmation, keeping the coding on the same words', async () => {
    await addMap();
    const coded = await koda(data, [
      'segment',
      'add',
      '--project',
      'Studie',
      '--source',
      'kerstin',
      '--code',
      'plats',
      '--start',
      span('Hammarkullen 😀 med Albin')[0] as string,
      '--end',
      span('Hammarkullen 😀 med Albin')[1] as string,
    ]);
    expect(coded.code).toBe(0);
    const unconfirmed = await koda(data, ['pseudonyms', 'apply', '--project', 'Studie'], KEY);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    const applied = await koda(data, ['pseudonyms', 'apply', '--project', 'Studie', '--yes'], KEY);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Replaced 4 occurrences in 1 of 1 source; 1 of 1 segment kept on the same words.');
    expect(applied.stdout).toContain('1 original file deleted');
    const source = (await koda(data, ['source', 'show', '--project', 'Studie', 'Lena', '--json'])).json();
    expect(source.text).toBe('I: Var jobbar du?\n\nLena: I [stadsdel Y] 😀 med Nils. Lenas team är litet.\n');
    const segments = (await koda(data, ['segments', '--project', 'Studie', '--json'])).json();
    expect(segments.map((s: { text: string }) => s.text)).toEqual(['[stadsdel Y] 😀 med Nils']);
    const list = await koda(data, ['pseudonyms', 'list', '--project', 'Studie']);
    expect(list.stdout).toBe('Lena\tperson\t2\n[stadsdel Y]\tplace\t1\nNils\tperson\t1\n');
  });

  it('refuses when a segment ends inside a name, lists it in a dry run, and widens it on request', async () => {
    await addMap();
    const [start] = span('med Albin');
    const end = String(Number(span('med Albin')[1]) - 2);
    expect(
      (
        await koda(data, [
          'segment',
          'add',
          '--project',
          'Studie',
          '--source',
          'kerstin',
          '--code',
          'plats',
          '--start',
          start as string,
          '--end',
          end,
        ])
      ).code,
    ).toBe(0);
    const refused = await koda(data, ['pseudonyms', 'apply', '--project', 'Studie', '--yes'], KEY);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^koda: 1 segment has an edge inside a name/);
    const dry = await koda(data, ['pseudonyms', 'apply', '--project', 'Studie', '--dry-run'], KEY);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run, nothing changed');
    expect(dry.stdout).toMatch(/Segment \S+ in "Lena", \d+–\d+: an edge lies inside a name; --widen makes it \d+–\d+\./);
    expect((await koda(data, ['source', 'show', '--project', 'Studie', 'kerstin'])).stdout).toContain('Kerstin');
    const widened = await koda(data, ['pseudonyms', 'apply', '--project', 'Studie', '--widen', '--yes', '--json'], KEY);
    expect(widened.code).toBe(0);
    expect(widened.json()).toMatchObject({ totals: { broken: 1 }, blocked: false, compacted: true });
    const segments = (await koda(data, ['segments', '--project', 'Studie', '--json'])).json();
    expect(segments.map((s: { text: string }) => s.text)).toEqual(['med Nils']);
  });
});
