import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { errorMessage, translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

/** An odt whose content.xml holds `paragraph` as its one paragraph. */
const odtWith = (paragraph: string) =>
  zipSync({
    mimetype: [utf8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    // Stored, so a deeply nested body is not refused first for its compression ratio.
    'content.xml': [
      utf8(
        `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${paragraph}</office:text></office:body></office:document-content>`,
      ),
      { level: 0 },
    ],
  });

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

describe('importSource of an odt through the guarded XML reader', () => {
  it.each([
    ['a NUL reference', '<text:p>I: Hej &#0; då</text:p>', 'xml.bad-character'],
    ['a lone surrogate reference', '<text:p>I: Hej &#xDC00; då</text:p>', 'xml.bad-character'],
    [
      'nesting 100,000 deep',
      `<text:p>${'<text:span>'.repeat(100_000)}x${'</text:span>'.repeat(100_000)}</text:p>`,
      'xml.too-deep',
    ],
  ])('refuses %s with one line in either language, storing nothing', async (_, paragraph, code) => {
    const err = await expectRefused(
      store,
      () => importSource(ctx, { project: p, fileName: 'k.odt', bytes: odtWith(paragraph) }),
      code,
    );
    for (const language of ['en', 'sv'] as const) {
      const message = errorMessage(err, translator(language));
      expect(message).toMatch(/^k\.odt: [^\n]+$/);
      expect(message).not.toContain(code);
    }
  });
});
