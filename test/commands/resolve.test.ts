import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { findCode, loadCodes, resolveCase, resolveProject, resolveSource } from '../../src/commands/helpers/resolve.js';
import type { CodeRow } from '../../src/store/schema.js';
import { tempContext } from '../helpers.js';
import { kodaError, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;
let codes: CodeRow[];

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  codes = await loadCodes(ctx.store.db, s.p);
});
afterEach(() => cleanup());

const codeError = (ref: string) => {
  try {
    findCode(codes, ref);
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'found';
};

describe('resolve', () => {
  it('finds projects, sources and cases by id or name', async () => {
    expect((await resolveProject(ctx.store.db, 'Omega')).id).toBe(s.p);
    expect((await resolveProject(ctx.store.db, s.p)).name).toBe('Omega');
    expect((await resolveSource(ctx.store.db, s.p, 'grupp')).id).toBe(s.source);
    expect((await resolveCase(ctx.store.db, s.p, s.cases.kristin)).name).toBe('Kristin');
    expect((await kodaError(resolveCase(ctx.store.db, s.p, 'kristin'))).code).toBe('case.not-found');
  });

  it('finds a project by its id before another project named like that id, and refuses an unknown one', async () => {
    const other = await createProject(ctx, { name: s.p });
    expect((await resolveProject(ctx.store.db, s.p)).name).toBe('Omega');
    expect((await resolveProject(ctx.store.db, other.id)).name).toBe(s.p);
    expect((await kodaError(resolveProject(ctx.store.db, 'Okänt'))).code).toBe('project.not-found');
  });

  it('finds codes by id, name without case, or path', () => {
    expect(findCode(codes, s.codes.personal).name).toBe('personal');
    expect(findCode(codes, 'MEDIA').id).toBe(s.codes.media);
    expect(findCode(codes, 'Hinder/tidsbrist/personal').id).toBe(s.codes.personal);
    expect(findCode(codes, 'tidsbrist/personal').id).toBe(s.codes.personal);
  });

  it('finds a code whose own name contains a slash', async () => {
    const both = await addCode(ctx, { project: s.p, name: 'plan/strategi', parent: 'Strategier' });
    expect(findCode(await loadCodes(ctx.store.db, s.p), 'plan/strategi').id).toBe(both.id);
  });

  it('refuses a path that does not lead to the code', () => {
    expect(codeError('Strategier/media')).toBe('code.not-found');
    expect(codeError('Hinder/personal')).toBe('code.not-found');
    expect(codeError('okänd')).toBe('code.not-found');
  });
});
