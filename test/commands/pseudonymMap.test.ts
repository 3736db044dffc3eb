import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { createProject } from '../../src/commands/createProject.js';
import { runCommand } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listPseudonyms } from '../../src/commands/listPseudonyms.js';
import { suggestPseudonyms } from '../../src/commands/suggestPseudonyms.js';
import { legacyKeyFile, PseudonymKey } from '../../src/store/pseudonymKey.js';
import { onPostgres } from '../engine.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused, kodaError } from './fixtures.js';

const SECRET = 'en lång och hemlig fras';
const TEXT =
  'Kerstin: Jag jobbar i Hammarkullen med Albin.\n\nI: Och Göteborg?\n\nKerstin: Göteborg stöttar. Kerstins chef heter Per Svensson.\n';

let env: Awaited<ReturnType<typeof tempContext>>;
let projectId: string;

beforeEach(async () => {
  env = await tempContext();
  env.ctx.pseudonymSecret = SECRET;
  projectId = (await createProject(env.ctx, { name: 'P' })).id;
  await importSource(env.ctx, { project: 'P', fileName: 'a.txt', bytes: utf8(TEXT) });
  await importSource(env.ctx, { project: 'P', fileName: 'b.txt', bytes: utf8('Sen kom Albin och Hammarkullen igen.') });
});
afterEach(() => env.cleanup());

const locked = () => ({ ...env.ctx, pseudonymSecret: undefined });

/** The project's key as the store holds it: sealed. */
const sealedKey = async () =>
  (await env.store.db.selectFrom('pseudonym_keys').select('key').where('project_id', '=', projectId).executeTakeFirstOrThrow())
    .key;

