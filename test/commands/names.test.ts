import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptConsensus } from '../../src/commands/acceptConsensus.js';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { editCode } from '../../src/commands/editCode.js';
import { importRefi } from '../../src/commands/importRefi.js';
import { importSource } from '../../src/commands/importSource.js';
import { NAME_MAX, shortenName, unsafeNameCharacter } from '../../src/core/names.js';
import { buildServer } from '../../src/server/app.js';
import { G, qde, zip } from '../formats/refi/support.js';
import { inject, localSession, rowCounts, tempContext, utf8 } from '../helpers.js';

/** Characters no name may hold: C0 and C1 controls, and the bidirectional controls. */
const UNSAFE: Record<string, string> = {
  NUL: '\u0000',
  ESC: '\u001b',
  newline: '\n',
  tab: '\t',
  DEL: '\u007f',
  'C1 NEL': '\u0085',
  'C1 CSI': '\u009b',
  LRM: '\u200e',
  RLM: '\u200f',
  'Arabic letter mark': '\u061c',
  LRE: '\u202a',
  RLO: '\u202e',
  LRI: '\u2066',
  PDI: '\u2069',
  'line separator': '\u2028',
};

describe('names (core)', () => {
  it.each(Object.entries(UNSAFE))('finds %s inside a name', (_label, character) => {
    const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    expect(unsafeNameCharacter(`Kerstin${character}gnp`)).toBe(`U+${hex}`);
  });

  it('accepts letters of any script, accents, emoji (with joiners) and punctuation', () => {
    for (const fine of [
      'möjligheter',
      'Stadsdel Ä',
      'e\u0301',
      'q\u0303',
      '👩‍👩‍👧 familj',
      'مرحبا',
      'Hinder/media (2)',
      '[stadsdel Y]',
    ])
      expect(unsafeNameCharacter(fine)).toBeNull();
  });

  it('shortens a long name visibly, at a whole character', () => {
    expect(shortenName('kort')).toEqual({ name: 'kort', shortened: false });
    const long = shortenName('a'.repeat(NAME_MAX + 50));
    expect(long.shortened).toBe(true);
    expect(long.name.endsWith('…')).toBe(true);
    expect(long.name.length).toBeLessThanOrEqual(NAME_MAX);
    // An emoji family straddling the limit is dropped whole, never cut inside.
    const emoji = shortenName(`${'b'.repeat(NAME_MAX - 4)}👩‍👩‍👧 slut`);
    expect(emoji.name).toBe(`${'b'.repeat(NAME_MAX - 4)}…`);
  });
});

