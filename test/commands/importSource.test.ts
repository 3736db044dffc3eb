import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import type { Store } from '../../src/store/db.js';
import { readOriginal } from '../../src/store/originals.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

const TRANSCRIPT = 'Intervju 1\r\n\r\nI: Hur länge har du arbetat här?\r\n\r\nKerstin: Sedan 2015 😀.\r\nDet är länge.\r\n';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

const load = (fileName: string, bytes: Uint8Array, extra: { case?: string; name?: string } = {}) =>
  importSource(ctx, { project: p, fileName, bytes, ...extra });

describe('importSource', () => {
  it('stores canonical text, speaker turns and the original bytes', async () => {
    const bytes = utf8(TRANSCRIPT);
    const result = await load('kerstin.txt', bytes);
    expect(result).toEqual({
      id: expect.any(String),
      name: 'kerstin',
      kind: 'txt',
      length: 83,
      turns: 2,
      speakers: [],
      warnings: [],
      skipped: false,
    });
    const source = await getSource(ctx, { project: p, source: 'kerstin' });
    expect(source.text).toBe('Intervju 1\n\nI: Hur länge har du arbetat här?\n\nKerstin: Sedan 2015 😀.\nDet är länge.\n');
    expect(source.turns.map((t) => [t.position, t.speaker, t.start, t.end])).toEqual([
      [0, 'I', 12, 44],
      [1, 'Kerstin', 46, 82],
    ]);
    const row = await store.db.selectFrom('sources').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
    expect(Buffer.from((await readOriginal(store.db, result.id))!).equals(Buffer.from(bytes))).toBe(true);
    expect(row).toMatchObject({
      original_name: 'kerstin.txt',
      original_media_type: 'text/plain',
      text_length: 83,
      case_id: null,
    });
  });

  it('links the source to a case and takes a name', async () => {
    const kerstin = await addCase(ctx, { project: p, name: 'Kerstin' });
    await load('dir/k.txt', utf8(TRANSCRIPT), { case: 'Kerstin', name: 'Intervju Kerstin' });
    const source = await getSource(ctx, { project: p, source: 'Intervju Kerstin' });
    expect(source.case).toEqual({ id: kerstin.id, name: 'Kerstin' });
    expect(source.originalName).toBe('k.txt');
  });

  it('warns about text the project already has and picks a free name', async () => {
    await load('x.txt', utf8(TRANSCRIPT));
    const second = await load('x.txt', utf8(TRANSCRIPT.replace(/\r\n/g, '\n')));
    expect(second.name).toBe('x (2)');
    expect(second.warnings).toEqual([{ code: 'import.duplicate', params: { file: 'x.txt', source: 'x' } }]);
    const third = await load('x.txt', utf8('Annan text.'));
    expect(third).toMatchObject({ name: 'x (3)', warnings: [] });
  });

  it('refuses Latin-1 bytes in a .txt file', async () => {
    const latin1 = new Uint8Array([0x48, 0x65, 0x6a, 0x20, 0x64, 0xe5, 0x21]); // "Hej då!" in Latin-1
    await expectRefused(store, () => load('latin1.txt', latin1), 'import.encoding');
  });

  it('refuses an unsupported file type', async () => {
    const err = await expectRefused(
      store,
      () => load('program.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0])),
      'import.unsupported',
    );
    expect(err.params).toEqual({ file: 'program.exe', ext: 'exe' });
  });

  it('refuses an unknown case without storing the source', async () => {
    await expectRefused(store, () => load('x.txt', utf8(TRANSCRIPT), { case: 'Okänd' }), 'case.not-found');
  });
});