describe('addPseudonym', () => {
  it('stores the fictive side in the database and the real forms only in the encrypted key', async () => {
    const r = await addPseudonym(env.ctx, { project: 'P', real: ['Kerstin', 'KERSTIN'], fictive: 'Lena' });
    expect(r).toMatchObject({ fictive: 'Lena', kind: 'person', created: true, realForms: 2 });
    expect(JSON.stringify(r)).not.toContain('Kerstin');
    const rows = await env.store.db.selectFrom('pseudonym_entries').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ id: r.id, project_id: projectId, fictive: 'Lena', kind: 'person' })]);
    const key = await PseudonymKey.open(env.store.db, projectId, SECRET);
    expect(key.entries).toEqual([{ id: r.id, real: ['Kerstin', 'KERSTIN'] }]);
    expect(await sealedKey()).not.toContain('Kerstin');
    const audit = await env.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'pseudonym.add').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/Kerstin|Lena/);
  });

  it('guesses the kind from the shipped lists, or takes the one given', async () => {
    expect((await addPseudonym(env.ctx, { project: 'P', real: 'Göteborg', fictive: 'Omega' })).kind).toBe('place');
    expect((await addPseudonym(env.ctx, { project: 'P', real: 'Hammarkullen', fictive: '[stadsdel Y]' })).kind).toBe('place');
    expect((await addPseudonym(env.ctx, { project: 'P', real: 'Ekbacken', fictive: '[område 2]' })).kind).toBe('other');
    expect(
      (await addPseudonym(env.ctx, { project: 'P', real: 'Socialtjänsten Väst', fictive: 'Förvaltning A', kind: 'organisation' }))
        .kind,
    ).toBe('organisation');
  });

  it('adds real forms to the entry that has the fictive form already', async () => {
    const first = await addPseudonym(env.ctx, { project: 'P', real: 'Göteborg', fictive: 'Omega', kind: 'place' });
    const second = await addPseudonym(env.ctx, { project: 'P', real: ['Göteborgs kommun', 'Göteborg'], fictive: 'Omega' });
    expect(second).toMatchObject({ id: first.id, created: false, added: 1, realForms: 2 });
    expect(await env.store.db.selectFrom('pseudonym_entries').select('id').execute()).toHaveLength(1);
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Gbg', fictive: 'Omega', kind: 'person' }),
      'pseudonym.kind-mismatch',
    );
  });

  it('refuses a real form that belongs to another entry, changing nothing', async () => {
    await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena' });
    const keyBefore = await sealedKey();
    const err = await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: ['Anna', 'Kerstin'], fictive: 'Maja' }),
      'pseudonym.real-taken',
    );
    expect(err.params).toEqual({ fictive: 'Lena' });
    expect(await sealedKey()).toBe(keyBefore);
  });

  it('refuses a fictive form that contains a real form, either way round', async () => {
    await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena' });
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Albin', fictive: 'Kerstin B.' }),
      'pseudonym.fictive-has-real',
    );
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Lena', fictive: 'Maja' }),
      'pseudonym.fictive-has-real',
    );
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Omega', fictive: 'Omega' }),
      'pseudonym.fictive-has-real',
    );
  });

  it('refuses empty forms and unknown kinds', async () => {
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: '   ' }),
      'input.invalid',
    );
    await expectRefused(env.store, () => addPseudonym(env.ctx, { project: 'P', real: [], fictive: 'Lena' }), 'input.invalid');
    await expectRefused(env.store, () => addPseudonym(env.ctx, { project: 'P', real: ' ', fictive: 'Lena' }), 'input.invalid');
    await expectRefused(
      env.store,
      () => addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena', kind: 'animal' as 'other' }),
      'input.invalid',
    );
  });

  it('needs the secret, and refuses a wrong one', async () => {
    await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena' });
    await expectRefused(
      env.store,
      () => addPseudonym(locked(), { project: 'P', real: 'Albin', fictive: 'Nils' }),
      'pseudonym.secret-required',
    );
    await expectRefused(
      env.store,
      () => addPseudonym({ ...env.ctx, pseudonymSecret: 'fel' }, { project: 'P', real: 'Albin', fictive: 'Nils' }),
      'pseudonym.wrong-secret',
    );
  });

  it('can be undone with its key: the real forms leave the key and are free again', async () => {
    await addPseudonym(env.ctx, { project: 'P', real: 'Albin', fictive: 'Nils' });
    const keyBefore = await sealedKey();
    await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena' });
    await undo(env.ctx, { project: 'P' });
    expect(await sealedKey()).toBe(keyBefore);
    expect((await listPseudonyms(env.ctx, { project: 'P' })).entries.map((e) => e.real)).toEqual([['Albin']]);
    const again = await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Maja' });
    expect(again.created).toBe(true);
    expect((await PseudonymKey.open(env.store.db, projectId, SECRET)).entries.map((e) => e.real)).toEqual([
      ['Albin'],
      ['Kerstin'],
    ]);
    await undo(env.ctx, { project: 'P' });
    await undo(env.ctx, { project: 'P' });
    expect(await env.store.db.selectFrom('pseudonym_keys').selectAll().execute()).toEqual([]);
  });

  it('ignores and drops real forms a key holds for entries without a row (undone before undo took the key back)', async () => {
    const kept = await addPseudonym(env.ctx, { project: 'P', real: 'Albin', fictive: 'Nils' });
    // A key as the file-based store left it after an undone add: Kerstin's entry without its row.
    await runCommand(env.ctx, { action: 'pseudonym.add', projectId }, async (w) => {
      const key = await PseudonymKey.open(w.trx, projectId, SECRET);
      key.entries.push({ id: 'undone', real: ['Kerstin'] });
      await key.save(w);
      return { result: null, objectIds: [] };
    });
    expect((await listPseudonyms(env.ctx, { project: 'P' })).entries.map((e) => e.real)).toEqual([['Albin']]);
    const again = await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Maja' });
    expect((await PseudonymKey.open(env.store.db, projectId, SECRET)).entries).toEqual([
      { id: kept.id, real: ['Albin'] },
      { id: again.id, real: ['Kerstin'] },
    ]);
  });
});

describe.skipIf(onPostgres)('a key file of an embedded store from before migration 005', () => {
  it('is moved into the store by the first command that needs it, and its file removed', async () => {
    const r = await addPseudonym(env.ctx, { project: 'P', real: 'Kerstin', fictive: 'Lena' });
    const sealed = await sealedKey();
    await env.store.db.deleteFrom('pseudonym_keys').execute();
    mkdirSync(join(env.dir, 'keys'));
    writeFileSync(legacyKeyFile(env.dir, projectId), sealed);
    expect((await listPseudonyms(env.ctx, { project: 'P' })).entries).toEqual([
      expect.objectContaining({ id: r.id, real: ['Kerstin'] }),
    ]);
    expect(existsSync(legacyKeyFile(env.dir, projectId))).toBe(false);
    expect(await sealedKey()).toBe(sealed);
  });
});

