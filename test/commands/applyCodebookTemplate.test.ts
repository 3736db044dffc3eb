import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCodebookTemplate } from '../../src/commands/applyCodebookTemplate.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import type { Store } from '../../src/store/db.js';
import { rowCounts, tempContext } from '../helpers.js';
import { codeTree, expectRefused } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  await createProject(ctx, { name: 'Omega', language: 'sv' });
  await createProject(ctx, { name: 'Omega EN', language: 'en' });
});
afterEach(() => cleanup());

const apply = (project: string, template = 'traffic-light') => applyCodebookTemplate(ctx, { project, template });
const codesOf = async (project: string) => {
  const p = await store.db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirstOrThrow();
  return store.db.selectFrom('codes').selectAll().where('project_id', '=', p.id).execute();
};
const colorOf = async (project: string, name: string) => (await codesOf(project)).find((c) => c.name === name)?.color;

describe('applyCodebookTemplate: traffic-light', () => {
  it('adds Strategier, Möjligheter and Hinder with their colours and codes under them', async () => {
    expect(await apply('Omega')).toEqual({ template: 'traffic-light', added: 23 });
    const p = (await codesOf('Omega'))[0]!.project_id;
    const tree = await codeTree(store, p);
    expect(tree['(top)']).toEqual(['Strategier@0', 'Möjligheter@1', 'Hinder@2']);
    expect(tree.Hinder).toEqual(['segregationsmönster@0', 'genomflyttning@1', 'media@2', 'tidsbrist@3', 'finansiering@4']);
    expect(tree.Strategier).toHaveLength(11);
    expect(tree.Möjligheter).toEqual(['informationsförmedling@0', 'samverkan@1', 'dokumentation@2', 'myndigheternas närvaro@3']);
    expect([
      await colorOf('Omega', 'Strategier'),
      await colorOf('Omega', 'Möjligheter'),
      await colorOf('Omega', 'Hinder'),
    ]).toEqual(['#f2c200', '#2e9e4f', '#d64541']);
  });

  it('gives the codes their category colour and a Swedish description', async () => {
    await apply('Omega');
    const codes = await codesOf('Omega');
    const media = codes.find((c) => c.name === 'media')!;
    expect(media.color).toBe('#d64541');
    expect(media.description.startsWith('Hur medier')).toBe(true);
    expect(codes.find((c) => c.name === 'samverkan')?.color).toBe('#2e9e4f');
    expect(codes.find((c) => c.name === 'plan')?.color).toBe('#f2c200');
  });

  it('adds nothing when applied twice', async () => {
    await apply('Omega');
    const before = await rowCounts(store);
    expect(await apply('Omega')).toEqual({ template: 'traffic-light', added: 0 });
    expect((await rowCounts(store)).codes).toBe(before.codes);
    expect(await codesOf('Omega')).toHaveLength(23);
  });

  it('reuses nodes already in place, whatever their case', async () => {
    await addCode(ctx, { project: 'Omega', name: 'hinder', color: '#000000' });
    await addCode(ctx, { project: 'Omega', name: 'Media', parent: 'hinder' });
    expect(await apply('Omega')).toEqual({ template: 'traffic-light', added: 21 });
    const codes = await codesOf('Omega');
    expect(codes.filter((c) => c.name.toLowerCase() === 'media')).toHaveLength(1);
    expect(codes.find((c) => c.name === 'tidsbrist')?.color).toBe('#000000');
  });

  it('uses English names in an English project', async () => {
    await apply('Omega EN');
    const p = (await codesOf('Omega EN'))[0]!.project_id;
    const tree = await codeTree(store, p);
    expect(tree['(top)']).toEqual(['Strategies@0', 'Opportunities@1', 'Obstacles@2']);
    expect(tree.Obstacles).toEqual([
      'segregation patterns@0',
      'residential turnover@1',
      'media@2',
      'lack of time@3',
      'funding@4',
    ]);
    expect(await colorOf('Omega EN', 'Obstacles')).toBe('#d64541');
    expect(await codesOf('Omega')).toEqual([]);
  });

  it('refuses an unknown template', async () => {
    const err = await expectRefused(store, () => apply('Omega', 'rainbow'), 'template.not-found');
    expect(err.params).toEqual({ template: 'rainbow', templates: 'traffic-light' });
  });
});
