import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { buildReport } from '../../src/commands/buildReport.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { saveSmartCode } from '../../src/commands/saveSmartCode.js';
import { QUOTES, type Study, spanOf, studyFixture } from '../commands/fixtures.js';
import { tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const section = (md: string) => md.slice(md.indexOf('\n## Smarta koder\n'));

/** The words coded with both codes, worked out here from the two codes' segments, one range at a time. */
async function bothCoded(a: string, b: string): Promise<string[]> {
  const [as, bs] = await Promise.all([
    retrieveSegments(ctx, { project: s.p, code: a }),
    retrieveSegments(ctx, { project: s.p, code: b }),
  ]);
  const out = new Set<string>();
  for (const x of as)
    for (const y of bs) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (x.source.id === y.source.id && start < end) out.add([...s.text].slice(start, end).join(''));
    }
  return [...out];
}

describe('the results draft’s smart codes', () => {
  it('quotes each smart code’s passages under its query, attributed to the case, in Markdown, HTML and docx', async () => {
    await saveSmartCode(ctx, {
      project: s.p,
      name: 'Media och tidsbrist',
      expression: 'media AND tidsbrist',
      description: 'Båda hindren',
    });
    const expected = await bothCoded('media', 'tidsbrist');
    expect(expected.length).toBeGreaterThan(0);
    const md = section(text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes));
    expect(md).toContain('### Media och tidsbrist');
    expect(md).toContain('Fråga: "media" AND "tidsbrist"');
    expect(md).toContain('Båda hindren');
    expect(md.split('\n').filter((l) => l.startsWith('> '))).toEqual(expected.map((q) => `> “${q}” (Albin)`));
    const html = text((await buildReport(ctx, { project: s.p, format: 'html', charts: false })).bytes);
    expect(html).toContain('<h2>Smarta koder</h2>');
    expect(html).toContain(`<blockquote><p>“${expected[0]}” (Albin)</p></blockquote>`);
    const docx = (await buildReport(ctx, { project: s.p, format: 'docx', charts: false })).bytes;
    const xml = strFromU8(unzipSync(docx)['word/document.xml'] as Uint8Array);
    expect(xml).toContain('Smarta koder');
    expect(xml).toContain(expected[0]);
  });

  it('follows the coding: a passage coded after saving is quoted in the next draft', async () => {
    await saveSmartCode(ctx, { project: s.p, name: 'Planer', expression: 'plan' });
    const before = section(text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes));
    expect(before).not.toContain(QUOTES.media);
    await applyCoding(ctx, { project: s.p, source: s.source, code: 'plan', ...spanOf(s.text, QUOTES.media) });
    const after = section(text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes));
    expect(after).toContain(`> “${QUOTES.media}” (Albin)`);
  });

  it('says why a smart code cannot run rather than quoting nothing, and has no section without smart codes', async () => {
    expect(text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes)).not.toContain('## Smarta koder');
    await addCode(ctx, { project: s.p, name: 'tillfällig' });
    await saveSmartCode(ctx, { project: s.p, name: 'Tillfälligt', expression: 'tillfällig OR media' });
    await deleteCode(ctx, { project: s.p, code: 'tillfällig' });
    const md = section(text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes));
    expect(md).toContain('Den smarta koden kan inte köras nu:');
    expect(
      md
        .slice(md.indexOf('### Tillfälligt'))
        .split('\n')
        .filter((l) => l.startsWith('> ')),
    ).toEqual([]);
  });
});
