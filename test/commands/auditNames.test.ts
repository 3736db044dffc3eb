import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { editCode } from '../../src/commands/editCode.js';
import { importSource } from '../../src/commands/importSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { renameSource } from '../../src/commands/renameSource.js';
import { koda } from '../cli/run.js';
import { tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
  await createProject(env.ctx, { name: 'Omega' });
});
afterEach(() => env.cleanup());

const event = async (action: string) => {
  const [e] = await listAudit(env.ctx, { project: 'Omega', action });
  if (!e) throw new Error(`no ${action} event`);
  return e;
};

describe('the audit log names what its ids are now', () => {
  it('shows the current names of sources and codes, "deleted" for ids gone, and stores only ids', async () => {
    await addCase(env.ctx, { project: 'Omega', name: 'Kerstin Karlsson' });
    const source = await importSource(env.ctx, {
      project: 'Omega',
      fileName: 'intervju1.txt',
      bytes: utf8('I: Hej.\n\nKerstin: Hej.'),
      case: 'Kerstin Karlsson',
    });
    const code = await addCode(env.ctx, { project: 'Omega', name: 'media' });
    const segment = await applyCoding(env.ctx, { project: 'Omega', source: source.id, code: 'media', start: 0, end: 2 });
    await renameSource(env.ctx, { project: 'Omega', source: source.id, name: 'Intervju Omega 1' });
    await editCode(env.ctx, { project: 'Omega', code: 'media', name: 'medier' });

    const imported = await event('source.import');
    expect(imported.objectIds).toHaveLength(2);
    // Renamed since: shown by the name it has now. A case is named by kind only: its name can be a participant's.
    expect(imported.objects).toEqual([
      { id: source.id, kind: 'source', name: 'Intervju Omega 1' },
      { id: imported.objectIds[1], kind: 'case', name: null },
    ]);
    expect((await event('code.add')).objects).toEqual([{ id: code.id, kind: 'code', name: 'medier' }]);
    expect((await event('segment.apply')).objects).toEqual([
      { id: segment.id, kind: 'segment', name: null },
      { id: source.id, kind: 'source', name: 'Intervju Omega 1' },
      { id: code.id, kind: 'code', name: 'medier' },
    ]);

    await deleteCode(env.ctx, { project: 'Omega', code: 'medier', withSegments: true });
    expect((await event('code.add')).objects).toEqual([{ id: code.id, kind: null, name: null }]);
    expect((await event('segment.apply')).objects.map((o) => o.kind)).toEqual([null, 'source', null]);

    // What is stored holds ids only: no name, old or new, and no participant's name.
    const stored = JSON.stringify(await env.store.db.selectFrom('audit_events').selectAll().execute());
    for (const name of ['Intervju Omega 1', 'medier', 'media', 'Kerstin Karlsson']) expect(stored).not.toContain(`"${name}"`);
  });

  it('the CLI prints the names too, and "(deleted)" in the chosen language', async () => {
    const code = await addCode(env.ctx, { project: 'Omega', name: 'media' });
    await addCode(env.ctx, { project: 'Omega', name: 'tom' });
    const gone = await event('code.add');
    await deleteCode(env.ctx, { project: 'Omega', code: 'tom' });
    const en = await koda(env, ['audit', '--project', 'Omega', '--action', 'code.add']);
    expect(en.stdout).toContain(`\t(deleted) ${gone.objectIds[0]}\t`);
    expect(en.stdout).toContain(`\t"media" ${code.id}\t`);
    const sv = await koda(env, ['audit', '--project', 'Omega', '--action', 'code.add'], { KODA_LANG: 'sv' });
    expect(sv.stdout).toContain(`\t(borttaget) ${gone.objectIds[0]}\t`);
  });
});