describe('names (commands): refused with one clear error, nothing changed', () => {
  let env: Awaited<ReturnType<typeof tempContext>>;
  const project = 'Omega';
  beforeEach(async () => {
    env = await tempContext();
    await createProject(env.ctx, { name: project });
    await addCode(env.ctx, { project, name: 'Strategier' });
    await addCode(env.ctx, { project, name: 'plan', parent: 'Strategier' });
  });
  afterEach(() => env.cleanup());

  const bad = 'Kerstin\u202Egnp';
  const refusals: Record<string, () => Promise<unknown>> = {
    project: () => createProject(env.ctx, { name: `Omega\u001b[31m` }),
    'theme (top-level code)': () => addCode(env.ctx, { project, name: bad }),
    'category (code under a theme)': () => addCode(env.ctx, { project, name: 'mötes\nplats', parent: 'Strategier' }),
    'code renamed': () => editCode(env.ctx, { project, code: 'plan', name: 'plan\u0000' }),
    case: () => addCase(env.ctx, { project, name: bad }),
    attribute: () => defineAttribute(env.ctx, { project, name: 'stads\u2066del' }),
    'attribute choice': () =>
      defineAttribute(env.ctx, { project, name: 'roll', type: 'choice', choices: ['ledning', 'hand\u009bläggare'] }),
    'source (given name)': () => importSource(env.ctx, { project, fileName: 'a.txt', name: bad, bytes: utf8('Hej.') }),
    'fictive form (pseudonym)': () => addPseudonym(env.ctx, { project, real: 'Kerstin', fictive: 'Lena\u2067' }),
    'consensus layer': () =>
      acceptConsensus(env.ctx, { project, source: 'a', code: 'plan', start: 0, end: 1, from: ['anna'], layer: 'enighet\u001b' }),
    'source (from the file name)': () =>
      importSource(env.ctx, { project, fileName: 'intervju\u001b]0;x\u0007.txt', bytes: utf8('Hej.') }),
  };

  it.each(Object.keys(refusals))('refuses a %s name holding a control character', async (kind) => {
    const before = await rowCounts(env.store);
    await expect((refusals[kind] as () => Promise<unknown>)()).rejects.toMatchObject({
      code: 'name.unsafe',
      params: { character: expect.stringMatching(/^U\+[0-9A-F]{4}$/) },
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('refuses a REFI-QDA project whose code name holds a right-to-left override', async () => {
    const codebook = `<CodeBook><Codes><Code guid="${G(1)}" name="Hinder&#x202E;gnp" isCodable="true"/></Codes></CodeBook>`;
    const before = await rowCounts(env.store);
    await expect(importRefi(env.ctx, { fileName: 'q.qdpx', bytes: zip({ 'project.qde': qde(codebook) }) })).rejects.toMatchObject(
      {
        code: 'name.unsafe',
        params: { field: 'code', character: 'U+202E' },
      },
    );
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('names a REFI-QDA project after its file only when that name is safe, shortened visibly when long', async () => {
    const unnamed = zip({ 'project.qde': qde('', 'origin="test"') });
    await expect(importRefi(env.ctx, { fileName: 'studie\u001b[2J.qdpx', bytes: unnamed })).rejects.toMatchObject({
      code: 'name.unsafe',
      params: { field: 'project' },
    });
    const long = await importRefi(env.ctx, { fileName: `${'s'.repeat(NAME_MAX + 20)}.qdpx`, bytes: unnamed });
    expect(long.project.name).toBe(`${'s'.repeat(NAME_MAX - 1)}…`);
  });

  it('says which choice holds it', async () => {
    await expect(refusals['attribute choice']?.()).rejects.toMatchObject({ params: { field: 'choices.1', character: 'U+009B' } });
  });

  it('shortens a file name longer than the limit visibly and says so', async () => {
    const stem = `intervju-${'lång-'.repeat(60)}`;
    const first = await importSource(env.ctx, { project, fileName: `/tmp/${stem}.txt`, bytes: utf8('Ett.') });
    expect(first.name.length).toBeLessThanOrEqual(NAME_MAX);
    expect(first.name.endsWith('…')).toBe(true);
    expect(stem.startsWith(first.name.slice(0, -1))).toBe(true);
    expect(first.warnings).toEqual([{ code: 'import.name-shortened', params: { file: `${stem}.txt`, name: first.name } }]);
    const second = await importSource(env.ctx, { project, fileName: `${stem}.txt`, bytes: utf8('Två.') });
    expect(second.name.endsWith('… (2)')).toBe(true);
    expect(second.name.length).toBeLessThanOrEqual(NAME_MAX);
  });

  it('leaves a name within the limit as it is, without a warning', async () => {
    const r = await importSource(env.ctx, { project, fileName: `${'k'.repeat(NAME_MAX)}.txt`, bytes: utf8('Ett.') });
    expect(r.name).toBe('k'.repeat(NAME_MAX));
    expect(r.warnings).toEqual([]);
  });
});

describe('names through HTTP', () => {
  let env: Awaited<ReturnType<typeof tempContext>>;
  let app: FastifyInstance;
  beforeEach(async () => {
    env = await tempContext();
    await createProject(env.ctx, { name: 'Omega' });
    app = await buildServer(env.ctx, { language: 'en' });
    await localSession(app); // signed in before any test counts rows
  });
  afterEach(async () => {
    await app.close();
    await env.cleanup();
  });

  it('answers 400 name.unsafe, in the language asked, and adds nothing', async () => {
    const before = await rowCounts(env.store);
    const en = await inject(app, { method: 'POST', url: '/api/projects/Omega/cases', payload: { name: 'Kerstin\u202Egnp' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.code).toBe('name.unsafe');
    expect(en.json().error.message).toBe(
      'name: a name cannot hold control characters or bidirectional marks (found U+202E); remove it.',
    );
    const sv = await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/codes',
      headers: { 'x-koda-lang': 'sv' },
      payload: { name: 'hinder\u001b[2J' },
    });
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error).toMatchObject({ code: 'name.unsafe' });
    expect(sv.json().error.message).toContain('styrtecken');
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