describe('listPseudonyms', () => {
  beforeEach(async () => {
    await addPseudonym(env.ctx, { project: 'P', real: ['Kerstin'], fictive: 'Lena' });
    await addPseudonym(env.ctx, { project: 'P', real: ['Hammarkullen'], fictive: '[stadsdel Y]', kind: 'place' });
  });

  it('shows fictive forms and kinds without the secret, never the real forms', async () => {
    const list = await listPseudonyms(locked(), { project: 'P' });
    expect(list.unlocked).toBe(false);
    expect(list.entries.map(({ id: _id, ...e }) => e)).toEqual([
      { fictive: 'Lena', kind: 'person', replaced: 0 },
      { fictive: '[stadsdel Y]', kind: 'place', replaced: 0 },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/Kerstin|Hammarkullen/);
  });

  it('shows the real forms with the secret, and refuses a wrong one', async () => {
    const list = await listPseudonyms(env.ctx, { project: 'P' });
    expect(list.unlocked).toBe(true);
    expect(list.entries.map((e) => [e.fictive, e.real])).toEqual([
      ['Lena', ['Kerstin']],
      ['[stadsdel Y]', ['Hammarkullen']],
    ]);
    expect((await kodaError(listPseudonyms({ ...env.ctx, pseudonymSecret: 'fel' }, { project: 'P' }))).code).toBe(
      'pseudonym.wrong-secret',
    );
  });
});

describe('suggestPseudonyms', () => {
  it('suggests names and places over all sources with counts and contexts', async () => {
    const r = await suggestPseudonyms(env.ctx, { project: 'P' });
    const by = Object.fromEntries(r.candidates.map((c) => [c.form, c]));
    expect(r.sources).toBe(2);
    expect(by.Kerstin).toMatchObject({ count: 3, kind: 'person', sources: 1 });
    expect(by.Hammarkullen).toMatchObject({ count: 2, sources: 2 });
    expect(by.Albin).toMatchObject({ count: 2, kind: 'person', sources: 2 });
    expect(by.Göteborg).toMatchObject({ count: 2, kind: 'place' });
    expect(by['Per Svensson']).toMatchObject({ count: 1, kind: 'person' });
    expect(by.Hammarkullen?.contexts.map((c) => c.text)).toEqual(['Hammarkullen', 'Hammarkullen']);
    expect(new Set(by.Hammarkullen?.contexts.map((c) => c.sourceId)).size).toBe(2);
    expect(by.I).toBeUndefined();
  });

  it('leaves out forms already in the map, real and fictive', async () => {
    await addPseudonym(env.ctx, { project: 'P', real: ['Kerstin'], fictive: 'Lena' });
    await addPseudonym(env.ctx, { project: 'P', real: ['Albin'], fictive: 'Göteborg' });
    const forms = (await suggestPseudonyms(env.ctx, { project: 'P' })).candidates.map((c) => c.form);
    expect(forms).not.toContain('Kerstin');
    expect(forms).not.toContain('Albin');
    expect(forms).not.toContain('Göteborg');
    expect(forms).toContain('Hammarkullen');
  });

  it('needs the secret once the project has a key (to leave out the real forms)', async () => {
    expect((await suggestPseudonyms(locked(), { project: 'P' })).candidates.length).toBeGreaterThan(0);
    await addPseudonym(env.ctx, { project: 'P', real: ['Kerstin'], fictive: 'Lena' });
    expect((await kodaError(suggestPseudonyms(locked(), { project: 'P' }))).code).toBe('pseudonym.secret-required');
  });

  it('takes user patterns, one source, a minimum count and a limit', async () => {
    const r = await suggestPseudonyms(env.ctx, { project: 'P', source: 'a', patterns: ['[Cc]hef'], minCount: 1 });
    expect(r.sources).toBe(1);
    expect(r.candidates.find((c) => c.form === 'chef')).toMatchObject({ reasons: ['pattern'], count: 1 });
    const frequent = await suggestPseudonyms(env.ctx, { project: 'P', minCount: 3, limit: 1 });
    expect(frequent.candidates.map((c) => c.form)).toEqual(['Kerstin']);
    expect((await kodaError(suggestPseudonyms(env.ctx, { project: 'P', patterns: ['(oj'] }))).code).toBe('pseudonym.bad-pattern');
  });
});
