import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { autocode } from '../../src/commands/autocode.js';
import { createProject } from '../../src/commands/createProject.js';
import { assertRegexesFinish } from '../../src/commands/helpers/regexGuard.js';
import { importSource } from '../../src/commands/importSource.js';
import { suggestPseudonyms } from '../../src/commands/suggestPseudonyms.js';
import { buildServer } from '../../src/server/app.js';
import { inject, rowCounts, tempContext, utf8 } from '../helpers.js';

/**
 * Every user-supplied regular expression (auto-coding, pseudonym suggestions) runs under the one
 * time guard (src/commands/helpers/regexGuard.ts). A refusal is tested with a small budget, so that it
 * comes soon; a pattern that must pass gets a roomy one, as the machine may be busy.
 */
const SMALL_BUDGET_MS = 300;
const ROOMY_BUDGET_MS = 5_000;
const project = 'Regex';
// Emoji outside the BMP (surrogate pairs), a ZWJ family, a skin tone, and a combining tilde on q
// (no precomposed form, so it stays two code points after NFC).
const EMOJI_TEXT = 'Hej 😀x där 👩‍👩‍👧 xx, ett ex 👍🏽 q\u0303x.';
const BACKTRACKING = `${'a'.repeat(40)}!`;

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance | undefined;
beforeEach(async () => {
  env = await tempContext();
  env.ctx.regexBudgetMs = ROOMY_BUDGET_MS;
  await createProject(env.ctx, { name: project });
  await addCode(env.ctx, { project, name: 'x' });
});
/** The context with the small budget, for the refusals. */
const hurried = () => ({ ...env.ctx, regexBudgetMs: SMALL_BUDGET_MS });
afterEach(async () => {
  await app?.close();
  app = undefined;
  await env.cleanup();
});

describe('the regular-expression guard', () => {
  it('accepts patterns that match empty strings next to emoji and combining marks', async () => {
    for (const pattern of ['x*', 'e?', '\\b', '(?:)']) {
      await expect(assertRegexesFinish([pattern], 'gu', [EMOJI_TEXT, '😀', ''], ROOMY_BUDGET_MS)).resolves.toBeUndefined();
    }
  });

  it('names the pattern that does not finish', async () => {
    await expect(assertRegexesFinish(['x*', '(a+)+$'], 'gu', [BACKTRACKING], SMALL_BUDGET_MS)).rejects.toMatchObject({
      code: 'regex.too-slow',
      params: { pattern: '(a+)+$' },
    });
  });
});

describe('auto-coding with a regular expression', () => {
  it('codes the right spans for `x*` and `e?` over text with emoji', async () => {
    await importSource(env.ctx, { project, fileName: 'emoji.txt', bytes: utf8(EMOJI_TEXT) });
    const found = async (pattern: string) =>
      (await autocode(env.ctx, { project, code: 'x', kind: 'regex', pattern, caseSensitive: true, dryRun: true })).listed.map(
        (p) => p.text,
      );
    expect(await found('x*')).toEqual(['x', 'xx', 'x', 'x']);
    expect(await found('e?')).toEqual(['e', 'e', 'e']); // Hej, ett, ex
  });

  it('refuses a backtracking pattern and codes nothing', async () => {
    await importSource(env.ctx, { project, fileName: 'aaa.txt', bytes: utf8(BACKTRACKING) });
    const before = await rowCounts(env.store);
    await expect(autocode(hurried(), { project, code: 'x', kind: 'regex', pattern: '^(a+)+$' })).rejects.toMatchObject({
      code: 'regex.too-slow',
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});

describe('pseudonym suggestions with the user’s own patterns', () => {
  beforeEach(async () => {
    await importSource(env.ctx, { project, fileName: 'aaa.txt', bytes: utf8(`Kerstin sa: ${BACKTRACKING}`) });
  });

  it('refuses `(a+)+$` with a clear error instead of hanging', async () => {
    await expect(suggestPseudonyms(hurried(), { project, patterns: ['(a+)+$'] })).rejects.toMatchObject({
      code: 'regex.too-slow',
      params: { pattern: '(a+)+$' },
    });
  });

  it('still suggests what a pattern matches, next to emoji', async () => {
    await importSource(env.ctx, { project, fileName: 'emoji.txt', bytes: utf8(EMOJI_TEXT) });
    const r = await suggestPseudonyms(env.ctx, { project, patterns: ['x*', 'q\\p{M}x'] });
    expect(r.candidates.map((c) => c.form)).toEqual(expect.arrayContaining(['xx', 'q\u0303x']));
  });

  it('refuses `(a+)+$` through the HTTP route too', async () => {
    app = await buildServer(hurried(), { language: 'en' });
    const r = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/pseudonyms/suggestions?pattern=${encodeURIComponent('(a+)+$')}`,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'regex.too-slow' });
    expect(r.json().error.message).toContain('(a+)+$');
  });

  it('refuses it in auto-coding through the HTTP route', async () => {
    app = await buildServer(hurried(), { language: 'sv' });
    const r = await inject(app, {
      method: 'POST',
      url: `/api/projects/${project}/autocode`,
      payload: { code: 'x', kind: 'regex', pattern: '(a+)+$' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'regex.too-slow' });
    expect(r.json().error.message).toContain('Mönstret');
  });
});
